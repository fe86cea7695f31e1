#pragma once
// dln::symbolic — the closed forms as exact GiNaC expressions: exact values at rational settings, formulas
// in the parameters, and their derivatives. Only this library and the dln app link GiNaC.
#include "dln/symbolic/closed_forms.hpp"
#include "dln/symbolic/exact_spectrum.hpp"
#include "dln/symbolic/families.hpp"
#include "dln/symbolic/format.hpp"
#include "dln/symbolic/formulas.hpp"
#include "dln/symbolic/parameters.hpp"
#include "dln/symbolic/radicals.hpp"
#include "dln/symbolic/readouts.hpp"
#include "dln/symbolic/report.hpp"
