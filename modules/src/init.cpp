#include "dln/modules/init.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/latent_basis.hpp"
#include "dln/numeric/gaussian_matrices.hpp"
#include "dln/numeric/init.hpp"

namespace dln::modules {

namespace {

double input_entries(const RuleDataset& data, Block input) {
  return (input != Block::gamma ? data.n1 : 0) + (input != Block::omega ? data.k1 * data.P() : 0.0);
}

}  // namespace

double weight_entries(const Description& description) {
  double entries = 0.0;
  for (const auto& module : description.modules) {
    const double in = input_entries(description.dataset, module.input);
    const double out = static_cast<double>(output_rows(description.dataset, module.output).size());
    entries += module.deep() ? module.hidden * (in + out) : in * out;
  }
  return entries;
}

void check_full_engine_fits(const Description& description) {
  // Per deep module H = W1·X, the error factor K and the product C·H (hidden × P each) and Hᵀ scaled (P × hidden);
  // per shallow module the same four with outputs for hidden, and its output factor, an outputs × outputs identity.
  // The read-out of every row (FullObjective::measure) takes the weights to the latent basis of the full block
  // (deep: hidden × P and outputs × hidden; shallow: outputs × P) and forms one module's map at a time, outputs × P:
  // with per-item outputs (k2·P rows) that is k2·P² entries, what dln modules simulate --n1 16 ran out of memory on.
  const RuleDataset& data = description.dataset;
  double activations = 0.0, latent_weights = 0.0, largest_map = 0.0;
  for (const auto& module : description.modules) {
    const double out = static_cast<double>(output_rows(data, module.output).size());
    activations += module.deep() ? 4.0 * module.hidden * data.P() : 4.0 * out * data.P() + out * out;
    latent_weights += module.deep() ? module.hidden * (data.P() + out) : out * data.P();
    largest_map = std::max(largest_map, out * data.P());
  }
  const double weights = weight_entries(description), readout = latent_weights + largest_map;
  const double total = weights + activations + readout;
  if (total > numeric::kMaxWeightEntries)
    throw InvalidInput("n1", fmt::format("n1 = {} needs {:.3g} matrix entries ({:.3g} GB: {:.3g} for the weights, {:.3g} "
                                         "for a step's activations over P = {:.0f} patterns, {:.3g} for the read-out's "
                                         "latent maps; limit {:.0e}); use a smaller n1, k1, k2 or hidden, or the latent "
                                         "engine with aligned init",
                                         data.n1, total, total * 8e-9, weights, activations, data.P(), readout,
                                         numeric::kMaxWeightEntries));
}

State random_init(const Description& description, double sigma, std::uint64_t seed) {
  if (!std::isfinite(sigma) || sigma < 0.0)
    throw InvalidInput("init-scale", fmt::format("must be a finite number ≥ 0, got {}", sigma));
  if (weight_entries(description) > numeric::kMaxWeightEntries)
    throw InvalidInput("n1", fmt::format("n1 = {} needs {:.3g} weight entries for explicit weights (limit {:.0e}); use the "
                                         "latent engine with aligned init or the closed forms",
                                         description.dataset.n1, weight_entries(description), numeric::kMaxWeightEntries));
  numeric::GaussianMatrices draw(sigma, seed);
  State state;
  for (const auto& module : description.modules) {
    const auto in = static_cast<Eigen::Index>(input_entries(description.dataset, module.input));
    const Eigen::Index out = output_rows(description.dataset, module.output).size();
    if (!module.deep()) {
      state.push_back({draw.next(out, in), Eigen::MatrixXd()});
      continue;
    }
    Eigen::MatrixXd W1 = draw.next(module.hidden, in);
    Eigen::MatrixXd W2 = draw.next(out, module.hidden);
    state.push_back({std::move(W1), std::move(W2)});
  }
  return state;
}

}  // namespace dln::modules
