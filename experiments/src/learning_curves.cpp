#include "dln/experiments/learning_curves.hpp"

#include <fmt/format.h>
#include <utility>

#include "dln/analytic/init_prediction.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/experiments/section.hpp"
#include "dln/numeric/objective.hpp"

namespace dln::experiments {

bool LearningCurvesSpec::uses_seed() const { return training::uses_seed(init, training.rule); }

void LearningCurvesSpec::validate() const {
  within("dataset", [&] { dataset.validate(); });
  within("training", [&] { training.validate(dataset, arch); });
  within("init", [&] { init.validate(dataset, arch); });
  within("training", [&] { training::validate_seeds(seed, seeds, init, training.rule); });
}

LearningCurvesResult LearningCurvesSpec::run() const {
  const numeric::Objective objective(dataset, arch);
  const analytic::ArchitectureModes& modes = objective.modes();
  const analytic::NetworkWeights weights = training::initial_weights(objective, init, seed);
  LearningCurvesResult result;
  // The closed form from this very init: class-block a0 and the frozen parts (docs/theory.md §15).
  result.theory = analytic::theory_from_init(modes, weights, {training.lr, training.epochs, theory_time},
                                             analytic::A0Estimate::class_block);
  if (seeds > 1) {
    // One thread: dln figures already draws its recipes in parallel.
    training::SeedEnsemble ensemble = training::simulate_seeds(objective, init, training, seed, seeds, /*jobs=*/1);
    result.simulation = std::move(ensemble.mean);
    result.simulation_sd = std::move(ensemble.sd);
    result.report.seeds = ensemble.seeds;
  } else {
    result.simulation = training::simulate(objective, weights, training, seed);
  }

  Report& report = result.report;
  if (const auto warning = training::stability_warning(modes, training)) report.warnings.push_back(*warning);
  for (const auto& [trajectory, what] :
       {std::pair{&result.simulation, "the simulation"}, std::pair{&result.theory, "the theory"}})
    if (trajectory->status != analytic::RunStatus::ok) {
      report.status = std::string(analytic::to_string(trajectory->status));
      report.warnings.push_back(fmt::format("{} stopped at epoch {} ({}); the epochs before it are drawn", what,
                                            *trajectory->failed_at, report.status));
    }
  if (uses_seed() && seeds == 1) report.seeds = {seed};
  return result;
}

}  // namespace dln::experiments
