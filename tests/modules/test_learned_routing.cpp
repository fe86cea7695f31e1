// Learned context routing (docs/modules.md §5.1): the gate drive h = −∂L/∂g of both engines, the logit descent
// through the softmax, and joint GD / flow of (weights, logits) — latent against full.
#define BOOST_TEST_MODULE modules_learned_routing
#include <boost/test/unit_test.hpp>

#include "dense_reference.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/full_objective.hpp"
#include "dln/modules/init.hpp"
#include "dln/modules/latent_objective.hpp"
#include "dln/modules/learned_routing.hpp"
#include "dln/modules/run.hpp"
#include "settings.hpp"

using namespace dln;

namespace {

modules::Description learned_description() {
  auto d = test::mixed_description();  // two softmax modules among constant, GT, masked and shallow ones
  d.router_lr_ratio = 10.0;
  return d;
}

}  // namespace

// L is a quadratic polynomial in the gates (for fixed weights), so a central difference has no truncation error:
// what remains is rounding, ~1e-16·L/δ ≈ 1e-12 at δ = 1e-4 for L = O(1). Both engines, and full = latent.
BOOST_AUTO_TEST_CASE(gate_drive_is_minus_the_gate_gradient) {
  const auto d = learned_description();
  const modules::FullObjective full(d);
  const modules::LatentObjective latent(d, {modules::full_block(d.dataset)});
  const auto w = modules::random_init(d, 0.6, 3);
  const auto v = latent.from_full(w);
  const Eigen::MatrixXd gates = modules::gate_matrix(d);
  const Eigen::MatrixXd h_full = full.gate_drive(w, gates), h_latent = latent.gate_drive(v, gates);
  BOOST_TEST(test::max_abs(h_full - h_latent) < 1e-12);
  BOOST_TEST(h_full.cwiseAbs().maxCoeff() > 1e-2);  // a drive that is not trivially 0
  constexpr double delta = 1e-4;
  for (Eigen::Index m = 0; m < gates.rows(); ++m)
    for (Eigen::Index rho = 0; rho < gates.cols(); ++rho) {
      Eigen::MatrixXd up = gates, down = gates;
      up(m, rho) += delta;
      down(m, rho) -= delta;
      const double numeric = -(full.loss(w, up) - full.loss(w, down)) / (2 * delta);
      BOOST_TEST(std::abs(numeric - h_full(m, rho)) < 1e-9);
    }
}

// −∂L/∂θ through the softmax (with constant and GT modules outside it): central differences of L(g(θ)) have a
// truncation error ~δ²·|L'''| ≈ 1e-10 at δ = 1e-5 and rounding ~1e-16/δ = 1e-11; 1e-8 leaves room for both.
BOOST_AUTO_TEST_CASE(logit_descent_is_minus_the_logit_gradient) {
  const auto d = learned_description();
  const modules::LatentObjective latent(d, {modules::full_block(d.dataset)});
  const auto v = latent.from_full(modules::random_init(d, 0.6, 5));
  const Eigen::MatrixXd theta = modules::initial_logits(d, 0.5, 2);
  const Eigen::MatrixXd gates = modules::gate_matrix(d, theta);
  const Eigen::MatrixXd descent = modules::logit_descent(d, gates, latent.gate_drive(v, gates));
  constexpr double delta = 1e-5;
  for (Eigen::Index m = 0; m < theta.rows(); ++m)
    for (Eigen::Index rho = 0; rho < theta.cols(); ++rho) {
      Eigen::MatrixXd up = theta, down = theta;
      up(m, rho) += delta;
      down(m, rho) -= delta;
      const double numeric = -(latent.loss(v, modules::gate_matrix(d, up)) - latent.loss(v, modules::gate_matrix(d, down))) /
                             (2 * delta);
      BOOST_TEST(std::abs(numeric - descent(m, rho)) < 1e-8);
    }
  // Only softmax-gated modules have logits that move; their gates still sum to the softmax share (here 1).
  for (std::size_t m = 0; m < d.modules.size(); ++m)
    if (d.modules[m].gate.kind != modules::GateKind::softmax)
      BOOST_TEST(descent.row(static_cast<Eigen::Index>(m)).isZero(0.0));
}

// The same learned-routing run on the full and on the latent engine, from the same random weights and logits.
struct TwoEngines {
  modules::RunOptions options;
  modules::RunResult full, latent;
  modules::State full_final_in_latent;
};

template <class Runner>
TwoEngines run_both(Runner run, int epochs, std::uint64_t seed) {
  const auto d = learned_description();
  const modules::FullObjective full(d);
  const modules::LatentObjective latent(d, {modules::full_block(d.dataset)});
  const auto w = modules::random_init(d, 0.3, seed);
  TwoEngines result;
  result.options.lr = 0.01;
  result.options.epochs = epochs;
  result.options.initial_logits = modules::initial_logits(d, 0.1, seed);
  result.full = run(full, w, result.options);
  result.latent = run(latent, latent.from_full(w), result.options);
  BOOST_REQUIRE(result.full.trajectory.status == analytic::RunStatus::ok);
  BOOST_REQUIRE(result.latent.trajectory.status == analytic::RunStatus::ok);
  result.full_final_in_latent = latent.from_full(result.full.final_state);
  return result;
}

// Joint GD on (W, θ), η_θ = 10·η, 300 steps: the latent run is the full run seen through the basis, logits
// included. Theorem 1 holds at every step because the gates depend on the rule only, and both engines compute the
// same drive, so the difference is rounding that contracting steps keep at a few hundred ulps (≤ 1e-12 as
// docs/modules.md §8 asks for the fixed-gate case).
BOOST_AUTO_TEST_CASE(learned_latent_gd_equals_learned_full_gd) {
  const TwoEngines r = run_both(modules::run_gd, 300, 8);
  BOOST_TEST(test::max_abs(r.full.final_logits - r.latent.final_logits) < 1e-12);
  BOOST_TEST(test::max_state_difference(r.full_final_in_latent, r.latent.final_state) < 1e-12);
  BOOST_TEST(test::max_abs(r.full.final_logits - r.options.initial_logits) > 1e-2);  // the router did learn
  const auto& a = r.full.trajectory.rows;
  const auto& b = r.latent.trajectory.rows;
  BOOST_TEST(a.back().loss < 0.5 * a.front().loss);
  for (std::size_t t = 0; t < a.size(); ++t) BOOST_TEST(std::abs(a[t].loss - b[t].loss) < 1e-12);
}

// The flow of (W, θ): latent and full integrations agree to the integrator's tolerance. With rtol = 1e-10 the
// global error of each is ~1e-9 over 100 epochs of a contracting flow; 1e-7 bounds their difference, while a
// drive that differed between the engines (the logit equation is shared; its gradient is checked above) would
// move the logits apart by ~1e-2.
BOOST_AUTO_TEST_CASE(learned_latent_flow_equals_learned_full_flow) {
  const TwoEngines r = run_both(modules::run_flow, 100, 9);
  BOOST_TEST(test::max_abs(r.full.final_logits - r.latent.final_logits) < 1e-7);
  BOOST_TEST(test::max_abs(r.full.final_logits - r.options.initial_logits) > 1e-2);
}

// Small steps follow the flow: GD at lr and the flow at the same η differ by O(η) per unit time; halving lr
// (and doubling the epochs, same time span) must halve the logits' gap to the flow, within 20 %.
BOOST_AUTO_TEST_CASE(learned_gd_converges_to_the_flow_at_first_order) {
  const auto d = learned_description();
  const modules::LatentObjective latent(d, {modules::full_block(d.dataset)});
  const auto v = latent.from_full(modules::random_init(d, 0.3, 10));
  const auto gap = [&](double lr, int epochs) {
    modules::RunOptions options;
    options.lr = lr;
    options.epochs = epochs;
    options.initial_logits = modules::initial_logits(d, 0.1, 10);
    return test::max_abs(modules::run_gd(latent, v, options).final_logits - modules::run_flow(latent, v, options).final_logits);
  };
  const double coarse = gap(0.002, 50), fine = gap(0.001, 100);
  BOOST_TEST(coarse > 0.0);
  BOOST_TEST(fine / coarse > 0.4);
  BOOST_TEST(fine / coarse < 0.6);
}

BOOST_AUTO_TEST_CASE(learned_routing_bad_input) {
  auto d = learned_description();
  d.router_lr_ratio = -1.0;
  BOOST_CHECK_THROW(d.validate(), InvalidInput);
  d.router_lr_ratio = std::numeric_limits<double>::infinity();
  BOOST_CHECK_THROW(d.validate(), InvalidInput);
  d = learned_description();
  d.modules.pop_back();  // one softmax module left: its gate is 1 on every rule, there is nothing to route
  BOOST_CHECK_THROW(d.validate(), InvalidInput);
  BOOST_CHECK_THROW(modules::initial_logits(learned_description(), -0.1, 0), InvalidInput);
  BOOST_CHECK_THROW(modules::initial_logits(learned_description(), std::nan(""), 0), InvalidInput);
}
