#pragma once
// What every module engine reads off its state at one time (docs/modules.md §6.2): the loss in total and per
// rule, the four quadrant norms of each rule's effective map W^(ρ) = Σ_m g_m(ρ)·E_{O_m} W_m E_{I_m}ᵀ and of each
// module's own map, the fraction of each module's map in its intended block, per-module mode contributions
// and the systematic share of the answer.
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "dln/analytic/readout.hpp"
#include "dln/analytic/trajectory.hpp"
#include "dln/modules/specialisation_metrics.hpp"

namespace dln::modules {

struct Readout {
  int t = 0;
  double loss = 0.0;                               // L = Σ_ρ π_ρ L_ρ
  std::vector<double> rule_loss;                   // L_ρ = (1/2P)‖Y_ρ − Ŷ_ρ‖²
  std::vector<analytic::Quadrants> rule_quadrants; // of W^(ρ)
  std::vector<analytic::Quadrants> module_quadrants;
  std::vector<double> intended_fraction;           // φ_m = ‖W_m[O*, I*]‖²/‖W_m‖² (0 for a zero map)
  // Mode contributions c = ν·a (docs/modules.md §3) of module m, gate not included: on the queried features,
  // c_m(f) = e_Ωᵀ W_m X[I_m] x_f / P averaged over the rules with weight π_ρ·g_m(ρ)/Σπg ("answer"), and on
  // the per-item latents, u_Sᵀ W_m X[I_m] z_S / P averaged over the P − n1 complement latents ("item").
  std::vector<double> answer_contribution;
  std::vector<double> item_contribution;
  // Σ_ρ π_ρ · (answer amplitude of rule ρ from Ωx-only modules) / (total answer amplitude of rule ρ);
  // 0 when the answer is still 0 (docs/modules.md §6.2).
  double systematic_share = 0.0;
  Eigen::MatrixXd gates;  // g_m(ρ) (M × R) at this time: they move under learned routing
  // Routed descriptions only (docs/modules.md §6.1): Mittal's metrics of P[ρ, m] = π_ρ g_m(ρ), the mean entropy of
  // the gates per rule (nats) and each module's load p_m = Σ_ρ P[ρ, m] — what mixture-of-experts users watch.
  std::optional<SpecialisationMetrics> routing;
  double routing_entropy = 0.0;
  std::vector<double> load;
  // Held-out runs only (HeldOutObjective): loss and rule-averaged answer-row loss on the patterns not trained on —
  // the answer row is the compositional output, the part a systematic map can predict (docs/theory.md §10).
  std::optional<double> test_loss, test_answer_loss;
};

struct ReadoutTrajectory {
  std::vector<std::string> module_names;
  int rules = 1;
  bool routed = false;  // the CSV carries the gates and the routing metrics (docs/modules.md §6; modules::routes)
  std::vector<Readout> rows;
  analytic::RunStatus status = analytic::RunStatus::ok;
  std::optional<int> failed_at;
};

// "t,loss,loss_r0,…,r0_OxOy,r0_GxOy,r0_OxGy,r0_GxGy,…,<m>_OxOy,…,<m>_GxGy,<m>_intended,<m>_answer,<m>_item,…,
// systematic_share", and when routed ",g_<m>_r0,…,g_<m>_r<R−1>,…,collapse_avg,collapse_worst,inverse_mi,alignment,
// [adaptation when M = R,]routing_entropy,load_<m>,…", and ",test_loss,test_answer_loss" for held-out runs (rows
// with test_loss).
std::vector<std::string> csv_columns(const ReadoutTrajectory& trajectory);
std::vector<double> csv_values(const Readout& row);
// Every value of the row's CSV line is finite (else the run that produced it has diverged).
bool all_finite(const Readout& row);

}  // namespace dln::modules
