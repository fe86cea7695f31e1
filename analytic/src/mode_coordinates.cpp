#include "dln/analytic/mode_coordinates.hpp"

#include <cassert>

#include "dln/analytic/mode_vectors.hpp"

namespace dln::analytic {

FamilyCoordinates family_coordinates(const ArchitectureModes& modes, const ModeFamily& family,
                                     const ModuleWeights& module) {
  return ModuleCoordinates(modes, family.module, module).family(family);
}

ModuleCoordinates::ModuleCoordinates(const ArchitectureModes& modes, int module, const ModuleWeights& weights)
    : ModuleCoordinates(modes, module, weights, nullptr, nullptr) {}

ModuleCoordinates::ModuleCoordinates(const ArchitectureModes& modes, int module, const ModuleWeights& weights,
                                     const Eigen::MatrixXd& in_copy_sum, const Eigen::MatrixXd& out_copy_sum)
    : ModuleCoordinates(modes, module, weights, &in_copy_sum, &out_copy_sum) {}

namespace {

// walsh_transformed_copies(M, side), from the sum of M's copies when the caller has it.
Eigen::MatrixXd transformed_copies(const Eigen::MatrixXd& M, const SideLayout& side, const Eigen::MatrixXd* copy_sum) {
  if (copy_sum == nullptr) return walsh_transformed_copies(M, side);
  Eigen::MatrixXd transformed = *copy_sum;
  walsh_hadamard_rows(transformed);
  return transformed;
}

}  // namespace

ModuleCoordinates::ModuleCoordinates(const ArchitectureModes& modes, int module, const ModuleWeights& weights,
                                     const Eigen::MatrixXd* in_copy_sum, const Eigen::MatrixXd* out_copy_sum)
    : modes_(modes), weights_(weights), module_(module) {
  const ModuleLayout layout = module_layouts(modes.arch)[static_cast<std::size_t>(module)];
  deep_ = layout.deep;
  in_side_ = input_side(modes.spec, layout.input);
  out_side_ = output_side(modes.spec, layout.output);
  if (deep_) W2t_ = weights.W2.transpose();
  // Only transforms that some family of this module reads (a Γ part in its vectors on that side).
  bool in_gamma = false, out_gamma = false;
  for (const auto& family : modes.families)
    if (family.module == module && family.present()) {
      in_gamma = in_gamma || family.v.gamma != 0.0;
      out_gamma = out_gamma || family.u.gamma != 0.0;
    }
  if (in_gamma) in_transformed_ = transformed_copies(weights.W1, in_side_, in_copy_sum);
  if (deep_ && out_gamma) out_transformed_ = transformed_copies(W2t_, out_side_, out_copy_sum);
}

FamilyCoordinates ModuleCoordinates::family(const ModeFamily& family) const {
  assert(family.module == module_ && family.present());
  const std::vector<std::uint64_t> walsh = walsh_indices(modes_.spec, family.basis);
  FamilyCoordinates c;
  c.in = apply_to_mode_vectors(weights_.W1, in_transformed_, in_side_, family.v, walsh);
  c.out = deep_ ? apply_to_mode_vectors(W2t_, out_transformed_, out_side_, family.u, walsh)
                : mode_vectors(out_side_, family.u, walsh);
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
