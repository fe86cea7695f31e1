#pragma once
// Weights seen through the closed-form modes: projections u_jᵀ W v_j (measured mode strengths,
// docs/theory.md §5) and the effective initial strengths a0_j of a random init.
#include <vector>

#include "dln/analytic/mode_vectors.hpp"
#include "dln/analytic/modes.hpp"
#include "dln/analytic/weights.hpp"

namespace dln::analytic {

// Per mode j of a family (columns): `in` = W1 v_j and `out` = W2ᵀ u_j for a deep module;
// `in` = W v_j and `out` = u_j for a shallow one. Then u_jᵀ W v_j = out_jᵀ in_j.
struct FamilyCoordinates {
  Eigen::MatrixXd in, out;
};

FamilyCoordinates family_coordinates(const ArchitectureModes& modes, const ModeFamily& family,
                                     const ModuleWeights& module);

// family_coordinates for every family of one module, sharing what does not depend on the family: the
// Walsh transforms of the Γ blocks of W1 and W2ᵀ are taken once here (the costly O(h·P·log P) part), not
// once per family. Holds references to `modes` and `weights`, which must outlive it.
class ModuleCoordinates {
public:
  ModuleCoordinates(const ArchitectureModes& modes, int module, const ModuleWeights& weights);
  // The same from the sums of the Γ copy blocks of W1 and of W2ᵀ (rows × P each, empty where a side has no copies;
  // W2ᵀ's unread for a shallow module) that the caller has formed already: the transforms start from them.
  ModuleCoordinates(const ArchitectureModes& modes, int module, const ModuleWeights& weights,
                    const Eigen::MatrixXd& in_copy_sum, const Eigen::MatrixXd& out_copy_sum);
  FamilyCoordinates family(const ModeFamily& family) const;  // a present family of this module

private:
  ModuleCoordinates(const ArchitectureModes& modes, int module, const ModuleWeights& weights,
                    const Eigen::MatrixXd* in_copy_sum, const Eigen::MatrixXd* out_copy_sum);

  const ArchitectureModes& modes_;
  const ModuleWeights& weights_;
  int module_;
  bool deep_;
  SideLayout in_side_, out_side_;
  Eigen::MatrixXd W2t_;                               // W2ᵀ (deep), whose columns the output vectors act on
  Eigen::MatrixXd in_transformed_, out_transformed_;  // walsh_transformed_copies of W1 and W2ᵀ, when read
};

// u_jᵀ W v_j for each mode of the family.
std::vector<double> mode_projections(const FamilyCoordinates& coordinates);

// The strength each mode starts from. Deep (docs/theory.md §5): in the early linear phase
// a_j(t) ≈ ¼‖W1 v_j + W2ᵀ u_j‖²·e^(2 s_j t/τ), so a0_j = ¼‖W1(0) v_j + W2(0)ᵀ u_j‖².
// Shallow: the dynamics are linear and a0_j is the projection itself.
std::vector<double> effective_initial_strengths(const FamilyCoordinates& coordinates, bool deep);

// effective_initial_strengths for every family of the architecture (an empty list for an absent family).
std::vector<std::vector<double>> effective_initial_strengths(const ArchitectureModes& modes,
                                                             const NetworkWeights& weights);

}  // namespace dln::analytic
