// Closed forms of gated modules (docs/modules.md §3–4): the reference numbers of §4, and the exact discrete maps
// and flows against full-weight GD and the integrated full-weight flow on settings that are not in the docs.
#define BOOST_TEST_MODULE modules_theory
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/full_objective.hpp"
#include "dln/modules/init.hpp"
#include "dln/modules/run.hpp"
#include "dln/modules/theory.hpp"

using namespace dln;
using modules::Block;
using modules::GateKind;

namespace {

const modules::RuleDataset kDefaults{3, 3, 1, 1.0, 3, {}, {}};

modules::ReadoutTrajectory theory(const modules::Description& d, modules::TimeModel time, double lr, int epochs,
                                  double a0) {
  modules::TheoryOptions options;
  options.lr = lr;
  options.epochs = epochs;
  options.time = time;
  options.a0 = a0;
  options.check_hidden = false;
  return modules::theory_trajectory(d, modules::mode_structure(d), options);
}

double max_row_difference(const modules::ReadoutTrajectory& a, const modules::ReadoutTrajectory& b) {
  BOOST_REQUIRE(a.rows.size() == b.rows.size());
  double worst = 0.0;
  for (std::size_t t = 0; t < a.rows.size(); ++t) {
    const auto x = modules::csv_values(a.rows[t]), y = modules::csv_values(b.rows[t]);
    for (std::size_t i = 0; i < x.size(); ++i) worst = std::max(worst, std::abs(x[i] - y[i]));
  }
  return worst;
}

}  // namespace

// §4.2: monolithic on Jarvis-R at the defaults, R = 3: s_Q = 11/√192 = 0.793857, floor ½(1 − 1/3) = 1/3,
// ΓxΩy(∞) = ‖π‖√(k1r²P)/L1 = 0.257130. The floor is reached to 1e-12 after 4000 epochs at η·s_Q ≈ 0.38.
BOOST_AUTO_TEST_CASE(monolithic_reference_numbers) {
  const auto d = modules::preset("monolithic", kDefaults, 16);
  const auto structure = modules::mode_structure(d);
  double s_max = 0.0;
  for (const auto& mode : structure.modes) s_max = std::max(s_max, mode.race.nu(0) * mode.race.sigma(0));
  BOOST_TEST(std::abs(s_max - 11.0 / std::sqrt(192.0)) < 1e-14);
  BOOST_TEST(std::abs(s_max - 0.793857) < 5e-7);
  const auto curve = theory(d, modules::TimeModel::flow, 0.02, 4000, 1e-6);
  BOOST_TEST(std::abs(curve.rows.back().loss - 1.0 / 3.0) < 1e-12);
  for (int rho = 0; rho < 3; ++rho)
    BOOST_TEST(std::abs(curve.rows.back().rule_quadrants[static_cast<std::size_t>(rho)].GxOy - 0.257130) < 5e-7);
}

// §4.3: GT-Modular ends at ΓxΩy = √24/11 = 0.445362 on every rule; GT-segregated has ΓxΩy ≡ 0 and ΩxΩy → 1.
BOOST_AUTO_TEST_CASE(ground_truth_routing_reference_numbers) {
  const auto gt = theory(modules::preset("gt-modular", kDefaults, 16), modules::TimeModel::flow, 0.02, 6000, 1e-6);
  for (const auto& q : gt.rows.back().rule_quadrants) BOOST_TEST(std::abs(q.GxOy - std::sqrt(24.0) / 11.0) < 1e-12);
  BOOST_TEST(gt.rows.back().loss < 1e-20);
  const auto seg = theory(modules::preset("gt-segregated", kDefaults, 16), modules::TimeModel::flow, 0.02, 6000, 1e-6);
  for (const auto& row : seg.rows)
    for (const auto& q : row.rule_quadrants) {
      BOOST_TEST(q.GxOy == 0.0);
      BOOST_TEST(q.OxGy == 0.0);
    }
  for (const auto& q : seg.rows.back().rule_quadrants) BOOST_TEST(std::abs(q.OxOy - 1.0) < 1e-12);
  BOOST_TEST(std::abs(seg.rows.back().systematic_share - 1.0) < 1e-15);
}

// §4.4: the race table (closed-form final systematic share c_A(∞), four decimals as printed).
BOOST_AUTO_TEST_CASE(systematicity_race_table) {
  struct Row {
    int n1, k1;
    double r;
    double share[4];
  };
  const Row table[] = {{3, 3, 1.0, {0.3193, 0.1883, 0.1040, 0.0148}},
                       {3, 1, 1.0, {0.4288, 0.3644, 0.3047, 0.1644}},
                       {4, 3, 1.0, {0.3974, 0.3086, 0.2324, 0.0874}},
                       {3, 3, 2.0, {0.1265, 0.0249, 0.0047, 0.0000}}};
  const double a0[] = {1e-2, 1e-4, 1e-6, 1e-12};
  for (const auto& row : table) {
    const double P = std::pow(2.0, row.n1), L1 = P + row.k1 * row.r * row.r;
    for (int i = 0; i < 4; ++i)
      BOOST_TEST(std::abs(modules::systematicity_race_share(P, L1, a0[i], 1.0, 1.0) - row.share[i]) < 5e-5);
    // The race flips where γ_A/γ_B = √(L1/P): there both κ are equal and the shares stay at their initial ratio.
    const double flip = std::sqrt(L1 / P);
    BOOST_TEST(std::abs(modules::systematicity_race_share(P, L1, 1e-6, flip, 1.0) - 0.5) < 1e-12);
  }
}

// §4.5: the shared module's final share on a complement latent, defaults R = 3.
BOOST_AUTO_TEST_CASE(shared_module_shares) {
  const double P = 8.0, bx = std::sqrt(3.0 / P), by = std::sqrt(1.0 / P);
  BOOST_TEST(std::abs(modules::shared_module_share(bx, by, 3, 1e-2) - 0.9346) < 5e-5);
  BOOST_TEST(std::abs(modules::shared_module_share(bx, by, 3, 1e-4) - 0.9969) < 5e-5);
  BOOST_TEST(std::abs(modules::shared_module_share(bx, by, 3, 1e-6) - 0.9999) < 5e-5);
}

// The exact discrete maps against full-weight GD from the same balanced aligned weights, on settings not in the
// docs (unequal prior, permuted κ, k2 = 2, r = 0.8; a constant-gate race). docs/modules.md §8 asks 1e-12 (achieved
// ≤ 1e-14 there); 300 steps keep rounding-seeded modes (1e-16 growing like e^{2ηst}) below 1e-13.
BOOST_AUTO_TEST_CASE(discrete_maps_match_full_gd_from_aligned_init) {
  const modules::RuleDataset data{3, 2, 2, 0.8, 2, {2, 0}, {0.65, 0.35}};
  std::vector<modules::Description> list = {modules::preset("monolithic", data, 40), modules::preset("gt-modular", data, 40),
                                            modules::preset("gt-segregated", data, 40)};
  auto race = modules::preset("race", {3, 2, 2, 0.8, 1, {1}, {}}, 40);
  race.modules[0].gate = {GateKind::constant, 0.9, 0, {}};
  race.modules[1].gate = {GateKind::constant, 0.6, 0, {}};
  list.push_back(race);
  for (const auto& d : list) {
    const auto structure = modules::mode_structure(d, true);
    const auto c0 = modules::aligned_contributions(structure, 1e-3);
    const auto weights = modules::aligned_full_weights(d, structure, c0);
    modules::TheoryOptions options;
    options.lr = 0.004;
    options.epochs = 300;
    options.time = modules::TimeModel::discrete;
    const auto closed = modules::theory_trajectory(d, structure, options, c0);
    modules::RunOptions run;
    run.lr = options.lr;
    run.epochs = options.epochs;
    const auto gd = modules::run_gd(modules::FullObjective(d), weights, run);
    BOOST_TEST(gd.trajectory.rows.back().loss < 0.5 * gd.trajectory.rows.front().loss);
    BOOST_TEST(max_row_difference(closed, gd.trajectory) < 1e-12);
  }
}

// Flow closed forms (sigmoids, Theorem 2) and the Lotka–Volterra flow (a non-pure race: a shared per-item module
// beside two ground-truth per-item modules, G not of rank 1) against the full-weight flow integrated by Odeint at
// rtol 1e-12: docs/modules.md §8's 1e-8.
BOOST_AUTO_TEST_CASE(flows_match_integrated_full_flow) {
  const modules::RuleDataset data{3, 2, 2, 0.8, 2, {2, 0}, {0.65, 0.35}};
  modules::Description lv;
  lv.dataset = data;
  lv.modules = {{"shared", Block::gamma, Block::gamma, 40, {}},
                {"rule0", Block::gamma, Block::gamma, 40, {GateKind::ground_truth, 1.0, 0, {}}},
                {"rule1", Block::all, Block::gamma, 40, {GateKind::ground_truth, 1.0, 1, {}}}};
  auto race = modules::preset("race", {3, 2, 2, 0.8, 1, {1}, {}}, 40);
  race.modules[0].gate = {GateKind::constant, 0.9, 0, {}};
  race.modules[1].gate = {GateKind::constant, 0.6, 0, {}};
  for (const auto& d : {modules::preset("gt-modular", data, 40), race, lv}) {
    const auto structure = modules::mode_structure(d, true);
    bool pure = true;
    for (const auto& mode : structure.modes) pure = pure && modules::pure_race(mode.race).pure();
    BOOST_TEST_INFO("gt-modular and the race are pure (Theorem 2), the per-item race is not (Lotka–Volterra)");
    BOOST_TEST(pure == (d.modules[0].name != "shared"));
    const auto c0 = modules::aligned_contributions(structure, 1e-2);
    modules::TheoryOptions options;
    options.lr = 0.004;
    options.epochs = 120;
    const auto closed = modules::theory_trajectory(d, structure, options, c0);
    modules::RunOptions run;
    run.lr = options.lr;
    run.epochs = options.epochs;
    run.rtol = 1e-12;
    const auto flow = modules::run_flow(modules::FullObjective(d), modules::aligned_full_weights(d, structure, c0), run);
    BOOST_TEST(max_row_difference(closed, flow.trajectory) < 1e-8);
  }
}

// Outside the domain the closed forms refuse, naming the modules (docs/modules.md §8).
BOOST_AUTO_TEST_CASE(refuses_outside_its_domain) {
  const auto refused = [](const modules::Description& d, const std::string& words) {
    try {
      modules::mode_structure(d);
      BOOST_ERROR("accepted " << words);
    } catch (const InvalidInput& e) {
      BOOST_TEST(e.parameter() == "modules");
      BOOST_TEST_INFO(e.what());
      BOOST_TEST(std::string(e.what()).find(words) != std::string::npos);
    }
  };
  refused(modules::preset("shared-plus-rules", kDefaults, 16), "shared, rule0");
  auto dense_race = modules::preset("race", {3, 3, 1, 1.0, 1, {}, {}}, 16);
  dense_race.modules[1].output = Block::all;  // a dense B racing the segregated A
  refused(dense_race, "A");
  auto soft = modules::preset("gt-modular", kDefaults, 16);
  for (auto& m : soft.modules) m.gate = {GateKind::softmax, 1.0, 0, {0.3, -0.2, 0.1}};
  soft.modules[1].gate.logits = {-0.4, 0.5, 0.0};
  refused(soft, "rule0");
  // hidden below the modes' needs
  modules::TheoryOptions options;
  const auto small = modules::preset("monolithic", kDefaults, 3);
  BOOST_CHECK_THROW(modules::theory_trajectory(small, modules::mode_structure(small), options), InvalidInput);
}

// Initial strengths from actual small random weights (σ = 1e-3, hidden 50): the closed-form discrete map with the
// a0 read off the weights follows GD's answer contributions (the queried-feature mode of each module) to 1e-3
// (docs/modules.md §8: 7.6e-5 there; the residual is the misaligned part of the init, O(σ) relative).
BOOST_AUTO_TEST_CASE(closed_form_from_random_init) {
  const auto d = modules::preset("gt-modular", {3, 3, 1, 1.0, 2, {1, 2}, {0.4, 0.6}}, 50);
  const auto structure = modules::mode_structure(d, true);
  const auto weights = modules::random_init(d, 1e-3, 17);
  modules::TheoryOptions options;
  options.lr = 0.01;
  options.epochs = 400;
  options.time = modules::TimeModel::discrete;
  options.check_hidden = false;
  const auto closed = modules::theory_trajectory(d, structure, options, modules::contributions_from_weights(d, structure, weights));
  modules::RunOptions run;
  run.lr = options.lr;
  run.epochs = options.epochs;
  const auto gd = modules::run_gd(modules::FullObjective(d), weights, run);
  BOOST_TEST(gd.trajectory.rows.back().answer_contribution[0] > 0.5);  // the mode rose from ~1e-6 to O(1)
  double worst = 0.0;
  for (std::size_t t = 0; t < gd.trajectory.rows.size(); ++t)
    for (std::size_t m = 0; m < d.modules.size(); ++m)
      worst = std::max(worst, std::abs(gd.trajectory.rows[t].answer_contribution[m] - closed.rows[t].answer_contribution[m]));
  BOOST_TEST(worst < 1e-3);
}
