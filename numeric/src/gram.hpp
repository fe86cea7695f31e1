#pragma once
#include <Eigen/Dense>

namespace dln::numeric {

// result = M·Mᵀ by a symmetric rank update of one triangle, mirrored: half the multiplications of the general
// product (these h × h Gram matrices over P or k·P columns are much of an epoch's work), and exactly symmetric.
// `result` is resized only when its shape differs, so a buffer kept across calls is reused.
template <typename Derived>
void gram_into(const Eigen::MatrixBase<Derived>& M, Eigen::MatrixXd& result) {
  result.setZero(M.rows(), M.rows());
  if (M.cols() == 0) return;
  result.selfadjointView<Eigen::Lower>().rankUpdate(M);
  result.triangularView<Eigen::StrictlyUpper>() = result.transpose();
}

template <typename Derived>
Eigen::MatrixXd gram(const Eigen::MatrixBase<Derived>& M) {
  Eigen::MatrixXd result;
  gram_into(M, result);
  return result;
}

}  // namespace dln::numeric
