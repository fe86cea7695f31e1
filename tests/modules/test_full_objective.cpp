// The structure-aware full-weight objective against the brute-force dense reference (dense_reference.hpp).
#define BOOST_TEST_MODULE modules_full_objective
#include <boost/test/unit_test.hpp>

#include "dense_reference.hpp"
#include "dln/modules/full_objective.hpp"
#include "dln/modules/init.hpp"
#include "settings.hpp"

using namespace dln;

namespace {

std::vector<modules::Description> descriptions() {
  std::vector<modules::Description> list = {test::mixed_description(), test::small_description(2, 1, 1, 1.5, 2),
                                            test::small_description(3, 3, 0, 1.0, 3)};
  list.push_back(modules::preset("shared-plus-rules", {3, 1, 2, 0.6, 3, {1, 2, 0}, {0.2, 0.3, 0.5}}, 4));
  return list;
}

}  // namespace

// Loss, per-rule loss and −∂L/∂W: both sides are sums of O(1) products of O(1) numbers over at most a few
// hundred terms, so any difference beyond ~1e-13 is a wrong formula, not rounding (1e-12 leaves a margin of 10).
BOOST_AUTO_TEST_CASE(loss_and_descent_match_dense_reference) {
  for (const auto& d : descriptions()) {
    const modules::FullObjective objective(d);
    const test::DenseModules dense(d);
    const Eigen::MatrixXd gates = modules::gate_matrix(d);
    for (std::uint64_t seed : {1u, 2u}) {
      const auto w = modules::random_init(d, 0.4, seed);
      modules::State descent;
      const double L = objective.descent(w, gates, descent);
      BOOST_TEST(std::abs(L - dense.loss(d, w, gates)) < 1e-12);
      BOOST_TEST(std::abs(objective.loss(w, gates) - dense.loss(d, w, gates)) < 1e-12);
      const auto rule = objective.rule_losses(w, gates);
      for (int rho = 0; rho < d.dataset.rules; ++rho)
        BOOST_TEST(std::abs(rule[static_cast<std::size_t>(rho)] - dense.rule_loss(d, w, gates, rho)) < 1e-12);
      BOOST_TEST(test::max_state_difference(descent, dense.descent(d, w, gates)) < 1e-12);
    }
  }
}

// Quadrant norms of each rule's map and each module's map, from the Gram matrices, against the norms of the
// embedded dense maps' blocks (same 1e-12 reasoning).
BOOST_AUTO_TEST_CASE(quadrants_match_dense_maps) {
  for (const auto& d : descriptions()) {
    const modules::FullObjective objective(d);
    const test::DenseModules dense(d);
    const Eigen::MatrixXd gates = modules::gate_matrix(d);
    const auto w = modules::random_init(d, 0.4, 3);
    const modules::Readout row = objective.measure(w, gates, 0);
    const Eigen::Index n1 = d.dataset.n1, nx = dense.X.rows(), ny = dense.Y[0].rows();
    const auto check = [&](const Eigen::MatrixXd& W, const analytic::Quadrants& q) {
      BOOST_TEST(std::abs(q.OxOy - W.block(0, 0, 1, n1).norm()) < 1e-12);
      BOOST_TEST(std::abs(q.GxOy - W.block(0, n1, 1, nx - n1).norm()) < 1e-12);
      BOOST_TEST(std::abs(q.OxGy - W.block(1, 0, ny - 1, n1).norm()) < 1e-12);
      BOOST_TEST(std::abs(q.GxGy - W.block(1, n1, ny - 1, nx - n1).norm()) < 1e-12);
    };
    for (int rho = 0; rho < d.dataset.rules; ++rho)
      check(dense.embedded(d, w, gates.col(rho)), row.rule_quadrants[static_cast<std::size_t>(rho)]);
    const auto M = static_cast<Eigen::Index>(d.modules.size());
    for (Eigen::Index m = 0; m < M; ++m) check(dense.embedded(d, w, Eigen::VectorXd::Unit(M, m)), row.module_quadrants[static_cast<std::size_t>(m)]);
    BOOST_TEST(std::abs(row.loss - dense.loss(d, w, gates)) < 1e-12);
  }
}

// The answer contribution of module m on the queried feature is e_Ωᵀ W_m X[I_m] x_κ / P (docs/modules.md §3),
// averaged over the rules with weight π_ρ g_m(ρ); checked against the dense product.
BOOST_AUTO_TEST_CASE(answer_contributions_match_dense_products) {
  const auto d = test::mixed_description();
  const modules::FullObjective objective(d);
  const test::DenseModules dense(d);
  const Eigen::MatrixXd gates = modules::gate_matrix(d);
  const auto w = modules::random_init(d, 0.4, 5);
  const modules::Readout row = objective.measure(w, gates, 0);
  const Eigen::MatrixXd omega = analytic::omega_x(d.dataset.n1);
  const double P = d.dataset.P();
  for (std::size_t m = 0; m < d.modules.size(); ++m) {
    if (d.modules[m].output == modules::Block::gamma) continue;
    const Eigen::MatrixXd F = dense.module_map(d, w, m) * dense.X(dense.in_rows[m], Eigen::all);
    double sum = 0.0, weight = 0.0;
    for (int rho = 0; rho < d.dataset.rules; ++rho) {
      const double pg = d.dataset.rule_prior(rho) * gates(static_cast<Eigen::Index>(m), rho);
      sum += pg * F.row(0).dot(omega.row(d.dataset.queried_feature(rho))) / P;
      weight += pg;
    }
    BOOST_TEST(std::abs(row.answer_contribution[m] - sum / weight) < 1e-12);
  }
}
