#pragma once
// Every experiment a figure can show, one Spec type each; a reader (a TOML recipe, a command line)
// builds one and validates it once.
#include <variant>

#include "dln/experiments/data_curves.hpp"
#include "dln/experiments/full_rank.hpp"
#include "dln/experiments/generalization.hpp"
#include "dln/experiments/held_out_routing.hpp"
#include "dln/experiments/learned_routing.hpp"
#include "dln/experiments/learning_curves.hpp"
#include "dln/experiments/module_curves.hpp"
#include "dln/experiments/module_scale.hpp"
#include "dln/experiments/nonlinear.hpp"
#include "dln/experiments/shared_modules.hpp"
#include "dln/experiments/systematicity_map.hpp"
#include "dln/experiments/systematicity_race.hpp"
#include "dln/experiments/validation_suite.hpp"

namespace dln::experiments {

using Spec = std::variant<LearningCurvesSpec, GeneralizationSpec, FullRankSpec, SystematicityMapSpec,
                          ValidationSuiteSpec, ReluDatasetSpec, ReluFashionSpec, DataCurvesSpec,
                          ModuleCurvesSpec, SystematicityRaceSpec, SharedModulesSpec, LearnedRoutingSpec,
                          HeldOutRoutingSpec, ModuleScaleSpec>;

}  // namespace dln::experiments
