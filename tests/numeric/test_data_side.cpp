// DataSide's structured products against the same products with the explicit X_m and Y_m rows.
#define BOOST_TEST_MODULE data_side
#include <bit>
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

        // The full-batch step's pieces: A·Z from the copies' sum (of a transposed operand too) and the in-place
        // target += s·D·Zᵀ, target += s·(D·Zᵀ)ᵀ.
        const Eigen::MatrixXd At = A.transpose();
        BOOST_TEST(test::max_abs(side.times(At.transpose(), side.copy_sum(At.transpose())) - A * Z) < 1e-12);
        Eigen::MatrixXd stepped = random_matrix(4, Z.rows(), engine);
        const Eigen::MatrixXd start = stepped;
        side.add_times_transpose(D, 0.7, stepped);
        BOOST_TEST(test::max_abs(stepped - start - 0.7 * D * Z.transpose()) < 1e-12);
        Eigen::MatrixXd stepped_t = start.transpose();
        side.add_times_transpose_transposed(D, 0.7, stepped_t);
        BOOST_TEST(test::max_abs(stepped_t - start.transpose() - 0.7 * Z * D.transpose()) < 1e-12);
      }
}

// The fast Walsh–Hadamard transform (two stages per pass, plus a lone last stage when log2 P is odd) against the
// definition out[S] = Σ_c (−1)^popcount(S & c) in[c], for P = 2^5 and 2^6. Sums of P ≤ 64 numbers of O(1): roundoff
// is below 64·1e-16·O(10) = 1e-13, a wrong sign or pairing an O(1) error.
BOOST_AUTO_TEST_CASE(walsh_transform_is_the_walsh_sums) {
  std::mt19937_64 engine(5);
  for (int bits : {5, 6}) {
    const Eigen::Index P = Eigen::Index{1} << bits;
    const Eigen::MatrixXd in = random_matrix(3, P, engine);
    Eigen::MatrixXd walsh(P, P);
    for (Eigen::Index S = 0; S < P; ++S)
      for (Eigen::Index c = 0; c < P; ++c) walsh(c, S) = std::popcount(static_cast<std::uint64_t>(S & c)) % 2 ? -1.0 : 1.0;
    Eigen::MatrixXd transformed = in;
    analytic::walsh_hadamard_rows(transformed);
    BOOST_TEST(test::max_abs(transformed - in * walsh) < 1e-12);
  }
}
