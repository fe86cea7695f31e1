// ReluNetwork: the step follows the gradient of the summed half squared error (checked against central
// differences), the mean Jacobian is the average of the per-sample ones, seeds reproduce, and an SGD epoch
// visits every sample once.
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <random>

#include "dln/nonlinear/relu_network.hpp"
#include "dln/nonlinear/sgd.hpp"

using namespace dln::nonlinear;
using Net = ReluNetwork<double>;
using Matrix = Net::Matrix;

namespace {

// Two modules reading overlapping inputs and writing disjoint outputs, σ = 0.5 so that units are active on
// some samples and not on others (both sides of the ReLU are exercised).
Net two_modules(std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  return Net({{{0, 4}, {0, 2}, 6}, {{2, 3}, {2, 3}, 5}}, 5, 5, 0.5, engine);
}

Matrix random_matrix(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
  std::mt19937 engine(seed);
  std::normal_distribution<double> normal;
  Matrix m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(engine);
  return m;
}

double half_squared_error(const Net& net, const Matrix& X, const Matrix& Y) {
  return 0.5 * (Y - net.predict(X)).squaredNorm();
}

// Every parameter of every module, in a fixed order, as pointers (to perturb them one at a time).
std::vector<double*> parameters(Net& net) {
  std::vector<double*> p;
  for (auto& m : net.modules())
    for (Matrix* block : {&m.W1, &m.W2})
      for (Eigen::Index i = 0; i < block->size(); ++i) p.push_back(block->data() + i);
  for (auto& m : net.modules())
    for (auto* v : {&m.b1, &m.b2})
      for (Eigen::Index i = 0; i < v->size(); ++i) p.push_back(v->data() + i);
  return p;
}

}  // namespace

BOOST_AUTO_TEST_CASE(step_is_minus_step_times_the_gradient) {
  const Matrix X = random_matrix(5, 7, 1), Y = random_matrix(5, 7, 2);
  Net net = two_modules(3);
  Net stepped = net;
  const double s = 1e-3;
  BOOST_REQUIRE(stepped.step(X, Y, s));
  auto before = parameters(net), after = parameters(stepped);
  // With the ReLU pattern fixed, the loss is quadratic in any one parameter, so the central difference is
  // exact up to roundoff, ≈ 2ε·L/h ≈ 1e-9 here (L ≈ 20), unless ±h moves a pre-activation across 0, which at
  // h = 1e-5 and these generic Gaussian data does not happen. The step's own gradient, (before − after)/s,
  // carries ε·|θ|/s ≈ 1e-13. An absolute 1e-7 bounds both with room, while a wrong factor or a missing term
  // is of the order of the gradients themselves (1e-2 … 1).
  const double h = 1e-5;
  for (std::size_t k = 0; k < before.size(); ++k) {
    const double gradient = (*before[k] - *after[k]) / s;
    const double kept = *before[k];
    *before[k] = kept + h;
    const double up = half_squared_error(net, X, Y);
    *before[k] = kept - h;
    const double down = half_squared_error(net, X, Y);
    *before[k] = kept;
    BOOST_TEST(std::abs(gradient - (up - down) / (2 * h)) < 1e-7);
  }
}

BOOST_AUTO_TEST_CASE(mean_jacobian_is_the_average_of_the_per_sample_jacobians) {
  const Matrix X = random_matrix(5, 9, 4);
  const Net net = two_modules(5);
  const Matrix J = net.mean_jacobian(X);
  // The network is piecewise linear: a central difference with h = 1e-6 is exact (to ε·|ŷ|/h ≈ 1e-10) while no
  // pre-activation crosses 0.
  const double h = 1e-6;
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    Matrix up = X, down = X;
    up.row(i).array() += h;
    down.row(i).array() -= h;
    const Eigen::VectorXd column = (net.predict(up) - net.predict(down)).rowwise().mean() / (2 * h);
    for (Eigen::Index o = 0; o < J.rows(); ++o) BOOST_TEST(J(o, i) == column(o), boost::test_tools::tolerance(1e-7));
  }
}

BOOST_AUTO_TEST_CASE(with_every_unit_active_the_jacobian_is_the_linear_map) {
  std::mt19937_64 engine(6);
  Net net({{{0, 3}, {0, 4}, 8}}, 3, 4, 0.3, engine);
  net.modules()[0].b1.setConstant(100.0);  // pre-activations ≈ 100 ± 1 on these inputs: all units on
  const Matrix J = net.mean_jacobian(random_matrix(3, 10, 7));
  const Matrix linear = net.modules()[0].W2 * net.modules()[0].W1;
  BOOST_TEST((J - linear).norm() <= 1e-14 * linear.norm());
}

BOOST_AUTO_TEST_CASE(a_seed_fixes_the_init_and_different_seeds_differ) {
  const Net a = two_modules(11), b = two_modules(11), c = two_modules(12);
  for (std::size_t m = 0; m < a.modules().size(); ++m) {
    BOOST_TEST((a.modules()[m].W1 == b.modules()[m].W1));
    BOOST_TEST((a.modules()[m].b2 == b.modules()[m].b2));
    BOOST_TEST((a.modules()[m].W1 - c.modules()[m].W1).norm() > 0.1);
  }
}

BOOST_AUTO_TEST_CASE(an_sgd_epoch_uses_every_sample_once) {
  // Half-batch SGD over an epoch differs from one full-batch step only at second order in the step (the
  // second batch sees parameters moved by the first), so halving the step must quarter the difference. A
  // skipped or repeated sample would leave a first-order difference: the ratio would be 2, not 4.
  const Matrix X = random_matrix(5, 8, 8), Y = random_matrix(5, 8, 9);
  const auto gap = [&](double s) {
    Net gd = two_modules(10), sgd = two_modules(10);
    std::mt19937_64 engine(1);
    BOOST_REQUIRE(gd.step(X, Y, s));
    BOOST_REQUIRE(sgd_epoch(sgd, X, Y, 4, s, engine));
    return (gd.modules()[0].W1 - sgd.modules()[0].W1).norm() + (gd.modules()[1].W2 - sgd.modules()[1].W2).norm();
  };
  const double ratio = gap(1e-3) / gap(5e-4);
  BOOST_TEST(ratio > 3.5);
  BOOST_TEST(ratio < 4.5);

  Net whole = two_modules(10), full_batch = two_modules(10);  // B ≥ N: exactly one full-batch step
  std::mt19937_64 engine(1);
  BOOST_REQUIRE(whole.step(X, Y, 1e-2));
  BOOST_REQUIRE(sgd_epoch(full_batch, X, Y, 8, 1e-2, engine));
  BOOST_TEST((whole.modules()[1].W1 == full_batch.modules()[1].W1));
}
