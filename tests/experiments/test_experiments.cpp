// The experiments behind the figures: each Spec validates once with errors that name where the bad value
// sits, and each run computes what its docs section says — checked against closed forms and definitions,
// not against the code that computes them.
#define BOOST_TEST_MODULE experiments
#include <boost/test/unit_test.hpp>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <string>

#include "dln/analytic.hpp"
#include "dln/experiments.hpp"

using namespace dln;
using namespace dln::experiments;

namespace {

// The parameter path of the dln::InvalidInput that check() throws ("" when it throws none).
template <class Check>
std::string rejected_at(Check&& check) {
  try {
    check();
  } catch (const InvalidInput& e) {
    return e.parameter();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(learning_curves_errors_name_their_section) {
  LearningCurvesSpec spec;
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "");
  spec.dataset.n2 = 4;  // > n1 = 3
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "dataset.n2");
  spec = {};
  spec.training.epochs = -1;
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "training.epochs");
  spec = {};
  spec.training = training::SimulationOptions::for_rule(training::Rule::sgd);  // batch 0: not 1..P
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "training.batch");
  spec = {};
  spec.init.hidden = 0;
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "init.hidden");
}

// From weights exactly on the modes, the exact discrete map is GD itself (docs/theory.md §5, dln validate
// V3): the two curves of the figure agree to roundoff (~1e-15 per step over 200 steps; 1e-10 leaves
// margin, while pairing the flow or a wrong a0 with the simulation would be off by O(η) or O(a0)).
BOOST_AUTO_TEST_CASE(learning_curves_from_an_aligned_init_follow_the_exact_discrete_map) {
  LearningCurvesSpec spec;
  spec.init.kind = training::InitOptions::Kind::aligned;
  spec.init.a0 = 1e-3;
  spec.training.epochs = 200;
  spec.validate();
  const LearningCurvesResult result = spec.run();
  BOOST_TEST(result.report.ok());
  BOOST_TEST(result.report.seeds.empty());  // an aligned init and full-batch GD draw nothing
  BOOST_TEST(result.simulation.rows.size() == 201u);
  BOOST_TEST(result.theory.rows.size() == 201u);
  double largest = 0.0;
  for (std::size_t t = 0; t < result.theory.rows.size(); ++t) {
    const auto &s = result.simulation.rows[t], &c = result.theory.rows[t];
    for (int k = 0; k < 3; ++k) largest = std::max(largest, std::abs(s.a_pi[k] - c.a_pi[k]));
    largest = std::max({largest, std::abs(s.quadrants.OxOy - c.quadrants.OxOy),
                        std::abs(s.quadrants.GxOy - c.quadrants.GxOy)});
  }
  BOOST_TEST(largest < 1e-10);
  // and the curves move: π1 has grown far beyond its a0 (τ = 6.25 epochs, 200 epochs run).
  BOOST_TEST(result.theory.rows.back().a_pi[0] > 100 * spec.init.a0);
}

BOOST_AUTO_TEST_CASE(learning_curves_report_the_seed_of_a_random_init) {
  LearningCurvesSpec spec;
  spec.seed = 7;
  spec.training.epochs = 5;
  spec.validate();
  const LearningCurvesResult result = spec.run();
  BOOST_TEST(result.report.seeds == std::vector<std::uint64_t>{7});
}

// seeds = N: the simulation is training::simulate_seeds' mean, with its sd beside it (SGD's batch orders differ,
// so the sd is > 0 somewhere); the report lists every run seed. Without randomness N runs are refused.
BOOST_AUTO_TEST_CASE(learning_curves_average_seeds) {
  LearningCurvesSpec spec;
  spec.training = training::SimulationOptions::for_rule(training::Rule::sgd);
  spec.training.batch = 1;
  spec.training.epochs = 60;
  spec.seed = 3;
  spec.seeds = 4;
  spec.validate();
  const LearningCurvesResult result = spec.run();
  BOOST_TEST(result.report.seeds == (std::vector<std::uint64_t>{3, 4, 5, 6}));
  BOOST_TEST_REQUIRE(result.simulation_sd.has_value());
  BOOST_TEST_REQUIRE(result.simulation_sd->rows.size() == result.simulation.rows.size());
  double largest = 0.0;
  for (const auto& row : result.simulation_sd->rows) largest = std::max(largest, row.a_pi[0]);
  BOOST_TEST(largest > 0.0);
  const auto ensemble = training::simulate_seeds(numeric::Objective(spec.dataset, spec.arch), spec.init,
                                                 spec.training, 3, 4, 1);
  BOOST_TEST(result.simulation.rows.back().a_pi[0] == ensemble.mean.rows.back().a_pi[0]);  // the same bits
  spec = {};
  spec.init.kind = training::InitOptions::Kind::aligned;
  spec.seeds = 2;
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "training.seeds");
}

// A diverging learning rate is a reported outcome, not an exception: status, and a warning that says
// where the run stopped.
BOOST_AUTO_TEST_CASE(a_diverging_run_reports_itself) {
  LearningCurvesSpec spec;
  spec.training.lr = 5.0;  // η = P·lr = 40, far beyond GD's stability bound 2/λ at the paper's setting
  spec.training.epochs = 200;
  spec.validate();
  const LearningCurvesResult result = spec.run();
  BOOST_TEST(result.report.status == "diverged");
  BOOST_TEST(result.simulation.rows.size() < 201u);
  const bool says_where = std::any_of(result.report.warnings.begin(), result.report.warnings.end(),
                                      [](const std::string& w) { return w.find("stopped at epoch") != std::string::npos; });
  BOOST_TEST(says_where);
}

// docs/theory.md §6: the share ‖ΓxΩy‖ / ‖W[Ωy, :]‖ of the min-norm map W = Y X⁺, here computed from the
// dense matrices and Eigen's pseudo-inverse (roundoff ~1e-14 at these sizes; 1e-10 leaves margin).
BOOST_AUTO_TEST_CASE(systematicity_map_is_the_share_of_the_min_norm_map) {
  SystematicityMapSpec spec;
  spec.n1 = {2, 3};
  spec.k1 = {0, 1, 3};
  spec.r = {0.5, 2.0};
  spec.validate();
  const SystematicityMapResult result = spec.run();
  BOOST_TEST_REQUIRE(result.grids.size() == 2u);
  for (const SystematicityGrid& grid : result.grids) {
    BOOST_TEST_REQUIRE(grid.share.size() == spec.k1.size() * spec.r.size());
    for (std::size_t j = 0; j < spec.r.size(); ++j)
      for (std::size_t i = 0; i < spec.k1.size(); ++i) {
        const analytic::DatasetSpec d = spec.dataset(grid.n1, spec.k1[i], spec.r[j]);
        const Eigen::MatrixXd X = analytic::input_matrix(d), Y = analytic::output_matrix(d);
        const Eigen::MatrixXd W = Y * X.completeOrthogonalDecomposition().pseudoInverse();
        const Eigen::MatrixXd omega_y = W.topRows(d.n2);
        const double expected = omega_y.rightCols(X.rows() - d.n1).norm() / omega_y.norm();
        BOOST_TEST(grid.share[j * spec.k1.size() + i] == expected, boost::test_tools::tolerance(1e-10));
      }
    BOOST_TEST(grid.share[0] == 0.0);  // k1 = 0: no per-item inputs, a systematic map
  }
}

BOOST_AUTO_TEST_CASE(systematicity_map_rejects_a_decreasing_axis) {
  SystematicityMapSpec spec;
  spec.n1 = {3};
  spec.k1 = {2, 1};
  spec.r = {1.0};
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "k1");
  spec.k1 = {1, 2};
  spec.r = {1.0, 1.0};
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "r");
  spec.r = {1.0};
  spec.n1 = {0};
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "n1");
}

// docs/theory.md §9's exact values (n1 = 3: j = 3 → 32/56, j = 4 → 64/70, j ≥ 5 → 1; n1 = 4: j = 4 →
// 928/1820), and the Monte Carlo estimate within 5 standard errors √(p(1−p)/M) of the exact value.
BOOST_AUTO_TEST_CASE(full_rank_rows_hold_the_exact_counts) {
  FullRankSpec spec;
  spec.n1 = {3, 4};
  spec.monte_carlo.samples = 2000;
  spec.monte_carlo.seed = 3;
  spec.validate();
  const FullRankResult result = spec.run();
  BOOST_TEST_REQUIRE(result.panels.size() == 2u);
  const FullRankRows& three = result.panels[0];
  BOOST_TEST_REQUIRE(three.exact.size() == 6u);  // j = 3..8
  BOOST_TEST(three.exact[0].numerator == 32u);
  BOOST_TEST(three.exact[0].denominator == 56u);
  BOOST_TEST(three.exact[1].numerator == 64u);
  BOOST_TEST(three.exact[1].denominator == 70u);
  for (std::size_t k = 2; k < three.exact.size(); ++k) BOOST_TEST(three.exact[k].value() == 1.0);
  const FullRankRows& four = result.panels[1];
  BOOST_TEST(four.exact[0].numerator == 928u);
  BOOST_TEST(four.exact[0].denominator == 1820u);
  BOOST_TEST(four.original.size() == 13u);  // j = 4..16, enumerable at n1 ≤ 4
  BOOST_TEST_REQUIRE(four.monte_carlo.size() == 13u);
  for (std::size_t k = 0; k < four.monte_carlo.size(); ++k) {
    const double p = four.exact[k].value();
    BOOST_TEST(std::abs(four.monte_carlo[k].estimate - p) <= 5 * std::sqrt(p * (1 - p) / 2000) + 1e-12);
  }
  BOOST_TEST(result.report.seeds == std::vector<std::uint64_t>{3});
}

BOOST_AUTO_TEST_CASE(full_rank_beyond_exact_counting_needs_samples) {
  FullRankSpec spec;
  spec.n1 = {analytic::kMaxExactN1 + 1};
  spec.draws = false;
  spec.monte_carlo.samples = 0;
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "n1");
  spec.monte_carlo.samples = -1;
  spec.n1 = {3};
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "samples");
  spec.draws = true;  // drawing needs at least one sample per j
  spec.monte_carlo.samples = 0;
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "samples");
}

// dln fullrank's methods: exact counts for every n1 refuse one beyond counting even with draws (where a
// recipe's panels fall back to the estimate), and without exact counts the rows hold the estimate only.
BOOST_AUTO_TEST_CASE(full_rank_exact_counts_for_every_n1_or_none) {
  FullRankSpec spec;
  spec.n1 = {3, analytic::kMaxExactN1 + 1};
  spec.monte_carlo.samples = 10;
  spec.validate();
  spec.exact = ExactCounts::every_n1;
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "n1");
  spec.exact = ExactCounts::none;
  spec.draws = false;
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "samples");
  spec.draws = true;
  spec.n1 = {3};
  spec.original_test = false;
  spec.validate();
  const FullRankResult result = spec.run();
  BOOST_TEST_REQUIRE(result.panels.size() == 1u);
  BOOST_TEST(result.panels[0].exact.empty());
  BOOST_TEST(result.panels[0].original.empty());
  BOOST_TEST(result.panels[0].monte_carlo.size() == 6u);  // j = 3..8
}

// A configuration's own problem is reported at that configuration (numbered from 1); a training value
// that fails with one is reported at the training key, naming the configuration.
BOOST_AUTO_TEST_CASE(generalization_errors_name_the_configuration) {
  GeneralizationSpec spec;
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "configuration");
  spec.configurations.push_back({{3, 1, 1, 1, 1.0, {}}, true, "a"});
  spec.configurations.push_back({{2, 0, 1, 0, 1.0, {}}, true, "b"});
  spec.training.train = {0, 1, 2};
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "configuration.2.k2");
  spec.configurations[1].dataset.k2 = 1;
  spec.training.train = {0, 1, 5};  // P = 4 in the second configuration
  try {
    spec.validate();
    BOOST_FAIL("pattern 5 of P = 4 was accepted");
  } catch (const InvalidInput& e) {
    BOOST_TEST(e.parameter() == "training.train");
    BOOST_TEST(std::string(e.what()).find("#2") != std::string::npos);
  }
}

// The min-norm map Y_T X_T⁺ fits the training patterns exactly (X_T has full column rank with a
// per-item block), so its train losses vanish to roundoff; runs use seeds seed..seed+seeds−1.
BOOST_AUTO_TEST_CASE(generalization_runs_every_configuration) {
  GeneralizationSpec spec;
  spec.configurations.push_back({{3, 1, 1, 1, 1.0, {}}, true, default_label({3, 1, 1, 1, 1.0, {}}, true)});
  spec.configurations.push_back({{2, 2, 1, 0, 1.0, {}}, true, "two"});
  spec.training.train = {0, 1, 2};
  spec.training.epochs = 20;
  spec.training.seed = 4;
  spec.training.seeds = 2;
  spec.validate();
  const GeneralizationResult result = spec.run();
  BOOST_TEST(result.report.ok());
  BOOST_TEST_REQUIRE(result.runs.size() == 2u);
  BOOST_TEST(spec.configurations[0].label == "3 1 1 1 1");
  for (const auto& run : result.runs) {
    BOOST_TEST(run.rows.size() == 21u);
    BOOST_TEST(run.min_norm.train_omega == 0.0, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(run.min_norm.train_gamma == 0.0, boost::test_tools::tolerance(1e-12));
  }
  BOOST_TEST(result.report.seeds == (std::vector<std::uint64_t>{4, 5, 4, 5}));
}

namespace {

// The largest |simulation − theory| over every row, rule and quadrant of a module-curves run.
double quadrant_gap(const ModuleCurvesRun& run) {
  double gap = 0.0;
  BOOST_TEST_REQUIRE(run.simulation.rows.size() == run.theory.rows.size());
  for (std::size_t t = 0; t < run.simulation.rows.size(); ++t)
    for (std::size_t rho = 0; rho < run.simulation.rows[t].rule_quadrants.size(); ++rho) {
      const auto& s = run.simulation.rows[t].rule_quadrants[rho];
      const auto& c = run.theory.rows[t].rule_quadrants[rho];
      gap = std::max({gap, std::abs(s.OxOy - c.OxOy), std::abs(s.GxOy - c.GxOy), std::abs(s.OxGy - c.OxGy),
                      std::abs(s.GxGy - c.GxGy)});
    }
  return gap;
}

ModuleCurvesSpec gt_spec() {
  ModuleCurvesSpec spec;
  spec.dataset.rules = 3;
  spec.dataset.prior = {0.5, 0.3, 0.2};
  spec.presets = {"gt-modular", "gt-segregated"};
  spec.epochs = 500;
  return spec;
}

}  // namespace

// docs/modules.md §4.3 (X1). From balanced aligned init, full-batch GD of the full weights follows the exact
// discrete map to roundoff (the reference's 6e-15 and 7e-15; 1e-12 is docs/modules.md §8's tolerance for the
// discrete maps). GT-Modular's every rule is the dense single-rule network, so ΓxΩy ends at √(k1r²P)/L1 =
// √24/11 on every rule whatever π; GT-segregated's masks keep ΓxΩy and ΩxΓy at exactly 0 and ΩxΩy ends at 1.
// The final values are checked to 1e-9: the feature modes behind ΓxΩy and ΩxΩy are the fast ones, converged to
// roundoff by epoch 500 even on the rule with π = 0.2 (dln modules simulate prints √24/11 to 17 digits there).
BOOST_AUTO_TEST_CASE(gt_routing_learns_the_dense_map_on_every_rule_and_only_masks_make_it_systematic) {
  const ModuleCurvesSpec spec = gt_spec();
  spec.validate();
  const ModuleCurvesResult result = spec.run();
  BOOST_TEST(result.report.ok());
  BOOST_TEST_REQUIRE(result.runs.size() == 2u);
  const double limit = std::sqrt(24.0) / 11.0;  // √(k1r²P)/L1 with k1 = 3, r = 1, P = 8, L1 = 11
  for (const ModuleCurvesRun& run : result.runs) BOOST_TEST(quadrant_gap(run) <= 1e-12, run.preset);
  for (const auto& q : result.runs[0].simulation.rows.back().rule_quadrants)
    BOOST_TEST(q.GxOy == limit, boost::test_tools::tolerance(1e-9));
  for (const modules::Readout& row : result.runs[1].simulation.rows)
    for (const auto& q : row.rule_quadrants) {
      BOOST_TEST(q.GxOy == 0.0);
      BOOST_TEST(q.OxGy == 0.0);
    }
  for (const auto& q : result.runs[1].simulation.rows.back().rule_quadrants)
    BOOST_TEST(q.OxOy == 1.0, boost::test_tools::tolerance(1e-9));
  // Rule ρ's clock is π_ρ·η: the rule with the largest prior is half-way first (rule 0, then 1, then 2).
  std::vector<int> half_way;
  for (std::size_t rho = 0; rho < 3; ++rho) {
    const auto& rows = result.runs[0].simulation.rows;
    half_way.push_back(static_cast<int>(std::find_if(rows.begin(), rows.end(), [&](const modules::Readout& r) {
                                          return r.rule_quadrants[rho].GxOy > limit / 2;
                                        }) - rows.begin()));
  }
  BOOST_TEST((half_way[0] < half_way[1] && half_way[1] < half_way[2]));
}

// docs/modules.md §4.2 (X6): the monolithic network learns the π-weighted average feature and stops at the loss
// floor ½(1 − ‖π‖²) (0.31 for π = (0.5, 0.3, 0.2)), GT-Modular reaches 0. Aligned init, so GD is the discrete map
// (1e-12 as above). The slowest mode, the per-item class of the rule with π = 0.2, leaves GT-Modular's loss at
// 1.8e-8 at epoch 500 and ~1e-15 at epoch 700 (dln modules simulate), hence 700 epochs for the 1e-9 checked.
BOOST_AUTO_TEST_CASE(the_monolithic_network_stops_at_its_loss_floor_and_gt_routing_does_not) {
  ModuleCurvesSpec spec = gt_spec();
  spec.epochs = 700;
  spec.presets = {"monolithic", "gt-modular"};
  spec.view = ModuleCurvesView::loss;
  spec.validate();
  const ModuleCurvesResult result = spec.run();
  BOOST_TEST(std::abs(result.runs[0].simulation.rows.back().loss - 0.31) <= 1e-9);
  BOOST_TEST(std::abs(result.runs[1].simulation.rows.back().loss) <= 1e-9);
  for (const ModuleCurvesRun& run : result.runs) {
    double gap = 0.0;
    for (std::size_t t = 0; t < run.simulation.rows.size(); ++t)
      gap = std::max(gap, std::abs(run.simulation.rows[t].loss - run.theory.rows[t].loss));
    BOOST_TEST(gap <= 1e-12, run.preset);
  }
}

BOOST_AUTO_TEST_CASE(module_curves_refuse_what_has_no_closed_form_or_does_not_fit) {
  ModuleCurvesSpec spec = gt_spec();
  spec.presets = {"gt-modular", "nonsense"};
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "presets");
  spec.presets = {"shared-plus-rules"};  // a shared module beside rule modules: the answer block couples (§8)
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "presets");
  spec.presets = {"monolithic"};
  spec.hidden = 2;  // aligned full weights need a hidden unit per mode and complement latent
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "hidden");
  spec.hidden = 16;
  spec.dataset.prior = {0.5, 0.6, -0.1};
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "dataset.prior");
}

// docs/modules.md §4.4 (X2). The closed form against the reference table (computed independently, in numpy):
// c_A(∞) = 0.3193, 0.1883, 0.1040, 0.0148 at a0 = 1e-2, 1e-4, 1e-6, 1e-12 (4 decimals: 5e-5). The integrated
// flow stops at loss < 1e-10, where the answer's remaining error e = √(2L) < 1.5e-5 bounds how far A's share can
// still move; with Odeint's rtol 1e-10, 2e-5. A dense B races with the larger π1 mode, so A does worse against it.
BOOST_AUTO_TEST_CASE(the_systematicity_race_is_lost_by_the_segregated_module) {
  SystematicityRaceSpec spec;
  spec.a0 = {1e-12, 1e-6, 1e-4, 1e-2};
  const double boundary = std::sqrt(11.0 / 8.0);  // √(L1/P)
  spec.gate_ratio = {boundary - 0.05, boundary, boundary + 0.05};
  spec.validate();
  const SystematicityRaceResult result = spec.run();
  BOOST_TEST(result.report.warnings.empty());
  BOOST_TEST(result.boundary == boundary, boost::test_tools::tolerance(1e-15));
  const double table[] = {0.0148, 0.1040, 0.1883, 0.3193};
  for (std::size_t j = 0; j < spec.a0.size(); ++j) {
    BOOST_TEST(std::abs(result.share_theory[j] - table[j]) <= 5e-5, "a0 = " << spec.a0[j]);
    BOOST_TEST(std::abs(result.share_flow[j] - result.share_theory[j]) <= 2e-5, "a0 = " << spec.a0[j]);
    BOOST_TEST(result.gamma_x_omega_y_theory[j] ==
                   (1.0 - result.share_theory[j]) * std::sqrt(24.0) / 11.0, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(std::abs(result.gamma_x_omega_y_flow[j] - result.gamma_x_omega_y_theory[j]) <= 2e-5);
    BOOST_TEST(result.share_dense[j] < result.share_theory[j]);
    BOOST_TEST(result.gamma_x_omega_y_dense[j] > result.gamma_x_omega_y_theory[j]);
  }
  // At γ_A/γ_B = √(L1/P) the racers have equal exponents κ and equal scaled starts γ̃ν a0, so they split the
  // answer exactly in half at every a0; 0.05 either side, the smallest a0 already decides the race.
  for (std::size_t j = 0; j < spec.a0.size(); ++j)
    BOOST_TEST(result.phase[j * 3 + 1] == 0.5, boost::test_tools::tolerance(1e-10));
  BOOST_TEST(result.phase[0] < 0.5);
  BOOST_TEST(result.phase[2] > 0.5);
}

BOOST_AUTO_TEST_CASE(the_systematicity_race_refuses_bad_grids) {
  SystematicityRaceSpec spec;
  spec.a0 = {1e-4, 1e-6};
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "a0");
  spec.a0 = {1e-6, 0.5};
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "a0");
  spec.a0 = {1e-6};
  spec.gate_ratio = {0.0, 1.0};
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "gate_ratio");
  spec.gate_ratio = {1.0};
  spec.k1 = 0;  // without per-item inputs B′ is A: no race
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "k1");
}

// docs/modules.md §4.5 (X3). The closed form against the reference numbers (computed independently, in numpy):
// S takes 0.9346 / 0.9969 / 0.9999 of the per-item map at a0 = 1e-2 / 1e-4 / 1e-6, R = 3 (4 decimals: 5e-5).
// The integrated flow's share has stopped moving (≤ 1e-5 over the last tenth, else a warning) and Odeint's rtol
// is 1e-10: 2e-5. On the answer row S and the rule module together learn the rule's feature (c_S + c_ρ = 1; the
// loss there ~1e-9 leaves ~1e-4), and S's part stays below the rule average 1/R, nearer to it the smaller a0.
BOOST_AUTO_TEST_CASE(a_shared_module_takes_the_per_item_map_from_the_rule_modules) {
  SharedModulesSpec spec;
  spec.dataset.rules = 3;
  spec.a0 = {1e-6, 1e-4, 1e-2};
  spec.validate();
  const SharedModulesResult result = spec.run();
  BOOST_TEST(result.report.warnings.empty());
  const double table[] = {0.9999, 0.9969, 0.9346};
  for (std::size_t j = 0; j < spec.a0.size(); ++j) {
    BOOST_TEST(std::abs(result.share_theory[j] - table[j]) <= 5e-5, "a0 = " << spec.a0[j]);
    BOOST_TEST(std::abs(result.share_flow[j] - result.share_theory[j]) <= 2e-5, "a0 = " << spec.a0[j]);
    BOOST_TEST(std::abs(result.shared_answer[j] + result.rule_answer[j] - 1.0) <= 1e-4);
    BOOST_TEST(result.shared_answer[j] < 1.0 / 3.0);
    if (j > 0) BOOST_TEST(result.shared_answer[j] < result.shared_answer[j - 1]);
  }
  spec.dataset.prior = {0.5, 0.25, 0.25};
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "dataset.prior");
}

// Learned routing (docs/modules.md §5.2, §6.2) over 4 seeds, 20 000 GD steps of the latent weights and logits:
// with a fast router in the rich regime (η_θ/η = 10, σ = 1e-3) the routing collapses (reference mean 0.674 over 5
// seeds, seed sd ≈ 0.06), and without the rule-independent per-item target (k2 = 0) it does not (0.032). The
// thresholds 0.45 and 0.15 sit more than 3 seed-sds (of a 4-seed mean) away from both. At σ = 0.1 the modules
// specialise more in function than in their gates: functional Alignment below gate Alignment in the mean
// (reference 0.04–0.27 against 0.27–0.45 per seed), and C_ρ ≥ 1 always (a triangle inequality).
BOOST_AUTO_TEST_CASE(a_fast_router_collapses_unless_the_per_item_target_is_removed) {
  LearnedRoutingSpec spec;
  spec.dataset.rules = 3;
  spec.ratios = {10.0};
  spec.init_scales = {1e-3, 1e-1};
  spec.seeds = 4;
  spec.controls = {{3, 0}};
  spec.record_every = 1000;
  spec.validate();
  const LearnedRoutingResult result = spec.run();
  BOOST_TEST(result.report.ok());
  BOOST_REQUIRE(result.table.size() == 3u);  // (10, 1e-3), (10, 0.1), control (10, 1e-3, k2 = 0)
  const auto mean = [](const RoutingSetting& s, auto value) {
    double sum = 0.0;
    for (const auto& o : s.seeds) sum += value(o);
    return sum / static_cast<double>(s.seeds.size());
  };
  const auto collapse = [](const RoutingOutcome& o) { return o.gate_metrics.collapse_avg; };
  BOOST_TEST(mean(result.table[0], collapse) > 0.45);
  BOOST_TEST(mean(result.table[2], collapse) < 0.15);
  const RoutingSetting& lazy = result.table[1];
  BOOST_TEST(mean(lazy, [](const RoutingOutcome& o) { return o.functional_metrics->alignment; }) <
             mean(lazy, [](const RoutingOutcome& o) { return o.gate_metrics.alignment; }));
  for (const auto& setting : result.table)
    for (const auto& o : setting.seeds) BOOST_TEST(o.cancellation.minCoeff() >= 1.0 - 1e-12);
  // The curves' run: rows every 1000 epochs, gates that moved from their start, fast while the loss was large and
  // then slowly (|θ̇| is bounded by the error, docs/modules.md §5.1): over the last tenth of training they move at
  // less than 5 % of their fastest speed between two rows (≈ 1 % in this run; the loss is ~1e-3 there).
  const auto& rows = result.learned.rows;
  BOOST_REQUIRE(rows.size() == 21u);
  BOOST_TEST((rows.back().gates - rows.front().gates).cwiseAbs().maxCoeff() > 0.1);
  double fastest = 0.0;
  for (std::size_t i = 1; i < rows.size(); ++i)
    fastest = std::max(fastest, (rows[i].gates - rows[i - 1].gates).cwiseAbs().maxCoeff());
  BOOST_TEST((rows.back().gates - rows[rows.size() - 3].gates).cwiseAbs().maxCoeff() / 2 < 0.05 * fastest);
  spec.ratios = {-1.0};
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "ratios");
}

// Per-sample routing beside Modular-op (docs/modules.md §5.3): its rows close the table, one outcome per seed, with
// the exact routing matrix of its mean gates (rows sum to π_ρ, columns to the module loads); its curve has a row
// every record_every epochs; and a run with one thread gives the same bits as one with every core.
BOOST_AUTO_TEST_CASE(per_sample_routing_runs_beside_modular_op) {
  LearnedRoutingSpec spec;
  spec.dataset.rules = 3;
  spec.ratios = {10.0};
  spec.init_scales = {1e-3};
  spec.seeds = 2;
  spec.controls = {};
  spec.per_sample_ratios = {1.0};
  spec.epochs = 2000;
  spec.record_every = 500;
  spec.validate();
  const LearnedRoutingResult result = spec.run();
  BOOST_TEST(result.report.ok());
  BOOST_REQUIRE(result.table.size() == 2u);
  const RoutingSetting& per_sample = result.table.back();
  BOOST_TEST(per_sample.per_sample);
  BOOST_TEST(!result.table.front().per_sample);
  BOOST_REQUIRE(per_sample.seeds.size() == 2u);
  for (const auto& o : per_sample.seeds) {
    BOOST_TEST(std::abs(o.P.sum() - 1.0) < 1e-12);
    for (Eigen::Index rho = 0; rho < o.P.rows(); ++rho) BOOST_TEST(std::abs(o.P.row(rho).sum() - 1.0 / 3) < 1e-12);
    BOOST_TEST(!o.functional_metrics.has_value());  // functional metrics need rule-level gates
    BOOST_TEST(o.loss < 0.5);                       // it learns: the loss starts at 1 (zero output)
  }
  BOOST_TEST(result.per_sample.rows.size() == 5u);
  spec.jobs = 1;
  const LearnedRoutingResult serial = spec.run();
  BOOST_TEST((serial.table.back().seeds[1].gates - per_sample.seeds[1].gates).cwiseAbs().maxCoeff() == 0.0);
  spec.per_sample_ratios = {0.0};
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "per_sample_ratios");
}

// Held-out combinations across routing types (docs/modules.md §7), R = 2 rules on n1 = 3 features, trained on 5 of
// the 8 patterns (their Ωx vectors span R³, so the answer map on Ωx is determined). GT routing to Ωx → Ωy modules
// answers the 3 unseen patterns exactly (6.8e-32 from this init in 3000 epochs; 1e-6 bounds what is left of the
// exponential convergence); GT routing through all → all modules also routes the answer through the per-item
// inputs, 0-weighted for unseen items (0.087; 0.05 is the bound); a rule-blind network cannot go below the floor
// computed from the test targets (a bound for any predictor, so only rounding may cross it). Routed presets carry
// the routing metrics; per-sample routing reports its test losses like the others.
BOOST_AUTO_TEST_CASE(only_rule_modules_on_the_features_generalise_to_held_out_combinations) {
  HeldOutRoutingSpec spec;
  spec.dataset.rules = 2;
  spec.presets = {"gt-segregated", "gt-modular", "monolithic", "modular"};
  spec.seeds = 2;
  spec.record_every = 1000;
  spec.validate();
  const HeldOutRoutingResult result = spec.run();
  BOOST_TEST(result.report.ok());
  BOOST_REQUIRE(result.routings.size() == 4u);
  // ½·Σ_ρ π_ρ (t_ρ − t̄)² = ½·¼·(t_0 − t_1)² per test pattern: ½ where the two queried features (±1) differ, 0 where
  // they agree; they differ on two of the three unseen patterns 3, 5, 6 (whichever bit is feature 0): floor 1/3.
  BOOST_TEST(std::abs(result.rule_blind_floor - 1.0 / 3.0) < 1e-15);
  for (const auto& routing : result.routings) {
    BOOST_REQUIRE(routing.ends.size() == 2u);
    BOOST_TEST(routing.curve.rows.size() == 4u);  // t = 0, 1000, 2000, 3000
    for (const auto& end : routing.ends) {
      BOOST_REQUIRE(end.test_answer_loss.has_value());
      const double answer = *end.test_answer_loss;
      if (routing.preset == "gt-segregated") BOOST_TEST(answer < 1e-6);
      if (routing.preset == "gt-modular") BOOST_TEST(answer > 0.05);
      if (routing.preset == "monolithic") BOOST_TEST(answer >= result.rule_blind_floor - 1e-12);
      BOOST_TEST(end.routing.has_value() == (routing.preset != "monolithic"));
    }
  }
  spec.train = {0, 1, 2, 3, 4, 5, 6, 7};
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "train");
  spec.train = {0, 1};
  spec.presets = {"nonesuch"};
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "presets");
}
