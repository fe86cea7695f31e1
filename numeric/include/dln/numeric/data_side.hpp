#pragma once
// One side Z = [Ω ; r·I_P ; … copies] of a module's data (Z = X_m on input, Y_m on output; docs/theory.md §2),
// used through its structure: products with Z cost O(rows·P·(Ω rows + copies)) and a batch of columns
// of Z is a batch of columns of Ω plus one scaled unit vector per copy. The full-batch objective, the
// minibatch objective and the docs/theory.md §8 rules all reach the data through it.
#include <Eigen/Dense>
#include <cassert>
#include <span>

#include "dln/analytic/mode_vectors.hpp"

namespace dln::numeric {

// Pattern indices c (columns of X and Y) of one minibatch.
using Batch = std::span<const Eigen::Index>;

// Which side of the data a DataSide is: the input X (Ωx and its Γx copies) or the output Y (Ωy, Γy).
enum class Side { input, output };

class DataSide {
public:
  DataSide(const analytic::DatasetSpec& spec, analytic::Block block, Side side);

  const analytic::SideLayout& layout() const { return layout_; }
  Eigen::Index dimension() const { return layout_.dimension(); }
  Eigen::MatrixXd times(const Eigen::MatrixXd& A) const;            // A·Z (A has dimension() columns)
  Eigen::MatrixXd times_transpose(const Eigen::MatrixXd& D) const;  // D·Zᵀ (D has P columns)
  // Σ_copies A_copy, the sum of A's Γ column blocks (rows × P; empty when the side has no copies): A·Z reads A's
  // copies only through it, and so do the read-outs of the full-batch objective (its Gram, its Walsh transforms).
  template <class Derived>
  Eigen::MatrixXd copy_sum(const Eigen::MatrixBase<Derived>& A) const;
  // A·Z = A_Ω·Ω + r·copies, from copies = copy_sum(A).
  template <class Derived>
  Eigen::MatrixXd times(const Eigen::MatrixBase<Derived>& A, const Eigen::MatrixXd& copies) const;
  // The same two into buffers reused across calls (resized only when their shapes differ): copies = copy_sum(A) and
  // result = A·Z, the sum and its r-multiple formed column by column in one pass over A's copies.
  template <class Derived>
  void times_into(const Eigen::MatrixBase<Derived>& A, Eigen::MatrixXd& copies, Eigen::MatrixXd& result) const;
  // target += scale·D·Zᵀ (D has P columns, target dimension() columns) and target += scale·(D·Zᵀ)ᵀ (target has
  // dimension() rows): a full-batch step written into the weights, with no gradient-sized temporary.
  void add_times_transpose(const Eigen::MatrixXd& D, double scale, Eigen::MatrixXd& target) const;
  void add_times_transpose_transposed(const Eigen::MatrixXd& D, double scale, Eigen::MatrixXd& target) const;
  double squared_norm() const;                                      // ‖Z‖²
  void add_to(Eigen::MatrixXd& target) const;                       // target += Z
  Eigen::MatrixXd gather(const Eigen::MatrixXd& A, Batch batch) const;  // A·Z_B, Z_B = the batch's columns of Z
  void add_columns(Batch batch, Eigen::MatrixXd& target) const;         // target += Z_B
  // target += scale·D·Z_Bᵀ (D has one column per batch entry; only the Ω columns and the batch's Γ columns change).
  void add_times_transpose(const Eigen::MatrixXd& D, Batch batch, double scale, Eigen::MatrixXd& target) const;

  // The non-zero entries of Z_B one by one, for code that reaches Z's rows sparsely: the Ω block's columns
  // (its rows are 0..layout().omega_rows − 1; empty without Ω rows) and, for Γ copy c and pattern p,
  // the one row holding r there.
  Eigen::MatrixXd omega_columns(Batch batch) const;
  Eigen::Index copy_row(int copy, Eigen::Index pattern) const { return copy_offset(copy) + pattern; }
  double r() const { return r_; }
  const Eigen::MatrixXd& omega() const { return omega_; }  // the Ω rows of Z (empty without them)

private:
  Eigen::Index copy_offset(int copy) const { return layout_.omega_rows + copy * static_cast<Eigen::Index>(layout_.P); }

  analytic::SideLayout layout_;
  Eigen::MatrixXd omega_;  // the Ω rows of Z (Ωx or Ωy), empty when the side has none
  double r_;
};

template <class Derived>
Eigen::MatrixXd DataSide::copy_sum(const Eigen::MatrixBase<Derived>& A) const {
  assert(A.cols() == dimension());
  if (layout_.copies == 0) return {};
  const auto P = static_cast<Eigen::Index>(layout_.P);
  Eigen::MatrixXd sum = A.middleCols(copy_offset(0), P);
  for (int copy = 1; copy < layout_.copies; ++copy) sum += A.middleCols(copy_offset(copy), P);
  return sum;
}

template <class Derived>
Eigen::MatrixXd DataSide::times(const Eigen::MatrixBase<Derived>& A, const Eigen::MatrixXd& copies) const {
  assert(A.cols() == dimension() && copies.size() == (layout_.copies > 0 ? A.rows() * static_cast<Eigen::Index>(layout_.P) : 0));
  const auto P = static_cast<Eigen::Index>(layout_.P);
  Eigen::MatrixXd result = layout_.copies > 0 ? Eigen::MatrixXd(r_ * copies) : Eigen::MatrixXd::Zero(A.rows(), P);
  if (layout_.omega_rows > 0) result.noalias() += A.leftCols(layout_.omega_rows) * omega_;
  return result;
}

template <class Derived>
void DataSide::times_into(const Eigen::MatrixBase<Derived>& A, Eigen::MatrixXd& copies, Eigen::MatrixXd& result) const {
  assert(A.cols() == dimension());
  const auto P = static_cast<Eigen::Index>(layout_.P);
  result.resize(A.rows(), P);
  if (layout_.copies == 0) {
    copies.resize(0, 0);
    result.setZero();
  } else {
    // The same additions in the same order as copy_sum and times, each column summed while it is in cache.
    copies.resize(A.rows(), P);
    for (Eigen::Index j = 0; j < P; ++j) {
      auto sum = copies.col(j);
      sum = A.col(copy_offset(0) + j);
      for (int copy = 1; copy < layout_.copies; ++copy) sum += A.col(copy_offset(copy) + j);
      result.col(j) = r_ * sum;
    }
  }
  if (layout_.omega_rows > 0) result.noalias() += A.leftCols(layout_.omega_rows) * omega_;
}

}  // namespace dln::numeric
