// The closed forms on a user's data (analytic::data_theory) against full-batch GD on the same data
// (numeric::train_on_data), and the refusal of data whose Σx and Σyx do not share right singular vectors.
#define BOOST_TEST_MODULE data_theory
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "dln/analytic/data_theory.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/numeric/data_training.hpp"

using namespace dln;

namespace {

// Saxe et al. 2019's tree over 8 items: one-hot inputs, one output row per tree node (root, 2 branches,
// 4 twigs, 8 leaves), a 1 where the item lies below the node.
void hierarchy(Eigen::MatrixXd& X, Eigen::MatrixXd& Y) {
  X = Eigen::MatrixXd::Identity(8, 8);
  Y = Eigen::MatrixXd::Zero(15, 8);
  for (int item = 0; item < 8; ++item)
    for (int level = 0, row = 0; level < 4; row += 1 << level, ++level) Y(row + (item >> (3 - level)), item) = 1.0;
}

}  // namespace

// From balanced weights aligned with the modes, GD keeps them aligned and each strength follows the exact
// map a ← a(1 + η(s − λa))² of docs/theory.md §5: the two agree up to rounding. Both run 300 steps on O(1)
// numbers (strengths ≤ √15, loss ≤ 2); a few ulps per step accumulated over 300 steps is ~1e-13, so 1e-11
// has margin while a wrong η (P·lr), a wrong loss term or a mode's wrong λ is off by ≥ 1e-3 within the
// first transition.
BOOST_AUTO_TEST_CASE(discrete_closed_form_is_gd_from_the_aligned_init) {
  Eigen::MatrixXd X, Y;
  hierarchy(X, Y);
  const analytic::DataModes modes = analytic::data_modes(X, Y);
  BOOST_TEST_REQUIRE(modes.rank == 8);
  BOOST_TEST(modes.s(0) == std::sqrt(15.0) / 8.0, boost::test_tools::tolerance(1e-14));
  const double offset = Y.squaredNorm() / 16.0, lr = 0.02, a0 = 1e-3;
  const int epochs = 300;
  const auto theory = analytic::data_theory(modes, offset, Eigen::VectorXd::Constant(8, a0),
                                            {lr, epochs, analytic::TimeModel::discrete, std::nullopt});
  const auto gd = numeric::train_on_data(modes, offset, numeric::aligned_dense_init(modes, 20, a0), {lr, epochs, {}, {}});
  BOOST_TEST_REQUIRE(theory.rows.size() == static_cast<std::size_t>(epochs + 1));
  BOOST_TEST_REQUIRE(gd.rows.size() == theory.rows.size());
  double worst = 0.0;
  for (std::size_t t = 0; t < gd.rows.size(); ++t) {
    worst = std::max(worst, std::abs(gd.rows[t].loss - theory.rows[t].loss));
    worst = std::max(worst, (gd.rows[t].strengths - theory.rows[t].strengths).cwiseAbs().maxCoeff());
  }
  BOOST_TEST(worst < 1e-11);
  // Learned: every mode near its asymptote s/λ = 8s, the loss near 0 (the tree is fitted exactly).
  BOOST_TEST(theory.rows.back().strengths(0) == std::sqrt(15.0), boost::test_tools::tolerance(1e-12));
  BOOST_TEST(theory.rows.back().loss < 1e-3);
}

// The effective a0 of an actual init is ¼‖W1 v_j + W2ᵀ u_j‖²: for the balanced aligned init it is a0 itself.
BOOST_AUTO_TEST_CASE(initial_strengths_of_the_aligned_init_are_its_a0) {
  Eigen::MatrixXd X, Y;
  hierarchy(X, Y);
  const analytic::DataModes modes = analytic::data_modes(X, Y);
  const auto w = numeric::aligned_dense_init(modes, 10, 0.25);
  const Eigen::VectorXd a0 = analytic::data_initial_strengths(modes, w.W1, w.W2);
  for (Eigen::Index j = 0; j < a0.size(); ++j) BOOST_TEST(a0(j) == 0.25, boost::test_tools::tolerance(1e-14));
}

// X = [[1,2],[3,4]], Y = [1,0]: Σyx's right vector ∝ (1,3) is not an eigenvector of Σx, and the refusal says
// by how much.
BOOST_AUTO_TEST_CASE(misaligned_data_is_refused_with_its_misalignment) {
  Eigen::MatrixXd X(2, 2), Y(1, 2);
  X << 1, 2, 3, 4;
  Y << 1, 0;
  const analytic::DataModes modes = analytic::data_modes(X, Y);
  BOOST_TEST(modes.misalignment > 0.01);
  try {
    analytic::require_closed_forms(modes);
    BOOST_FAIL("misaligned data was accepted");
  } catch (const InvalidInput& e) {
    BOOST_TEST(e.parameter() == "data");
    BOOST_TEST(std::string(e.what()).find("misalignment") != std::string::npos);
  }
  Eigen::MatrixXd hx, hy;
  hierarchy(hx, hy);
  BOOST_CHECK_NO_THROW(analytic::require_closed_forms(analytic::data_modes(hx, hy)));
}
