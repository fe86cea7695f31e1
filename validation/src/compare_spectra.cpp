// V1 and V7: the closed forms of docs/theory.md §3 and §6 against dense linear algebra on a grid of settings.
#include <Eigen/Dense>
#include <algorithm>
#include <fmt/format.h>

#include "dln/analytic.hpp"
#include "dln/validation/comparison.hpp"

namespace dln::validation {

namespace {

// n1 = 1..max_n1, every n2, k1, k2 ∈ 0..3, r ∈ {0.5, 1, 2}.
std::vector<analytic::DatasetSpec> grid(int max_n1) {
  std::vector<analytic::DatasetSpec> specs;
  for (int n1 = 1; n1 <= max_n1; ++n1)
    for (int n2 = 0; n2 <= n1; ++n2)
      for (int k1 = 0; k1 <= 3; ++k1)
        for (int k2 = 0; k2 <= 3; ++k2)
          for (double r : {0.5, 1.0, 2.0}) specs.push_back({n1, n2, k1, k2, r, {}});
  return specs;
}

// max |Uᵀ Σyx V − diag(s)| and max |Σx V − V diag(λ)| over the present dense families, and the
// orthonormality defect of the stacked U and V.
double singular_vector_residual(const analytic::DatasetSpec& spec) {
  const Eigen::MatrixXd X = analytic::input_matrix(spec), Y = analytic::output_matrix(spec);
  const Eigen::MatrixXd sigma_x = X * X.transpose() / spec.P(), sigma_yx = Y * X.transpose() / spec.P();
  const auto in = analytic::input_side(spec, analytic::Block::all);
  const auto out = analytic::output_side(spec, analytic::Block::all);
  std::vector<Eigen::MatrixXd> us, vs;
  std::vector<double> s, lambda;
  for (const auto& c : analytic::dense_classes(spec)) {
    if (!c.present()) continue;
    const auto walsh = analytic::walsh_indices(spec, c.basis);
    us.push_back(analytic::mode_vectors(out, c.u, walsh));
    vs.push_back(analytic::mode_vectors(in, c.v, walsh));
    s.insert(s.end(), walsh.size(), c.s);
    lambda.insert(lambda.end(), walsh.size(), c.lambda);
  }
  const auto modes = static_cast<Eigen::Index>(s.size());
  if (modes == 0) return 0.0;
  Eigen::MatrixXd U(Y.rows(), modes), V(X.rows(), modes);
  for (std::size_t i = 0, col = 0; i < us.size(); col += static_cast<std::size_t>(us[i].cols()), ++i) {
    U.middleCols(static_cast<Eigen::Index>(col), us[i].cols()) = us[i];
    V.middleCols(static_cast<Eigen::Index>(col), vs[i].cols()) = vs[i];
  }
  const Eigen::Map<const Eigen::VectorXd> s_vec(s.data(), modes), lambda_vec(lambda.data(), modes);
  const Eigen::MatrixXd I = Eigen::MatrixXd::Identity(modes, modes);
  return std::max({(U.transpose() * sigma_yx * V - Eigen::MatrixXd(s_vec.asDiagonal())).cwiseAbs().maxCoeff(),
                   (sigma_x * V - V * lambda_vec.asDiagonal()).cwiseAbs().maxCoeff(),
                   (U.transpose() * U - I).cwiseAbs().maxCoeff(), (V.transpose() * V - I).cwiseAbs().maxCoeff()});
}

analytic::Quadrants min_norm_quadrants(const analytic::DatasetSpec& spec) {
  const Eigen::MatrixXd X = analytic::input_matrix(spec), Y = analytic::output_matrix(spec);
  const Eigen::MatrixXd W = Y * X.completeOrthogonalDecomposition().pseudoInverse();
  const Eigen::Index n1 = spec.n1, n2 = spec.n2;
  return {W.topLeftCorner(n2, n1).norm(), W.topRightCorner(n2, W.cols() - n1).norm(),
          W.bottomLeftCorner(W.rows() - n2, n1).norm(), W.bottomRightCorner(W.rows() - n2, W.cols() - n1).norm()};
}

int max_n1(bool quick) { return quick ? 4 : 6; }

// The matrices have entries of size ≤ max(1, r²)·k = 12; backward-stable decompositions are accurate to
// a few hundred ulps of that, ~1e-13. A wrong closed form is off by at least O(1/P) ≥ 1/64 on this grid.
constexpr const char* kGridReason =
    "backward-stable SVD/eigen/pseudo-inverse on entries ≤ 12: roundoff ~1e-13; a formula error is ≥ 1/P";

}  // namespace

std::vector<Comparison> compare_spectra(bool quick) {
  double values = 0.0, vectors = 0.0;
  const auto specs = grid(max_n1(quick));
  for (const auto& spec : specs) {
    values = std::max(values, analytic::check_spectrum_numerically(spec).max_abs_error);
    vectors = std::max(vectors, singular_vector_residual(spec));
  }
  const std::string where = fmt::format("{} settings, n1 = 1..{}, all n2, k1, k2 ∈ 0..3, r ∈ {{0.5, 1, 2}}",
                                        specs.size(), max_n1(quick));
  return {{"V1", "closed-form s, λ, multiplicities vs numerical SVD/eigen; " + where,
           "max |Δ| of sorted values", values, 1e-10, kGridReason},
          {"V1", "closed-form singular vectors: UᵀΣyxV = diag(s), ΣxV = Vdiag(λ), UᵀU = VᵀV = I; " + where,
           "max |residual|", vectors, 1e-10, kGridReason}};
}

std::vector<Comparison> compare_asymptotes(bool quick) {
  double deviation = 0.0;
  const auto specs = grid(max_n1(quick));
  for (const auto& spec : specs) {
    const auto expected = min_norm_quadrants(spec);
    for (auto arch : {analytic::Architecture::dense, analytic::Architecture::split, analytic::Architecture::shallow}) {
      const auto q = analytic::asymptotic_quadrants(analytic::architecture_modes(spec, arch));
      deviation = std::max({deviation, std::abs(q.OxOy - expected.OxOy), std::abs(q.GxOy - expected.GxOy),
                            std::abs(q.OxGy - expected.OxGy), std::abs(q.GxGy - expected.GxGy)});
    }
  }
  return {{"V7",
           fmt::format("asymptotic quadrant norms (dense, split, shallow) vs min-norm Y X⁺; {} settings", specs.size()),
           "max |Δ| over quadrants", deviation, 1e-10, kGridReason}};
}

}  // namespace dln::validation
