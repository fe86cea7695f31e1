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
  spec.monte_carlo.samples = 0;
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "n1");
  spec.monte_carlo.samples = -1;
  spec.n1 = {3};
  BOOST_TEST(rejected_at([&] { spec.validate(); }) == "samples");
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
