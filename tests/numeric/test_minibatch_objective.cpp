// Minibatch gradients from the data's structure against the dense formulas.
#define BOOST_TEST_MODULE minibatch_objective
#include <boost/test/unit_test.hpp>
#include <numeric>
#include <random>

#include "dln/numeric.hpp"
#include "module_blocks.hpp"
#include "learning_curves.hpp"

using namespace dln;
using analytic::Block;

namespace {



const std::vector<analytic::DatasetSpec> kSettings = {
    {3, 1, 3, 1, 1.0, {}}, {3, 2, 1, 2, 0.5, {0, 2}}, {4, 0, 2, 1, 2.0, {}}, {2, 2, 1, 1, 1.0, {}},
    {3, 1, 0, 2, 1.0, {}}, {3, 1, 2, 0, 1.5, {}},
};

// A fixed permutation of the P = 2^n1 patterns that is far from the identity: c ↦ (5c + 3) mod P (5 is odd,
// so it is a bijection).
std::vector<Eigen::Index> scrambled_order(std::uint64_t P) {
  std::vector<Eigen::Index> order(P);
  for (std::uint64_t c = 0; c < P; ++c) order[c] = static_cast<Eigen::Index>((5 * c + 3) % P);
  return order;
}

}  // namespace

// The structured batch gradient against −W2ᵀ(Y_B − W X_B)X_Bᵀ and −(Y_B − W X_B)(W1X_B)ᵀ (shallow
// −(Y_B − W X_B)X_Bᵀ) with the dense X_B, Y_B, for full, partial, single-pattern and unordered batches.
// Both sides sum O(B·(h + n1 + k1)) products of O(1) numbers; a wrong index or factor is an O(0.1)
// error, roundoff a few ulps of O(10) sums: 1e-12.
BOOST_AUTO_TEST_CASE(batch_gradient_matches_dense_batch_gradient) {
  for (const auto& spec : kSettings)
    for (auto arch : test::kArchitectures) {
      const numeric::SummedMinibatchObjective objective(spec, arch);
      const auto weights = numeric::random_init(spec, arch, 7, 0.3, 11);
      const Eigen::MatrixXd X = analytic::input_matrix(spec), Y = analytic::output_matrix(spec);
      const auto P = static_cast<Eigen::Index>(spec.patterns());
      std::vector<std::vector<Eigen::Index>> batches = {{0}, {P - 1}, {2, 0, P - 1}, {}};
      batches.back().resize(static_cast<std::size_t>(P));
      std::iota(batches.back().rbegin(), batches.back().rend(), Eigen::Index{0});  // all, reversed
      for (const auto& batch : batches) {
        analytic::NetworkWeights gradient;
        objective.gradient(weights, batch, gradient);
        const Eigen::MatrixXd XB = X(Eigen::all, batch), YB = Y(Eigen::all, batch);
        const auto layouts = analytic::module_layouts(arch);
        for (std::size_t i = 0; i < layouts.size(); ++i) {
          const auto [r0, nr] = test::block_span(layouts[i].output, spec.n2, Y.rows());
          const auto [c0, nc] = test::block_span(layouts[i].input, spec.n1, X.rows());
          const Eigen::MatrixXd Xm = XB.middleRows(c0, nc), Ym = YB.middleRows(r0, nr);
          const auto& w = weights[i];
          if (layouts[i].deep) {
            const Eigen::MatrixXd R = Ym - w.W2 * w.W1 * Xm;
            BOOST_TEST(test::max_abs(gradient[i].W1 + w.W2.transpose() * R * Xm.transpose()) < 1e-12);
            BOOST_TEST(test::max_abs(gradient[i].W2 + R * (w.W1 * Xm).transpose()) < 1e-12);
          } else {
            BOOST_TEST(test::max_abs(gradient[i].W1 + (Ym - w.W1 * Xm) * Xm.transpose()) < 1e-12);
            BOOST_TEST(gradient[i].W2.size() == 0);
          }
        }
      }
    }
}

// The full batch, in any order, is P times the gradient of L = (1/2P)‖Y − WX‖² (numeric::Objective).
// Same 1e-12 reasoning, on entries of size O(P).
BOOST_AUTO_TEST_CASE(full_batch_gradient_is_P_times_the_objective_gradient) {
  for (const auto& spec : kSettings)
    for (auto arch : test::kArchitectures) {
      const numeric::Objective full(spec, arch);
      const numeric::SummedMinibatchObjective batches(spec, arch);
      const auto weights = numeric::random_init(spec, arch, 5, 0.4, 3);
      const std::vector<Eigen::Index> order = scrambled_order(spec.patterns());
      analytic::NetworkWeights expected, gradient;
      full.loss_and_gradient(weights, expected);
      batches.gradient(weights, order, gradient);
      for (std::size_t i = 0; i < weights.size(); ++i) {
        BOOST_TEST(test::max_abs(gradient[i].W1 - spec.P() * expected[i].W1) < 1e-12);
        BOOST_TEST(test::max_abs(gradient[i].W2 - spec.P() * expected[i].W2) < 1e-12);
      }
    }
}

// The in-place step is weights − lr·gradient. It updates W1 only where the batch reaches and scales inside
// the products, so it may round differently: entries are O(1), lr·gradient O(1e-2), so a few ulps of
// O(1) — 1e-15 — is all the two may differ by.
BOOST_AUTO_TEST_CASE(step_is_weights_minus_lr_times_gradient) {
  for (const auto& spec : kSettings)
    for (auto arch : test::kArchitectures) {
      const numeric::SummedMinibatchObjective objective(spec, arch);
      auto weights = numeric::random_init(spec, arch, 7, 0.3, 13);
      const std::vector<Eigen::Index> batch = {1, 0, static_cast<Eigen::Index>(spec.patterns()) - 1};
      const double lr = 0.01;
      analytic::NetworkWeights gradient;
      objective.gradient(weights, batch, gradient);
      const analytic::NetworkWeights before = weights;
      objective.step(weights, batch, lr);
      for (std::size_t i = 0; i < weights.size(); ++i) {
        BOOST_TEST(test::max_abs(weights[i].W1 - (before[i].W1 - lr * gradient[i].W1)) < 1e-15);
        BOOST_TEST(test::max_abs(weights[i].W2 - (before[i].W2 - lr * gradient[i].W2)) < 1e-15);
      }
    }
}

// An epoch (W2 kept factored where outputs ≫ hidden units, numeric/src/factored_output.hpp) against
// the same batches stepped one by one. Hidden 3 and P = 32 make the factored form apply (outputs ≥ 33 >
// 4·3) for every deep module with Γ outputs; batches of 1, 3 (the last one shorter) and 5 cover S of
// size 1 and more. The factored update rounds differently: O(1) weights after 32 steps of O(h² + B²)
// products, amplified by at most the conditioning bound of M (1e4), so 1e-11 — while a wrong term of the
// Woodbury or Gram update is an O(lr) = O(1e-2) error.
BOOST_AUTO_TEST_CASE(factored_epoch_equals_the_same_steps_one_by_one) {
  const std::vector<analytic::DatasetSpec> settings = {{5, 1, 2, 1, 1.0, {}}, {5, 2, 1, 2, 0.7, {0, 3}},
                                                       {5, 0, 3, 1, 1.3, {}}};
  const auto compare = [](const analytic::DatasetSpec& spec, analytic::Architecture arch, std::size_t batch, double lr) {
    const numeric::SummedMinibatchObjective objective(spec, arch);
    const auto start = numeric::random_init(spec, arch, 3, 0.4, 17);
    const std::vector<Eigen::Index> order = scrambled_order(spec.patterns());
    auto stepped = start, epoch = start;
    for (std::size_t first = 0; first < order.size(); first += batch)
      objective.step(stepped, numeric::Batch(order.data() + first, std::min(batch, order.size() - first)), lr);
    objective.epoch(epoch, order, batch, lr);
    for (std::size_t i = 0; i < start.size(); ++i) {
      BOOST_TEST_REQUIRE(stepped[i].W1.allFinite());
      BOOST_TEST(test::max_abs(epoch[i].W1 - stepped[i].W1) < 1e-11);
      BOOST_TEST(test::max_abs(epoch[i].W2 - stepped[i].W2) < 1e-11);
    }
  };
  for (const auto& spec : settings)
    for (auto arch : test::kArchitectures)
      for (const std::size_t batch : {std::size_t{1}, std::size_t{3}, std::size_t{5}}) compare(spec, arch, batch, 0.01);

  // lr 0.1 with single patterns: some steps have lr·‖W1·x‖² > 0.9, which the factored form refuses (the
  // plain step is taken there and the factors restart), others are factored — still the same epoch.
  const analytic::DatasetSpec spec = settings[0];
  const auto w = numeric::random_init(spec, analytic::Architecture::dense, 3, 0.4, 17);
  const Eigen::MatrixXd X = analytic::input_matrix(spec);
  double largest = 0.0, smallest = 1e300;
  for (Eigen::Index c = 0; c < X.cols(); ++c) {
    const double shrink = 0.1 * (w[0].W1 * X.col(c)).squaredNorm();
    largest = std::max(largest, shrink), smallest = std::min(smallest, shrink);
  }
  BOOST_TEST_REQUIRE(largest > 0.9);   // the refusal path is taken …
  BOOST_TEST_REQUIRE(smallest < 0.9);  // … and the factored one too
  compare(spec, analytic::Architecture::dense, 1, 0.1);
}
