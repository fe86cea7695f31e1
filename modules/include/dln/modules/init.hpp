#pragma once
// Initial weights of a module description.
#include <cstdint>

#include "dln/modules/engine.hpp"

namespace dln::modules {

// Every entry i.i.d. N(0, σ²) from one std::mt19937_64(seed) through boost::random::normal_distribution, module by
// module, W1 (hidden × inputs; shallow: the map, outputs × inputs) before W2 (outputs × hidden), column-major: for
// the R = 1 presets the same numbers, in the same places, as numeric::random_init for the architecture.
// Throws dln::InvalidInput("init-scale", …) for σ not finite or < 0, ("hidden"/"n1", …) when the weights would not fit.
State random_init(const Description& description, double sigma, std::uint64_t seed);

// Number of weight entries of the description's full weights.
double weight_entries(const Description& description);

// Throws dln::InvalidInput("n1", …), saying how much it would need, when a full-weight step (FullObjective) would
// hold more than numeric::kMaxWeightEntries matrix entries: the weights, per module its activations over the P
// patterns, which grow as 2^n1 even where the weights are small (k1 = k2 = 0), and the read-out's latent maps, which
// grow as k2·P² (outputs × P per module).
void check_full_engine_fits(const Description& description);

}  // namespace dln::modules
