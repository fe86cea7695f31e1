#include "dln/numeric/init.hpp"

#include <cmath>
#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"
#include "dln/analytic/mode_vectors.hpp"
#include "dln/numeric/gaussian_matrices.hpp"

namespace dln::numeric {

using analytic::Architecture;
using analytic::DatasetSpec;
using analytic::NetworkWeights;

namespace {

struct ModuleShape {
  Eigen::Index inputs, outputs;
  bool deep;
};

std::vector<ModuleShape> module_shapes(const DatasetSpec& spec, Architecture arch) {
  std::vector<ModuleShape> shapes;
  for (const auto& layout : analytic::module_layouts(arch))
    shapes.push_back({analytic::input_side(spec, layout.input).dimension(),
                      analytic::output_side(spec, layout.output).dimension(), layout.deep});
  return shapes;
}

// A module's input and output rows, computed in double from the formulas so that huge P cannot overflow.
struct SideRows {
  double in, out;
};
SideRows side_rows(const DatasetSpec& spec, const analytic::ModuleLayout& layout) {
  const double P = spec.P();
  return {(layout.input != analytic::Block::gamma ? spec.n1 : 0) + (layout.input != analytic::Block::omega ? spec.k1 * P : 0.0),
          (layout.output != analytic::Block::gamma ? spec.n2 : 0) +
              (layout.output != analytic::Block::omega ? spec.k2 * P : 0.0)};
}

}  // namespace

double weight_entries(const DatasetSpec& spec, Architecture arch, int hidden) {
  double entries = 0.0;
  for (const auto& layout : analytic::module_layouts(arch)) {
    const auto [in, out] = side_rows(spec, layout);
    entries += layout.deep ? hidden * (in + out) : in * out;
  }
  return entries;
}

double activation_entries(const DatasetSpec& spec, Architecture arch, int hidden) {
  // A full-batch step holds, per deep module, H = W1·X and A = W2ᵀ·Y (hidden × P each) and a product of
  // the same size; per shallow module the residual and its gradient product (outputs × P). With k1 = k2 = 0
  // the weights are tiny but these are not: hidden·P grows as 2^n1.
  double entries = 0.0;
  for (const auto& layout : analytic::module_layouts(arch))
    entries += layout.deep ? 3.0 * hidden * spec.P() : 2.0 * side_rows(spec, layout).out * spec.P();
  return entries;
}

void check_weights_fit(const DatasetSpec& spec, Architecture arch, int hidden) {
  if (hidden < 1 || hidden > kMaxHidden)
    throw dln::InvalidInput("hidden", fmt::format("must be an integer in [1, {}], got {}", kMaxHidden, hidden));
  const double weights = weight_entries(spec, arch, hidden), activations = activation_entries(spec, arch, hidden);
  if (weights + activations > kMaxWeightEntries)
    throw dln::InvalidInput("n1", fmt::format("n1 = {} needs {:.3g} matrix entries ({:.3g} GB: {:.3g} for the weights, "
                                              "{:.3g} for a training step's activations over P = {:.0f} patterns; limit "
                                              "{:.0e}); use a smaller n1, k1, k2 or hidden, or closed forms with --a0",
                                              spec.n1, weights + activations, (weights + activations) * 8e-9, weights,
                                              activations, spec.P(), kMaxWeightEntries));
}

NetworkWeights random_init(const DatasetSpec& spec, Architecture arch, int hidden, double sigma,
                           std::uint64_t seed) {
  GaussianMatrices draw(sigma, seed);
  NetworkWeights weights;
  for (const auto& shape : module_shapes(spec, arch)) {
    if (shape.deep) {
      Eigen::MatrixXd W1 = draw.next(hidden, shape.inputs);
      Eigen::MatrixXd W2 = draw.next(shape.outputs, hidden);
      weights.push_back({std::move(W1), std::move(W2)});
    } else {
      weights.push_back({draw.next(shape.outputs, shape.inputs), Eigen::MatrixXd()});
    }
  }
  return weights;
}

NetworkWeights aligned_init(const analytic::ArchitectureModes& modes, int hidden, double a0) {
  const auto layouts = analytic::module_layouts(modes.arch);
  const auto shapes = module_shapes(modes.spec, modes.arch);
  NetworkWeights weights;
  std::vector<Eigen::Index> used(layouts.size(), 0);  // hidden units taken so far, per module
  for (std::size_t m = 0; m < layouts.size(); ++m)
    weights.push_back(shapes[m].deep ? analytic::ModuleWeights{Eigen::MatrixXd::Zero(hidden, shapes[m].inputs),
                                                                Eigen::MatrixXd::Zero(shapes[m].outputs, hidden)}
                                     : analytic::ModuleWeights{Eigen::MatrixXd::Zero(shapes[m].outputs, shapes[m].inputs),
                                                                Eigen::MatrixXd()});
  for (const auto& family : modes.families) {
    if (!family.present()) continue;
    const auto& layout = layouts[family.module];
    const auto walsh = analytic::walsh_indices(modes.spec, family.basis);
    const Eigen::MatrixXd V = analytic::mode_vectors(analytic::input_side(modes.spec, layout.input), family.v, walsh);
    const Eigen::MatrixXd U = analytic::mode_vectors(analytic::output_side(modes.spec, layout.output), family.u, walsh);
    auto& w = weights[family.module];
    if (!layout.deep) {
      w.W1 += a0 * U * V.transpose();
      continue;
    }
    const Eigen::Index count = V.cols();
    if (used[family.module] + count > hidden)
      throw dln::InvalidInput("hidden", fmt::format("aligned init of the {} architecture needs hidden ≥ {} (one unit per "
                                               "mode of module {}), got {}",
                                               analytic::to_string(modes.arch), used[family.module] + count,
                                               layout.name, hidden));
    const double root = std::sqrt(a0);
    w.W1.middleRows(used[family.module], count) = root * V.transpose();
    w.W2.middleCols(used[family.module], count) = root * U;
    used[family.module] += count;
  }
  return weights;
}

}  // namespace dln::numeric
