#include "dln/experiments/learning_curves.hpp"

#include <fmt/format.h>
#include <utility>

#include "dln/analytic/init_prediction.hpp"
#include "dln/experiments/section.hpp"
#include "dln/numeric/objective.hpp"

namespace dln::experiments {

bool LearningCurvesSpec::uses_seed() const {
  return init.kind == training::InitOptions::Kind::random || training.rule == training::Rule::sgd;
}

void LearningCurvesSpec::validate() const {
  within("dataset", [&] { dataset.validate(); });
  within("training", [&] { training.validate(dataset, arch); });
  within("init", [&] { init.validate(dataset, arch); });
}

LearningCurvesResult LearningCurvesSpec::run() const {
  const numeric::Objective objective(dataset, arch);
  const analytic::ArchitectureModes& modes = objective.modes();
  const analytic::NetworkWeights weights = training::initial_weights(objective, init, seed);
  LearningCurvesResult result;
  // The closed form from this very init: class-block a0 and the frozen parts (docs/theory.md §15).
  result.theory = analytic::theory_from_init(modes, weights, {training.lr, training.epochs, theory_time},
                                             analytic::A0Estimate::class_block);
  result.simulation = training::simulate(objective, weights, training, seed);

  Report& report = result.report;
  if (const auto warning = training::stability_warning(modes, training)) report.warnings.push_back(*warning);
  for (const auto& [trajectory, what] :
       {std::pair{&result.simulation, "the simulation"}, std::pair{&result.theory, "the theory"}})
    if (trajectory->status != analytic::RunStatus::ok) {
      report.status = std::string(analytic::to_string(trajectory->status));
      report.warnings.push_back(fmt::format("{} stopped at epoch {} ({}); the epochs before it are drawn", what,
                                            *trajectory->failed_at, report.status));
    }
  if (uses_seed()) report.seeds = {seed};
  return result;
}

}  // namespace dln::experiments
