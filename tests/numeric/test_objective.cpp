// The structured objective (no dense covariances) against the plain dense formulas of docs/theory.md §4.
#define BOOST_TEST_MODULE objective
#include <boost/test/unit_test.hpp>

#include "dln/analytic.hpp"
#include "dln/numeric.hpp"
#include "module_blocks.hpp"

using namespace dln;
using analytic::Architecture;
using analytic::Block;

namespace {


// The network map W (outputs × inputs of the full data) and the per-module X_m, Y_m.
Eigen::MatrixXd network_map(const analytic::DatasetSpec& spec, Architecture arch, const analytic::NetworkWeights& w) {
  const Eigen::MatrixXd X = analytic::input_matrix(spec), Y = analytic::output_matrix(spec);
  Eigen::MatrixXd W = Eigen::MatrixXd::Zero(Y.rows(), X.rows());
  const auto layouts = analytic::module_layouts(arch);
  for (std::size_t i = 0; i < layouts.size(); ++i) {
    const auto [r0, nr] = test::block_span(layouts[i].output, spec.n2, Y.rows());
    const auto [c0, nc] = test::block_span(layouts[i].input, spec.n1, X.rows());
    W.block(r0, c0, nr, nc) = layouts[i].deep ? Eigen::MatrixXd(w[i].W2 * w[i].W1) : w[i].W1;
  }
  return W;
}

const std::vector<analytic::DatasetSpec> kSettings = {
    {3, 1, 3, 1, 1.0, {}}, {3, 2, 1, 2, 0.5, {0, 2}}, {4, 0, 2, 1, 2.0, {}}, {2, 2, 1, 1, 1.0, {}},
    {3, 1, 0, 2, 1.0, {}}, {3, 1, 2, 0, 1.5, {}},
};

const Architecture kArchitectures[] = {Architecture::dense, Architecture::split, Architecture::segregated,
                                       Architecture::shallow};

}  // namespace

// Loss and gradient agree with L = (1/2P)‖Y − WX‖² and its dense gradient, computed module by module
// (each module m sees X_m, predicts Y_m). Both sides are sums of O(1) products of O(1) numbers, so any
// disagreement beyond a few hundred ulps (1e-12) is a wrong formula, not roundoff.
BOOST_AUTO_TEST_CASE(loss_and_gradient_match_dense_formulas) {
  for (const auto& spec : kSettings)
    for (auto arch : kArchitectures) {
      const numeric::Objective objective(spec, arch);
      const auto weights = numeric::random_init(spec, arch, 7, 0.3, 11);
      analytic::NetworkWeights gradient;
      const double loss = objective.loss_and_gradient(weights, gradient);

      const Eigen::MatrixXd X = analytic::input_matrix(spec), Y = analytic::output_matrix(spec);
      const double P = spec.P();
      const Eigen::MatrixXd W = network_map(spec, arch, weights);
      BOOST_TEST(std::abs(loss - (Y - W * X).squaredNorm() / (2 * P)) < 1e-12);
      BOOST_TEST(std::abs(objective.loss(weights) - loss) < 1e-14);

      const auto layouts = analytic::module_layouts(arch);
      for (std::size_t i = 0; i < layouts.size(); ++i) {
        const auto [r0, nr] = test::block_span(layouts[i].output, spec.n2, Y.rows());
        const auto [c0, nc] = test::block_span(layouts[i].input, spec.n1, X.rows());
        const Eigen::MatrixXd Xm = X.middleRows(c0, nc), Ym = Y.middleRows(r0, nr);
        const auto& w = weights[i];
        const Eigen::MatrixXd Wm = layouts[i].deep ? Eigen::MatrixXd(w.W2 * w.W1) : w.W1;
        const Eigen::MatrixXd E = (Ym - Wm * Xm) * Xm.transpose() / P;  // Σyx − W Σx of the module
        if (layouts[i].deep) {
          BOOST_TEST(test::max_abs(gradient[i].W1 + w.W2.transpose() * E) < 1e-12);
          BOOST_TEST(test::max_abs(gradient[i].W2 + E * w.W1.transpose()) < 1e-12);
        } else {
          BOOST_TEST(test::max_abs(gradient[i].W1 + E) < 1e-12);
        }
      }
    }
}

// measure(): quadrant norms equal the blocks of the explicit W; a_pi equals the class means of
// u_jᵀ W v_j with the explicit dense vectors. Same 1e-12 reasoning.
BOOST_AUTO_TEST_CASE(measure_matches_explicit_projections) {
  for (const auto& spec : kSettings)
    for (auto arch : kArchitectures) {
      const numeric::Objective objective(spec, arch);
      const auto weights = numeric::random_init(spec, arch, 9, 0.2, 5);
      const auto row = objective.measure(weights, 4);
      const Eigen::MatrixXd W = network_map(spec, arch, weights);
      const Eigen::Index n2 = spec.n2, n1 = spec.n1;
      BOOST_TEST(row.t == 4);
      BOOST_TEST(std::abs(row.quadrants.OxOy - W.topLeftCorner(n2, n1).norm()) < 1e-12);
      BOOST_TEST(std::abs(row.quadrants.GxOy - W.topRightCorner(n2, W.cols() - n1).norm()) < 1e-12);
      BOOST_TEST(std::abs(row.quadrants.OxGy - W.bottomLeftCorner(W.rows() - n2, n1).norm()) < 1e-12);
      BOOST_TEST(std::abs(row.quadrants.GxGy - W.bottomRightCorner(W.rows() - n2, W.cols() - n1).norm()) < 1e-12);

      for (const auto& c : analytic::dense_classes(spec)) {
        double expected = 0.0;
        if (c.present()) {
          const auto walsh = analytic::walsh_indices(spec, c.basis);
          const Eigen::MatrixXd U = analytic::mode_vectors(analytic::output_side(spec, Block::all), c.u, walsh);
          const Eigen::MatrixXd V = analytic::mode_vectors(analytic::input_side(spec, Block::all), c.v, walsh);
          expected = (U.transpose() * W * V).diagonal().mean();
        }
        BOOST_TEST(std::abs(row.a_pi[analytic::index_of(c.dense_class)] - expected) < 1e-12);
      }
    }
}

// descend() is W −= η·∂L/∂W written into the weights, and the read-out after such steps, with W1's Γ Gram taken
// from the copies' sum and their spread at the start (numeric::CopySpread), is the read-out of the weights
// themselves. Both sides are O(1) sums of O(1) products (1e-12, as above); a step or a spread that treated the
// copies differently, or a missing 1/k, is an O(0.1) error. A setting with k1 = 3 makes the spread non-zero.
BOOST_AUTO_TEST_CASE(descend_is_the_gradient_step_and_keeps_the_copies_spread) {
  for (const auto& spec : kSettings)
    for (auto arch : kArchitectures) {
      const numeric::Objective objective(spec, arch);
      auto weights = numeric::random_init(spec, arch, 6, 0.3, 13);
      const numeric::CopySpread spread = objective.copy_spread(weights);
      const double eta = 0.05;
      for (int step = 0; step < 3; ++step) {
        analytic::NetworkWeights gradient;
        objective.loss_and_gradient(weights, gradient);
        auto expected = weights;
        for (std::size_t i = 0; i < weights.size(); ++i) {
          expected[i].W1 -= eta * gradient[i].W1;
          expected[i].W2 -= eta * gradient[i].W2;
        }
        objective.descend(weights, objective.forward(weights), eta);
        for (std::size_t i = 0; i < weights.size(); ++i) {
          BOOST_TEST(test::max_abs(weights[i].W1 - expected[i].W1) < 1e-12);
          BOOST_TEST(test::max_abs(weights[i].W2 - expected[i].W2) < 1e-12);
        }
      }
      const auto pass = objective.forward(weights);
      const auto direct = objective.measure(weights, pass, 3), through_spread = objective.measure(weights, pass, spread, 3);
      BOOST_TEST(std::abs(direct.quadrants.OxOy - through_spread.quadrants.OxOy) < 1e-12);
      BOOST_TEST(std::abs(direct.quadrants.GxOy - through_spread.quadrants.GxOy) < 1e-12);
      BOOST_TEST(std::abs(direct.quadrants.OxGy - through_spread.quadrants.OxGy) < 1e-12);
      BOOST_TEST(std::abs(direct.quadrants.GxGy - through_spread.quadrants.GxGy) < 1e-12);
      for (std::size_t j = 0; j < direct.a_pi.size(); ++j) BOOST_TEST(std::abs(direct.a_pi[j] - through_spread.a_pi[j]) < 1e-12);
    }
}
