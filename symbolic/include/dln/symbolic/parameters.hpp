#pragma once
// The parameters of the closed forms as GiNaC symbols (docs/theory.md §2–§5), and one setting of them as
// exact rationals.
//
// P, L1 and L2 are symbols of their own so that formulas print as in docs/theory.md §3; their definitions
// P = 2^n1, L1 = P + k1·r², L2 = P + k2·r² are applied by expand_definitions, and total_derivative
// differentiates through them.
#include <ginac/ginac.h>
#include <string>
#include <string_view>
#include <vector>

namespace dln::symbolic {

// Every symbol is positive (possymbol: GiNaC may take √(x²) = x and split roots of products, which holds for
// the parameters that may be 0 as well); GiNaC compares symbols by identity, so everybody uses this one set.
struct Parameters {
  GiNaC::possymbol n1, n2, k1, k2, r;  // the dataset (docs/theory.md §2)
  GiNaC::possymbol P, L1, L2;          // P = 2^n1, L1 = P + k1·r², L2 = P + k2·r²
  GiNaC::possymbol lr, a0, t;          // learning rate (η = P·lr = 1/τ), initial strength, time in epochs
};
const Parameters& parameters();

// The parameters a derivative may be taken with respect to, in the order help texts list them.
const std::vector<std::string_view>& differentiable_parameter_names();
// Throws dln::InvalidInput(flag, …) listing differentiable_parameter_names() for an unknown name.
const GiNaC::symbol& parameter_named(std::string_view name, const std::string& flag);

// P, L1, L2 replaced by their definitions in n1, k1, k2, r.
GiNaC::ex expand_definitions(const GiNaC::ex& e);

// d e / d x with P, L1 and L2 treated as the functions of n1, k1, k2, r they are (chain rule), the result
// still written with P, L1, L2. x is one of n1, n2, k1, k2, r, lr, a0, t.
GiNaC::ex total_derivative(const GiNaC::ex& e, const GiNaC::symbol& x);

// One setting, exactly: the integers of the dataset and r, lr, a0 as rationals.
struct ExactSetting {
  int n1 = 3, n2 = 1, k1 = 3, k2 = 1;
  GiNaC::numeric r = 1, lr = GiNaC::numeric(1, 50), a0 = GiNaC::numeric(1, 1000000);

  GiNaC::numeric P() const;
  GiNaC::numeric L1() const;
  GiNaC::numeric L2() const;
  // Every parameter except t replaced by its value.
  GiNaC::exmap values() const;
  // Throws dln::InvalidInput naming the parameter and the accepted range (n1 ≤ 30, as the closed forms of
  // dln::analytic; r, lr, a0 > 0).
  void validate() const;
};

// The exact value of a decimal ("0.8" → 4/5, "1e-6", "2.5E+3") or a fraction ("3/2") as written. Anything
// else — an irrational such as "sqrt(2)" or "pi", "nan", "inf" — throws dln::InvalidInput(parameter, …)
// explaining that exact output needs a rational and that the other commands use decimals.
GiNaC::numeric parse_rational(std::string_view text, const std::string& parameter);

}  // namespace dln::symbolic
