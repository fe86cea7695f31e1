#pragma once
// The dataset space of docs/theory.md §2: compositional features Ωx (n1 × P, P = 2^n1), k1 copies of
// r·I_P on input, the kept features Ωy = S·Ωx and k2 copies of r·I_P on output.
#include <Eigen/Dense>
#include <cstdint>
#include <vector>

namespace dln::analytic {

struct DatasetSpec {
  int n1 = 3;             // compositional input features, 1 ≤ n1 ≤ kMaxN1
  int n2 = 1;             // compositional output features, 0 ≤ n2 ≤ n1
  int k1 = 3;             // copies of the per-item block r·I_P on input
  int k2 = 1;             // copies of the per-item block r·I_P on output
  double r = 1.0;         // per-item scale, r > 0
  std::vector<int> keep;  // indices of the n2 features copied to the output; empty = 0..n2-1

  // Throws dln::InvalidInput naming the parameter and the accepted range.
  void validate() const;

  std::uint64_t patterns() const { return std::uint64_t{1} << n1; }  // P
  double P() const { return static_cast<double>(patterns()); }
  double L1() const { return P() + k1 * r * r; }  // docs/theory.md §3
  double L2() const { return P() + k2 * r * r; }
  double trace_sigma_y() const { return n2 + k2 * r * r; }  // tr Σy = n2 + k2 r²

  std::vector<int> kept_features() const;     // in index order (Ωy rows are in index order)
  std::vector<int> dropped_features() const;  // the n1 - n2 others, in index order
  // Row of feature f inside Ωy, or -1 when f is not kept.
  int output_row_of_feature(int f) const;
};

// Closed forms work for any n1 up to here (P ≈ 10⁹); anything that stores P-sized vectors
// has its own, smaller limit.
inline constexpr int kMaxN1 = 30;
inline constexpr int kMaxCopies = 1000;  // k1, k2

// Ωx[f, c] = +1 if bit (n1-1-f) of (P-1-c) is 1, else -1 (docs/theory.md §2), i.e. x_f[c] = (-1)^bit(n1-1-f, c):
// the rows of Ωx are the single-bit Walsh functions.
double omega_x_entry(int n1, int f, std::uint64_t c);

// Dense matrices, for checks on small P only: callers must bound P themselves.
Eigen::MatrixXd omega_x(int n1);
Eigen::MatrixXd input_matrix(const DatasetSpec& spec);   // X, (n1 + k1 P) × P
Eigen::MatrixXd output_matrix(const DatasetSpec& spec);  // Y, (n2 + k2 P) × P

}  // namespace dln::analytic
