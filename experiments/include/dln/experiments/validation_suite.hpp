#pragma once
// `dln validate` at a glance: every comparison V1–V8, and the run behind V5 (full-batch GD from the
// paper's random init beside the closed forms from that init, docs/theory.md §15 and §5),
// computed once and shared by the table and the figure of its deviation over time.
#include <vector>

#include "dln/experiments/report.hpp"
#include "dln/validation/comparison.hpp"
#include "dln/validation/paper_setting.hpp"

namespace dln::experiments {

struct ValidationSuiteResult {
  std::vector<validation::Comparison> comparisons;  // in dln validate's order
  validation::PaperSettingRun paper_setting;        // V5's run
  double v5_bound = 0.0;                            // V5's tolerance over the epochs
  Report report;                                    // status "validation failed" when a comparison failed
};

struct ValidationSuiteSpec {
  bool quick = true;  // dln validate --quick's subset

  void validate() const {}  // every value of `quick` is valid
  ValidationSuiteResult run() const;
};

}  // namespace dln::experiments
