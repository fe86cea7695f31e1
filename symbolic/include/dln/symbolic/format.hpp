#pragma once
// Printing expressions: plain text with √ and · (3√11/8, 3/√11, √(L2/L1)), LaTeX (\frac{3\sqrt{11}}{8}), and
// the input syntax of GiNaC and SymPy (3*sqrt(11)/8), which GiNaC's parser and SymPy's sympify read back. Factors and
// terms are printed in a fixed order (GiNaC's own order changes from run to run).
//
// A number c·√m whose denominator is a multiple of m prints with the root below: √11/11 as 1/√11, 3√11/11
// as 3/√11, the form in which the asymptotes a* = √(L2/L1) read most naturally.
#include <ginac/ginac.h>
#include <string>

namespace dln::symbolic {

std::string to_text(const GiNaC::ex& e);
std::string to_latex(const GiNaC::ex& e);
std::string to_ginac(const GiNaC::ex& e);

// The value of a closed number (no symbols left), evaluated with 40 digits and rounded to double; NaN when
// e is not a real number.
double to_decimal(const GiNaC::ex& e);

}  // namespace dln::symbolic
