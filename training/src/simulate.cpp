#include "dln/training/simulate.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <optional>

#include "dln/training/update_policy.hpp"
#include "simulation_run.hpp"

namespace dln::training {

namespace {

bool all_finite(const analytic::NetworkWeights& weights) {
  return std::all_of(weights.begin(), weights.end(),
                     [](const analytic::ModuleWeights& w) { return w.W1.allFinite() && w.W2.allFinite(); });
}

}  // namespace

analytic::Trajectory detail::run_simulation(const numeric::Objective& objective, analytic::NetworkWeights weights,
                                            const SimulationOptions& options, std::uint64_t seed) {
  assert(weights.size() == analytic::module_layouts(objective.modes().arch).size());
  const std::unique_ptr<UpdatePolicy> policy = make_update_policy(objective, options, seed);
  analytic::TrajectoryRecorder recorder(objective.modes(), options.on_row);
  recorder.trajectory().rows.reserve(static_cast<std::size_t>(options.epochs) + 1);
  const std::optional<numeric::CopySpread> spread =
      policy->moves_input_copies_alike() ? std::optional(objective.copy_spread(weights)) : std::nullopt;
  numeric::ForwardPass pass;  // of the weights as they are: measured for row t, then stepped from at t + 1
  for (int t = 0; t <= options.epochs; ++t) {
    if (t > 0) policy->epoch(weights, pass);
    objective.forward(weights, pass);
    // The weights are checked as well as the row: they are what the next epoch starts from. Every weight enters the
    // loss (H sums all of W1's columns, G all of W2's entries) and a non-finite one makes it NaN or ±∞, so they are
    // scanned only when the loss is not finite (a finite-weight overflow is then reported by the row's own check).
    if (!std::isfinite(pass.loss) && !all_finite(weights)) {
      recorder.fail(analytic::RunStatus::diverged, t, "the weights are not finite");
      break;
    }
    if (!recorder.record(spread ? objective.measure(weights, pass, *spread, t) : objective.measure(weights, pass, t)))
      break;
  }
  return std::move(recorder.trajectory());
}

analytic::Trajectory simulate(const numeric::Objective& objective, analytic::NetworkWeights weights,
                              const SimulationOptions& options, std::uint64_t seed) {
  options.validate(objective.modes().spec, objective.modes().arch);
  return detail::run_simulation(objective, std::move(weights), options, seed);
}

}  // namespace dln::training
