#include "dln/nonlinear/jarvis.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <random>

#include "dln/analytic/invalid_input.hpp"
#include "dln/analytic/readout.hpp"
#include "dln/nonlinear/relu_network.hpp"
#include "dln/nonlinear/sgd.hpp"
#include "dln/parallel/ordered_pool.hpp"

namespace dln::nonlinear {

using Matrix = ReluNetwork<double>::Matrix;

namespace {

// The rows of X (or Y) a module sees: [Ω ; Γ], Ω only or Γ only, Ω having `omega` rows.
Rows block_rows(analytic::Block block, Eigen::Index omega, Eigen::Index total) {
  switch (block) {
    case analytic::Block::all: return {0, total};
    case analytic::Block::omega: return {0, omega};
    case analytic::Block::gamma: return {omega, total - omega};
  }
  return {};
}

Matrix columns(const Matrix& Z, const std::vector<int>& cols) {
  Matrix out(Z.rows(), static_cast<Eigen::Index>(cols.size()));
  for (std::size_t j = 0; j < cols.size(); ++j) out.col(static_cast<Eigen::Index>(j)) = Z.col(cols[j]);
  return out;
}

// Σ over the rows and the set's columns of E², divided by the number of rows (0 without rows), §10.
double block_loss(const Matrix& error, Rows rows, const std::vector<int>& cols) {
  if (rows.count == 0) return 0.0;
  double sum = 0.0;
  for (int c : cols) sum += error.col(c).segment(rows.begin, rows.count).squaredNorm();
  return sum / static_cast<double>(rows.count);
}

class JarvisProblem {
public:
  explicit JarvisProblem(const JarvisOptions& o) : options_(o) {
    X_ = analytic::input_matrix(o.spec);
    Y_ = analytic::output_matrix(o.spec);
    std::vector<bool> trained(o.spec.patterns(), o.train.empty());
    for (int c : o.train) trained[static_cast<std::size_t>(c)] = true;
    for (int c = 0; c < static_cast<int>(o.spec.patterns()); ++c)
      (trained[static_cast<std::size_t>(c)] ? train_ : test_).push_back(c);
    X_train_ = columns(X_, train_);
    Y_train_ = columns(Y_, train_);
    for (const auto& layout : analytic::module_layouts(o.arch))
      shapes_.push_back({block_rows(layout.input, o.spec.n1, X_.rows()), block_rows(layout.output, o.spec.n2, Y_.rows()),
                         o.hidden});
    step_ = o.lr * o.spec.P() / static_cast<double>(train_.size());
    batch_ = o.batch == 0 ? X_train_.cols() : o.batch;
  }

  RunCurves run(std::uint64_t seed) const {
    std::mt19937_64 engine(seed);  // the init's draws, then the batch order
    ReluNetwork<double> network(shapes_, X_.rows(), Y_.rows(), options_.init_scale, engine);
    RunCurves curves;
    for (int t = 0; t <= options_.epochs; ++t) {
      std::vector<double> values = readout(network);
      if (!std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); })) break;
      curves.push_back(std::move(values));
      if (t < options_.epochs && !sgd_epoch(network, X_train_, Y_train_, batch_, step_, engine)) break;
    }
    return curves;
  }

private:
  std::vector<double> readout(const ReluNetwork<double>& network) const {
    const Matrix error = network.predict(X_) - Y_;
    double train_sq = 0.0;
    for (int c : train_) train_sq += error.col(c).squaredNorm();
    const Eigen::Index n1 = options_.spec.n1, n2 = options_.spec.n2;
    const Matrix J = network.mean_jacobian(X_);
    const analytic::Quadrants q{J.topLeftCorner(n2, n1).norm(), J.topRightCorner(n2, J.cols() - n1).norm(),
                                J.bottomLeftCorner(J.rows() - n2, n1).norm(),
                                J.bottomRightCorner(J.rows() - n2, J.cols() - n1).norm()};
    const Rows omega{0, n2}, gamma{n2, Y_.rows() - n2};
    return {train_sq / (2.0 * static_cast<double>(train_.size())),
            q.OxOy,
            q.GxOy,
            q.OxGy,
            q.GxGy,
            analytic::systematicity(q),
            block_loss(error, omega, train_),
            block_loss(error, omega, test_),
            block_loss(error, gamma, train_),
            block_loss(error, gamma, test_)};
  }

  JarvisOptions options_;
  Matrix X_, Y_, X_train_, Y_train_;
  std::vector<int> train_, test_;
  std::vector<ModuleShape> shapes_;
  double step_ = 0.0;
  Eigen::Index batch_ = 0;
};

}  // namespace

void JarvisOptions::validate() const {
  spec.validate();
  const double P = spec.P();
  const double rows = spec.n1 + spec.k1 * P + spec.n2 + spec.k2 * P;
  if (rows * P > kMaxJarvisDataEntries)
    throw InvalidInput("n1", fmt::format("X and Y would hold {:.3g} entries, more than the ReLU networks' explicit "
                                         "data allow ({:.0e}); lower --n1, --k1 or --k2",
                                         rows * P, kMaxJarvisDataEntries));
  if (arch == analytic::Architecture::shallow)
    throw InvalidInput("arch", "must be dense, split or segregated (two-layer ReLU networks; shallow has no hidden layer)");
  std::vector<int> sorted = train;
  std::sort(sorted.begin(), sorted.end());
  if (!sorted.empty() && (sorted.front() < 0 || sorted.back() >= static_cast<int>(spec.patterns())))
    throw InvalidInput("train", fmt::format("pattern indices must be in [0, {}] (P = {}), got {}", spec.patterns() - 1,
                                            spec.patterns(), sorted.front() < 0 ? sorted.front() : sorted.back()));
  if (const auto twin = std::adjacent_find(sorted.begin(), sorted.end()); twin != sorted.end())
    throw InvalidInput("train", fmt::format("pattern {} is listed twice; each index at most once", *twin));
  if (!std::isfinite(lr) || lr <= 0.0) throw InvalidInput("lr", fmt::format("must be a finite number > 0, got {}", lr));
  if (epochs < 1 || epochs > kMaxJarvisEpochs)
    throw InvalidInput("epochs", fmt::format("must be an integer in [1, {}], got {}", kMaxJarvisEpochs, epochs));
  const auto trained = static_cast<int>(train.empty() ? spec.patterns() : train.size());
  if (batch < 0 || batch > trained)
    throw InvalidInput("batch", fmt::format("must be an integer in [0, {}] (0 = full batch; at most the {} training "
                                            "patterns), got {}",
                                            trained, trained, batch));
  if (hidden < 1 || hidden > kMaxJarvisHidden)
    throw InvalidInput("hidden", fmt::format("must be an integer in [1, {}], got {}", kMaxJarvisHidden, hidden));
  if (!std::isfinite(init_scale) || init_scale <= 0.0)
    throw InvalidInput("init-scale", fmt::format("must be a finite number > 0, got {}", init_scale));
  validate_seeds(seed, seeds);
}

SeedCurves train_jarvis(const JarvisOptions& options) {
  options.validate();
  const JarvisProblem problem(options);
  std::vector<std::uint64_t> seeds;
  for (int i = 0; i < options.seeds; ++i) seeds.push_back(options.seed + static_cast<std::uint64_t>(i));
  // Independent runs on every core (dln::parallel::OrderedPool); the numbers are the serial loop's.
  parallel::OrderedPool pool(seeds.size(), 0, [&](std::size_t i) { return problem.run(seeds[i]); });
  std::vector<RunCurves> runs;
  for (std::size_t i = 0; i < pool.size(); ++i) runs.push_back(pool.get(i));
  return summarize(kJarvisColumns, runs, std::move(seeds), static_cast<std::size_t>(options.epochs) + 1);
}

}  // namespace dln::nonlinear
