#pragma once
// Exact values at one setting (docs/theory.md §3–§7 at rational r, lr, a0): every family's singular value,
// eigenvalue, multiplicity, asymptote and half-rise time, the quadrant asymptotes, the systematicity ratio at
// convergence, the order in which the families are learned, and full-batch GD's stability limit — radicals
// of rationals, with their decimals.
#include <ginac/ginac.h>
#include <optional>
#include <string>
#include <vector>

#include "dln/analytic/architecture.hpp"
#include "dln/symbolic/closed_forms.hpp"
#include "dln/symbolic/parameters.hpp"
#include "dln/symbolic/report.hpp"

namespace dln::symbolic {

struct ExactFamily {
  std::string label;
  long long multiplicity = 0;  // 0: absent at this setting (no values then)
  std::string absent_because;  // the presence condition when absent
  bool deep = true;
  GiNaC::ex s, lambda, asymptote;
  std::optional<GiNaC::ex> half_rise;  // none when a0 ≥ a*/2 (the flow never crosses a*/2 at t > 0)
};

struct ExactStability {
  GiNaC::ex sharpness;     // max over candidates of λ_j(a*_i + a*_j) (deep) or λ_j (shallow)
  GiNaC::ex critical_lr;   // 2/(P·sharpness): full-batch GD is stable at the minimum iff lr < critical_lr
  GiNaC::ex at_lr;         // η·sharpness/2 at the setting's lr (stable iff < 1)
  bool stable = true;
  std::string output_mode, input_direction;  // the binding pair
};

struct ExactSpectrum {
  analytic::Architecture arch{};
  ExactSetting setting;
  std::vector<ExactFamily> families;  // the architecture's, in symbolic_families order
  Quadrants quadrant_asymptotes;      // norms, not squares
  GiNaC::ex systematicity;            // at convergence
  std::vector<std::vector<std::string>> learning_order;  // groups of tied families, earliest first
  std::optional<ExactStability> stability;               // none when nothing is learned
};

// The setting must be valid (ExactSetting::validate).
ExactSpectrum exact_spectrum(const ExactSetting& setting, analytic::Architecture arch);

Report to_report(const ExactSpectrum& spectrum);

}  // namespace dln::symbolic
