// docs/theory.md §10: training on a subset of the patterns, testing on the held-out combinations.
#include "dln/validation/generalize.hpp"

#include <boost/random/uniform_int_distribution.hpp>
#include <algorithm>
#include <array>
#include <cmath>
#include <mutex>
#include <fmt/format.h>
#include <numeric>
#include <random>

#include "dln/analytic/architecture.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/analytic/theory.hpp"
#include "dln/numeric/init.hpp"
#include "dln/parallel/ordered_pool.hpp"
#include "dln/training/ensemble.hpp"
#include "dln/training/seed_statistics.hpp"
#include "generalize_problem.hpp"

namespace dln::validation {

namespace {

// The experiment keeps X and Y as dense matrices; beyond this many matrix entries in all (80 MB) it is refused.
constexpr double kMaxDataEntries = 1.0e7;

// The matrix entries the experiment holds at its peak, in double so that no size can overflow: X and Y, and
// the prediction and its error beside them (≈ 2·rows·P), and per module the min-norm map's |T| × |T| Gram
// matrix, its pseudo-inverse and the decomposition's copy, and X_Tᵀ·X (|T| × P). With k1 = k2 = 0 the data
// is small but |T|² is not: --n1 16 --train-fraction 0.5 needs 5.4e9 entries, 43 GB.
struct DataEntries {
  double data, min_norm;
  double total() const { return data + min_norm; }
};
DataEntries data_entries(const analytic::DatasetSpec& spec, analytic::Architecture arch, std::size_t train) {
  const double P = spec.P();
  const double rows = spec.n1 + spec.k1 * P + spec.n2 + spec.k2 * P;
  const double T = static_cast<double>(train);
  const double modules = static_cast<double>(analytic::module_layouts(arch).size());
  return {2.0 * rows * P, modules * (3.0 * T * T + T * P)};
}

// One run's numbers at one epoch: the four losses, then systematicity and dist_S.
using Values = std::array<double, 6>;
Values values(const SplitLosses& l, const SystematicityReadouts& s) {
  return {l.train_omega, l.test_omega, l.train_gamma, l.test_gamma, s.systematicity, s.dist_S};
}
SplitLosses losses_of(const Values& v) { return {v[0], v[1], v[2], v[3]}; }
SystematicityReadouts readouts_of(const Values& v) { return {v[4], v[5]}; }

}  // namespace

std::uint64_t GeneralizeOptions::patterns() const {
  return data ? static_cast<std::uint64_t>(data->X.cols()) : spec.patterns();
}

void GeneralizeOptions::validate() const {
  if (data) {
    validate_data();
  } else {
    spec.validate();
    validate_family_size();
  }
  if (train.empty()) throw dln::InvalidInput("train", "the training subset is empty; give at least one pattern");
  std::vector<int> sorted = train;
  std::sort(sorted.begin(), sorted.end());
  if (sorted.front() < 0 || sorted.back() >= static_cast<int>(patterns()))
    throw dln::InvalidInput("train", fmt::format("pattern indices must be in [0, {}] (P = {}), got {}",
                                                 patterns() - 1, patterns(),
                                                 sorted.front() < 0 ? sorted.front() : sorted.back()));
  if (const auto twin = std::adjacent_find(sorted.begin(), sorted.end()); twin != sorted.end())
    throw dln::InvalidInput("train", fmt::format("pattern {} is listed twice; each index at most once", *twin));
  analytic::TheoryOptions{lr, epochs}.validate();
  if (hidden < 1 || hidden > numeric::kMaxHidden)
    throw dln::InvalidInput("hidden", fmt::format("must be an integer in [1, {}], got {}", numeric::kMaxHidden, hidden));
  if (data) {
    if (const double weights = static_cast<double>(hidden) * static_cast<double>(data->X.rows() + data->Y.rows());
        weights > numeric::kMaxWeightEntries)
      throw dln::InvalidInput("hidden", fmt::format("{} hidden units over {} inputs and {} outputs are {:.3g} weights, "
                                                    "more than fit ({:.0e}); lower --hidden", hidden, data->X.rows(),
                                                    data->Y.rows(), weights, numeric::kMaxWeightEntries));
  } else {
    numeric::check_weights_fit(spec, arch, hidden);
  }
  if (!std::isfinite(init_scale) || init_scale <= 0.0)
    throw dln::InvalidInput("init-scale", fmt::format("must be a finite number > 0, got {}", init_scale));
  training::validate_seed_count(seed, seeds);
  if (jobs < 0) throw dln::InvalidInput("jobs", fmt::format("must be ≥ 0 (0: every core), got {}", jobs));
}

// The data's own checks: one dense network (the data has no module structure), X with all its rows, and the
// same memory bound as the family's (X, Y, the predictions and the min-norm map's Gram matrices).
void GeneralizeOptions::validate_data() const {
  if (arch != analytic::Architecture::dense)
    throw dln::InvalidInput("arch", fmt::format("'{}' with --data; accepted: dense (the data has no module structure)",
                                                analytic::to_string(arch)));
  if (!input_features)
    throw dln::InvalidInput("no-input-features", "applies to the built-in family only; with --data give the X you want");
  const double P = static_cast<double>(data->X.cols()), T = static_cast<double>(train.size());
  if (const double needed = 2.0 * static_cast<double>(data->X.rows() + data->Y.rows()) * P + 3.0 * T * T + T * P;
      needed > kMaxDataEntries)
    throw dln::InvalidInput("data", fmt::format("this run would hold {:.3g} matrix entries ({:.3g} GB), more than this "
                                                "experiment allows ({:.0e}, {:.0f} MB); use fewer samples or rows",
                                                needed, needed * 8e-9, kMaxDataEntries, kMaxDataEntries * 8e-6));
}

void GeneralizeOptions::validate_family_size() const {
  if (const DataEntries needed = data_entries(spec, arch, train.size()); needed.total() > kMaxDataEntries)
    throw dln::InvalidInput("n1", fmt::format("this run would hold {:.3g} matrix entries ({:.3g} GB: {:.3g} for X, Y "
                                              "and the predictions, {:.3g} for the min-norm map over {} training "
                                              "patterns), more than this experiment allows ({:.0e}, {:.0f} MB); lower "
                                              "--n1, --k1, --k2 or the training subset",
                                              needed.total(), needed.total() * 8e-9, needed.data, needed.min_norm,
                                              train.size(), kMaxDataEntries, kMaxDataEntries * 8e-6));
}

std::vector<int> draw_training_subset(std::uint64_t patterns, double fraction, std::uint64_t seed) {
  if (!(fraction > 0.0 && fraction <= 1.0))
    throw dln::InvalidInput("train-fraction", fmt::format("must be in (0, 1], got {}", fraction));
  const auto count = static_cast<std::size_t>(std::llround(fraction * static_cast<double>(patterns)));
  if (count == 0)
    throw dln::InvalidInput("train-fraction", fmt::format("{} of P = {} patterns rounds to none; raise it to at "
                                                          "least {:.3g}",
                                                          fraction, patterns, 0.5 / static_cast<double>(patterns)));
  std::vector<int> order(patterns);
  std::iota(order.begin(), order.end(), 0);
  // The first `count` steps of a Fisher–Yates shuffle: a uniform subset, the same with every compiler.
  std::mt19937_64 engine(seed);
  for (std::size_t i = 0; i < count; ++i) {
    boost::random::uniform_int_distribution<std::size_t> pick(i, order.size() - 1);
    std::swap(order[i], order[pick(engine)]);
  }
  order.resize(count);
  std::sort(order.begin(), order.end());
  return order;
}

SplitLosses min_norm_losses(const GeneralizeOptions& options) {
  options.validate();
  return detail::GeneralizeProblem(options).min_norm_losses();
}

GeneralizeResult generalize(const GeneralizeOptions& options) {
  options.validate();
  const detail::GeneralizeProblem problem(options);
  GeneralizeResult result;
  result.min_norm = problem.min_norm_losses();

  // The runs go to a pool; they are combined below in seed order, so the moments are the same bits whatever
  // the pool's width. A run's rows end before its first non-finite value.
  std::mutex progress_mutex;
  std::int64_t rows_done = 0;
  parallel::OrderedPool pool(static_cast<std::size_t>(options.seeds), options.jobs, [&](std::size_t i) {
    analytic::NetworkWeights weights = problem.initial_weights(options.seed + i);
    std::vector<Values> run;
    for (int t = 0; t <= options.epochs; ++t) {
      const Values v = values(problem.losses(weights), problem.readouts(weights));
      if (!std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); })) break;
      run.push_back(v);
      if (options.on_row) {
        const std::lock_guard lock(progress_mutex);
        options.on_row(++rows_done);
      }
      if (t < options.epochs) problem.step(weights);
    }
    return run;
  });

  // Per epoch, the running mean and sum of squared deviations over the runs so far (seed_statistics.hpp).
  std::vector<Values> mean, squares;
  for (int i = 0; i < options.seeds; ++i) {
    const std::uint64_t seed = options.seed + static_cast<std::uint64_t>(i);
    result.seeds.push_back(seed);
    const std::vector<Values> run = pool.get(static_cast<std::size_t>(i));
    if (const int t = static_cast<int>(run.size()); t <= options.epochs && (!result.failed_at || t < *result.failed_at)) {
      result.failed_at = t;
      result.failed_seed = seed;
    }
    const std::size_t rows = i == 0 ? run.size() : std::min(mean.size(), run.size());  // the rows every run has
    mean.resize(rows);
    squares.resize(rows);
    for (std::size_t t = 0; t < rows; ++t)
      for (std::size_t k = 0; k < run[t].size(); ++k)
        training::add_to_moments(run[t][k], i + 1, mean[t][k], squares[t][k]);
  }
  if (result.failed_at) result.status = analytic::RunStatus::diverged;

  for (std::size_t t = 0; t < mean.size(); ++t) {
    Values sd{};
    for (std::size_t k = 0; k < sd.size(); ++k) sd[k] = training::sample_sd(squares[t][k], options.seeds);
    result.rows.push_back(
        {static_cast<int>(t), losses_of(mean[t]), losses_of(sd), readouts_of(mean[t]), readouts_of(sd)});
  }
  return result;
}

}  // namespace dln::validation
