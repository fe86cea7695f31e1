#pragma once
// The closed forms as formulas in the parameters n1, n2, k1, k2, r (P = 2^n1, L1 = P + k1·r², L2 = P + k2·r²),
// lr, a0 and t — every family's s, λ, a*, flow a(t), exact GD map and t½, the quadrant norms as functions of
// the families' strengths, the quadrant asymptotes, the systematicity at convergence and GD's stability
// candidates — each with its value at one setting; or derivatives of chosen read-outs.
#include <ginac/ginac.h>
#include <string>
#include <vector>

#include "dln/analytic/architecture.hpp"
#include "dln/symbolic/parameters.hpp"
#include "dln/symbolic/report.hpp"

namespace dln::symbolic {

struct FormulaRequest {
  analytic::Architecture arch = analytic::Architecture::dense;
  ExactSetting setting;     // where the decimals are evaluated
  GiNaC::numeric t = 100;   // the time at which a(t) and the quadrant norms are evaluated
  std::vector<std::string> derive, wrt;  // read-outs × parameters; empty: the formulas themselves
};

// Throws dln::InvalidInput("derive" | "wrt", …) naming the accepted read-outs or parameters.
Report formula_report(const FormulaRequest& request);

}  // namespace dln::symbolic
