#pragma once
// Initial weights (docs/theory.md §4): i.i.d. Gaussian, or balanced and exactly on the closed-form modes.
#include <cstdint>

#include "dln/analytic/modes.hpp"
#include "dln/analytic/weights.hpp"

namespace dln::numeric {

inline constexpr int kMaxHidden = 100'000;
// Weights and activations beyond this many entries (1.6 GB of doubles; with the working copies integration
// and simulation need, several times that) are refused as bad input.
inline constexpr double kMaxWeightEntries = 2.0e8;

// Number of weight entries of the architecture at this hidden width.
double weight_entries(const analytic::DatasetSpec& spec, analytic::Architecture arch, int hidden);
// Number of entries of the P-wide matrices a full-batch training step holds (activations, residuals).
double activation_entries(const analytic::DatasetSpec& spec, analytic::Architecture arch, int hidden);
// Throws dln::InvalidInput("hidden" / "n1") when the weights and a training step's activations together
// would not fit in memory (kMaxWeightEntries), saying how much they would need.
void check_weights_fit(const analytic::DatasetSpec& spec, analytic::Architecture arch, int hidden);

// Every entry of every module i.i.d. N(0, σ²), drawn from one std::mt19937_64 seeded with `seed`
// through boost::random::normal_distribution (identical across compilers): module by module in
// module_layouts order, W1 before W2, each matrix in column-major order. Shallow modules have one W.
analytic::NetworkWeights random_init(const analytic::DatasetSpec& spec, analytic::Architecture arch, int hidden,
                                     double sigma, std::uint64_t seed);

// Balanced weights exactly on the modes, every mode of every present family at strength a0:
// W1 = R·diag(√a0)·Vᵀ, W2 = U·diag(√a0)·Rᵀ with R = the first columns of the identity (shallow:
// W = U·diag(a0)·Vᵀ). Needs hidden ≥ the number of modes of each module (dln::InvalidInput otherwise).
analytic::NetworkWeights aligned_init(const analytic::ArchitectureModes& modes, int hidden, double a0);

}  // namespace dln::numeric
