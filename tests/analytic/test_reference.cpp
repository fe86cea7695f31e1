// The reference numbers of docs/theory.md §11 at the paper's default setting n1=3, n2=1, k1=3, k2=1, r=1
// (P = 8, L1 = 11, L2 = 9).
//
// Exact values (spectra, asymptotes) are checked to 1e-12: each is a few floating-point operations on
// numbers of size ≤ 2, so the computed value is within ~1e-15 of the exact one. Trajectory values are
// quoted to 6 decimals, i.e. they are within 5e-7 of the truth, so that is their tolerance (the
// computed ones are a few exp/divisions, error ~1e-15, far below).
// Conventions: τ = 1/(P·lr), t in epochs, a_pi columns are class means of u_jᵀ W v_j.
#define BOOST_TEST_MODULE analytic_reference
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "dln/analytic.hpp"

namespace {

using namespace dln::analytic;

constexpr double kExact = 1e-12;
constexpr double kSixDecimals = 5e-7;

const DatasetSpec kDefault{};  // 3 1 3 1 1

// §11: a0 = 7e-7 for π1 and π2, 8e-7 for π3 (the original code's hand-set values). The shallow
// numbers use the same a0: with a0 = 0 instead, a1(10) = 0.3826633 would not round to 0.382664.
InitialStrengths reference_a0(const ArchitectureModes& modes) {
  BOOST_TEST_REQUIRE(modes.families.size() == 3U);
  return {{7e-7}, {7e-7}, {8e-7}};
}

}  // namespace

// s = √99/8 (×1), √11/8 (×2), √3/8 (×5); λ = 11/8 (×3 over π1, π2), 3/8 (×5); a* = √(9/11), √(1/11), √(1/3).
BOOST_AUTO_TEST_CASE(default_classes) {
  const auto classes = dense_classes(kDefault);
  const double s[] = {std::sqrt(99.0) / 8, std::sqrt(11.0) / 8, std::sqrt(3.0) / 8};
  const double lambda[] = {11.0 / 8, 11.0 / 8, 3.0 / 8};
  const std::int64_t multiplicity[] = {1, 2, 5};
  const double asymptote[] = {std::sqrt(9.0 / 11), std::sqrt(1.0 / 11), std::sqrt(1.0 / 3)};
  for (int c = 0; c < 3; ++c) {
    BOOST_TEST_CONTEXT("class " << kModeClassNames[static_cast<std::size_t>(c)]) {
      const auto& f = classes[static_cast<std::size_t>(c)];
      BOOST_TEST(f.multiplicity == multiplicity[c]);
      BOOST_TEST(std::abs(f.s - s[c]) <= kExact);
      BOOST_TEST(std::abs(f.lambda - lambda[c]) <= kExact);
      BOOST_TEST(std::abs(f.asymptote() - asymptote[c]) <= kExact);
    }
  }
}

// The same spectrum as sorted lists: Σyx (9 × 27) has singular values √99/8, √11/8 ×2, √3/8 ×5 and one
// 0; Σx (27 × 27) has 11/8 ×3, 3/8 ×5 and 19 zeros — and the numerical SVD agrees.
BOOST_AUTO_TEST_CASE(default_sorted_spectra) {
  Eigen::VectorXd s(9), lambda = Eigen::VectorXd::Zero(27);
  s << std::sqrt(99.0) / 8, std::sqrt(11.0) / 8, std::sqrt(11.0) / 8, std::sqrt(3.0) / 8, std::sqrt(3.0) / 8,
      std::sqrt(3.0) / 8, std::sqrt(3.0) / 8, std::sqrt(3.0) / 8, 0.0;
  lambda.head(3).setConstant(11.0 / 8);
  lambda.segment(3, 5).setConstant(3.0 / 8);
  const Eigen::VectorXd closed_s = closed_form_singular_values(kDefault);
  const Eigen::VectorXd closed_lambda = closed_form_eigenvalues(kDefault);
  BOOST_TEST_REQUIRE(closed_s.size() == 9);
  BOOST_TEST_REQUIRE(closed_lambda.size() == 27);
  BOOST_TEST((closed_s - s).cwiseAbs().maxCoeff() <= kExact);
  BOOST_TEST((closed_lambda - lambda).cwiseAbs().maxCoeff() <= kExact);
  const SpectrumCheck check = check_spectrum_numerically(kDefault);
  BOOST_TEST(check.performed);
  BOOST_TEST(check.max_abs_error <= kExact);  // a 27×27 SVD/eigensolver: backward error ~1e-15
}

// Quadrant asymptotes ΩxΩy 8/11, ΓxΩy √24/11, ΩxΓy √24/11, ΓxΓy √(9/121 + 5/3); the split network
// ends at the same map.
BOOST_AUTO_TEST_CASE(default_quadrant_asymptotes) {
  for (auto arch : {Architecture::dense, Architecture::split}) {
    BOOST_TEST_CONTEXT(to_string(arch)) {
      const Quadrants q = asymptotic_quadrants(architecture_modes(kDefault, arch));
      BOOST_TEST(std::abs(q.OxOy - 8.0 / 11) <= kExact);
      BOOST_TEST(std::abs(q.GxOy - std::sqrt(24.0) / 11) <= kExact);
      BOOST_TEST(std::abs(q.OxGy - std::sqrt(24.0) / 11) <= kExact);
      BOOST_TEST(std::abs(q.GxGy - std::sqrt(9.0 / 121 + 5.0 / 3)) <= kExact);
    }
  }
}

// Deep flow, lr 0.02 (τ = 6.25): a1(35) = 0.420204, a1(50) = 0.901879, a2(100) = 0.172704,
// a3(200) = 0.341069, ΓxΓy(200) = 0.809950 — through theory_trajectory (row t = epoch t), mode_series
// and deep_flow (t/τ = t·P·lr) alike.
BOOST_AUTO_TEST_CASE(default_deep_flow_trajectory) {
  const auto modes = architecture_modes(kDefault, Architecture::dense);
  const Trajectory trajectory = theory_trajectory(modes, reference_a0(modes), {0.02, 200, TimeModel::flow});
  BOOST_TEST_REQUIRE(trajectory.rows.size() == 201U);
  BOOST_TEST(trajectory.rows[35].t == 35);
  BOOST_TEST(std::abs(trajectory.rows[35].a_pi[0] - 0.420204) <= kSixDecimals);
  BOOST_TEST(std::abs(trajectory.rows[50].a_pi[0] - 0.901879) <= kSixDecimals);
  BOOST_TEST(std::abs(trajectory.rows[100].a_pi[1] - 0.172704) <= kSixDecimals);
  BOOST_TEST(std::abs(trajectory.rows[200].a_pi[2] - 0.341069) <= kSixDecimals);
  BOOST_TEST(std::abs(trajectory.rows[200].quadrants.GxGy - 0.809950) <= kSixDecimals);

  const double s1 = std::sqrt(99.0) / 8, s2 = std::sqrt(11.0) / 8, s3 = std::sqrt(3.0) / 8;
  const double tau = 6.25;
  BOOST_TEST(std::abs(deep_flow(s1, 11.0 / 8, 7e-7, 35 / tau) - 0.420204) <= kSixDecimals);
  BOOST_TEST(std::abs(deep_flow(s2, 11.0 / 8, 7e-7, 100 / tau) - 0.172704) <= kSixDecimals);
  const auto a3 = mode_series(s3, 3.0 / 8, 8e-7, true, TimeModel::flow, 0.02, 8.0, 200);
  BOOST_TEST_REQUIRE(a3.size() == 201U);
  BOOST_TEST(std::abs(a3[200] - 0.341069) <= kSixDecimals);
}

// Shallow flow, lr 0.005 (τ = 25): a1(10) = 0.382664, a3(50) = 0.304630.
BOOST_AUTO_TEST_CASE(default_shallow_flow_trajectory) {
  const auto modes = architecture_modes(kDefault, Architecture::shallow);
  const Trajectory trajectory = theory_trajectory(modes, reference_a0(modes), {0.005, 50, TimeModel::flow});
  BOOST_TEST_REQUIRE(trajectory.rows.size() == 51U);
  BOOST_TEST(std::abs(trajectory.rows[10].a_pi[0] - 0.382664) <= kSixDecimals);
  BOOST_TEST(std::abs(trajectory.rows[50].a_pi[2] - 0.304630) <= kSixDecimals);
  BOOST_TEST(std::abs(shallow_flow(std::sqrt(99.0) / 8, 11.0 / 8, 7e-7, 10 / 25.0) - 0.382664) <= kSixDecimals);
}
