#include "dln/experiments/generalization.hpp"

#include <fmt/format.h>

#include "dln/experiments/section.hpp"

namespace dln::experiments {

std::string default_label(const analytic::DatasetSpec& dataset, bool input_features) {
  return fmt::format("{} {} {} {} {:g}{}", dataset.n1, dataset.n2, dataset.k1, dataset.k2, dataset.r,
                     input_features ? "" : ", no Ωx inputs");
}

validation::GeneralizeOptions GeneralizationSpec::options(std::size_t i) const {
  validation::GeneralizeOptions o = training;
  o.spec = configurations.at(i).dataset;
  o.input_features = configurations.at(i).input_features;
  return o;
}

void GeneralizationSpec::validate() const {
  if (configurations.empty()) throw InvalidInput("configuration", "is required: one configuration or more");
  for (std::size_t i = 0; i < configurations.size(); ++i) {
    const GeneralizationConfiguration& c = configurations[i];
    const std::string entry = fmt::format("configuration.{}", i + 1);
    within(entry, [&] { c.dataset.validate(); });
    if (!c.has_omega_outputs() && !c.has_gamma_outputs())
      throw InvalidInput(entry + ".k2", "and n2 are both 0: the network has no outputs, so there is no loss to follow");
    // The training values hold for every configuration (a pattern index must be < P of each); with
    // several, the message says which one they fail with.
    within("training", [&] {
      try {
        options(i).validate();
      } catch (const InvalidInput& e) {
        if (configurations.size() == 1) throw;
        throw InvalidInput(e.parameter(), fmt::format("{} (with [[configuration]] #{})", e.what(), i + 1));
      }
    });
  }
}

GeneralizationResult GeneralizationSpec::run() const {
  GeneralizationResult result;
  for (std::size_t i = 0; i < configurations.size(); ++i) {
    validation::GeneralizeResult run = validation::generalize(options(i));
    if (run.status != analytic::RunStatus::ok) {
      result.report.status = std::string(analytic::to_string(run.status));
      result.report.warnings.push_back(fmt::format("{}: a run stopped at epoch {} (seed {}); the epochs before it "
                                                   "are drawn",
                                                   configurations[i].label, *run.failed_at, *run.failed_seed));
    }
    result.report.seeds.insert(result.report.seeds.end(), run.seeds.begin(), run.seeds.end());
    result.runs.push_back(std::move(run));
  }
  return result;
}

}  // namespace dln::experiments
