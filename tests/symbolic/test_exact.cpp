// The exact values at the paper's setting (docs/theory.md §11) in their printed radical form, the normal form
// of radicals, exact parsing of r, lr and a0, and the flow values §11 quotes.
#define BOOST_TEST_MODULE symbolic_exact
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "dln/analytic/invalid_input.hpp"
#include "support.hpp"

namespace {

using namespace dln;
using GiNaC::ex;
using GiNaC::numeric;

std::string text(const ex& e) { return symbolic::to_text(e); }

}  // namespace

BOOST_AUTO_TEST_CASE(paper_setting_in_radicals) {
  const auto exact = symbolic::exact_spectrum(symbolic::ExactSetting{}, analytic::Architecture::dense);
  BOOST_TEST_REQUIRE(exact.families.size() == 3U);
  const auto& f = exact.families;
  BOOST_TEST(f[0].multiplicity == 1);
  BOOST_TEST(f[1].multiplicity == 2);
  BOOST_TEST(f[2].multiplicity == 5);
  BOOST_TEST(text(f[0].s) == "3√11/8");
  BOOST_TEST(text(f[1].s) == "√11/8");
  BOOST_TEST(text(f[2].s) == "√3/8");
  BOOST_TEST(text(f[0].lambda) == "11/8");
  BOOST_TEST(text(f[2].lambda) == "3/8");
  BOOST_TEST(text(f[0].asymptote) == "3/√11");
  BOOST_TEST(text(f[1].asymptote) == "1/√11");
  BOOST_TEST(text(f[2].asymptote) == "1/√3");
  BOOST_TEST(text(exact.quadrant_asymptotes.OxOy) == "8/11");
  BOOST_TEST(text(exact.quadrant_asymptotes.GxOy) == "2√6/11");
  BOOST_TEST(text(exact.quadrant_asymptotes.OxGy) == "2√6/11");
  // √(9/121 + 5/3) = √(632/363) = 2√474/33
  BOOST_TEST(text(exact.quadrant_asymptotes.GxGy) == "2√474/33");
  // GxOy/√(OxOy² + GxOy²) = √(k1r²/L1) = √(3/11)
  BOOST_TEST(text(exact.systematicity) == "√33/11");
  BOOST_TEST(symbolic::to_latex(f[0].s) == "\\frac{3\\sqrt{11}}{8}");
  BOOST_TEST(symbolic::to_latex(f[0].asymptote) == "\\frac{3}{\\sqrt{11}}");
  BOOST_TEST(exact.learning_order.size() == 3U);
  BOOST_TEST(exact.learning_order[0] == std::vector<std::string>{"pi1"});
  // The binding pair is π1 with itself: η·λ1·2a1* < 2 ⇔ lr < 2/(P·(11/8)·(6/√11)) = 1/(3√11).
  BOOST_TEST(text(exact.stability->critical_lr) == "1/(3√11)");
}

// Split output modules: B's π1 and π2 share s and λ, so they are learned together.
BOOST_AUTO_TEST_CASE(ties_in_the_learning_order) {
  const auto exact = symbolic::exact_spectrum(symbolic::ExactSetting{}, analytic::Architecture::split);
  bool tied = false;
  for (const auto& group : exact.learning_order)
    tied = tied || group == std::vector<std::string>{"B:pi1", "B:pi2"};
  BOOST_TEST(tied);
}

BOOST_AUTO_TEST_CASE(radical_normal_form) {
  BOOST_TEST(text(symbolic::canonical_radicals(GiNaC::sqrt(ex(99)) / 8)) == "3√11/8");
  BOOST_TEST(text(symbolic::canonical_radicals(GiNaC::sqrt(ex(8)) * GiNaC::sqrt(ex(2)))) == "4");
  BOOST_TEST(text(symbolic::canonical_radicals(GiNaC::sqrt(ex(6)) * GiNaC::sqrt(ex(10)))) == "2√15");
  BOOST_TEST(text(symbolic::canonical_radicals(GiNaC::pow(ex(11), numeric(-1, 2)))) == "1/√11");
  BOOST_TEST(text(symbolic::canonical_radicals(GiNaC::pow(ex(12), numeric(3, 2)))) == "24√3");
  BOOST_TEST(text(symbolic::positive_sqrt(ex(24) / 121)) == "2√6/11");
  const auto& p = symbolic::parameters();
  BOOST_TEST(text(symbolic::positive_sqrt(p.n2 * p.P * p.P / (p.L1 * p.L1))) == "P·√n2/L1");
  BOOST_TEST(text(symbolic::positive_sqrt(p.L2 / p.L1)) == "√(L2/L1)");
}

BOOST_AUTO_TEST_CASE(rationals_are_read_exactly) {
  BOOST_TEST(symbolic::parse_rational("0.8", "r") == numeric(4, 5));
  BOOST_TEST(symbolic::parse_rational("3/2", "r") == numeric(3, 2));
  BOOST_TEST(symbolic::parse_rational("1e-6", "a0") == numeric(1, 1000000));
  BOOST_TEST(symbolic::parse_rational("2.5E+3", "r") == numeric(2500));
  BOOST_TEST(symbolic::parse_rational(".5", "r") == numeric(1, 2));
  for (const char* bad : {"sqrt(2)", "pi", "nan", "inf", "-inf", "", ".", "1/0", "0x10", "1e99999"})
    BOOST_CHECK_THROW(symbolic::parse_rational(bad, "r"), InvalidInput);
}

// docs/theory.md §11: deep flow at lr 0.02 (τ = 6.25) from a0 = 7e-7 (π1, π2) / 8e-7 (π3), and shallow flow at
// lr 0.005 (τ = 25). Quoted to 6 decimals, so compared to 5e-7.
BOOST_AUTO_TEST_CASE(reference_flow_values) {
  const auto& p = symbolic::parameters();
  const auto value = [&](analytic::Architecture arch, int family, const char* a0, const char* lr, int t) {
    symbolic::ExactSetting setting;
    setting.a0 = symbolic::parse_rational(a0, "a0");
    setting.lr = symbolic::parse_rational(lr, "lr");
    const auto f = symbolic::symbolic_families(arch)[static_cast<std::size_t>(family)];
    return symbolic::to_decimal(symbolic::flow_trajectory(f).subs(setting.values()).subs(p.t == t));
  };
  using analytic::Architecture;
  BOOST_TEST(std::abs(value(Architecture::dense, 0, "7e-7", "0.02", 35) - 0.420204) < 5e-7);
  BOOST_TEST(std::abs(value(Architecture::dense, 0, "7e-7", "0.02", 50) - 0.901879) < 5e-7);
  BOOST_TEST(std::abs(value(Architecture::dense, 1, "7e-7", "0.02", 100) - 0.172704) < 5e-7);
  BOOST_TEST(std::abs(value(Architecture::dense, 2, "8e-7", "0.02", 200) - 0.341069) < 5e-7);
  BOOST_TEST(std::abs(value(Architecture::shallow, 0, "7e-7", "0.005", 10) - 0.382664) < 5e-7);
  BOOST_TEST(std::abs(value(Architecture::shallow, 2, "8e-7", "0.005", 50) - 0.304630) < 5e-7);
}

// The code form reads back (GiNaC's parser) as the same expression, and prints the same every run: factors
// and terms sorted, not in GiNaC's hash order.
BOOST_AUTO_TEST_CASE(code_form_reads_back) {
  const auto& p = symbolic::parameters();
  GiNaC::symtab table;
  for (const GiNaC::possymbol* s : {&p.n1, &p.n2, &p.k1, &p.k2, &p.r, &p.P, &p.L1, &p.L2, &p.lr, &p.a0, &p.t})
    table[s->get_name()] = *s;
  GiNaC::parser read(table, true);
  for (auto arch : test::kArchitectures)
    for (const auto& f : symbolic::symbolic_families(arch))
      for (const ex& e : {symbolic::flow_trajectory(f), symbolic::half_rise_time(f), f.s, symbolic::asymptote(f)}) {
        const std::string code = symbolic::to_ginac(e);
        BOOST_TEST(test::identically_zero(read(code) - e), code);
      }
  const auto exact = symbolic::exact_spectrum(symbolic::ExactSetting{}, analytic::Architecture::dense);
  BOOST_TEST(symbolic::to_ginac(exact.families[0].s) == "3*sqrt(11)/8");
  BOOST_TEST(symbolic::to_ginac(*exact.families[0].half_rise) == "25*log(3000000/sqrt(11) - 1)/(3*sqrt(11))");
  BOOST_TEST(text(*exact.families[0].half_rise) == "25·ln(3000000/√11 - 1)/(3√11)");
}
