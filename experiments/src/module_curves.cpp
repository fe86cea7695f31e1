#include "dln/experiments/module_curves.hpp"

#include <cmath>
#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/full_objective.hpp"
#include "dln/modules/init.hpp"
#include "dln/modules/run.hpp"
#include "dln/modules/theory.hpp"
#include "run_options.hpp"
#include "validate_dataset.hpp"

namespace dln::experiments {

modules::Description ModuleCurvesSpec::description(const std::string& preset) const {
  return modules::preset(preset, dataset, hidden);
}

void ModuleCurvesSpec::validate() const {
  validate_dataset(dataset);
  if (presets.empty())
    throw InvalidInput("presets", "must name at least one preset (" + std::string(modules::kPresetNames) + ")");
  if (hidden < 1) throw InvalidInput("hidden", fmt::format("must be ≥ 1 (deep modules), got {}", hidden));
  modules::TheoryOptions{lr, epochs, theory_time, a0}.validate();
  if (random_init && !(std::isfinite(init_scale) && init_scale > 0.0))
    throw InvalidInput("init-scale", fmt::format("must be a finite number > 0, got {}", init_scale));
  for (const std::string& name : presets) {
    modules::Description d;
    try {
      d = description(name);
      d.validate();
    } catch (const InvalidInput& e) {
      throw InvalidInput(e.parameter() == "rules" ? "dataset.rules" : "presets", e.what());
    }
    try {
      // The closed form must exist (docs/modules.md §8), and aligned full weights need a hidden unit per mode
      // and complement latent.
      const modules::ModeStructure joint = modules::mode_structure(d);
      const modules::ModeStructure each = modules::mode_structure(d, true, false);
      for (std::size_t m = 0; m < d.modules.size(); ++m)
        for (const modules::ModeStructure* s : {&joint, &each})
          if (s->hidden_needed[m] > hidden)
            throw InvalidInput("hidden", fmt::format("preset {}: module {} needs {} hidden units, got {}", name,
                                                     d.modules[m].name, s->hidden_needed[m], hidden));
    } catch (const InvalidInput& e) {
      throw InvalidInput(e.parameter() == "hidden" ? "hidden" : "presets", fmt::format("{}: {}", name, e.what()));
    }
  }
}

ModuleCurvesResult ModuleCurvesSpec::run() const {
  ModuleCurvesResult result;
  if (random_init) result.report.seeds = {seed};
  const modules::RunOptions training = run_options(lr, epochs);
  modules::TheoryOptions theory{lr, epochs, theory_time, a0};
  for (const std::string& name : presets) {
    const modules::Description d = description(name);
    const modules::ModeStructure structure = modules::mode_structure(d);
    modules::State initial;
    std::vector<Eigen::VectorXd> contributions;
    if (random_init) {
      initial = modules::random_init(d, init_scale, seed);
      contributions = modules::contributions_from_weights(d, structure, initial);
    } else {
      const modules::ModeStructure each = modules::mode_structure(d, true, false);
      initial = modules::aligned_full_weights(d, each, modules::aligned_contributions(each, a0));
    }
    ModuleCurvesRun run{name, {}, {}};
    run.simulation = modules::run_gd(modules::FullObjective(d), std::move(initial), training).trajectory;
    run.theory = modules::theory_trajectory(d, structure, theory, contributions);
    if (run.simulation.status != analytic::RunStatus::ok) {
      result.report.status = std::string(analytic::to_string(run.simulation.status));
      result.report.warnings.push_back(fmt::format("{}: the simulation stopped at epoch {} ({})", name,
                                                   run.simulation.failed_at.value_or(0), result.report.status));
    }
    result.runs.push_back(std::move(run));
  }
  return result;
}

}  // namespace dln::experiments
