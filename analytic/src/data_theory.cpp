// The closed-form learning curves of a user's data (docs/theory.md §5) on its numerical modes.
#include "dln/analytic/data_theory.hpp"

#include <cmath>
#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"

namespace dln::analytic {

void require_closed_forms(const DataModes& modes) {
  if (modes.misalignment > kModeTolerance)
    throw InvalidInput("data", fmt::format("Σx and Σyx do not share right singular vectors (misalignment "
                                           "max_j ‖Σx v_j − λ_j v_j‖/‖Σx‖ = {:.3g} > {:.0e}), so the closed forms of "
                                           "docs/theory.md §5 do not apply; accepted: data with aligned modes (e.g. "
                                           "whitened inputs) — dln simulate --data trains on any data",
                                           modes.misalignment, kModeTolerance));
}

Eigen::VectorXd data_initial_strengths(const DataModes& modes, const Eigen::MatrixXd& W1, const Eigen::MatrixXd& W2) {
  Eigen::VectorXd a0(modes.rank);
  for (Eigen::Index j = 0; j < modes.rank; ++j)
    a0(j) = 0.25 * (W1 * modes.V.col(j) + W2.transpose() * modes.U.col(j)).squaredNorm();
  return a0;
}

DataCurve data_theory(const DataModes& modes, double loss_offset, const Eigen::VectorXd& a0,
                      const DataTheoryOptions& options) {
  std::vector<ModeCurve> curves;
  for (Eigen::Index j = 0; j < modes.rank; ++j)
    curves.emplace_back(modes.s(j), modes.lambda(j), a0(j), /*deep=*/true, options.time,
                        static_cast<double>(modes.P) * options.lr);
  DataCurve curve;
  for (int t = 0; t <= options.epochs; ++t) {
    DataRow row{t, loss_offset, Eigen::VectorXd(modes.rank), std::nullopt};
    Eigen::MatrixXd W = Eigen::MatrixXd::Zero(modes.U.rows(), modes.V.rows());
    bool finite = true;
    for (Eigen::Index j = 0; j < modes.rank; ++j) {
      ModeCurve& mode = curves[static_cast<std::size_t>(j)];
      if (t > 0) mode.advance();
      const double a = mode.value();
      finite = finite && std::isfinite(a);
      row.strengths(j) = a;
      row.loss += -modes.s(j) * a + 0.5 * modes.lambda(j) * a * a;
      if (options.blocks) W += a * modes.U.col(j) * modes.V.col(j).transpose();
    }
    if (!finite || !std::isfinite(row.loss)) break;
    if (row.loss < 0.0) row.loss = 0.0;  // ½‖Y − WX‖²/P as a difference: rounding, not a negative sum of squares
    if (options.blocks) row.quadrants = block_quadrants(W, *options.blocks);
    curve.rows.push_back(std::move(row));
  }
  if (curve.rows.size() < static_cast<std::size_t>(options.epochs) + 1) curve.failed_at = static_cast<int>(curve.rows.size());
  return curve;
}

}  // namespace dln::analytic
