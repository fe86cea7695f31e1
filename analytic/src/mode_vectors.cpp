#include "dln/analytic/mode_vectors.hpp"

#include <bit>
#include <cassert>
#include <cmath>

namespace dln::analytic {

namespace {

SideLayout side(const DatasetSpec& spec, bool has_omega, int omega_rows, int copies, bool is_output) {
  SideLayout s;
  s.n1 = spec.n1;
  s.P = spec.patterns();
  s.copies = copies;
  s.omega_row_of_feature.assign(spec.n1, -1);
  if (has_omega) {
    s.omega_rows = omega_rows;
    for (int f = 0; f < spec.n1; ++f) s.omega_row_of_feature[f] = is_output ? spec.output_row_of_feature(f) : f;
  }
  return s;
}

// The Walsh index of the single-bit function x_f.
std::uint64_t feature_walsh_index(int n1, int f) { return std::uint64_t{1} << (n1 - 1 - f); }

int feature_of_walsh_index(int n1, std::uint64_t S) { return n1 - 1 - std::countr_zero(S); }

}  // namespace

SideLayout input_side(const DatasetSpec& spec, Block block) {
  return side(spec, block != Block::gamma, spec.n1, block == Block::omega ? 0 : spec.k1, false);
}

SideLayout output_side(const DatasetSpec& spec, Block block) {
  return side(spec, block != Block::gamma, spec.n2, block == Block::omega ? 0 : spec.k2, true);
}

std::vector<std::uint64_t> walsh_indices(const DatasetSpec& spec, ModeBasis basis) {
  std::vector<std::uint64_t> indices;
  switch (basis) {
    case ModeBasis::kept_features:
      for (int f : spec.kept_features()) indices.push_back(feature_walsh_index(spec.n1, f));
      break;
    case ModeBasis::dropped_features:
      for (int f : spec.dropped_features()) indices.push_back(feature_walsh_index(spec.n1, f));
      break;
    case ModeBasis::complement:
      for (std::uint64_t S = 0; S < spec.patterns(); ++S)
        if (std::popcount(S) != 1) indices.push_back(S);
      break;
  }
  return indices;
}

void walsh_hadamard_rows(Eigen::MatrixXd& rows) {
  // The stages half = 1, 2, 4, … two at a time (radix 4): each pass over the matrix does the same additions in the
  // same order as two radix-2 passes, so the same bits, with half the memory traffic. Column-major storage makes
  // every butterfly a loop down contiguous columns.
  const Eigen::Index P = rows.cols(), n = rows.rows();
  double* const data = rows.data();
  Eigen::Index half = 1;
  for (; 4 * half <= P; half *= 4)
    for (Eigen::Index start = 0; start < P; start += 4 * half)
      for (Eigen::Index c = start; c < start + half; ++c) {
        double* const x0 = data + c * n;
        double* const x1 = x0 + half * n;
        double* const x2 = x1 + half * n;
        double* const x3 = x2 + half * n;
        for (Eigen::Index i = 0; i < n; ++i) {
          const double s0 = x0[i] + x1[i], d0 = x0[i] - x1[i];  // stage half
          const double s1 = x2[i] + x3[i], d1 = x2[i] - x3[i];
          x0[i] = s0 + s1;  // stage 2·half
          x2[i] = s0 - s1;
          x1[i] = d0 + d1;
          x3[i] = d0 - d1;
        }
      }
  if (half < P)  // log2 P odd: the last stage alone
    for (Eigen::Index c = 0; c < half; ++c) {
      double* const x0 = data + c * n;
      double* const x1 = x0 + half * n;
      for (Eigen::Index i = 0; i < n; ++i) {
        const double a = x0[i], b = x1[i];
        x0[i] = a + b;
        x1[i] = a - b;
      }
    }
}

Eigen::MatrixXd mode_vectors(const SideLayout& side, VectorShape shape, const std::vector<std::uint64_t>& walsh) {
  const auto P = static_cast<Eigen::Index>(side.P);
  Eigen::MatrixXd vectors = Eigen::MatrixXd::Zero(side.dimension(), static_cast<Eigen::Index>(walsh.size()));
  for (std::size_t j = 0; j < walsh.size(); ++j) {
    const auto col = static_cast<Eigen::Index>(j);
    const std::uint64_t S = walsh[j];
    if (shape.omega != 0.0) {
      assert(std::popcount(S) == 1);
      const int row = side.omega_row_of_feature[feature_of_walsh_index(side.n1, S)];
      assert(row >= 0);
      vectors(row, col) = shape.omega;
    }
    if (shape.gamma == 0.0) continue;
    assert(side.copies > 0);
    // gamma·(χ_S/√P ⊗ 1_k)/√k
    const double scale = shape.gamma / std::sqrt(static_cast<double>(side.P) * side.copies);
    for (Eigen::Index c = 0; c < P; ++c) {
      const double chi = (std::popcount(S & static_cast<std::uint64_t>(c)) % 2) ? -1.0 : 1.0;
      for (int copy = 0; copy < side.copies; ++copy) vectors(side.omega_rows + copy * P + c, col) = scale * chi;
    }
  }
  return vectors;
}

Eigen::MatrixXd walsh_transformed_copies(const Eigen::MatrixXd& M, const SideLayout& side) {
  assert(M.cols() == side.dimension());
  if (side.copies == 0) return {};
  // M·(χ_S ⊗ 1_k) = (Σ_copies M_copy)·χ_S: sum the Γ copies, then one transform gives every S.
  const auto P = static_cast<Eigen::Index>(side.P);
  Eigen::MatrixXd summed = M.middleCols(side.omega_rows, P);
  for (int copy = 1; copy < side.copies; ++copy) summed += M.middleCols(side.omega_rows + copy * P, P);
  walsh_hadamard_rows(summed);
  return summed;
}

Eigen::MatrixXd apply_to_mode_vectors(const Eigen::MatrixXd& M, const Eigen::MatrixXd& transformed,
                                      const SideLayout& side, VectorShape shape,
                                      const std::vector<std::uint64_t>& walsh) {
  assert(M.cols() == side.dimension());
  Eigen::MatrixXd result = Eigen::MatrixXd::Zero(M.rows(), static_cast<Eigen::Index>(walsh.size()));
  if (shape.gamma != 0.0) {
    assert(side.copies > 0 && transformed.rows() == M.rows() && transformed.cols() == static_cast<Eigen::Index>(side.P));
    const double scale = shape.gamma / std::sqrt(static_cast<double>(side.P) * side.copies);
    for (std::size_t j = 0; j < walsh.size(); ++j)
      result.col(static_cast<Eigen::Index>(j)) = scale * transformed.col(static_cast<Eigen::Index>(walsh[j]));
  }
  if (shape.omega != 0.0)
    for (std::size_t j = 0; j < walsh.size(); ++j) {
      const int row = side.omega_row_of_feature[feature_of_walsh_index(side.n1, walsh[j])];
      assert(row >= 0);
      result.col(static_cast<Eigen::Index>(j)) += shape.omega * M.col(row);
    }
  return result;
}

}  // namespace dln::analytic
