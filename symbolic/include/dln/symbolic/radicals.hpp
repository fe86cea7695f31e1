#pragma once
// Square roots in one readable normal form. GiNaC keeps √99, √8·√2 and 11^(−1/2) as written; here every
// square root of a rational becomes c·√m with m a square-free integer (√99 → 3√11, √(1/11) → √11/11),
// products of such roots are merged, and square roots of rational functions of the (positive) parameters
// take their square factors outside (√(n2·P²/L1²) → P·√n2/L1).
#include <ginac/ginac.h>

namespace dln::symbolic {

// Every power of a rational number to a half-integer exponent, and every product of them, as c·√m.
GiNaC::ex canonical_radicals(const GiNaC::ex& e);

// √square for a square ≥ 0 that is a rational function of positive symbols (or a rational number), with
// square factors taken outside the root and the rest in canonical_radicals form.
GiNaC::ex positive_sqrt(const GiNaC::ex& square);

// The shortest of a few equal forms of an expression in the parameters: as given, normal(), and with P
// written as L1 − k1·r² or L2 − k2·r², or k1, k2 as (L − P)/r² (so k1·r²/(P + k1·r²) becomes k1·r²/L1).
// For display only.
GiNaC::ex simplest_form(const GiNaC::ex& e);

}  // namespace dln::symbolic
