#pragma once
// Simulated training (docs/theory.md §4, §8) of actual weights, one row per epoch measured with
// numeric::Objective::measure (t = 0 is the initial state), for comparison with the closed forms.
#include <cstdint>

#include "dln/analytic/trajectory.hpp"
#include "dln/analytic/weights.hpp"
#include "dln/numeric/objective.hpp"
#include "dln/training/options.hpp"

namespace dln::training {

// Trains `weights` (in the module order of objective.modes().arch) with the update policy of the options'
// rule (make_update_policy): full-batch GD W −= η·∂L/∂W on every module from the old weights; SGD with batches
// drawn from std::mt19937_64(batch_stream_seed(seed)); or docs/theory.md §8's update. `seed` matters for sgd
// only. Rows t = 0..epochs, recorded by analytic::TrajectoryRecorder: at the first epoch with a non-finite
// weight or read-out the run ends with status diverged and failed_at = that epoch, and options.on_row may stop
// it (status stopped); the rows before are kept either way. Validates the options first.
analytic::Trajectory simulate(const numeric::Objective& objective, analytic::NetworkWeights weights,
                              const SimulationOptions& options, std::uint64_t seed);

}  // namespace dln::training
