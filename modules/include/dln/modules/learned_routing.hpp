#pragma once
// Learned context routing, the Modular-op analogue (docs/modules.md §5.1): the softmax gates
// g_m(ρ) = softmax_m(θ_{mρ}/T) over the softmax-gated modules, with logits θ trained jointly with the weights.
// The gates still depend on the rule only, so the latent reduction stays exact, and the complete state is
// (weights, θ) with
//     τ_θ θ̇_{mρ} = (1/T)·g_m(ρ)·[h_{mρ} − Σ_{m' softmax} g_{m'}(ρ)·h_{m'ρ}],   h = −∂L/∂g (Engine::gate_drive),
// τ_θ = 1/η_θ and η_θ = router_lr_ratio·η. The bracket is the chain rule through the softmax Jacobian
// ∂g_{m'}/∂θ_m = (1/T)·g_{m'}(δ_{mm'} − g_m); rows of modules without a softmax gate stay 0.
#include <cstdint>

#include <Eigen/Dense>

#include "dln/modules/description.hpp"

namespace dln::modules {

// −∂L/∂θ (M × R) from the gates at θ and the drive h at those gates.
Eigen::MatrixXd logit_descent(const Description& description, const Eigen::MatrixXd& gates, const Eigen::MatrixXd& drive);

// The initial logits: the description's, plus i.i.d. N(0, σ_θ²) on the softmax-gated modules' entries (rule by rule,
// module by module) from std::mt19937_64 seeded with seed_seq{seed, 'logits'} — a stream of its own, so that the
// weights drawn with the same seed do not change. σ_θ = 0 returns the description's logits.
// Throws dln::InvalidInput("logit-noise", …) for σ_θ < 0 or not finite.
Eigen::MatrixXd initial_logits(const Description& description, double sigma, std::uint64_t seed);

}  // namespace dln::modules
