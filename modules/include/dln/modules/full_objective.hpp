#pragma once
// The gated loss L = Σ_ρ π_ρ (1/2P)‖Y_ρ − Σ_m g_m(ρ) E_{O_m} W_m X[I_m]‖² on the full weights (docs/modules.md
// §1.3), computed from the structure of the data: with H_m = W1^m·X[I_m] (h × P, O(h·P·(n1 + k1))), every other
// product is with h × h Gram matrices, since the rules share their inputs and targets differ only in one row.
// No P × P matrix is formed for deep modules (a shallow module's W is itself outputs × inputs).
#include "dln/modules/engine.hpp"
#include "dln/modules/latent_objective.hpp"
#include "dln/numeric/data_side.hpp"

namespace dln::modules {

class FullObjective final : public Engine {
public:
  explicit FullObjective(Description description);  // validated here

  const Description& description() const override { return description_; }
  double loss(const State& weights, const Eigen::MatrixXd& gates) const override;
  double descent(const State& weights, const Eigen::MatrixXd& gates, State& descent) const override;
  // h_{mρ} = (π_ρ/P)[⟨B_mᵀT_ρ, H_m⟩ − Σ_n g_n(ρ)⟨C(m, n), H_m H_nᵀ⟩]: L is quadratic in the gates.
  Eigen::MatrixXd gate_drive(const State& weights, const Eigen::MatrixXd& gates) const override;
  // Quadrant norms from the actual weights (components outside the data span included); mode contributions and
  // systematic share through the latent coordinates of the weights (to_latent).
  Readout measure(const State& weights, const Eigen::MatrixXd& gates, int t) const override;
  // measure without the loss columns (loss, rule_loss), for the engines that take them on their own patterns.
  Readout measure_weights(const State& weights, const Eigen::MatrixXd& gates, int t) const;

  // L_ρ for each rule.
  std::vector<double> rule_losses(const State& weights, const Eigen::MatrixXd& gates) const;

private:
  struct Pass;
  // The pairwise products only for the pairs (m, m') with pair_weights(m, m') ≠ 0 and output rows in common: the
  // others never enter (G_mm' = 0 under ground-truth routing, disjoint masks), and they are most of the cost.
  Pass forward(const State& weights, const Eigen::MatrixXd& pair_weights) const;
  Eigen::MatrixXd output_factor(const State& weights, int m) const;  // B_m: W2 (deep) or I (shallow)
  // B_mᵀ·(rows of Y shared with the target row `answer` and the per-item block scaled by `items`): h × P.
  Eigen::MatrixXd factor_times_target(const Eigen::MatrixXd& B, int m, const Eigen::RowVectorXd& answer,
                                      double items) const;
  // The rows of B_{m2} shared with module m1's output rows, placed in m1's row layout.
  Eigen::MatrixXd shared_rows(int m1, int m2, const Eigen::MatrixXd& B2) const;
  Eigen::RowVectorXd gated_answer(const Eigen::MatrixXd& gates, int m) const;  // Σ_ρ π_ρ g_m(ρ) x_κ(ρ)ᵀ
  double gated_prior(const Eigen::MatrixXd& gates, int m) const;               // Σ_ρ π_ρ g_m(ρ)
  double loss_for(const Pass& pass, const Eigen::MatrixXd& pair_weights, const std::vector<Eigen::RowVectorXd>& answers,
                  const Eigen::VectorXd& items, double target_norm) const;

  Description description_;
  LatentObjective latent_;                 // the full latent block, for the mode contributions
  std::vector<numeric::DataSide> inputs_;  // X[I_m]
  Eigen::MatrixXd omega_;                  // Ωx (n1 × P)
  double P_;
};

}  // namespace dln::modules
