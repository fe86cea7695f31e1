#pragma once
// The neural race of gated pathways on one shared mode (docs/modules.md §3). Racer m contributes c_m = ν_m·a_m
// along the mode's output direction; with rule-level gates the exact balanced aligned flow is Lotka–Volterra:
//     τ ċ_m = 2 ν_m c_m (σ_m − (G c)_m)          (deep racer)
//     τ ċ_m = ν_m² (σ_m − (G c)_m)               (shallow racer)
// σ_m = Σ_ρ π_ρ g_m(ρ) θ_ρ, G_mm' = Σ_ρ π_ρ g_m(ρ) g_m'(ρ). Full-batch GD from balanced aligned init follows the
// exact discrete map c_m ← c_m (1 + η ν_m e_m)² (deep) or c_m ← c_m + η ν_m² e_m (shallow), e = σ − G c.
// A pure race (Theorem 2: deep racers with G = γ̃γ̃ᵀ and σ = γ̃θ) has the closed form
//     c_m(t) = c_m(0)·e^{κ_m Φ(t)},  κ_m = γ̃_m ν_m,  τ Φ̇ = 2(θ − Σ_m c̃_m(0) e^{κ_m Φ}),  c̃ = γ̃∘c,
// and its final state from the root Φ∞ of Σ_m c̃_m(0) e^{κ_m Φ∞} = θ.
#include <Eigen/Dense>
#include <vector>

namespace dln::modules {

struct Race {
  Eigen::VectorXd nu;     // input gains ν_m
  Eigen::VectorXd sigma;  // σ_m
  Eigen::MatrixXd G;      // gate Gram matrix among the racers
  std::vector<bool> deep;
  int size() const { return static_cast<int>(nu.size()); }
};

// One step of the exact discrete GD map.
Eigen::VectorXd race_discrete_step(const Race& race, const Eigen::VectorXd& c, double eta);

// The pure-race form of a race when it has one (every racer deep, G = γ̃γ̃ᵀ and σ = γ̃θ to 1e-12 relative):
// κ_m = γ̃_m ν_m, the common target θ and the factors γ̃. Empty κ when the race is not pure.
struct PureRace {
  Eigen::VectorXd kappa, gamma;
  double theta = 0.0;
  bool pure() const { return kappa.size() > 0; }
};
PureRace pure_race(const Race& race);

// Theorem 2 in the scaled variables c̃ = γ̃∘c of a pure race: Φ∞ (the root of Σ c̃_m(0) e^{κ_m Φ} = θ, by
// bracketing and bisection to the last bit); the quadrature t(Φ)/τ = ½∫_0^Φ dφ/(θ − Σ c̃_m(0) e^{κ_m φ})
// (Gauss–Kronrod, the pole at Φ∞ subtracted and integrated exactly); and Φ(t) at t = 0..epochs (t/τ = η·t) by
// inverting it with bisection.
double race_final_phi(const Eigen::VectorXd& kappa, const Eigen::VectorXd& c0, double theta);
double race_time(const Eigen::VectorXd& kappa, const Eigen::VectorXd& c0, double theta, double phi);
std::vector<double> race_phi(const Eigen::VectorXd& kappa, const Eigen::VectorXd& c0, double theta, double eta,
                             int epochs);
// c̃_m(∞) = c̃_m(0) e^{κ_m Φ∞}.
Eigen::VectorXd race_final(const Eigen::VectorXd& kappa, const Eigen::VectorXd& c0, double theta);

// The flow of any race: one racer's sigmoid (deep) or exponential (shallow) in closed form, the pure-race closed
// form when it is pure, and otherwise the Lotka–Volterra system integrated with Odeint (Dormand–Prince 5(4), rtol 1e-12,
// atol 1e-16·max c0). Rows t = 0..epochs, each the vector c(t).
std::vector<Eigen::VectorXd> race_flow(const Race& race, const Eigen::VectorXd& c0, double eta, int epochs);

// The systematicity race of docs/modules.md §4.4 (R = 1, a segregated module A: Ωx → Ωy against B′: X → Ωy, gates
// γ_A, γ_B, both from strength a0): the final systematic share c_A(∞) (θ = 1).
double systematicity_race_share(double P, double L1, double a0, double gate_a, double gate_b);
// The shared-module race of docs/modules.md §4.5 on a complement latent (one shared module, R ground-truth rule
// modules with uniform prior, identical init a0): the shared module's final share of the per-item target.
double shared_module_share(double beta_x, double beta_y, int rules, double a0);

}  // namespace dln::modules
