#include "dln/experiments/validation_suite.hpp"

#include <algorithm>
#include <stdexcept>

namespace dln::experiments {

ValidationSuiteResult ValidationSuiteSpec::run() const {
  ValidationSuiteResult result;
  result.paper_setting = validation::run_paper_setting();
  result.comparisons = validation::run_validation({quick, {}, &result.paper_setting});
  const auto v5 = std::find_if(result.comparisons.begin(), result.comparisons.end(),
                               [](const validation::Comparison& c) { return c.id == "V5" && !c.informational; });
  if (v5 == result.comparisons.end()) throw std::logic_error("dln validate has no V5 comparison");
  result.v5_bound = v5->tolerance;
  result.report.seeds = {result.paper_setting.seed};
  if (std::any_of(result.comparisons.begin(), result.comparisons.end(), [](const auto& c) { return !c.passed(); })) {
    result.report.status = "validation failed";
    result.report.warnings.push_back("a comparison of dln validate failed; see the gallery's table or run dln validate");
  }
  return result;
}

}  // namespace dln::experiments
