#include "dln/analytic/mode_coordinates.hpp"

#include <cassert>

#include "dln/analytic/mode_vectors.hpp"

namespace dln::analytic {

FamilyCoordinates family_coordinates(const ArchitectureModes& modes, const ModeFamily& family,
                                     const ModuleWeights& module) {
  const ModuleLayout layout = module_layouts(modes.arch)[family.module];
  const SideLayout in_side = input_side(modes.spec, layout.input);
  const SideLayout out_side = output_side(modes.spec, layout.output);
  const std::vector<std::uint64_t> walsh = walsh_indices(modes.spec, family.basis);
  FamilyCoordinates c;
  c.in = apply_to_mode_vectors(module.W1, in_side, family.v, walsh);
  if (layout.deep) {
    const Eigen::MatrixXd W2t = module.W2.transpose();
    c.out = apply_to_mode_vectors(W2t, out_side, family.u, walsh);
  } else {
    c.out = mode_vectors(out_side, family.u, walsh);
  }
  return c;
}

std::vector<double> mode_projections(const FamilyCoordinates& coordinates) {
  const Eigen::VectorXd p = coordinates.out.cwiseProduct(coordinates.in).colwise().sum().transpose();
  return {p.data(), p.data() + p.size()};
}

std::vector<double> effective_initial_strengths(const FamilyCoordinates& coordinates, bool deep) {
  if (!deep) return mode_projections(coordinates);
  const Eigen::VectorXd a0 = 0.25 * (coordinates.in + coordinates.out).colwise().squaredNorm().transpose();
  return {a0.data(), a0.data() + a0.size()};
}

std::vector<std::vector<double>> effective_initial_strengths(const ArchitectureModes& modes,
                                                             const NetworkWeights& weights) {
  assert(weights.size() == module_layouts(modes.arch).size());
  std::vector<std::vector<double>> a0;
  for (const auto& family : modes.families) {
    if (!family.present()) {
      a0.emplace_back();
      continue;
    }
    a0.push_back(effective_initial_strengths(family_coordinates(modes, family, weights[family.module]),
                                             family.deep));
  }
  return a0;
}

}  // namespace dln::analytic
