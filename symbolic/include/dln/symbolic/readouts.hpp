#pragma once
// Named read-outs of an architecture as expressions in the parameters — what a derivative can be taken of:
//   s:<family>, lambda:<family>, asymptote:<family>, t_half:<family>, a:<family> (the flow a(t)),
//   OxOy, GxOy, OxGy, GxGy (quadrant asymptotes), systematicity (at convergence).
// Quadrant asymptotes and systematicity assume every family present (k1·k2 > 0).
#include <ginac/ginac.h>
#include <string>
#include <vector>

#include "dln/analytic/architecture.hpp"
#include "dln/symbolic/closed_forms.hpp"

namespace dln::symbolic {

std::vector<std::string> readout_names(analytic::Architecture arch);
// Throws dln::InvalidInput(flag, …) listing readout_names(arch) for an unknown name.
GiNaC::ex readout(analytic::Architecture arch, const std::string& name, const std::string& flag);

// The squared quadrant asymptotes with every family present (symbolic multiplicities).
Quadrants squared_quadrant_asymptotes(const std::vector<SymbolicFamily>& families);

// A family's strength as a symbol, a_pi1, a_A_pi1, … (TeX a_{\pi_{1}}, a^{A}_{\pi_{1}}).
const GiNaC::possymbol& strength_symbol(const std::string& label);

// d readout / d parameter (total: through P, L1, L2), shortened for display.
GiNaC::ex sensitivity(const GiNaC::ex& readout_expression, const GiNaC::symbol& parameter);

}  // namespace dln::symbolic
