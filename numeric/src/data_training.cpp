// Dense full-batch GD on a user's data (docs/theory.md §4): E = Σyx − W Σx, W1 += η W2ᵀE, W2 += η E W1ᵀ
// with η = P·lr, and L = ½(tr Σy − 2⟨W, Σyx⟩ + ⟨W Σx, W⟩).
#include "dln/numeric/data_training.hpp"

#include <cmath>
#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"
#include "dln/numeric/gaussian_matrices.hpp"

namespace dln::numeric {

DenseWeights random_dense_init(Eigen::Index inputs, Eigen::Index outputs, int hidden, double sigma, std::uint64_t seed) {
  GaussianMatrices draw(sigma, seed);
  Eigen::MatrixXd W1 = draw.next(hidden, inputs);  // W1 first: the order of the draws
  return {std::move(W1), draw.next(outputs, hidden)};
}

DenseWeights aligned_dense_init(const analytic::DataModes& modes, int hidden, double a0) {
  if (hidden < modes.rank)
    throw InvalidInput("hidden", fmt::format("{} is below the data's {} modes; accepted: at least {} with --init aligned",
                                             hidden, modes.rank, modes.rank));
  const Eigen::MatrixXd root = std::sqrt(a0) * Eigen::MatrixXd::Identity(hidden, modes.rank);
  return {root * modes.V.leftCols(modes.rank).transpose(), modes.U.leftCols(modes.rank) * root.transpose()};
}

namespace {

// ½‖Y − WX‖²/P expanded through Σx and Σyx.
double data_loss(const analytic::DataModes& modes, double loss_offset, const Eigen::MatrixXd& W,
                 const Eigen::MatrixXd& W_sigma_x) {
  return loss_offset - (W.array() * modes.sigma_yx.array()).sum() + 0.5 * (W_sigma_x.array() * W.array()).sum();
}

DataRow row_of(const analytic::DataModes& modes, const Eigen::MatrixXd& W, double loss, int t,
               const std::optional<analytic::DataBlocks>& blocks) {
  const auto U = modes.U.leftCols(modes.rank), V = modes.V.leftCols(modes.rank);
  // A few ulps below 0 at a perfect fit are rounding, not a negative sum of squares.
  DataRow row{t, loss < 0.0 ? 0.0 : loss, (U.transpose() * W * V).diagonal(), std::nullopt};
  if (blocks) row.quadrants = analytic::block_quadrants(W, *blocks);
  return row;
}

}  // namespace

DataRow measure_on_data(const analytic::DataModes& modes, double loss_offset, const DenseWeights& weights, int t,
                        const std::optional<analytic::DataBlocks>& blocks) {
  const Eigen::MatrixXd W = weights.W2 * weights.W1;
  return row_of(modes, W, data_loss(modes, loss_offset, W, W * modes.sigma_x), t, blocks);
}

DataRun train_on_data(const analytic::DataModes& modes, double loss_offset, DenseWeights w,
                      const DataTrainingOptions& options) {
  const double eta = static_cast<double>(modes.P) * options.lr;
  DataRun run;
  for (int t = 0; t <= options.epochs; ++t) {
    const Eigen::MatrixXd W = w.W2 * w.W1, W_sigma_x = W * modes.sigma_x;
    const double loss = data_loss(modes, loss_offset, W, W_sigma_x);
    if (!std::isfinite(loss)) {
      run.failed_at = t;
      break;
    }
    run.rows.push_back(row_of(modes, W, loss, t, options.blocks));
    if (options.on_epoch) options.on_epoch(t, w);
    if (t == options.epochs) break;
    const Eigen::MatrixXd E = modes.sigma_yx - W_sigma_x;
    const Eigen::MatrixXd step1 = eta * w.W2.transpose() * E;
    w.W2 += eta * E * w.W1.transpose();
    w.W1 += step1;
  }
  return run;
}

double stable_data_lr(const analytic::DataModes& modes) {
  const double lambda_max = modes.eigen_x(0), a_max = modes.asymptote().maxCoeff();
  return 2.0 / (static_cast<double>(modes.P) * 2.0 * lambda_max * std::max(a_max, 1e-300));
}

}  // namespace dln::numeric
