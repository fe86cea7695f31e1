// Theorem 1 (docs/modules.md §2): GD on the latent weights is GD on the full weights, for any init.
#define BOOST_TEST_MODULE modules_latent
#include <boost/test/unit_test.hpp>

#include "dense_reference.hpp"
#include "dln/modules/full_objective.hpp"
#include "dln/modules/init.hpp"
#include "dln/modules/latent_basis.hpp"
#include "dln/modules/latent_objective.hpp"
#include "dln/modules/run.hpp"
#include "settings.hpp"

using namespace dln;

// The change of basis is orthogonal on the output side and a projection on the input side: latent → full →
// latent is the identity (to rounding, ~1e-15 for entries O(1) through two Walsh transforms of size ≤ 32).
BOOST_AUTO_TEST_CASE(latent_full_latent_round_trip) {
  const auto d = test::mixed_description();
  const modules::LatentObjective latent(d, {modules::full_block(d.dataset)});
  const auto w = modules::random_init(d, 1.0, 4);
  const auto v = latent.from_full(w);
  for (std::size_t m = 0; m < d.modules.size(); ++m) {
    const auto back = modules::to_latent(d.dataset, d.modules[m], modules::to_full(d.dataset, d.modules[m], v[m]));
    BOOST_TEST(test::max_abs(back.W1 - v[m].W1) < 1e-13);
    if (d.modules[m].deep()) BOOST_TEST(test::max_abs(back.W2 - v[m].W2) < 1e-13);
  }
}

// The latent loss is the full loss (the part of W1 outside the data span does not act on data), per rule too.
BOOST_AUTO_TEST_CASE(latent_loss_equals_full_loss) {
  for (const auto& d : {test::mixed_description(), test::small_description(2, 1, 1, 1.5, 2)}) {
    const modules::FullObjective full(d);
    const modules::LatentObjective latent(d, {modules::full_block(d.dataset)});
    const Eigen::MatrixXd gates = modules::gate_matrix(d);
    const auto w = modules::random_init(d, 0.5, 6);
    BOOST_TEST(std::abs(full.loss(w, gates) - latent.loss(latent.from_full(w), gates)) < 1e-12);
    const auto a = full.measure(w, gates, 0), b = latent.measure(latent.from_full(w), gates, 0);
    for (int rho = 0; rho < d.dataset.rules; ++rho)
      BOOST_TEST(std::abs(a.rule_loss[static_cast<std::size_t>(rho)] - b.rule_loss[static_cast<std::size_t>(rho)]) < 1e-12);
    for (std::size_t m = 0; m < d.modules.size(); ++m) {
      BOOST_TEST(std::abs(a.answer_contribution[m] - b.answer_contribution[m]) < 1e-12);
      BOOST_TEST(std::abs(a.item_contribution[m] - b.item_contribution[m]) < 1e-12);
    }
    BOOST_TEST(std::abs(a.systematic_share - b.systematic_share) < 1e-12);
  }
}

// 200 GD steps from a random init (σ = 0.3) with softmax, ground-truth and constant gates, masks and a shallow
// module: the latent trajectory equals the latent image of the full trajectory. docs/modules.md §8 asks 1e-12
// (achieved 9e-16 in the reference); the steps are contractions near here (loss decreasing, η·s < 1), so rounding
// does not grow beyond a few hundred ulps.
BOOST_AUTO_TEST_CASE(latent_gd_equals_full_gd) {
  const auto d = test::mixed_description();
  const modules::FullObjective full(d);
  const modules::LatentObjective latent(d, {modules::full_block(d.dataset)});
  const Eigen::MatrixXd gates = modules::gate_matrix(d);
  auto w = modules::random_init(d, 0.3, 8);
  auto v = latent.from_full(w);
  const double eta = modules::step_size(d.dataset, 0.01);
  double worst = 0.0;
  modules::State dw, dv;
  const double loss0 = full.loss(w, gates);
  for (int t = 0; t < 200; ++t) {
    full.descent(w, gates, dw);
    latent.descent(v, gates, dv);
    for (std::size_t m = 0; m < w.size(); ++m) {
      w[m].W1 += eta * dw[m].W1, w[m].W2 += eta * dw[m].W2;
      v[m].W1 += eta * dv[m].W1, v[m].W2 += eta * dv[m].W2;
    }
    worst = std::max(worst, test::max_state_difference(latent.from_full(w), v));
  }
  BOOST_TEST(full.loss(w, gates) < 0.5 * loss0);  // it learned something: the comparison is not between idle weights
  BOOST_TEST(worst < 1e-12);
  // The latent gradient is the full one seen through the basis: check against the dense reference once more at
  // the end (the reference knows nothing of latents).
  const test::DenseModules dense(d);
  BOOST_TEST(std::abs(latent.loss(v, gates) - dense.loss(d, w, gates)) < 1e-12);
}

// Latent read-outs: the quadrant norms are those of the map restricted to the data span, W_m·Π_m with
// Π_m = X[I_m] X[I_m]⁺; checked against dense pseudo-inverses (1e-12 as above; the pseudo-inverse of a matrix
// with condition number ≤ L1/k1r² ≈ 10 loses at most one digit).
BOOST_AUTO_TEST_CASE(latent_quadrants_are_data_span_quadrants) {
  const auto d = test::mixed_description();
  const modules::LatentObjective latent(d, {modules::full_block(d.dataset)});
  const test::DenseModules dense(d);
  const Eigen::MatrixXd gates = modules::gate_matrix(d);
  auto w = modules::random_init(d, 0.4, 9);
  for (std::size_t m = 0; m < w.size(); ++m) {  // project every module on its data span
    const Eigen::MatrixXd Xm = dense.X(dense.in_rows[m], Eigen::all);
    const Eigen::MatrixXd Pi = Xm * Xm.completeOrthogonalDecomposition().pseudoInverse();
    w[m].W1 = w[m].W1 * Pi;
  }
  const auto row = latent.measure(latent.from_full(w), gates, 0);
  const Eigen::Index n1 = d.dataset.n1, nx = dense.X.rows(), ny = dense.Y[0].rows();
  for (int rho = 0; rho < d.dataset.rules; ++rho) {
    const Eigen::MatrixXd W = dense.embedded(d, w, gates.col(rho));
    const auto& q = row.rule_quadrants[static_cast<std::size_t>(rho)];
    BOOST_TEST(std::abs(q.OxOy - W.block(0, 0, 1, n1).norm()) < 1e-12);
    BOOST_TEST(std::abs(q.GxOy - W.block(0, n1, 1, nx - n1).norm()) < 1e-12);
    BOOST_TEST(std::abs(q.OxGy - W.block(1, 0, ny - 1, n1).norm()) < 1e-12);
    BOOST_TEST(std::abs(q.GxGy - W.block(1, n1, ny - 1, nx - n1).norm()) < 1e-12);
  }
}

// Flow: the full-weight and latent flows, each integrated by odeint at rtol 1e-12, agree to the integrator's
// error (global error ≈ 10–25 × rtol on these scales, numeric::IntegrationOptions), far below 1e-8.
BOOST_AUTO_TEST_CASE(latent_flow_equals_full_flow) {
  const auto d = test::small_description(2, 1, 1, 1.5, 2);
  const modules::FullObjective full(d);
  const modules::LatentObjective latent(d, {modules::full_block(d.dataset)});
  const auto w = modules::random_init(d, 0.3, 12);
  modules::RunOptions options;
  options.lr = 0.01;
  options.epochs = 60;
  options.rtol = 1e-12;
  const auto a = modules::run_flow(full, w, options);
  const auto b = modules::run_flow(latent, latent.from_full(w), options);
  BOOST_REQUIRE(a.trajectory.rows.size() == b.trajectory.rows.size());
  double worst = 0.0;
  for (std::size_t t = 0; t < a.trajectory.rows.size(); ++t)
    worst = std::max(worst, std::abs(a.trajectory.rows[t].loss - b.trajectory.rows[t].loss));
  BOOST_TEST(a.trajectory.rows.back().loss < 0.5 * a.trajectory.rows.front().loss);
  BOOST_TEST(worst < 1e-8);
}
