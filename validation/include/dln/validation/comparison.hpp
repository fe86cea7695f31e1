#pragma once
// One numbered comparison of `dln validate`: a measured deviation, the tolerance the mathematics
// allows, and the reason for that tolerance (tier 3 of docs/conventions.md's errors: a failed comparison is a
// result, reported in the table and the exit code).
#include <functional>
#include <string>
#include <vector>

#include "dln/validation/paper_setting.hpp"

namespace dln::validation {

struct Comparison {
  std::string id;         // "V1", "V2", …
  std::string what;       // what is compared with what, and where
  std::string quantity;   // the deviation measured, e.g. "max |Δ| over classes and quadrants"
  double deviation = 0;   // the measured value
  double tolerance = 0;   // pass iff deviation ≤ tolerance (or, for `informational`, always)
  std::string reason;     // why this tolerance
  bool informational = false;  // reported for contrast, never fails
  bool passed() const { return informational || deviation <= tolerance; }
};

struct ValidationOptions {
  bool quick = false;  // a subset that runs in well under a minute on one core
  std::function<void(const std::string&)> progress;  // called as each group is done, in order; may be empty
  // V5's run when the caller has it already (the validation figure draws it): computed here when null.
  const PaperSettingRun* paper_setting = nullptr;
  int jobs = 0;  // threads for the groups (0: every core); the rows do not depend on it
};

// Every comparison group, in order. Each returns one or more rows.
std::vector<Comparison> run_validation(const ValidationOptions& options);

// The groups (one file each).
std::vector<Comparison> compare_spectra(bool quick);          // V1
std::vector<Comparison> compare_flow_with_odeint(bool quick); // V2
std::vector<Comparison> compare_discrete_with_gd(bool quick); // V3
std::vector<Comparison> compare_gd_gap_order(bool quick);     // V4
std::vector<Comparison> compare_paper_setting(const PaperSettingRun& run);  // V5
std::vector<Comparison> compare_sgd_band(bool quick);         // V6
std::vector<Comparison> compare_asymptotes(bool quick);       // V7
std::vector<Comparison> compare_other_rules(bool quick);      // V8
std::vector<Comparison> compare_modules(bool quick);          // V9

}  // namespace dln::validation
