// Where learning ends (docs/theory.md §6–7): the closed-form quadrant norms and loss at the asymptotes a* = s/λ
// against the min-norm least-squares solution computed numerically, on the whole parameter grid.
//
// Tolerance 1e-10: Y X⁺ comes from a complete orthogonal decomposition, whose error is about
// κ(X)·ε·‖X⁺‖·‖Y‖ per entry; X's nonzero singular values are √L1 and √k1·r, so κ(X) ≤ √(64 + 12)/0.5 < 18
// and ‖X⁺‖ ≤ 2 on this grid, giving entry errors ~1e-14 and norm errors over ≤ 200² entries ~1e-12.
// A wrong closed form is off by O(1/P) ≥ 1/64.
#define BOOST_TEST_MODULE analytic_asymptotes
#include <boost/test/unit_test.hpp>

#include <array>
#include <cmath>

#include "support.hpp"

namespace {

using namespace dln;
using analytic::Architecture;
using analytic::Block;
using analytic::DatasetSpec;

constexpr double kTolerance = 1e-10;

// The min-norm least-squares maps of one setting. A network map has the rows of Y and the columns of
// X; each module contributes its own min-norm solution Y_m X_m⁺ on the rows and columns it is connected
// to. Y X_b⁺ is computed once per input block b, transposed: (Y X_b⁺)ᵀ = (X_bᵀ)⁺ Yᵀ, the min-norm solution
// of X_bᵀ Z = Yᵀ, which a complete orthogonal decomposition of X_bᵀ gives directly.
class MinNorm {
public:
  explicit MinNorm(const DatasetSpec& spec)
      : spec_(spec), X_(analytic::input_matrix(spec)), Y_(analytic::output_matrix(spec)) {
    for (auto block : {Block::all, Block::omega, Block::gamma}) {
      const Eigen::MatrixXd Xb = test::block_rows(X_, spec.n1, block);
      Eigen::MatrixXd& YXb = y_pinv_[static_cast<std::size_t>(block)];
      YXb = Eigen::MatrixXd::Zero(Y_.rows(), Xb.rows());
      if (YXb.size() > 0)
        YXb = Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd>(Xb.transpose()).solve(Y_.transpose()).transpose();
    }
  }

  Eigen::MatrixXd map(Architecture arch) const {
    Eigen::MatrixXd W = Eigen::MatrixXd::Zero(Y_.rows(), X_.rows());
    for (const auto& layout : analytic::module_layouts(arch)) {
      const test::Range rows = test::block_range(spec_.n2, Y_.rows(), layout.output);
      const test::Range cols = test::block_range(spec_.n1, X_.rows(), layout.input);
      W.block(rows.first, cols.first, rows.count, cols.count) =
          y_pinv_[static_cast<std::size_t>(layout.input)].middleRows(rows.first, rows.count);
    }
    return W;
  }

  double loss(const Eigen::MatrixXd& W) const { return (Y_ - W * X_).squaredNorm() / (2.0 * spec_.P()); }

private:
  DatasetSpec spec_;
  Eigen::MatrixXd X_, Y_;
  std::array<Eigen::MatrixXd, 3> y_pinv_;  // Y X_b⁺ per input block b
};

analytic::Quadrants measured_quadrants(const DatasetSpec& spec, const Eigen::MatrixXd& W) {
  const Eigen::Index oy = spec.n2, gy = W.rows() - oy, ox = spec.n1, gx = W.cols() - ox;
  return {W.block(0, 0, oy, ox).norm(), W.block(0, ox, oy, gx).norm(), W.block(oy, 0, gy, ox).norm(),
          W.block(oy, ox, gy, gx).norm()};
}

void check_quadrants(const analytic::Quadrants& closed, const analytic::Quadrants& expected) {
  BOOST_TEST(std::abs(closed.OxOy - expected.OxOy) <= kTolerance);
  BOOST_TEST(std::abs(closed.GxOy - expected.GxOy) <= kTolerance);
  BOOST_TEST(std::abs(closed.OxGy - expected.OxGy) <= kTolerance);
  BOOST_TEST(std::abs(closed.GxGy - expected.GxGy) <= kTolerance);
}

}  // namespace

// Dense and shallow (same modes): the closed-form quadrant asymptotes of §6 are the quadrant norms of
// Y X⁺. Split: its modules' own families (A: one class, B: π2 and π3 values) end at the same quadrants
// (§7: both modules see all of X, so [Ωy X⁺ ; Γy X⁺] = Y X⁺ and only the dynamics decouple).
BOOST_AUTO_TEST_CASE(dense_shallow_and_split_reach_the_min_norm_map) {
  for (const auto& spec : test::dataset_grid()) {
    BOOST_TEST_CONTEXT(test::describe(spec)) {
      const MinNorm min_norm(spec);
      const Eigen::MatrixXd W = min_norm.map(Architecture::dense);
      const analytic::Quadrants expected = measured_quadrants(spec, W);
      for (auto arch : {Architecture::dense, Architecture::shallow, Architecture::split})
        BOOST_TEST_CONTEXT(analytic::to_string(arch)) {
          check_quadrants(analytic::asymptotic_quadrants(analytic::architecture_modes(spec, arch)), expected);
        }
    }
  }
}

// Segregated modules (§7): module A learns S exactly, so ΓxΩy = 0 and ΩxΩy = ‖S‖ = √n2 — the
// systematic map — and every quadrant equals that of the block-diagonal min-norm solution
// diag(Ωy Ωx⁺, Γy Γx⁺).
BOOST_AUTO_TEST_CASE(segregated_reaches_the_systematic_map) {
  for (const auto& spec : test::dataset_grid()) {
    BOOST_TEST_CONTEXT(test::describe(spec)) {
      const auto q = analytic::asymptotic_quadrants(analytic::architecture_modes(spec, Architecture::segregated));
      BOOST_TEST(std::abs(q.GxOy) <= kTolerance);
      BOOST_TEST(std::abs(q.OxOy - std::sqrt(static_cast<double>(spec.n2))) <= kTolerance);
      check_quadrants(q, measured_quadrants(spec, MinNorm(spec).map(Architecture::segregated)));
    }
  }
}

// The closed-form loss ½[tr Σy − Σ_j (2 s_j a_j − λ_j a_j²)] at a* = s/λ equals the least-squares
// residual (1/2P)‖Y − W* X‖² of each architecture's min-norm map (nonzero when k1 = 0 < k2: Γy is then
// not in the row space of X; for segregated B also when k1 = 0).
BOOST_AUTO_TEST_CASE(loss_at_the_asymptotes_is_the_min_norm_loss) {
  for (const auto& spec : test::dataset_grid()) {
    BOOST_TEST_CONTEXT(test::describe(spec)) {
      const MinNorm min_norm(spec);
      for (auto arch : {Architecture::dense, Architecture::shallow, Architecture::split, Architecture::segregated})
        BOOST_TEST_CONTEXT(analytic::to_string(arch)) {
          const auto modes = analytic::architecture_modes(spec, arch);
          const double closed = analytic::loss(modes, analytic::asymptotic_strengths(modes));
          BOOST_TEST(std::abs(closed - min_norm.loss(min_norm.map(arch))) <= kTolerance);
        }
    }
  }
}

// A loss is a sum of squares. At the asymptotes with k2 = 0 it is exactly 0, and its closed form
// ½[tr Σy − Σ_j (2 s_j a_j − λ_j a_j²)] is a difference of equal terms, which rounding can leave a few ulps
// below 0 (−2e-16 printed, and no point on a log-scale plot): never negative. A NaN strength (a diverged
// run) must still give a NaN loss, not a clamped 0.
BOOST_AUTO_TEST_CASE(the_loss_is_never_negative_and_a_nan_stays_nan) {
  for (const auto& spec : test::dataset_grid()) {
    BOOST_TEST_CONTEXT(test::describe(spec)) {
      for (auto arch : {Architecture::dense, Architecture::shallow, Architecture::split, Architecture::segregated})
        BOOST_TEST_CONTEXT(analytic::to_string(arch)) {
          const auto modes = analytic::architecture_modes(spec, arch);
          BOOST_TEST(analytic::loss(modes, analytic::asymptotic_strengths(modes)) >= 0.0);
        }
    }
  }
  const auto modes = analytic::architecture_modes(DatasetSpec{}, Architecture::dense);
  auto strengths = analytic::asymptotic_strengths(modes);
  strengths.front().mean = strengths.front().mean_square = std::nan("");
  BOOST_TEST(std::isnan(analytic::loss(modes, strengths)));
}
