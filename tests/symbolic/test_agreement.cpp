// The numeric closed forms (dln::analytic, doubles) and the symbolic ones (dln::symbolic, exact, then
// evaluated with 40 digits) agree at random settings of every architecture: two independent transcriptions
// of docs/theory.md §3–§7 checking each other.
//
// Tolerance: relative 1e-14. Each analytic value is a few (≤ ~10) correctly rounded double operations on
// exact inputs — r = p/q is itself rounded once — so it carries ≤ ~20 ulp ≈ 4.4e-15 relative error; the
// symbolic value is exact to ~1e-40. A quadrant norm sums ≤ 4 families' terms of one sign (no cancellation).
// t½ = (τ/2s)·ln(x), x = a*/a0 − 1: a relative error δ of a* becomes a relative error δ·(x + 1)/(x·ln x) of
// t½, at most 1.22·δ where a*/a0 ≥ 4 (x ≥ 3) — t½ is compared only there (most draws: a0 ≤ 1e-4 ≪ a*).
// A wrong formula is off by far more (a missing factor 2, a swapped k1/k2 changes values by ≥ 1e-3).
#define BOOST_TEST_MODULE symbolic_agreement
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <random>

#include "dln/analytic.hpp"
#include "support.hpp"

namespace {

using namespace dln;
using GiNaC::ex;
using GiNaC::numeric;

constexpr double kRelative = 1e-14;

bool agree(double numeric_value, const ex& exact) {
  const double value = symbolic::to_decimal(exact);
  return std::abs(numeric_value - value) <= kRelative * std::abs(value);
}

struct Draw {
  symbolic::ExactSetting exact;
  analytic::DatasetSpec spec;
};

// n1 ∈ 1..12, n2 ∈ 0..n1, k1, k2 ∈ 0..4 (so the absent families occur), r = p/q with p ∈ 1..40, q ∈ 1..20,
// lr = 1/m with m ∈ 10..2000, a0 = 10^−e with e ∈ 4..9.
Draw draw(std::mt19937_64& rng) {
  const auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  symbolic::ExactSetting s;
  s.n1 = uniform(1, 12);
  s.n2 = uniform(0, s.n1);
  s.k1 = uniform(0, 4);
  s.k2 = uniform(0, 4);
  s.r = numeric(uniform(1, 40), uniform(1, 20));
  s.lr = numeric(1, uniform(10, 2000));
  s.a0 = GiNaC::pow(numeric(10), numeric(-uniform(4, 9)));
  return {s, {s.n1, s.n2, s.k1, s.k2, s.r.to_double(), {}}};
}

}  // namespace

BOOST_AUTO_TEST_CASE(numeric_and_symbolic_layers_agree_at_random_settings) {
  std::mt19937_64 rng(20260614);  // fixed seed: the same settings on every run
  int compared = 0;
  for (int trial = 0; trial < 150; ++trial) {
    const Draw d = draw(rng);
    for (auto arch : test::kArchitectures) {
      BOOST_TEST_CONTEXT("n1=" << d.exact.n1 << " n2=" << d.exact.n2 << " k1=" << d.exact.k1 << " k2=" << d.exact.k2
                               << " r=" << d.exact.r << " lr=" << d.exact.lr << " a0=" << d.exact.a0 << " "
                               << analytic::to_string(arch)) {
        const auto modes = analytic::architecture_modes(d.spec, arch);
        const auto exact = symbolic::exact_spectrum(d.exact, arch);
        BOOST_TEST_REQUIRE(modes.families.size() == exact.families.size());
        for (std::size_t i = 0; i < modes.families.size(); ++i) {
          const auto& m = modes.families[i];
          const auto& e = exact.families[i];
          BOOST_TEST(m.label == e.label);
          BOOST_TEST(m.multiplicity == e.multiplicity);
          if (!m.present()) continue;
          BOOST_TEST(agree(m.s, e.s));
          BOOST_TEST(agree(m.lambda, e.lambda));
          BOOST_TEST(agree(m.asymptote(), e.asymptote));
          if (!e.half_rise || symbolic::to_decimal(e.asymptote) < 4 * d.exact.a0.to_double()) continue;
          const double eta = d.spec.P() * d.exact.lr.to_double();
          if (m.deep) {
            BOOST_TEST(agree(analytic::deep_half_rise_epochs(m.s, m.lambda, d.exact.a0.to_double(), d.exact.lr.to_double(),
                                                             d.spec.P()),
                             *e.half_rise));
          } else {  // no analytic t½ for shallow: its flow must be at a*/2 at the symbolic t½
            const double t = symbolic::to_decimal(*e.half_rise);
            BOOST_TEST(agree(analytic::shallow_flow(m.s, m.lambda, d.exact.a0.to_double(), t * eta),
                             e.asymptote / 2));
          }
          ++compared;
        }
        const auto q = analytic::asymptotic_quadrants(modes);
        BOOST_TEST(agree(q.OxOy, exact.quadrant_asymptotes.OxOy));
        BOOST_TEST(agree(q.GxOy, exact.quadrant_asymptotes.GxOy));
        BOOST_TEST(agree(q.OxGy, exact.quadrant_asymptotes.OxGy));
        BOOST_TEST(agree(q.GxGy, exact.quadrant_asymptotes.GxGy));
        BOOST_TEST(agree(analytic::systematicity(q), exact.systematicity));
        const auto stability = analytic::gd_stability(modes, d.exact.lr.to_double());
        if (!exact.stability) {  // nothing to learn: no sharpness, any lr is stable
          BOOST_TEST(stability.value == 0.0);
          continue;
        }
        BOOST_TEST(agree(stability.critical_lr(), exact.stability->critical_lr));
        BOOST_TEST(agree(stability.value, exact.stability->at_lr));
        BOOST_TEST(stability.stable() == exact.stability->stable);
      }
    }
  }
  BOOST_TEST(compared > 1000);  // most draws have present families that rise through a*/2
}
