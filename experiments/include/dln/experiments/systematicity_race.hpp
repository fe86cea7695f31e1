#pragma once
// The systematicity race (docs/modules.md §4.4): on the single-rule dataset, a segregated module A (Ωx → Ωy)
// races a module B′ that also sees Γx (X → Ωy) for the answer; both start at the same strength a0. Theorem 2
// gives A's final share c_A(∞) of the answer and ΓxΩy(∞) = (1 − c_A(∞))·√(k1r²P)/L1. B′ is faster whenever
// k1r² > 0, and as a0 → 0 the race flips exactly at γ_A/γ_B = √(L1/P). Beside the closed form: the gradient
// flow of the latent weights integrated by Boost.Odeint (the same race, any a0), and A against a dense B
// (X → Y), which has no closed form.
#include <vector>

#include "dln/experiments/report.hpp"
#include "dln/modules/description.hpp"

namespace dln::experiments {

struct SystematicityRaceResult {
  double boundary = 0.0;            // √(L1/P): the critical γ_A/γ_B as a0 → 0
  double unsystematic_limit = 0.0;  // √(k1r²P)/L1: ΓxΩy(∞) when A takes nothing
  // Per a0 of the spec, equal gates: closed form; integrated flow of A, B′ (and C: X → Γy); A against dense B.
  std::vector<double> share_theory, gamma_x_omega_y_theory;
  std::vector<double> share_flow, gamma_x_omega_y_flow;
  std::vector<double> share_dense, gamma_x_omega_y_dense;
  // The phase map: c_A(∞)·γ_A (A's share of the answer) at (gate_ratio[i], a0[j]) in [j·ratios + i]; the larger
  // gate is 1.
  std::vector<double> phase;
  Report report;
};

struct SystematicityRaceSpec {
  int n1 = 3, k1 = 3, k2 = 1;
  double r = 1.0;
  std::vector<double> a0 = {1e-12, 1e-9, 1e-6, 1e-4, 1e-2};  // strictly increasing, in (0, 0.1]
  std::vector<double> gate_ratio = {0.8, 1.0, 1.2, 1.4};     // γ_A/γ_B, strictly increasing, > 0
  int hidden = 16;                                           // of the simulated modules
  double lr = 0.02;                                          // of the integrated flows: τ = 1/(P·lr) epochs
  int epochs = 600;                                          // long enough for the flows to converge (else a warning)

  modules::RuleDataset dataset() const;
  modules::Description segregated_race() const;  // A: Ωx → Ωy, B′: X → Ωy, C: X → Γy, gates 1
  modules::Description dense_race() const;       // A: Ωx → Ωy, B: X → Y, gates 1
  // Throws dln::InvalidInput("n1" | "k1" | "k2" | "r" | "a0" | "gate_ratio" | "hidden" | "lr" | "epochs", …).
  void validate() const;
  // Expects a validated spec.
  SystematicityRaceResult run() const;
};

}  // namespace dln::experiments
