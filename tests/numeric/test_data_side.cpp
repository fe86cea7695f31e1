// DataSide's structured products against the same products with the explicit X_m and Y_m rows.
#define BOOST_TEST_MODULE data_side
#include <boost/test/unit_test.hpp>
#include <random>

#include "dln/analytic.hpp"
#include "dln/numeric/data_side.hpp"
#include "module_blocks.hpp"

using namespace dln;
using analytic::Block;

namespace {

const std::vector<analytic::DatasetSpec> kSettings = {
    {3, 1, 3, 1, 1.0, {}}, {3, 2, 1, 2, 0.5, {0, 2}}, {4, 0, 2, 1, 2.0, {}}, {3, 1, 0, 2, 1.0, {}}, {3, 1, 2, 0, 1.5, {}},
};

Eigen::MatrixXd random_matrix(Eigen::Index rows, Eigen::Index cols, std::mt19937_64& engine) {
  std::normal_distribution<double> normal;
  return Eigen::MatrixXd::NullaryExpr(rows, cols, [&] { return normal(engine); });
}

}  // namespace

// Every side of every block (input X_m, output Y_m; Ω only, Γ only, both) on settings with and without Ω rows
// or Γ copies. The explicit products sum at most n1 + k1·P ≈ 30 terms of O(1) numbers, so roundoff is a few
// ulps of O(10) — 1e-12 — while a wrong row, copy or factor r is an O(0.1) error.
BOOST_AUTO_TEST_CASE(structured_products_match_explicit_data) {
  std::mt19937_64 engine(3);
  for (const auto& spec : kSettings)
    for (numeric::Side which : {numeric::Side::input, numeric::Side::output})
      for (Block block : {Block::all, Block::omega, Block::gamma}) {
        const bool output = which == numeric::Side::output;
        const Eigen::MatrixXd full = output ? analytic::output_matrix(spec) : analytic::input_matrix(spec);
        const auto [first, count] = test::block_span(block, output ? spec.n2 : spec.n1, full.rows());
        const Eigen::MatrixXd Z = full.middleRows(first, count);
        const numeric::DataSide side(spec, block, which);
        BOOST_TEST_REQUIRE(side.dimension() == Z.rows());

        const Eigen::MatrixXd A = random_matrix(4, Z.rows(), engine), D = random_matrix(4, Z.cols(), engine);
        BOOST_TEST(test::max_abs(side.times(A) - A * Z) < 1e-12);
        BOOST_TEST(test::max_abs(side.times_transpose(D) - D * Z.transpose()) < 1e-12);
        BOOST_TEST(std::abs(side.squared_norm() - Z.squaredNorm()) < 1e-12);
        Eigen::MatrixXd target = random_matrix(Z.rows(), Z.cols(), engine);
        const Eigen::MatrixXd before = target;
        side.add_to(target);
        BOOST_TEST(test::max_abs(target - before - Z) < 1e-12);
      }
}
