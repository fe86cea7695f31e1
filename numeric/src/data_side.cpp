#include "dln/numeric/data_side.hpp"

#include <cassert>

namespace dln::numeric {

DataSide::DataSide(const analytic::DatasetSpec& spec, analytic::Block block, Side side)
    : layout_(side == Side::output ? analytic::output_side(spec, block) : analytic::input_side(spec, block)),
      r_(spec.r) {
  if (layout_.omega_rows == 0) return;
  // Ωy = the kept rows of Ωx, in index order (docs/theory.md §2): the output matrix of the spec without Γ copies.
  omega_ = side == Side::output ? analytic::output_matrix({spec.n1, spec.n2, 0, 0, spec.r, spec.keep}) : analytic::omega_x(spec.n1);
}

Eigen::MatrixXd DataSide::times(const Eigen::MatrixXd& A) const { return times(A, copy_sum(A)); }

Eigen::MatrixXd DataSide::times_transpose(const Eigen::MatrixXd& D) const {
  const auto P = static_cast<Eigen::Index>(layout_.P);
  assert(D.cols() == P);
  Eigen::MatrixXd result(D.rows(), dimension());
  if (layout_.omega_rows > 0) result.leftCols(layout_.omega_rows).noalias() = D * omega_.transpose();
  for (int copy = 0; copy < layout_.copies; ++copy) result.middleCols(copy_offset(copy), P) = r_ * D;
  return result;
}

void DataSide::add_times_transpose(const Eigen::MatrixXd& D, double scale, Eigen::MatrixXd& target) const {
  const auto P = static_cast<Eigen::Index>(layout_.P);
  assert(D.cols() == P && target.rows() == D.rows() && target.cols() == dimension());
  if (layout_.omega_rows > 0) target.leftCols(layout_.omega_rows).noalias() += scale * D * omega_.transpose();
  // Column by column, each of D's columns read once for all the copies (the same additions as copy by copy).
  for (Eigen::Index j = 0; layout_.copies > 0 && j < P; ++j) {
    const auto column = D.col(j);
    for (int copy = 0; copy < layout_.copies; ++copy) target.col(copy_offset(copy) + j) += (scale * r_) * column;
  }
}

void DataSide::add_times_transpose_transposed(const Eigen::MatrixXd& D, double scale, Eigen::MatrixXd& target) const {
  const auto P = static_cast<Eigen::Index>(layout_.P);
  assert(D.cols() == P && target.cols() == D.rows() && target.rows() == dimension());
  if (layout_.omega_rows > 0) target.topRows(layout_.omega_rows).noalias() += scale * omega_ * D.transpose();
  for (int copy = 0; copy < layout_.copies; ++copy) target.middleRows(copy_offset(copy), P) += (scale * r_) * D.transpose();
}

double DataSide::squared_norm() const {
  // Ω entries are ±1; each copy of r·I_P adds P·r².
  return static_cast<double>(omega_.size()) + layout_.copies * static_cast<double>(layout_.P) * r_ * r_;
}

void DataSide::add_to(Eigen::MatrixXd& target) const {
  assert(target.rows() == dimension() && target.cols() == static_cast<Eigen::Index>(layout_.P));
  const auto P = static_cast<Eigen::Index>(layout_.P);
  if (layout_.omega_rows > 0) target.topRows(layout_.omega_rows) += omega_;
  for (int copy = 0; copy < layout_.copies; ++copy) target.middleRows(copy_offset(copy), P).diagonal().array() += r_;
}

Eigen::MatrixXd DataSide::gather(const Eigen::MatrixXd& A, Batch batch) const {
  assert(A.cols() == dimension());
  const auto B = static_cast<Eigen::Index>(batch.size());
  Eigen::MatrixXd result = Eigen::MatrixXd::Zero(A.rows(), B);
  if (layout_.omega_rows > 0) result.noalias() += A.leftCols(layout_.omega_rows) * omega_(Eigen::all, batch);
  for (int copy = 0; copy < layout_.copies; ++copy)
    for (Eigen::Index j = 0; j < B; ++j) result.col(j) += r_ * A.col(copy_offset(copy) + batch[j]);
  return result;
}

Eigen::MatrixXd DataSide::omega_columns(Batch batch) const {
  if (layout_.omega_rows == 0) return Eigen::MatrixXd(0, static_cast<Eigen::Index>(batch.size()));
  return omega_(Eigen::all, batch);
}

void DataSide::add_columns(Batch batch, Eigen::MatrixXd& target) const {
  assert(target.rows() == dimension() && target.cols() == static_cast<Eigen::Index>(batch.size()));
  if (layout_.omega_rows > 0) target.topRows(layout_.omega_rows) += omega_(Eigen::all, batch);
  for (int copy = 0; copy < layout_.copies; ++copy)
    for (std::size_t j = 0; j < batch.size(); ++j) target(copy_offset(copy) + batch[j], static_cast<Eigen::Index>(j)) += r_;
}

void DataSide::add_times_transpose(const Eigen::MatrixXd& D, Batch batch, double scale, Eigen::MatrixXd& target) const {
  assert(target.cols() == dimension() && D.cols() == static_cast<Eigen::Index>(batch.size()));
  if (layout_.omega_rows > 0)
    target.leftCols(layout_.omega_rows).noalias() += scale * D * omega_(Eigen::all, batch).transpose();
  for (int copy = 0; copy < layout_.copies; ++copy)
    for (std::size_t j = 0; j < batch.size(); ++j)
      target.col(copy_offset(copy) + batch[j]) += (scale * r_) * D.col(static_cast<Eigen::Index>(j));
}

}  // namespace dln::numeric
