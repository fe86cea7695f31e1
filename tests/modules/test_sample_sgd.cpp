// Minibatch SGD over the R·P samples (modules::SampleSgd, modules::run_sgd): the full batch is GD, the expected step
// is B/(R·P) of GD's, and a seed fixes the bits.
#define BOOST_TEST_MODULE modules_sample_sgd
#include <boost/test/unit_test.hpp>

#include <numeric>
#include <random>

#include "dense_reference.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/init.hpp"
#include "dln/modules/learned_routing.hpp"
#include "dln/modules/run.hpp"
#include "dln/modules/sample_sgd.hpp"
#include "dln/training/update_policy.hpp"
#include "settings.hpp"

using namespace dln;

namespace {

// mixed_description (shallow and deep modules, constant, ground-truth and softmax gates, π = (0.6, 0.4), k2 = 2,
// r = 0.8), its softmax logits trained at η_θ = 2η so that the logit step is checked too.
modules::Description learned_mixed() {
  auto d = test::mixed_description();
  d.router_lr_ratio = 2.0;
  return d;
}

double max_logit_difference(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) { return (a - b).cwiseAbs().maxCoeff(); }

}  // namespace

// B = R·P: each epoch is one step on every sample, Σ_s R·π_ρ·(−∂ℓ_s/∂W) = R·P·(−∂L/∂W), which is GD's step η·descent.
// The two sum the same terms in another order (per sample here, through Gram matrices in FullObjective), so they
// agree to rounding: entries O(1), sums of ≤ R·P = 16 sample terms per entry, 30 epochs → a few ulps per step,
// 1e-14 (~45 ulps) bounds what 30 steps of such rounding accumulate (6.7e-16 seen).
BOOST_AUTO_TEST_CASE(the_full_batch_is_gd) {
  for (const auto& d : {test::mixed_description(), learned_mixed()}) {
    const modules::FullObjective objective(d);
    modules::RunOptions options;
    options.lr = 0.02;
    options.epochs = 30;
    options.batch = static_cast<int>(d.dataset.rules * d.dataset.patterns());
    options.batch_seed = 4;
    const auto init = modules::random_init(d, 0.3, 21);
    const auto gd = modules::run_gd(objective, init, options), sgd = modules::run_sgd(objective, init, options);
    BOOST_REQUIRE(gd.trajectory.rows.size() == 31);
    BOOST_REQUIRE(sgd.trajectory.rows.size() == 31);
    BOOST_TEST(test::max_state_difference(gd.final_state, sgd.final_state) < 1e-14);
    BOOST_TEST(max_logit_difference(gd.final_logits, sgd.final_logits) < 1e-14);
    BOOST_TEST(std::abs(gd.trajectory.rows.back().loss - sgd.trajectory.rows.back().loss) < 1e-14);
    // The run moved: the check compares trajectories, not two copies of the init.
    BOOST_TEST(test::max_state_difference(init, gd.final_state) > 1e-2);
  }
}

// A batch of B samples is the first B of a uniform permutation of the R·P samples, so each sample is in it with
// probability B/(R·P) and E[ΔW] = (B/(R·P))·η·descent. Over N independent first steps the mean of each entry is
// within 5 standard errors sd/√N of that (a 5σ miss somewhere among the ~300 entries has probability < 2e-4 even
// for Gaussian means); entries no sample can move (sd = 0) must match to rounding (1e-15 on steps of ~1e-2).
BOOST_AUTO_TEST_CASE(the_expected_step_is_gd_s) {
  const auto d = learned_mixed();
  const modules::FullObjective objective(d);
  const modules::SampleSgd sgd(d);
  const auto w0 = modules::random_init(d, 0.3, 22);
  const Eigen::MatrixXd theta0 = modules::logit_matrix(d);
  const double lr = 0.02;
  const int B = 5, N = 4000;
  const double share = static_cast<double>(B) / static_cast<double>(sgd.samples());
  // GD's step, scaled by B/(R·P): the expected SGD step.
  modules::State descent;
  const Eigen::MatrixXd gates = modules::gate_matrix(d, theta0);
  objective.descent(w0, gates, descent);
  const double eta = modules::step_size(d.dataset, lr);
  const Eigen::MatrixXd theta_step =
      share * d.router_lr_ratio * eta * modules::logit_descent(d, gates, objective.gate_drive(w0, gates));
  // The steps flattened (weights module by module, then θ) and their sums over the seeds.
  const auto flatten = [](const modules::State& s, const Eigen::MatrixXd& theta) {
    std::vector<double> v;
    for (const auto& m : s)
      for (const Eigen::MatrixXd* x : {&m.W1, &m.W2}) v.insert(v.end(), x->data(), x->data() + x->size());
    v.insert(v.end(), theta.data(), theta.data() + theta.size());
    return v;
  };
  modules::State expected_step = descent;
  for (auto& m : expected_step) {
    m.W1 *= share * eta;
    m.W2 *= share * eta;
  }
  const std::vector<double> expected = flatten(expected_step, theta_step);
  std::vector<double> sum(expected.size(), 0.0), sum_squares(expected.size(), 0.0);
  std::vector<Eigen::Index> order(static_cast<std::size_t>(sgd.samples()));
  for (int seed = 0; seed < N; ++seed) {
    std::mt19937_64 stream(static_cast<std::uint64_t>(seed));
    training::shuffle_patterns(stream, order);
    auto w = w0;
    Eigen::MatrixXd theta = theta0;
    sgd.step(w, theta, std::span<const Eigen::Index>(order).first(B), lr);
    modules::State step = w;
    for (std::size_t m = 0; m < w.size(); ++m) {
      step[m].W1 -= w0[m].W1;
      step[m].W2 -= w0[m].W2;
    }
    const auto v = flatten(step, theta - theta0);
    for (std::size_t i = 0; i < v.size(); ++i) {
      sum[i] += v[i];
      sum_squares[i] += v[i] * v[i];
    }
  }
  double worst = 0.0;  // |mean − expected| in standard errors
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const double mean = sum[i] / N;
    const double sd = std::sqrt(std::max(0.0, (sum_squares[i] - N * mean * mean) / (N - 1)));
    const double miss = std::abs(mean - expected[i]);
    BOOST_TEST_CONTEXT("entry " << i << ": mean " << mean << ", expected " << expected[i] << ", sd " << sd) {
      BOOST_TEST(miss <= 5.0 * sd / std::sqrt(N) + 1e-15);
    }
    if (sd > 0.0) worst = std::max(worst, miss / (sd / std::sqrt(N)));
  }
  BOOST_TEST_MESSAGE("largest miss of the mean SGD step: " << worst << " standard errors");
  BOOST_TEST(test::max_abs(theta_step) > 1e-6);  // the logits' part is not trivially 0
}

// Same seed, same bits; another seed, another trajectory (B < R·P, so the order matters).
BOOST_AUTO_TEST_CASE(a_seed_fixes_the_bits) {
  const auto d = learned_mixed();
  const modules::FullObjective objective(d);
  modules::RunOptions options;
  options.epochs = 10;
  options.batch = 3;
  const auto init = modules::random_init(d, 0.3, 23);
  const auto run = [&](std::uint64_t seed) {
    options.batch_seed = seed;
    return modules::run_sgd(objective, init, options);
  };
  const auto a = run(7), b = run(7), c = run(8);
  BOOST_TEST(test::max_state_difference(a.final_state, b.final_state) == 0.0);
  BOOST_TEST(max_logit_difference(a.final_logits, b.final_logits) == 0.0);
  BOOST_TEST(test::max_state_difference(a.final_state, c.final_state) > 1e-6);
}

BOOST_AUTO_TEST_CASE(a_batch_outside_one_to_RP_is_refused) {
  const auto d = test::mixed_description();  // R·P = 16
  const modules::FullObjective objective(d);
  modules::RunOptions options;
  options.epochs = 1;
  for (int batch : {0, 17}) {
    options.batch = batch;
    try {
      modules::run_sgd(objective, modules::random_init(d, 0.3, 1), options);
      BOOST_FAIL("batch " << batch << " accepted");
    } catch (const InvalidInput& e) {
      BOOST_TEST(e.parameter() == "batch");
    }
  }
}
