// The module closed forms at scale (experiments::ModuleScaleSpec, figure X7, docs/modules.md §7).
#define BOOST_TEST_MODULE module_scale
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "dln/analytic/invalid_input.hpp"
#include "dln/experiments/module_scale.hpp"

using namespace dln;
using experiments::ModuleScaleSpec;

namespace {

std::string rejected_at(const ModuleScaleSpec& spec) {
  try {
    spec.validate();
  } catch (const InvalidInput& e) {
    return e.parameter();
  }
  return "accepted";
}

}  // namespace

// Full-weight GD from balanced aligned init follows the exact discrete maps (docs/modules.md §8: 1e-12 for O(1)
// values), here at n1 = 3, 4, 5 with lr = η/(R·P). The t → ∞ curves against the reference numbers computed
// independently (docs/modules.md §4.3–4.4, 4 decimals: 5e-5): GT-Modular's ΓxΩy(∞) = √24/11 = 0.4454 at n1 = 3,
// the race's c_A(∞) = 0.1040 (n1 = 3) and 0.2324 (n1 = 4) at a0 = 1e-6. At n1 = 24 (P ≈ 1.7e7, closed forms only)
// T = 400 epochs at η = 0.2 are ~4 times the ln(1/a0)/(2η·π_ρ) ≈ 100 epochs the compositional answer needs, so
// GT-Modular's ΓxΩy has reached its limit √(3P)/(P + 3) ≈ 4.2e-4 (asked: relative 1e-2), and the race's share is
// near ½ (Γx's copies no longer give B′ a head start: κ_B/κ_A = √(L1/P) − 1 ≈ 9e-8).
BOOST_AUTO_TEST_CASE(closed_forms_at_scale_agree_with_gd_where_it_runs) {
  ModuleScaleSpec spec;
  spec.n1_theory = {3, 4, 5, 24};
  spec.n1_simulated = {3, 4, 5};
  spec.epochs = 400;
  spec.validate();
  const auto result = spec.run();
  BOOST_TEST(result.report.ok());
  BOOST_REQUIRE(result.panels.size() == 3u);
  for (const auto& panel : result.panels) {
    BOOST_TEST_CONTEXT(panel.preset) {
      BOOST_REQUIRE(panel.simulated.size() == 3u);
      BOOST_TEST(panel.max_difference <= 1e-12);
      BOOST_TEST(std::isfinite(panel.theory.back()));
    }
  }
  const auto& gt = result.panels[0];
  const auto& race = result.panels[1];
  const auto& monolithic = result.panels[2];
  BOOST_TEST(std::abs(gt.limit[0] - 0.4454) <= 5e-5);
  BOOST_TEST(std::abs(race.limit[0] - 0.1040) <= 5e-5);
  BOOST_TEST(std::abs(race.limit[1] - 0.2324) <= 5e-5);
  const double P24 = std::ldexp(1.0, 24);
  BOOST_TEST(std::abs(gt.theory[3] / (std::sqrt(3.0 * P24) / (P24 + 3.0)) - 1.0) <= 1e-2);
  BOOST_TEST(race.theory[3] > 0.45);
  BOOST_TEST(race.theory[3] < 0.5);
  // Monolithic, R = 3 uniform: the answer row stops at 1/3; the per-item part ½k2r² = ½ is not yet learnt at
  // n1 = 24 (its modes' strengths ∝ 1/P), so the loss at T is the floor plus nearly all of it (≥ 0.83).
  BOOST_TEST(std::abs(monolithic.limit[3] - 1.0 / 3.0) <= 1e-15);
  BOOST_TEST(monolithic.theory[3] > 1.0 / 3.0 + 0.5 - 1e-3);
}

BOOST_AUTO_TEST_CASE(bad_scales_are_refused_naming_the_key) {
  ModuleScaleSpec spec;
  spec.n1_theory = {3, 10, 30};
  spec.n1_simulated = {3, 10};
  BOOST_TEST(rejected_at(spec) == "accepted");
  spec.n1_simulated = {3, 4};  // 4 has no closed form point to compare with
  BOOST_TEST(rejected_at(spec) == "n1_simulated");
  spec.n1_theory = {3, 4, 12};
  spec.n1_simulated = {12};  // full weights at n1 = 12: too large
  BOOST_TEST(rejected_at(spec) == "n1_simulated");
  spec.n1_simulated = {};
  spec.n1_theory = {2, 3};  // below R = 3
  BOOST_TEST(rejected_at(spec) == "n1_theory");
  spec.n1_theory = {3, 31};
  BOOST_TEST(rejected_at(spec) == "n1_theory");
  spec.n1_theory = {4, 3};
  BOOST_TEST(rejected_at(spec) == "n1_theory");
  spec.n1_theory = {3};
  spec.eta = 0.0;
  BOOST_TEST(rejected_at(spec) == "eta");
  spec.eta = 0.2;
  spec.rules = 0;
  BOOST_TEST(rejected_at(spec) == "dataset.rules");
}
