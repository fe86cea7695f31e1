#include "factored_output.hpp"

namespace dln::numeric {

namespace {

// S = I − lr·HᵀH ⪰ (1 − lr·‖H‖_F²)·I, since λ_max(HᵀH) ≤ trace(HᵀH): at most 0.9 keeps λ_min(S) ≥ 0.1,
// so that K⁻¹ grows no direction by more than 10 in one step.
constexpr double kMaxStepShrink = 0.9;
// Rounding in A's rows is amplified by at most about ‖M‖·‖M⁻¹‖: 1e4 keeps it near 1e-12 relative.
constexpr double kMaxConditioning = 1e4;

}  // namespace

FactoredOutput::FactoredOutput(Eigen::MatrixXd& W2, const numeric::DataSide& out) : W2_(W2), out_(out) { restart(); }

bool FactoredOutput::worthwhile(Eigen::Index outputs, Eigen::Index hidden, std::size_t batch) {
  // A plain step costs ~3·outputs·h·B; a factored one ~(rows reached + 3B)·h² + B²·h + B³/3, with the
  // rows reached ≈ B per Γ copy. Requiring the factored cost per batch entry, ~4h² + B²/3, to stay below a
  // third of the plain one leaves room for the per-epoch materialisation (outputs·h²) and small-matrix
  // overheads.
  const auto B = static_cast<double>(batch), h = static_cast<double>(hidden);
  return 4 * h * h + B * B / 3 < static_cast<double>(outputs) * h;
}

void FactoredOutput::restart() {
  const Eigen::Index h = W2_.cols();
  A_ = W2_;
  M_.setIdentity(h, h);
  M_inverse_.setIdentity(h, h);
  G_.noalias() = W2_.transpose() * W2_;
}

void FactoredOutput::materialise() { W2_.noalias() = A_ * M_; }

bool FactoredOutput::step(const Eigen::MatrixXd& H, numeric::Batch batch, double lr, Eigen::MatrixXd& D) {
  if (lr * H.squaredNorm() > kMaxStepShrink) return false;
  const auto B = static_cast<Eigen::Index>(batch.size());
  const Eigen::Index h = H.rows(), omega_rows = out_.layout().omega_rows;
  const int copies = out_.layout().copies;
  const double r = out_.r();

  // W2ᵀY_B from the rows of W2 where Y_B is non-zero: the Ω rows, and r at each copy's batch rows.
  const Eigen::MatrixXd Y_omega = out_.omega_columns(batch);  // omega_rows × B
  Eigen::MatrixXd WtY = Eigen::MatrixXd::Zero(h, B);
  if (omega_rows > 0) WtY.noalias() += (A_.topRows(omega_rows) * M_).transpose() * Y_omega;
  for (int copy = 0; copy < copies; ++copy)
    for (Eigen::Index j = 0; j < B; ++j)
      WtY.col(j).noalias() += r * (A_.row(out_.copy_row(copy, batch[static_cast<std::size_t>(j)])) * M_).transpose();
  D = WtY;
  D.noalias() -= G_ * H;

  // G ← G + lr·(D·Hᵀ + H·Dᵀ) + lr²·H·RᵀR·Hᵀ; Y_BᵀY_B's Γ part is copies·r²·I (distinct patterns).
  Eigen::MatrixXd RtR = Eigen::MatrixXd::Identity(B, B) * (copies * r * r);
  if (omega_rows > 0) RtR.noalias() += Y_omega.transpose() * Y_omega;
  const Eigen::MatrixXd WtYtH = WtY.transpose() * H;
  RtR -= WtYtH + WtYtH.transpose();
  RtR.noalias() += H.transpose() * (G_ * H);
  const Eigen::MatrixXd DHt = D * H.transpose();
  G_ += lr * (DHt + DHt.transpose());
  G_.noalias() += (lr * lr) * (H * RtR * H.transpose());

  // M ← M·K and M⁻¹ ← K⁻¹·M⁻¹ (Woodbury), then A's reached rows += lr·Y_B·Hᵀ·M⁻¹.
  const Eigen::MatrixXd S = Eigen::MatrixXd::Identity(B, B) - lr * (H.transpose() * H);
  const Eigen::LLT<Eigen::MatrixXd> llt(S);
  M_.noalias() -= lr * ((M_ * H) * H.transpose());
  const Eigen::MatrixXd HtMinv = H.transpose() * M_inverse_;
  M_inverse_.noalias() += lr * (H * llt.solve(HtMinv));
  const Eigen::MatrixXd Z = lr * (H.transpose() * M_inverse_);  // B × h
  if (omega_rows > 0) A_.topRows(omega_rows).noalias() += Y_omega * Z;
  for (int copy = 0; copy < copies; ++copy)
    for (Eigen::Index j = 0; j < B; ++j) A_.row(out_.copy_row(copy, batch[static_cast<std::size_t>(j)])) += r * Z.row(j);

  if (M_.norm() * M_inverse_.norm() > kMaxConditioning * static_cast<double>(h)) {
    materialise();
    restart();
  }
  return true;
}

}  // namespace dln::numeric
