#pragma once
// The latent (canonical) coordinates of docs/modules.md §2, Theorem 1.
//
// Input side: R^P gets the Walsh basis z_S(c) = (−1)^popcount(S & c), S = 0..P−1 (E_c z_S² = 1); the features
// are the single-bit S = 2^(n1−1−f), every other S spans the complement. Module m sees latent S through the
// unit input vector n̂_{m,S} = X[I_m] z_S / (P ν_{m,S}), with the gain ν set by its input mask:
//     mask      feature S       complement S
//     Ωx        1               0
//     Γx        β_x             β_x
//     Ωx + Γx   √(1 + β_x²)     β_x            (β_x = r√(k1/P), so 1 + β_x² = L1/P)
// and V1 = W1·N_m (N_m the columns n̂): the part of W1 outside the data span never moves and never matters.
//
// Output side: the answer row e_Ω, then the k2·P per-item rows rotated to (contrast j, S): copy c, pattern p
// ↦ Q[c, j]·z_S(p)/√P, with Q the k2 × k2 Householder reflection whose first column is 1_k2/√k2. Row (0, S) is
// u_S, the Γy image of z_S; rows j ≥ 1 have target 0. V2 = O_mᵀ·W2 (an orthogonal change of basis).
// Shallow modules: V = O_mᵀ·W·N_m.
#include <cstdint>

#include "dln/analytic/weights.hpp"
#include "dln/modules/description.hpp"

namespace dln::modules {

inline std::uint64_t feature_latent(int n1, int f) { return std::uint64_t{1} << (n1 - 1 - f); }

// ν_{m,S} and the split of n̂_{m,S} between the blocks: ‖n̂[Ωx]‖² + ‖n̂[Γx]‖² = 1 when ν > 0 (both 0 when ν = 0).
struct InputGain {
  double nu = 0.0;
  double omega = 0.0;  // ‖n̂[Ωx]‖
  double gamma = 0.0;  // ‖n̂[Γx]‖
};
InputGain input_gain(const RuleDataset& data, Block input, std::uint64_t S);

// Rows of a module's latent output: 1 answer row when it writes Ωy, then k2·P item rows (j-major) when it writes Γy.
struct OutputRows {
  bool answer = false;
  Eigen::Index items = 0;  // k2·P or 0
  Eigen::Index size() const { return (answer ? 1 : 0) + items; }
};
OutputRows output_rows(const RuleDataset& data, Block output);

// Full weights ↔ latent weights of one module (deep: W1 ↔ V1 (h × P), W2 ↔ V2; shallow: W ↔ V in W1).
// to_full(to_latent(W)) is the projection of W onto the data span; to_latent(to_full(V)) = V for V with zero
// columns at ν = 0. Cost O(h·P·(k1 + k2 + log P)) (deep).
analytic::ModuleWeights to_latent(const RuleDataset& data, const ModuleSpec& module, const analytic::ModuleWeights& w);
analytic::ModuleWeights to_full(const RuleDataset& data, const ModuleSpec& module, const analytic::ModuleWeights& v);

}  // namespace dln::modules
