#include "generalize_problem.hpp"

#include <algorithm>
#include <cmath>

#include "dln/analytic/readout.hpp"
#include "dln/numeric/data_training.hpp"
#include "dln/numeric/init.hpp"

namespace dln::validation::detail {

using analytic::Block;

namespace {

RowRange rows_of(Block block, Eigen::Index omega, Eigen::Index total) {
  switch (block) {
    case Block::all: return {0, total};
    case Block::omega: return {0, omega};
    case Block::gamma: return {omega, total - omega};
  }
  return {};
}

RowRange rows_of(analytic::RowRange range) { return {range.begin, range.end - range.begin}; }

Eigen::MatrixXd columns(const Eigen::MatrixXd& Z, const std::vector<int>& cols) {
  Eigen::MatrixXd out(Z.rows(), static_cast<Eigen::Index>(cols.size()));
  for (std::size_t j = 0; j < cols.size(); ++j) out.col(static_cast<Eigen::Index>(j)) = Z.col(cols[j]);
  return out;
}

// Σ over the block's rows and the set's columns of E², divided by the number of rows (0 without rows).
double block_loss(const Eigen::MatrixXd& error, RowRange rows, const std::vector<int>& cols) {
  if (rows.count == 0) return 0.0;
  double sum = 0.0;
  for (int c : cols) sum += error.col(c).segment(rows.begin, rows.count).squaredNorm();
  return sum / static_cast<double>(rows.count);
}

}  // namespace

GeneralizeProblem::GeneralizeProblem(const GeneralizeOptions& options) : options_(options) {
  const auto& spec = options.spec;
  if (options.data) {
    X_ = options.data->X;
    Y_ = options.data->Y;
    const auto& blocks = options.data->blocks;
    omega_rows_ = blocks ? rows_of(blocks->omega_y) : RowRange{0, Y_.rows()};
    if (blocks) gamma_rows_ = rows_of(blocks->gamma_y);
  } else {
    const Eigen::MatrixXd X_full = analytic::input_matrix(spec);
    omega_in_ = options.input_features ? spec.n1 : 0;
    X_ = X_full.bottomRows(X_full.rows() - (spec.n1 - omega_in_));
    Y_ = analytic::output_matrix(spec);
    omega_out_ = spec.n2;
    omega_rows_ = {0, omega_out_};
    gamma_rows_ = {omega_out_, Y_.rows() - omega_out_};
  }

  const auto patterns = static_cast<int>(X_.cols());
  std::vector<bool> trained(static_cast<std::size_t>(patterns), false);
  for (int c : options.train) trained[static_cast<std::size_t>(c)] = true;
  for (int c = 0; c < patterns; ++c)
    if (!trained[static_cast<std::size_t>(c)]) test_.push_back(c);

  // On data, one dense network over all rows (the dense layout's blocks `all`).
  for (const auto& layout : analytic::module_layouts(options.arch)) {
    GeneralizeModule m;
    m.in = rows_of(layout.input, omega_in_, X_.rows());
    m.out = rows_of(layout.output, omega_out_, Y_.rows());
    m.deep = layout.deep;
    m.X_train = columns(X_.middleRows(m.in.begin, m.in.count), options.train);
    m.Y_train = columns(Y_.middleRows(m.out.begin, m.out.count), options.train);
    modules_.push_back(std::move(m));
  }
  eta_ = static_cast<double>(patterns) * options.lr / static_cast<double>(options.train.size());
}

analytic::NetworkWeights GeneralizeProblem::initial_weights(std::uint64_t seed) const {
  if (options_.data) {  // the init of dln simulate --data for the same seed
    auto w = numeric::random_dense_init(X_.rows(), Y_.rows(), options_.hidden, options_.init_scale, seed);
    return {{std::move(w.W1), std::move(w.W2)}};
  }
  analytic::NetworkWeights weights =
      numeric::random_init(options_.spec, options_.arch, options_.hidden, options_.init_scale, seed);
  // random_init draws the columns of Ωx too; without them as inputs those columns are simply dropped, so
  // the remaining entries are still i.i.d. N(0, σ²).
  const Eigen::Index dropped = options_.spec.n1 - omega_in_;
  for (std::size_t i = 0; i < modules_.size(); ++i) {
    Eigen::MatrixXd& W_in = weights[i].W1;
    if (W_in.cols() > modules_[i].in.count) W_in = W_in.rightCols(W_in.cols() - dropped).eval();
  }
  return weights;
}

void GeneralizeProblem::step(analytic::NetworkWeights& weights) const {
  for (std::size_t i = 0; i < modules_.size(); ++i) {
    const auto& m = modules_[i];
    auto& w = weights[i];
    if (m.deep) {
      const Eigen::MatrixXd H = w.W1 * m.X_train;
      const Eigen::MatrixXd E = m.Y_train - w.W2 * H;  // −∂/∂Ŷ of the summed half squared error
      const Eigen::MatrixXd dW1 = (w.W2.transpose() * E) * m.X_train.transpose();
      w.W2.noalias() += eta_ * E * H.transpose();
      w.W1.noalias() += eta_ * dW1;
    } else {
      const Eigen::MatrixXd E = m.Y_train - w.W1 * m.X_train;
      w.W1.noalias() += eta_ * E * m.X_train.transpose();
    }
  }
}

SplitLosses GeneralizeProblem::losses(const analytic::NetworkWeights& weights) const {
  Eigen::MatrixXd prediction = Eigen::MatrixXd::Zero(Y_.rows(), Y_.cols());
  for (std::size_t i = 0; i < modules_.size(); ++i) {
    const auto& m = modules_[i];
    const auto& w = weights[i];
    const auto X_m = X_.middleRows(m.in.begin, m.in.count);
    prediction.middleRows(m.out.begin, m.out.count) = m.deep ? Eigen::MatrixXd(w.W2 * (w.W1 * X_m))
                                                              : Eigen::MatrixXd(w.W1 * X_m);
  }
  return losses_of(prediction);
}

SystematicityReadouts GeneralizeProblem::readouts(const analytic::NetworkWeights& weights) const {
  if (options_.data) return data_readouts(weights);
  const auto& spec = options_.spec;
  Eigen::MatrixXd omega_block = Eigen::MatrixXd::Zero(omega_out_, omega_in_);  // W[Ωy,Ωx]
  double per_item = 0.0;                                                        // ‖W[Ωy,Γx]‖²
  for (std::size_t i = 0; i < modules_.size(); ++i) {
    const auto& m = modules_[i];
    if (omega_out_ == 0 || m.out.begin != 0) continue;  // the module does not output Ωy (the first rows of Y)
    const auto& w = weights[i];
    const Eigen::MatrixXd rows = m.deep ? Eigen::MatrixXd(w.W2.topRows(omega_out_) * w.W1)
                                        : Eigen::MatrixXd(w.W1.topRows(omega_out_));  // its Ωy rows of W
    const Eigen::Index omega_cols = m.in.begin == 0 ? std::min(omega_in_, m.in.count) : 0;  // Ωx leads X
    omega_block += rows.leftCols(omega_cols);
    per_item += rows.rightCols(rows.cols() - omega_cols).squaredNorm();
  }
  const double systematicity = analytic::systematicity({omega_block.norm(), std::sqrt(per_item), 0.0, 0.0});
  Eigen::MatrixXd difference = Eigen::MatrixXd::Zero(spec.n2, spec.n1);  // W[Ωy,Ωx] − S
  if (omega_in_ > 0) difference = omega_block;
  const auto kept = spec.kept_features();
  for (std::size_t row = 0; row < kept.size(); ++row) difference(static_cast<Eigen::Index>(row), kept[row]) -= 1.0;
  return {systematicity, difference.norm()};
}

// ‖W[Ωy,Ωx]‖ against ‖W[Ωy,Γx]‖ with the user's blocks (docs/theory.md §6); there is no S to compare with.
SystematicityReadouts GeneralizeProblem::data_readouts(const analytic::NetworkWeights& weights) const {
  const auto& blocks = options_.data->blocks;
  if (!blocks) return {};
  const Eigen::MatrixXd W = weights.front().W2 * weights.front().W1;
  const auto block = [&](analytic::RowRange x) {
    return W.block(blocks->omega_y.begin, x.begin, blocks->omega_y.end - blocks->omega_y.begin, x.end - x.begin).norm();
  };
  return {analytic::systematicity({block(blocks->omega_x), block(blocks->gamma_x), 0.0, 0.0}), 0.0};
}

// GD only ever adds to W1 (and, shallow, to W) multiples of ·X_Tᵀ, so from a small init the map stays in
// the row space of X_T up to the init's own O(σ) part and converges to the solution of least norm there:
// W* = Y_T X_T⁺ = Y_T (X_TᵀX_T)⁺ X_Tᵀ, computed through the |T| × |T| Gram matrix.
SplitLosses GeneralizeProblem::min_norm_losses() const {
  Eigen::MatrixXd prediction = Eigen::MatrixXd::Zero(Y_.rows(), Y_.cols());
  for (const auto& m : modules_) {
    const Eigen::MatrixXd gram = m.X_train.transpose() * m.X_train;
    const Eigen::MatrixXd gram_pinv = Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd>(gram).pseudoInverse();
    const auto X_m = X_.middleRows(m.in.begin, m.in.count);
    prediction.middleRows(m.out.begin, m.out.count) = m.Y_train * gram_pinv * (m.X_train.transpose() * X_m);
  }
  return losses_of(prediction);
}

SplitLosses GeneralizeProblem::losses_of(const Eigen::MatrixXd& prediction) const {
  const Eigen::MatrixXd error = prediction - Y_;
  return {block_loss(error, omega_rows_, options_.train), block_loss(error, omega_rows_, test_),
          block_loss(error, gamma_rows_, options_.train), block_loss(error, gamma_rows_, test_)};
}

}  // namespace dln::validation::detail
