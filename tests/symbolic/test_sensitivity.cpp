// Derivatives of the read-outs (docs/symbolic.md): every read-out of every architecture, by every parameter,
// against a central difference of the same read-out with P = 2^n1, L1 and L2 written out — so the chain rule
// through P, L1, L2 is checked, not re-stated. Integer parameters are differentiated as the continuous
// variables the formulas extend to.
//
// Tolerance: the difference uses h = 10⁻¹² on values computed with 40 digits: truncation h²·|f'''|/6 ~ 1e-24
// and cancellation 1e-40/h = 1e-28, both far below 1e-12·max(1, |f'|), while a dropped chain-rule term is
// off by O(|f'|).
#define BOOST_TEST_MODULE symbolic_sensitivity
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "dln/analytic/invalid_input.hpp"
#include "support.hpp"

namespace {

using namespace dln;
using GiNaC::ex;
using GiNaC::numeric;

// n1=3 n2=1 k1=3 k2=2 r=4/5 lr=1/50 a0=10⁻⁶ t=40: every family present, a(t) mid-rise for some.
GiNaC::exmap base_values(const GiNaC::symbol& except) {
  const auto& p = symbolic::parameters();
  GiNaC::exmap values{{p.n1, 3}, {p.n2, 1}, {p.k1, 3}, {p.k2, 2}, {p.r, numeric(4, 5)},
                      {p.lr, numeric(1, 50)}, {p.a0, numeric(1, 1000000)}, {p.t, 40}};
  values.erase(except);
  return values;
}

double central_difference(const ex& readout, const GiNaC::symbol& x) {
  const ex f = symbolic::expand_definitions(readout).subs(base_values(x));
  const ex x0 = base_values(GiNaC::symbol()).at(x);
  const numeric h(1, 1000000000000);
  return symbolic::to_decimal((f.subs(x == x0 + h) - f.subs(x == x0 - h)) / (2 * h));
}

}  // namespace

BOOST_AUTO_TEST_CASE(derivatives_match_central_differences) {
  for (auto arch : test::kArchitectures)
    for (const std::string& name : symbolic::readout_names(arch)) {
      const ex readout = symbolic::readout(arch, name, "derive");
      for (auto parameter : symbolic::differentiable_parameter_names()) {
        const GiNaC::symbol& x = symbolic::parameter_named(parameter, "wrt");
        const ex derivative = symbolic::sensitivity(readout, x);
        const double exact =
            symbolic::to_decimal(symbolic::expand_definitions(derivative).subs(base_values(GiNaC::symbol())));
        const double difference = central_difference(readout, x);
        BOOST_TEST(std::abs(exact - difference) <= 1e-12 * std::max(1.0, std::abs(exact)),
                   analytic::to_string(arch) << " d " << name << "/d " << parameter << " = " << symbolic::to_text(derivative)
                                             << " = " << exact << ", central difference " << difference);
      }
    }
}

// ∂(systematicity at convergence)/∂r for the dense network: sys = r·√(k1/L1), so d/dr = √k1·P/L1^(3/2).
BOOST_AUTO_TEST_CASE(systematicity_by_r_in_closed_form) {
  const auto& p = symbolic::parameters();
  const ex derivative = symbolic::sensitivity(symbolic::readout(analytic::Architecture::dense, "systematicity", "derive"), p.r);
  const ex expected = GiNaC::sqrt(p.k1) * p.P / GiNaC::pow(p.L1, numeric(3, 2));
  // With k1 = κ², L1 = ℓ² (so the roots are κ and ℓ) and P = ℓ² − κ²r², the difference is a rational function.
  const GiNaC::possymbol kappa("kappa"), ell("ell");
  const ex difference = (derivative - expected).subs(GiNaC::lst{p.k1 == kappa * kappa, p.L1 == ell * ell});
  BOOST_TEST(test::identically_zero(difference.subs(p.P == ell * ell - kappa * kappa * p.r * p.r)),
             symbolic::to_text(derivative));
}

BOOST_AUTO_TEST_CASE(unknown_names_list_the_accepted_ones) {
  try {
    symbolic::readout(analytic::Architecture::split, "sys", "derive");
    BOOST_FAIL("an unknown read-out was accepted");
  } catch (const InvalidInput& e) {
    BOOST_TEST(e.parameter() == "derive");
    BOOST_TEST(std::string(e.what()).find("t_half:B:pi3") != std::string::npos, e.what());
    BOOST_TEST(std::string(e.what()).find("systematicity") != std::string::npos, e.what());
  }
  try {
    symbolic::parameter_named("P", "wrt");  // P is a function of n1, not a parameter of its own
    BOOST_FAIL("P was accepted as a parameter");
  } catch (const InvalidInput& e) {
    BOOST_TEST(std::string(e.what()).find("n1, n2, k1, k2, r, lr, a0, t") != std::string::npos, e.what());
  }
}

// The formulas in the parameters, evaluated at a setting where every family is present, give the exact values
// of the spectrum at that setting (which substitutes first and simplifies after): the displayed forms —
// square factors taken out of roots, signs moved — are the same functions.
BOOST_AUTO_TEST_CASE(readouts_evaluate_to_the_exact_values) {
  const auto& p = symbolic::parameters();
  const symbolic::ExactSetting setting{3, 1, 3, 2, numeric(4, 5), numeric(1, 50), numeric(1, 1000000)};
  // The difference is taken in 40-digit arithmetic before it becomes a double (two 40-digit values that agree to
  // 1e-38 can round to neighbouring doubles).
  const auto close = [](const ex& formula, const ex& exact) {
    return std::abs(symbolic::to_decimal(formula - exact)) <=
           1e-30 * std::max(1.0, std::abs(symbolic::to_decimal(exact)));
  };
  for (auto arch : test::kArchitectures) {
    const auto exact = symbolic::exact_spectrum(setting, arch);
    const auto at = [&](const std::string& name) {
      return symbolic::readout(arch, name, "derive").subs(setting.values()).subs(p.t == 0);
    };
    for (const auto& f : exact.families) {
      BOOST_TEST(close(at("s:" + f.label), f.s), f.label);
      BOOST_TEST(close(at("lambda:" + f.label), f.lambda), f.label);
      BOOST_TEST(close(at("asymptote:" + f.label), f.asymptote), f.label);
      BOOST_TEST(close(at("a:" + f.label), setting.a0), f.label);  // a(0) = a0
      if (f.half_rise) BOOST_TEST(close(at("t_half:" + f.label), *f.half_rise), f.label);
    }
    BOOST_TEST(close(at("OxOy"), exact.quadrant_asymptotes.OxOy));
    BOOST_TEST(close(at("GxOy"), exact.quadrant_asymptotes.GxOy));
    BOOST_TEST(close(at("OxGy"), exact.quadrant_asymptotes.OxGy));
    BOOST_TEST(close(at("GxGy"), exact.quadrant_asymptotes.GxGy), analytic::to_string(arch));
    BOOST_TEST(close(at("systematicity"), exact.systematicity));
  }
}
