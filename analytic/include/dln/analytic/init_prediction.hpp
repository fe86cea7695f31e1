#pragma once
// Closed-form learning curves started from actual (small random) initial weights, docs/theory.md §15.
//
// §5's per-mode estimate a0_j = ¼‖W1(0)v_j + W2(0)ᵀu_j‖² treats every mode as alone in the network. GD lags it
// at every transition, because (i) the modes of one degenerate class grow as a block — the class's starting
// values are the eigenvalues of H_cᵀH_c with H_c = [½(W1(0)v_j + W2(0)ᵀu_j)]_{j∈c}, not the norms of its
// columns — and (ii) a class learned earlier (larger s) occupies hidden directions that later classes lose, so
// H_c is first projected onto the complement of the earlier classes' hidden span. The parts of the weights off
// the modes either never move (W1 outside the data span) or decay (W2 outside the output modes); they shift the
// quadrant norms by O(σ), which the frozen-part read-out keeps.
#include <string_view>
#include <vector>

#include <Eigen/Dense>

#include "dln/analytic/modes.hpp"
#include "dln/analytic/theory.hpp"
#include "dln/analytic/weights.hpp"

namespace dln::analytic {

// How the closed forms read their starting strengths off initial weights.
enum class A0Estimate {
  per_mode,     // §5: one independent mode each, a0_j = ¼‖W1 v_j + W2ᵀ u_j‖²
  class_block,  // §15: class blocks with the earlier classes projected out, plus the frozen parts
};
std::string_view to_string(A0Estimate estimate);

// One degenerate class of a deep module — its families of equal s and λ, e.g. segregated module B's features and
// complement — as a block: H̃ = (I − Π_<)·[H_c]_{c ∈ class} = hidden·diag(√a0)·modesᵀ (thin SVD, zero singular
// values dropped), Π_< the projector onto the hidden span of the module's classes with larger s.
struct ClassBlock {
  int module = 0;
  std::vector<std::size_t> families;  // indices into modes.families, in order
  std::vector<double> a0;             // the nonzero eigenvalues of H̃ᵀH̃, descending: one trajectory each
  Eigen::MatrixXd hidden;             // h × a0.size(): orthonormal hidden directions A
  Eigen::MatrixXd modes;              // (Σ multiplicities) × a0.size(): orthonormal B, rows by family in order
};

// The class blocks of every deep module, module by module in decreasing s.
std::vector<ClassBlock> class_blocks(const ArchitectureModes& modes, const NetworkWeights& weights);

// The closed-form learning curve from these weights. per_mode is theory_trajectory with
// effective_initial_strengths. class_block runs one trajectory per block value (a family's strength is its
// modes' share of them) and reads the quadrant norms off the predicted weights
// W(t) = [U M(t)ᵀ + W2⊥(0) G(t)]·[M(t) Vᵀ + W1⊥(0)] of every deep module (§15), with
// M_c(t) = A diag(√a(t)) B_cᵀ and G(t) the decay of the output side's off-mode part. A shallow network's mode
// projections follow their linear dynamics exactly, so it has the per_mode curve.
Trajectory theory_from_init(const ArchitectureModes& modes, const NetworkWeights& weights,
                            const TheoryOptions& options, A0Estimate estimate);

}  // namespace dln::analytic
