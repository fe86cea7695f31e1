#include "dln/modules/latent_basis.hpp"

#include <bit>
#include <cassert>
#include <cmath>

#include "dln/analytic/mode_vectors.hpp"

namespace dln::modules {

namespace {

bool is_feature(std::uint64_t S) { return std::popcount(S) == 1; }
bool sees_omega(Block b) { return b != Block::gamma; }
bool sees_gamma(Block b) { return b != Block::omega; }

// The k2 × k2 Householder reflection H = I − 2vvᵀ/vᵀv, v = e_1 − 1/√k2: orthogonal, symmetric, H e_1 = 1/√k2.
Eigen::MatrixXd copy_rotation(int k2) {
  Eigen::MatrixXd H = Eigen::MatrixXd::Identity(k2, k2);
  if (k2 <= 1) return H;
  Eigen::VectorXd v = Eigen::VectorXd::Constant(k2, -1.0 / std::sqrt(static_cast<double>(k2)));
  v(0) += 1.0;
  H -= 2.0 * v * v.transpose() / v.squaredNorm();
  return H;
}

Eigen::Index input_dimension(const RuleDataset& data, Block input) {
  return (sees_omega(input) ? data.n1 : 0) + (sees_gamma(input) ? data.k1 * static_cast<Eigen::Index>(data.patterns()) : 0);
}

// M·N_m for M with the module's input columns: column S = (M X[I_m] z_S / P)/ν_S (0 where ν = 0).
Eigen::MatrixXd times_input_basis(const RuleDataset& data, Block input, const Eigen::MatrixXd& M) {
  const auto P = static_cast<Eigen::Index>(data.patterns());
  Eigen::MatrixXd result = Eigen::MatrixXd::Zero(M.rows(), P);
  const Eigen::Index omega = sees_omega(input) ? data.n1 : 0;
  if (sees_gamma(input) && data.k1 > 0) {
    // Γ part: r·(Σ_copies M_copy)·z_S / P, all S by one transform.
    Eigen::MatrixXd summed = M.middleCols(omega, P);
    for (int copy = 1; copy < data.k1; ++copy) summed += M.middleCols(omega + copy * P, P);
    analytic::walsh_hadamard_rows(summed);
    result = (data.r / data.P()) * summed;
  }
  for (int f = 0; f < omega; ++f) result.col(static_cast<Eigen::Index>(feature_latent(data.n1, f))) += M.col(f);
  for (Eigen::Index S = 0; S < P; ++S) {
    const double nu = input_gain(data, input, static_cast<std::uint64_t>(S)).nu;
    result.col(S) = nu > 0.0 ? Eigen::VectorXd(result.col(S) / nu) : Eigen::VectorXd::Zero(M.rows());
  }
  return result;
}

// V·N_mᵀ: the inverse of times_input_basis on the data span.
Eigen::MatrixXd times_input_basis_transpose(const RuleDataset& data, Block input, const Eigen::MatrixXd& V) {
  const auto P = static_cast<Eigen::Index>(data.patterns());
  Eigen::MatrixXd result = Eigen::MatrixXd::Zero(V.rows(), input_dimension(data, input));
  Eigen::MatrixXd scaled(V.rows(), P);
  for (Eigen::Index S = 0; S < P; ++S) {
    const double nu = input_gain(data, input, static_cast<std::uint64_t>(S)).nu;
    scaled.col(S) = nu > 0.0 ? Eigen::VectorXd(V.col(S) / nu) : Eigen::VectorXd::Zero(V.rows());
  }
  const Eigen::Index omega = sees_omega(input) ? data.n1 : 0;
  for (int f = 0; f < omega; ++f) result.col(f) = scaled.col(static_cast<Eigen::Index>(feature_latent(data.n1, f)));
  if (sees_gamma(input) && data.k1 > 0) {
    // n̂_S[copy, p] = r z_S(p)/(P ν_S): Σ_S scaled_S z_S(p) is one transform (the Walsh matrix is symmetric).
    Eigen::MatrixXd transformed = scaled;
    analytic::walsh_hadamard_rows(transformed);
    for (int copy = 0; copy < data.k1; ++copy) result.middleCols(omega + copy * P, P) = (data.r / data.P()) * transformed;
  }
  return result;
}

// O_mᵀ·M for M with the module's output rows.
Eigen::MatrixXd output_basis_transpose_times(const RuleDataset& data, Block output, const Eigen::MatrixXd& M) {
  const OutputRows rows = output_rows(data, output);
  const auto P = static_cast<Eigen::Index>(data.patterns());
  Eigen::MatrixXd result(rows.size(), M.cols());
  const Eigen::Index first = rows.answer ? 1 : 0;
  if (rows.answer) result.row(0) = M.row(0);
  if (rows.items == 0) return result;
  const Eigen::MatrixXd Q = copy_rotation(data.k2);
  for (int j = 0; j < data.k2; ++j) {
    Eigen::MatrixXd combined = Eigen::MatrixXd::Zero(M.cols(), P);  // transposed: the transform runs along rows
    for (int copy = 0; copy < data.k2; ++copy)
      if (Q(copy, j) != 0.0) combined += Q(copy, j) * M.middleRows(first + copy * P, P).transpose();
    analytic::walsh_hadamard_rows(combined);
    result.middleRows(first + j * P, P) = combined.transpose() / std::sqrt(data.P());
  }
  return result;
}

// O_m·V: the inverse (O_m is orthogonal).
Eigen::MatrixXd output_basis_times(const RuleDataset& data, Block output, const Eigen::MatrixXd& V) {
  const OutputRows rows = output_rows(data, output);
  const auto P = static_cast<Eigen::Index>(data.patterns());
  Eigen::MatrixXd result = Eigen::MatrixXd::Zero(rows.size(), V.cols());
  const Eigen::Index first = rows.answer ? 1 : 0;
  if (rows.answer) result.row(0) = V.row(0);
  if (rows.items == 0) return result;
  const Eigen::MatrixXd Q = copy_rotation(data.k2);
  for (int j = 0; j < data.k2; ++j) {
    Eigen::MatrixXd patterns = V.middleRows(first + j * P, P).transpose();
    analytic::walsh_hadamard_rows(patterns);
    patterns /= std::sqrt(data.P());
    for (int copy = 0; copy < data.k2; ++copy)
      if (Q(copy, j) != 0.0) result.middleRows(first + copy * P, P) += Q(copy, j) * patterns.transpose();
  }
  return result;
}

}  // namespace

InputGain input_gain(const RuleDataset& data, Block input, std::uint64_t S) {
  const double bx = data.beta_x();
  const bool omega = sees_omega(input) && is_feature(S);
  const double gamma = sees_gamma(input) ? bx : 0.0;
  const double nu = std::sqrt((omega ? 1.0 : 0.0) + gamma * gamma);
  if (nu == 0.0) return {};
  return {nu, omega ? 1.0 / nu : 0.0, gamma / nu};
}

OutputRows output_rows(const RuleDataset& data, Block output) {
  return {sees_omega(output), sees_gamma(output) ? data.k2 * static_cast<Eigen::Index>(data.patterns()) : 0};
}

analytic::ModuleWeights to_latent(const RuleDataset& data, const ModuleSpec& module, const analytic::ModuleWeights& w) {
  if (!module.deep())
    return {output_basis_transpose_times(data, module.output, times_input_basis(data, module.input, w.W1)), {}};
  return {times_input_basis(data, module.input, w.W1), output_basis_transpose_times(data, module.output, w.W2)};
}

analytic::ModuleWeights to_full(const RuleDataset& data, const ModuleSpec& module, const analytic::ModuleWeights& v) {
  if (!module.deep())
    return {output_basis_times(data, module.output, times_input_basis_transpose(data, module.input, v.W1)), {}};
  return {times_input_basis_transpose(data, module.input, v.W1), output_basis_times(data, module.output, v.W2)};
}

}  // namespace dln::modules
