// Per-sample learned routing, Mittal's joint "Modular" (modules::PerSampleObjective, docs/modules.md §5.3).
#define BOOST_TEST_MODULE modules_per_sample_routing
#include <boost/test/unit_test.hpp>

#include <numeric>

#include "dense_reference.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/full_objective.hpp"
#include "dln/modules/init.hpp"
#include "dln/modules/learned_routing.hpp"
#include "dln/modules/per_sample_routing.hpp"
#include "dln/modules/specialisation.hpp"
#include "dln/modules/theory.hpp"
#include "settings.hpp"

using namespace dln;

namespace {

// The mixed test description (constant, ground-truth and softmax gates; every mask) with both softmax modules deep,
// routed per sample.
modules::Description per_sample_description() {
  modules::Description d = test::mixed_description();
  d.modules[4].hidden = 2;
  d.routing = modules::Routing::per_sample;
  d.router_lr_ratio = 3.0;
  return d;
}

std::vector<int> every_pattern(const modules::Description& d) {
  std::vector<int> all(static_cast<std::size_t>(d.dataset.patterns()));
  std::iota(all.begin(), all.end(), 0);
  return all;
}

modules::Router zero_readout(const modules::Description& d) {
  return modules::initial_router(d, 0.0, 0, modules::logit_matrix(d));
}

}  // namespace

// With the score read-outs at 0 the gates are softmax(θ_ρ/T) on every sample: the network is the rule-level one at
// logits θ, so loss, −∂L/∂W and −∂L/∂θ must be the structure-aware FullObjective's loss, descent and the learned
// routing's logit_descent(gate_drive) — an independent code path (Gram matrices, no samples). Sums in another order:
// 1e-12 for O(1) entries.
BOOST_AUTO_TEST_CASE(zero_readouts_give_the_rule_level_network_and_its_logit_flow) {
  const auto d = per_sample_description();
  modules::Description rule_level = d;
  rule_level.routing = modules::Routing::rule;
  const modules::FullObjective full(rule_level);
  const modules::PerSampleObjective sample(d, every_pattern(d));
  const auto w = modules::random_init(d, 0.5, 21);
  const modules::Router router = zero_readout(d);
  const Eigen::MatrixXd gates = modules::gate_matrix(rule_level);
  modules::State a, b;
  modules::Router router_descent;
  BOOST_TEST(std::abs(full.descent(w, gates, a) - sample.descent(w, router, b, router_descent)) < 1e-12);
  BOOST_TEST(test::max_state_difference(a, b) < 1e-12);
  const Eigen::MatrixXd logits = modules::logit_descent(rule_level, gates, full.gate_drive(w, gates));
  BOOST_TEST(test::max_abs(logits - router_descent.bias) < 1e-12);
  const auto per_sample = sample.gates(w, router);
  for (int rho = 0; rho < d.dataset.rules; ++rho)
    for (Eigen::Index c = 0; c < per_sample[0].cols(); ++c)
      BOOST_TEST(test::max_abs(per_sample[static_cast<std::size_t>(rho)].col(c) - gates.col(rho)) < 1e-15);
}

// −∂L/∂(W1, W2, w, θ) against central differences at random read-outs, where the gates vary within a rule and the
// score's path through W1 matters. L is smooth (softmax of quadratic scores times a quartic); at δ = 1e-5 the
// truncation is ~δ²·|L'''| ≲ 1e-9 for O(1) weights and rounding ~ε·L/δ ≈ 1e-11: 1e-7 leaves room without hiding a
// missing term (each term of the gradient is O(1e-2) or more here).
BOOST_AUTO_TEST_CASE(descent_is_the_gradient_of_the_loss_through_the_scores) {
  const auto d = per_sample_description();
  const modules::PerSampleObjective sample(d, {0, 2, 3, 5, 7});
  const auto w = modules::random_init(d, 0.6, 22);
  modules::Router router = modules::initial_router(d, 0.8, 22, modules::initial_logits(d, 0.5, 22));
  modules::State descent;
  modules::Router router_descent;
  sample.descent(w, router, descent, router_descent);
  const auto loss = [&](const modules::State& weights, const modules::Router& r) { return sample.losses(weights, r).total; };
  constexpr double delta = 1e-5, tolerance = 1e-7;
  double largest = 0.0;
  for (std::size_t m = 0; m < w.size(); ++m)
    for (auto layer : {&analytic::ModuleWeights::W1, &analytic::ModuleWeights::W2})
      for (Eigen::Index i = 0; i < std::min<Eigen::Index>((w[m].*layer).size(), 6); ++i) {
        auto up = w, down = w;
        (up[m].*layer).reshaped()(i) += delta;
        (down[m].*layer).reshaped()(i) -= delta;
        const double numeric = -(loss(up, router) - loss(down, router)) / (2 * delta);
        BOOST_TEST(std::abs(numeric - (descent[m].*layer).reshaped()(i)) < tolerance);
        largest = std::max(largest, std::abs(numeric));
      }
  for (std::size_t m = 0; m < w.size(); ++m)
    for (Eigen::Index i = 0; i < router.readout[m].size(); ++i) {
      auto up = router, down = router;
      up.readout[m](i) += delta;
      down.readout[m](i) -= delta;
      const double numeric = -(loss(w, up) - loss(w, down)) / (2 * delta);
      BOOST_TEST(std::abs(numeric - router_descent.readout[m](i)) < tolerance);
      largest = std::max(largest, std::abs(numeric));
    }
  for (Eigen::Index i = 0; i < router.bias.size(); ++i) {
    auto up = router, down = router;
    up.bias.reshaped()(i) += delta;
    down.bias.reshaped()(i) -= delta;
    const double numeric = -(loss(w, up) - loss(w, down)) / (2 * delta);
    BOOST_TEST(std::abs(numeric - router_descent.bias.reshaped()(i)) < tolerance);
  }
  BOOST_TEST(largest > 1e-2);  // the check compares gradients that are not all ≈ 0
}

// The read-out is exact, not sampled: the routing matrix is π_ρ times the mean gate over the patterns, and the
// train and test losses of a split add up to the loss on every pattern, weighted by their sizes (exact identity,
// rounding only).
BOOST_AUTO_TEST_CASE(routing_and_held_out_losses_are_exact_averages_over_the_patterns) {
  const auto d = per_sample_description();
  const auto w = modules::random_init(d, 0.6, 23);
  const modules::Router router = modules::initial_router(d, 0.8, 23, modules::logit_matrix(d));
  const modules::PerSampleObjective all(d, every_pattern(d)), train(d, {1, 4, 6}), test(d, {0, 2, 3, 5, 7});
  const double joined = (3 * train.losses(w, router).total + 5 * test.losses(w, router).total) / 8;
  BOOST_TEST(std::abs(joined - all.losses(w, router).total) < 1e-14);
  const auto row = all.measure(w, router, 0);
  const auto per_sample = all.gates(w, router);
  for (int rho = 0; rho < d.dataset.rules; ++rho)
    for (int m = 0; m < d.size(); ++m)
      BOOST_TEST(std::abs(row.gates(m, rho) - per_sample[static_cast<std::size_t>(rho)].row(m).mean()) < 1e-15);
  BOOST_REQUIRE(row.routing.has_value());
  BOOST_TEST(row.routing->collapse_avg == modules::specialisation_metrics(modules::routing_matrix(row.gates, d.dataset)).collapse_avg);
  // Per-sample gates are sharper than their mean: the mean entropy per sample is below the entropy of the mean gate.
  BOOST_TEST(row.routing_entropy < modules::routing_entropy(row.gates));
}

// Learning: on the defaults' dataset (n1 = 3, R = 3) the modular preset trained by GD from a small random init
// fits the data (loss below 1% of its start), the router moves (gates no longer uniform), and the same seed gives
// the same bits.
BOOST_AUTO_TEST_CASE(gd_trains_weights_and_router_reproducibly) {
  modules::RuleDataset data;
  data.rules = 3;
  modules::Description d = modules::preset("modular", data, 8);
  d.router_lr_ratio = 1.0;
  const modules::PerSampleObjective objective(d, every_pattern(d));
  modules::RunOptions options;
  options.lr = 0.05 / 24;
  options.epochs = 3000;
  options.record_every = 1000;
  const auto run = [&] {
    return modules::run_per_sample_gd(objective, nullptr, modules::random_init(d, 0.1, 5),
                                      modules::initial_router(d, 0.1, 5, modules::initial_logits(d, 0.1, 5)), options);
  };
  const auto first = run(), second = run();
  BOOST_REQUIRE(first.trajectory.status == analytic::RunStatus::ok);
  BOOST_TEST(first.trajectory.rows.back().loss < 0.01 * first.trajectory.rows.front().loss);
  BOOST_TEST(test::max_abs(first.trajectory.rows.back().gates - Eigen::MatrixXd::Constant(3, 3, 1.0 / 3)) > 1e-3);
  BOOST_TEST(test::max_state_difference(first.final_state, second.final_state) == 0.0);
  BOOST_TEST(test::max_abs(first.final_router.bias - second.final_router.bias) == 0.0);
}

BOOST_AUTO_TEST_CASE(per_sample_routing_is_refused_where_it_does_not_apply) {
  auto d = per_sample_description();
  const auto refused = [](const auto& make, const std::string& key) {
    try {
      make();
    } catch (const InvalidInput& e) {
      return e.parameter() == key;
    }
    return false;
  };
  BOOST_TEST(refused([&] { modules::FullObjective{d}; }, "routing"));  // no flow, no latent reduction
  BOOST_TEST(refused([&] { modules::require_fixed_routing(d); }, "routing"));  // no closed form
  auto shallow = d;
  shallow.modules[4].hidden = 0;  // a softmax module without a hidden layer to score from
  BOOST_TEST(refused([&] { shallow.validate(); }, "module[5].hidden"));
  auto single = d;
  single.modules[3].gate = {modules::GateKind::constant, 1.0, 0, {}};
  single.router_lr_ratio = 0.0;  // else the learned-routing check (also two softmax modules) answers first
  BOOST_TEST(refused([&] { single.validate(); }, "routing"));
  auto rule_level = d;
  rule_level.routing = modules::Routing::rule;
  BOOST_TEST(refused([&] { modules::PerSampleObjective(rule_level, {0}); }, "routing"));
}
