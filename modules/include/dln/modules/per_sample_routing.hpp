#pragma once
// Per-sample learned routing, the linear analogue of Mittal et al.'s joint "Modular" model (docs/modules.md §5.3):
// every softmax-gated module m scores each sample by a read-out of its own hidden layer plus a rule bias,
//     ℓ_m(c, ρ) = w_mᵀ·W1^m·x_c[I_m] + θ_{mρ},   g(c, ρ) = softmax over the softmax-gated modules of ℓ(c, ρ)/T,
// and the output is the gated sum ŷ_{c,ρ} = Σ_m g_m(c, ρ)·E_{O_m} W2^m W1^m x_c[I_m] (other modules keep their
// rule-level gates). The gates vary within a rule, so the modes do not decouple (a pattern-dependent gate acts on the
// Walsh latents by symmetric-difference convolution): there is no latent reduction, no closed form, and dln runs it
// as full-batch GD of the full weights and the router on dense samples — small n1 only (SampleData's guard).
//
// The routing read-out is exact, not estimated: S is enumerated, so Mittal's P[ρ, m] = π_ρ·E_c[g_m(c, ρ)] is
// π_ρ times the mean gate ḡ_m(ρ) over S, and the Adaptation metric's u = Σ_ρ p_ρ ḡ(ρ) for rule mixes p.
#include <cstdint>
#include <optional>
#include <vector>

#include <Eigen/Dense>

#include "dln/modules/full_objective.hpp"
#include "dln/modules/run.hpp"
#include "dln/modules/sample_objective.hpp"

namespace dln::modules {

// The router: each softmax-gated module's score read-out w_m (its hidden width; empty for other modules) and the
// rule biases θ (M × R; rows of other modules are 0).
struct Router {
  std::vector<Eigen::VectorXd> readout;
  Eigen::MatrixXd bias;
};

// w_m i.i.d. N(0, σ²) — the scale of the weights, as for Mittal's extra output unit — from std::mt19937_64 seeded
// with seed_seq{seed, 'scor'} (a stream of its own: the weights and logits drawn with the same seed do not change),
// module by module; σ = 0 gives w = 0 (uniform gates at θ = 0). θ = `bias` (M × R).
// Throws dln::InvalidInput("init-scale", …) for σ < 0 or not finite.
Router initial_router(const Description& description, double sigma, std::uint64_t seed, Eigen::MatrixXd bias);

class PerSampleObjective {
public:
  // The loss on the patterns S under every rule, L_S = Σ_ρ π_ρ (1/2|S|)‖Y_ρ[:, S] − Ŷ_ρ[:, S]‖².
  // Throws dln::InvalidInput("routing", …) unless the description routes per sample, and as SampleData.
  PerSampleObjective(Description description, std::vector<int> patterns);

  const Description& description() const { return description_; }
  const std::vector<int>& patterns() const { return data_.patterns; }

  // g_m(c, ρ) for c ∈ S: one M × |S| matrix per rule.
  std::vector<Eigen::MatrixXd> gates(const State& weights, const Router& router) const;
  // ḡ_m(ρ) = (1/|S|) Σ_c g_m(c, ρ): M × R.
  Eigen::MatrixXd mean_gates(const std::vector<Eigen::MatrixXd>& gates) const;

  struct Losses {
    double total = 0.0, answer = 0.0;  // L_S and its answer-row part (the compositional output Ωy)
    std::vector<double> rule;          // L_{S,ρ}
  };
  Losses losses(const State& weights, const Router& router) const;

  // −∂L_S/∂(W, w, θ) into (descent, router_descent), resized as needed; returns L_S.
  double descent(const State& weights, const Router& router, State& descent, Router& router_descent) const;

  // Loss and rule losses on S; gates, routing metrics and load from the mean gates; the routing entropy is the mean
  // over rules and patterns of each sample's gate entropy (what a mixture-of-experts user plots). The quadrant, mode
  // and systematic-share columns are those of the rule-level network with the mean gates ḡ(ρ) (the per-sample
  // network has no single linear map per rule); the per-module columns read the weights only.
  Readout measure(const State& weights, const Router& router, int t) const;

private:
  struct Pass;  // a forward pass: hidden activations, module outputs, gates and errors per rule
  Pass forward(const State& weights, const Router& router) const;
  Losses losses(const Pass& pass) const;

  Description description_;
  SampleData data_;
  FullObjective rule_level_;  // the same modules with rule-level gates, for the weight-only read-out columns
};

struct PerSampleRun {
  ReadoutTrajectory trajectory;
  State final_state;  // of the last recorded row
  Router final_router;
};

// Full-batch GD on the training patterns: W ← W + η·(−∂L/∂W) and (w, θ) ← (w, θ) + η_θ·(−∂L/∂(w, θ)), all from the
// old state, η = R·P·lr as for every module engine and η_θ = router_lr_ratio·η. With `test`, every row also carries
// the loss on its patterns (test_loss, test_answer_loss). A non-finite state or read-out ends the run as diverged,
// the rows before kept. options.rtol/atol/max_steps_per_epoch/initial_logits are not used (θ starts at router.bias).
PerSampleRun run_per_sample_gd(const PerSampleObjective& train, const PerSampleObjective* test, State weights,
                               Router router, const RunOptions& options);

}  // namespace dln::modules
