#pragma once
// An experiment's Result as a figure: plots::Figure panels, and the numbers a figure cannot show exactly
// (exact probabilities, final losses, a validation summary) as Markdown notes. Pure: computes nothing
// but the layout, writes nothing.
#include <string>
#include <vector>

#include "dln/experiments/experiment.hpp"
#include "dln/plots/figure.hpp"

namespace dln::drawing {

// What the figure is called and where its settings came from.
struct Labels {
  std::string name;    // the figure's file stem
  std::string title;   // its first title line; the settings follow on the second
  std::string origin;  // e.g. "recipe configs/dense.toml": the first line of the script's note
};

struct Drawing {
  plots::Figure figure;
  std::string notes;  // Markdown, empty when the figure shows everything
};

Drawing draw(const experiments::LearningCurvesSpec& spec, const experiments::LearningCurvesResult& result,
             const Labels& labels);
Drawing draw(const experiments::GeneralizationSpec& spec, const experiments::GeneralizationResult& result,
             const Labels& labels);
Drawing draw(const experiments::FullRankSpec& spec, const experiments::FullRankResult& result, const Labels& labels);
Drawing draw(const experiments::SystematicityMapSpec& spec, const experiments::SystematicityMapResult& result,
             const Labels& labels);
Drawing draw(const experiments::ModuleCurvesSpec& spec, const experiments::ModuleCurvesResult& result,
             const Labels& labels);
Drawing draw(const experiments::SystematicityRaceSpec& spec, const experiments::SystematicityRaceResult& result,
             const Labels& labels);
Drawing draw(const experiments::SharedModulesSpec& spec, const experiments::SharedModulesResult& result,
             const Labels& labels);
Drawing draw(const experiments::ModuleScaleSpec& spec, const experiments::ModuleScaleResult& result,
             const Labels& labels);
Drawing draw(const experiments::LearnedRoutingSpec& spec, const experiments::LearnedRoutingResult& result,
             const Labels& labels);
Drawing draw(const experiments::HeldOutRoutingSpec& spec, const experiments::HeldOutRoutingResult& result,
             const Labels& labels);
Drawing draw(const experiments::ValidationSuiteSpec& spec, const experiments::ValidationSuiteResult& result,
             const Labels& labels);
Drawing draw(const experiments::ReluDatasetSpec& spec, const experiments::ReluDatasetResult& result,
             const Labels& labels);
Drawing draw(const experiments::ReluFashionSpec& spec, const experiments::ReluFashionResult& result,
             const Labels& labels);
Drawing draw(const experiments::DataCurvesSpec& spec, const experiments::DataCurvesResult& result,
             const Labels& labels);

// A Markdown table cell: '|' escaped.
std::string markdown_cell(const std::string& text);
// "mean ± sd" of values over seeds (sample sd, training::add_to_moments), 3 significant digits; "—" when empty.
std::string mean_sd_cell(const std::vector<double>& values);

}  // namespace dln::drawing
