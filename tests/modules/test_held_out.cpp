// The gated loss on chosen samples (SampleObjective) and held-out combinations (HeldOutObjective).
#define BOOST_TEST_MODULE modules_held_out
#include <boost/test/unit_test.hpp>

#include <numeric>

#include "dense_reference.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/init.hpp"
#include "dln/modules/run.hpp"
#include "dln/modules/sample_objective.hpp"
#include "settings.hpp"

using namespace dln;

// On every pattern the sample loss is the structure-aware full loss: same loss, descent and gate drive, computed
// from dense X[:, S] instead of Gram matrices — sums in another order, so agreement to rounding (1e-12 for O(1)
// entries through products of ≤ 40 terms).
BOOST_AUTO_TEST_CASE(all_patterns_give_the_full_objective) {
  const auto d = test::mixed_description();
  const modules::FullObjective full(d);
  std::vector<int> every(static_cast<std::size_t>(d.dataset.patterns()));
  std::iota(every.begin(), every.end(), 0);
  const modules::SampleObjective sample(d, every);
  const auto w = modules::random_init(d, 0.5, 11);
  const Eigen::MatrixXd gates = modules::gate_matrix(d);
  modules::State a, b;
  BOOST_TEST(std::abs(full.descent(w, gates, a) - sample.descent(w, gates, b)) < 1e-12);
  BOOST_TEST(test::max_state_difference(a, b) < 1e-12);
  BOOST_TEST(test::max_abs(full.gate_drive(w, gates) - sample.gate_drive(w, gates)) < 1e-12);
  const auto rows = full.measure(w, gates, 0), mine = sample.measure(w, gates, 0);
  for (std::size_t rho = 0; rho < rows.rule_loss.size(); ++rho)
    BOOST_TEST(std::abs(rows.rule_loss[rho] - mine.rule_loss[rho]) < 1e-12);
}

// Fewer samples: the descent is −∂L_S/∂W, checked by central differences on a few entries (L_S is a polynomial of
// degree 4 in the weights: truncation ~δ²·|L'''| ≈ 1e-10 at δ = 1e-5, rounding ~1e-11).
BOOST_AUTO_TEST_CASE(descent_on_a_subset_is_the_gradient_of_its_loss) {
  const auto d = test::mixed_description();
  const modules::SampleObjective sample(d, {0, 3, 5, 6});
  const auto w = modules::random_init(d, 0.5, 12);
  const Eigen::MatrixXd gates = modules::gate_matrix(d);
  modules::State descent;
  sample.descent(w, gates, descent);
  constexpr double delta = 1e-5;
  for (std::size_t m = 0; m < w.size(); ++m)
    for (Eigen::Index i = 0; i < std::min<Eigen::Index>(w[m].W1.size(), 5); ++i) {
      auto up = w, down = w;
      up[m].W1.reshaped()(i) += delta;
      down[m].W1.reshaped()(i) -= delta;
      const double numeric = -(sample.loss(up, gates) - sample.loss(down, gates)) / (2 * delta);
      BOOST_TEST(std::abs(numeric - descent[m].W1.reshaped()(i)) < 1e-8);
    }
}

// Held-out combinations with ground-truth routing, R = 2 rules on n1 = 3 features, trained on 5 of the 8 patterns
// (their Ωx vectors span R³, so the answer map e_κ on Ωx is determined): Ωx → Ωy rule modules (GT-segregated)
// answer the 3 unseen patterns exactly, like the single-rule segregated network (docs/theory.md §10), while
// all → all rule modules (GT-Modular) also route the answer through the per-item inputs, which are 0-weighted for
// unseen items: their compositional test loss stays well above 0 (0.087 here; 0.05 is the bound). GD from a small
// init (σ = 1e-3), 3000 epochs.
BOOST_AUTO_TEST_CASE(gt_routing_generalises_only_with_segregated_modules) {
  modules::RuleDataset data{3, 3, 1, 1.0, 2, {}, {}};
  modules::RunOptions options;
  options.lr = 0.02;
  options.epochs = 3000;
  options.record_every = 3000;
  const std::vector<int> train = {0, 1, 2, 4, 7};
  const auto test_answer = [&](const char* preset) {
    const auto d = modules::preset(preset, data, 16);
    const modules::HeldOutObjective objective(d, train);
    const auto run = modules::run_gd(objective, modules::random_init(d, 1e-3, 5), options);
    BOOST_REQUIRE(run.trajectory.status == analytic::RunStatus::ok);
    BOOST_TEST(run.trajectory.rows.back().loss < 1e-4);  // both fit their training patterns
    return *run.trajectory.rows.back().test_answer_loss;
  };
  BOOST_TEST(test_answer("gt-segregated") < 1e-4);
  BOOST_TEST(test_answer("gt-modular") > 0.05);
}

BOOST_AUTO_TEST_CASE(held_out_bad_input) {
  const auto d = test::mixed_description();
  BOOST_CHECK_THROW(modules::SampleObjective(d, {}), InvalidInput);
  BOOST_CHECK_THROW(modules::SampleObjective(d, {1, 1}), InvalidInput);
  BOOST_CHECK_THROW(modules::SampleObjective(d, {8}), InvalidInput);
  BOOST_CHECK_THROW(modules::HeldOutObjective(d, {0, 1, 2, 3, 4, 5, 6, 7}), InvalidInput);  // nothing to test on
}
