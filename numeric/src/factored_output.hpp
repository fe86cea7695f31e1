#pragma once
// W2 of one deep module during an epoch of minibatch SGD, kept as W2 = A·M so that a step costs
// O((rows the batch reaches + B)·h² + B³) instead of the O(outputs·h·B) of touching every row of W2.
//
// A step on batch B (the batch's summed error): H = W1·X_B (h × B), R = Y_B − W2·H, then
//   W1 += lr·W2ᵀR·X_Bᵀ,   W2 += lr·R·Hᵀ = W2·K + lr·Y_B·Hᵀ   with K = I_h − lr·H·Hᵀ.
// Every row of W2 is multiplied by K, and only the rows where Y_B is non-zero — the Ω rows and, per Γ
// copy, the rows of the batch's patterns — also receive lr·Y_B·Hᵀ. So with W2 = A·M:
//   M ← M·K,   M⁻¹ ← K⁻¹·M⁻¹ with K⁻¹ = I + lr·H·S⁻¹·Hᵀ (Woodbury), S = I_B − lr·HᵀH,
//   A ← A + lr·Y_B·Hᵀ·M⁻¹   (those rows only),
// and W2 enters the step only through W2ᵀR = W2ᵀY_B − G·H, with G = W2ᵀW2 kept exactly up to date:
//   G ← G + lr·(W2ᵀR·Hᵀ + H·RᵀW2) + lr²·H·RᵀR·Hᵀ,   RᵀR = Y_BᵀY_B − (W2ᵀY_B)ᵀH − Hᵀ(W2ᵀY_B) + HᵀG·H.
// Safeguards: the factored step is refused while lr·‖H‖_F² > kMaxStepShrink (then λ_min(S) could be
// near 0 and K near singular; the caller materialises W2 and takes the plain step), and W2 is
// materialised and the factors restarted whenever ‖M‖_F·‖M⁻¹‖_F / h, a bound on how much M amplifies
// rounding, passes kMaxConditioning.
#include <Eigen/Dense>

#include "dln/numeric/data_side.hpp"

namespace dln::numeric {

class FactoredOutput {
public:
  // Starts from W2 (restart()); W2 is written back only by materialise().
  FactoredOutput(Eigen::MatrixXd& W2, const numeric::DataSide& out);

  // One step given H = W1·X_B: updates the factors and sets D = W2ᵀR (h × B), with W2 and R of the
  // weights before the step, for W1's update. False, with nothing changed, when the step is refused.
  bool step(const Eigen::MatrixXd& H, numeric::Batch batch, double lr, Eigen::MatrixXd& D);

  void materialise();  // W2 = A·M
  void restart();      // A = W2, M = M⁻¹ = I, G = W2ᵀW2

  // Whether the factored form pays off: outputs well above h (a plain step touches outputs·h·B entries,
  // a factored one ~ (B + rows reached)·h²) and B not so large that S (B × B) dominates.
  static bool worthwhile(Eigen::Index outputs, Eigen::Index hidden, std::size_t batch);

private:
  Eigen::MatrixXd& W2_;
  const numeric::DataSide& out_;
  Eigen::MatrixXd A_, M_, M_inverse_, G_;
};

}  // namespace dln::numeric
