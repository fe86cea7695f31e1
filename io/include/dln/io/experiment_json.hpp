#pragma once
// The JSON form of the experiments' Specs: every value a Result was computed from, as a manifest's
// "parameters" records it (the vocabulary of the recipes and the command line).
#include <nlohmann/json.hpp>

#include "dln/experiments/experiment.hpp"
#include "dln/io/dataset_json.hpp"

namespace dln::experiments {
void to_json(nlohmann::json& json, const LearningCurvesSpec& spec);
void to_json(nlohmann::json& json, const GeneralizationSpec& spec);
void to_json(nlohmann::json& json, const FullRankSpec& spec);
void to_json(nlohmann::json& json, const SystematicityMapSpec& spec);
void to_json(nlohmann::json& json, const ValidationSuiteSpec& spec);
void to_json(nlohmann::json& json, const ModuleCurvesSpec& spec);
void to_json(nlohmann::json& json, const SystematicityRaceSpec& spec);
void to_json(nlohmann::json& json, const SharedModulesSpec& spec);
void to_json(nlohmann::json& json, const LearnedRoutingSpec& spec);
void to_json(nlohmann::json& json, const HeldOutRoutingSpec& spec);
void to_json(nlohmann::json& json, const ModuleScaleSpec& spec);
void to_json(nlohmann::json& json, const ReluDatasetSpec& spec);
void to_json(nlohmann::json& json, const ReluFashionSpec& spec);
void to_json(nlohmann::json& json, const DataCurvesSpec& spec);
}  // namespace dln::experiments

namespace dln::io {

// A manifest's parameters of a run: the Spec's JSON form, and for the validation suite also the fixed
// setting of the run behind V5 (dataset, lr, epochs, init), which only its Result holds.
template <class Spec, class Result>
nlohmann::json run_parameters(const Spec& spec, const Result&) {
  return spec;
}
nlohmann::json run_parameters(const experiments::ValidationSuiteSpec& spec,
                              const experiments::ValidationSuiteResult& result);

}  // namespace dln::io
