#pragma once
// The training loop behind simulate() and simulate_seeds(), for options already validated at their entry.
#include <cstdint>

#include "dln/training/simulate.hpp"

namespace dln::training::detail {

analytic::Trajectory run_simulation(const numeric::Objective& objective, analytic::NetworkWeights weights,
                                    const SimulationOptions& options, std::uint64_t seed);

}  // namespace dln::training::detail
