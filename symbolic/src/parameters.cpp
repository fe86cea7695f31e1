#include "dln/symbolic/parameters.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <regex>

#include "dln/analytic/dataset.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/symbolic/format.hpp"

namespace dln::symbolic {

using GiNaC::ex;
using GiNaC::numeric;
using GiNaC::possymbol;
using GiNaC::symbol;

const Parameters& parameters() {
  static const Parameters p{possymbol("n1", "n_1"), possymbol("n2", "n_2"), possymbol("k1", "k_1"), possymbol("k2", "k_2"),
                            possymbol("r", "r"),    possymbol("P", "P"),    possymbol("L1", "L_1"), possymbol("L2", "L_2"),
                            possymbol("lr", "\\mathrm{lr}"), possymbol("a0", "a_0"), possymbol("t", "t")};
  return p;
}

const std::vector<std::string_view>& differentiable_parameter_names() {
  static const std::vector<std::string_view> names{"n1", "n2", "k1", "k2", "r", "lr", "a0", "t"};
  return names;
}

const symbol& parameter_named(std::string_view name, const std::string& flag) {
  const Parameters& p = parameters();
  for (const symbol* s : {&p.n1, &p.n2, &p.k1, &p.k2, &p.r, &p.lr, &p.a0, &p.t})
    if (s->get_name() == name) return *s;
  throw InvalidInput(flag, fmt::format("must name a parameter, one of {}; got '{}'",
                                       fmt::join(differentiable_parameter_names(), ", "), name));
}

ex expand_definitions(const ex& e) {
  const Parameters& p = parameters();
  const ex two_to_n1 = GiNaC::pow(2, p.n1);
  return e.subs(GiNaC::lst{p.L1 == two_to_n1 + p.k1 * p.r * p.r, p.L2 == two_to_n1 + p.k2 * p.r * p.r,
                           p.P == two_to_n1});
}

ex total_derivative(const ex& e, const symbol& x) {
  // d/dx f(x, P, L1, L2) = ∂f/∂x + Σ_{y ∈ {P, L1, L2}} ∂f/∂y · dy/dx, with dy/dx written back in P
  // (d 2^n1/dn1 = ln 2 · 2^n1 = ln 2 · P).
  const Parameters& p = parameters();
  ex derivative = e.diff(x);
  for (const symbol* y : {&p.P, &p.L1, &p.L2}) {
    const ex dy_dx = expand_definitions(*y).diff(x).subs(GiNaC::pow(2, p.n1) == p.P);
    if (!dy_dx.is_zero()) derivative += e.diff(*y) * dy_dx;
  }
  return derivative;
}

numeric ExactSetting::P() const { return GiNaC::pow(numeric(2), numeric(n1)); }
numeric ExactSetting::L1() const { return P() + k1 * r * r; }
numeric ExactSetting::L2() const { return P() + k2 * r * r; }

GiNaC::exmap ExactSetting::values() const {
  const Parameters& p = parameters();
  GiNaC::exmap map;
  map[p.n1] = n1;
  map[p.n2] = n2;
  map[p.k1] = k1;
  map[p.k2] = k2;
  map[p.r] = r;
  map[p.P] = P();
  map[p.L1] = L1();
  map[p.L2] = L2();
  map[p.lr] = lr;
  map[p.a0] = a0;
  return map;
}

void ExactSetting::validate() const {
  analytic::DatasetSpec spec{n1, n2, k1, k2, 1.0, {}};
  spec.validate();  // the integer ranges; r is checked exactly below
  const auto positive = [](const numeric& value, const char* name) {
    if (value <= 0) throw InvalidInput(name, fmt::format("must be > 0, got {}", to_text(value)));
  };
  positive(r, "r");
  positive(lr, "lr");
  positive(a0, "a0");
}

numeric parse_rational(std::string_view text, const std::string& parameter) {
  static const std::regex decimal(R"(([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]{1,4}))?)");
  static const std::regex fraction(R"(([+-]?[0-9]+)/([0-9]+))");
  const std::string s(text);
  std::smatch m;
  if (std::regex_match(s, m, fraction)) {
    const numeric denominator(m[2].str().c_str());
    if (denominator.is_zero())
      throw InvalidInput(parameter, fmt::format("has a zero denominator: '{}'", s));
    return numeric(m[1].str().c_str()) / denominator;
  }
  if (std::regex_match(s, m, decimal) && (m[2].length() > 0 || m[3].length() > 0)) {
    // digits.fraction × 10^exponent, all integers: exact.
    const std::string digits = m[2].str() + m[3].str();
    const long exponent = (m[4].matched ? std::stol(m[4].str()) : 0L) - static_cast<long>(m[3].length());
    const numeric value = numeric(digits.c_str()) * GiNaC::pow(numeric(10), numeric(exponent));
    return m[1].str() == "-" ? -value : value;
  }
  throw InvalidInput(parameter,
                     fmt::format("must be a rational number for exact output — a decimal such as 0.8 or a fraction "
                                 "such as 3/2 — got '{}': the exact forms are radicals of rationals only when r, lr "
                                 "and a0 are rational; for other values use the command without --exact, which "
                                 "computes in decimals (double precision)",
                                 s));
}

}  // namespace dln::symbolic
