#include "dln/validation/simulate.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "steppers.hpp"

namespace dln::validation {

namespace {

std::unique_ptr<EpochStepper> make_stepper(const numeric::Objective& objective, const SimulationOptions& options,
                                           std::uint64_t seed) {
  const auto& modes = objective.modes();
  switch (options.rule) {
    case Rule::gd: return make_gd_stepper(objective, options.lr);
    case Rule::sgd:
      return make_sgd_stepper(modes.spec, modes.arch, options.lr, options.batch, batch_stream_seed(seed));
    case Rule::hebbian:
    case Rule::anti_hebbian:
    case Rule::contrastive_hebbian:
    case Rule::predictive_coding:
      return make_hebbian_family_stepper(objective, options.lr, options.gamma_value(), options.nu_value());
  }
  return nullptr;
}

bool all_finite(const analytic::NetworkWeights& weights) {
  return std::all_of(weights.begin(), weights.end(),
                     [](const analytic::ModuleWeights& w) { return w.W1.allFinite() && w.W2.allFinite(); });
}

bool all_finite(const analytic::TrajectoryRow& row) {
  const std::vector<double> values = analytic::csv_values(row);
  return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

}  // namespace

std::uint64_t batch_stream_seed(std::uint64_t run_seed) {
  // SplitMix64 (Steele, Lea & Flood 2014): state += golden gamma, then the mixing function.
  std::uint64_t z = run_seed + 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

analytic::Trajectory simulate(const numeric::Objective& objective, analytic::NetworkWeights weights,
                              const SimulationOptions& options, std::uint64_t seed) {
  const auto& modes = objective.modes();
  options.validate(modes.spec, modes.arch);
  assert(weights.size() == analytic::module_layouts(modes.arch).size());
  const std::unique_ptr<EpochStepper> stepper = make_stepper(objective, options, seed);

  analytic::Trajectory trajectory;
  if (analytic::module_layouts(modes.arch).size() > 1)  // the same family columns as theory_trajectory
    for (const auto& family : modes.families) trajectory.family_labels.push_back(family.label);
  trajectory.rows.reserve(static_cast<std::size_t>(options.epochs) + 1);
  numeric::ForwardPass pass;  // of the weights as they are: measured for row t, then stepped from at t + 1
  for (int t = 0; t <= options.epochs; ++t) {
    if (t > 0) stepper->epoch(weights, pass);
    // Both are checked: the read-outs are what the row reports, the weights what the next epoch starts from.
    const bool finite_weights = all_finite(weights);
    analytic::TrajectoryRow row;
    if (finite_weights) {
      pass = objective.forward(weights);
      row = objective.measure(weights, pass, t);
    }
    if (!finite_weights || !all_finite(row)) {
      trajectory.status = analytic::RunStatus::diverged;
      trajectory.failed_at = t;
      break;
    }
    trajectory.rows.push_back(std::move(row));
    if (options.on_row) options.on_row(t);
  }
  return trajectory;
}

}  // namespace dln::validation
