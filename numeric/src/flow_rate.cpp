#include "flow_rate.hpp"

#include <cassert>

#include "gram.hpp"

namespace dln::numeric {

using analytic::NetworkWeights;
using ConstMap = Eigen::Map<const Eigen::MatrixXd>;
using Map = Eigen::Map<Eigen::MatrixXd>;

FlowRate::FlowRate(const Objective& objective, const NetworkWeights& shape, double eta)
    : objective_(objective), buffers_(objective.module_count()), eta_(eta) {
  assert(shape.size() == objective.module_count());
  for (const auto& module : shape) shapes_.push_back({module.W1.rows(), module.W1.cols(), module.W2.rows(), module.W2.cols()});
}

FlowState FlowRate::state(const NetworkWeights& weights) const {
  Eigen::Index size = 0;
  for (const Shape& s : shapes_) size += s.W1_rows * s.W1_cols + s.W2_rows * s.W2_cols;
  FlowState state(size);
  Eigen::Index offset = 0;
  for (const auto& module : weights) {
    state.segment(offset, module.W1.size()) = module.W1.reshaped();
    offset += module.W1.size();
    state.segment(offset, module.W2.size()) = module.W2.reshaped();
    offset += module.W2.size();
  }
  return state;
}

void FlowRate::weights(const FlowState& state, NetworkWeights& weights) const {
  Eigen::Index offset = 0;
  for (std::size_t i = 0; i < shapes_.size(); ++i) {
    const Shape& s = shapes_[i];
    weights[i].W1 = ConstMap(state.data() + offset, s.W1_rows, s.W1_cols);
    offset += s.W1_rows * s.W1_cols;
    weights[i].W2 = ConstMap(state.data() + offset, s.W2_rows, s.W2_cols);
    offset += s.W2_rows * s.W2_cols;
  }
}

void FlowRate::operator()(const FlowState& w, FlowState& dwdt, double /*t*/) {
  ++evaluations_;
  Eigen::Index offset = 0;
  for (std::size_t i = 0; i < shapes_.size(); ++i) {
    if (objective_.deep(i))
      deep_rate(i, w.data() + offset, dwdt.data() + offset);
    else
      shallow_rate(i, w.data() + offset, dwdt.data() + offset);
    offset += shapes_[i].W1_rows * shapes_[i].W1_cols + shapes_[i].W2_rows * shapes_[i].W2_cols;
  }
}

// The formulas of Objective::deep_products and Objective::gradient, term for term: H = W1·X_m, A = W2ᵀ·Y_m,
// G = W2ᵀW2, D = A − G H;  dW1/dt = (η/P)·D·X_mᵀ,  dW2/dt = (η/P)·(Y_m Hᵀ − W2·H Hᵀ).
void FlowRate::deep_rate(std::size_t module, const double* w, double* dwdt) {
  const DataSide& in = objective_.input_side(module);
  const DataSide& out = objective_.output_side(module);
  const Shape& s = shapes_[module];
  Buffers& b = buffers_[module];
  const ConstMap W1(w, s.W1_rows, s.W1_cols), W2(w + W1.size(), s.W2_rows, s.W2_cols);
  Map dW1(dwdt, s.W1_rows, s.W1_cols), dW2(dwdt + W1.size(), s.W2_rows, s.W2_cols);
  const auto P = static_cast<Eigen::Index>(in.layout().P);
  const Eigen::Index in_omega = in.layout().omega_rows, out_omega = out.layout().omega_rows;
  const double minus_P = -static_cast<double>(P), minus_eta = -eta_;

  // H = r·Σ_copies W1_copy + W1_Ω·Ωx.
  if (in.layout().copies > 0) {
    b.in_copies = W1.middleCols(in_omega, P);
    for (int copy = 1; copy < in.layout().copies; ++copy) b.in_copies += W1.middleCols(in_omega + copy * P, P);
    b.H = in.r() * b.in_copies;
  } else {
    b.H.setZero(W1.rows(), P);
  }
  if (in_omega > 0) b.H.noalias() += W1.leftCols(in_omega) * in.omega();
  // A = r·Σ_copies W2_copyᵀ + W2_Ωᵀ·Ωy.
  if (out.layout().copies > 0) {
    b.out_copies = W2.middleRows(out_omega, P).transpose();
    for (int copy = 1; copy < out.layout().copies; ++copy) b.out_copies += W2.middleRows(out_omega + copy * P, P).transpose();
    b.A = out.r() * b.out_copies;
  } else {
    b.A.setZero(W2.cols(), P);
  }
  if (out_omega > 0) b.A.noalias() += W2.topRows(out_omega).transpose() * out.omega();
  gram_into(W2.topRows(out_omega).transpose(), b.G_omega);
  gram_into(W2.bottomRows(W2.rows() - out_omega).transpose(), b.G_gamma);
  b.G = b.G_omega + b.G_gamma;
  gram_into(b.H, b.HHt);
  b.D = b.A - b.G * b.H;

  // dW1/dt = −η·(D·X_mᵀ / −P): the Ω columns D·Ωxᵀ, every copy r·D.
  if (in_omega > 0) {
    dW1.leftCols(in_omega).noalias() = b.D * in.omega().transpose();
    dW1.leftCols(in_omega) = minus_eta * (dW1.leftCols(in_omega) / minus_P);
  }
  for (int copy = 0; copy < in.layout().copies; ++copy)
    dW1.middleCols(in_omega + copy * P, P) = minus_eta * ((in.r() * b.D) / minus_P);
  // dW2/dt = −η·((Y_m Hᵀ − W2·H Hᵀ) / −P), Y_m Hᵀ = [Ωy Hᵀ ; r·Hᵀ per copy].
  b.W2_HHt.noalias() = W2 * b.HHt;
  b.HYt.resize(b.H.rows(), W2.rows());
  if (out_omega > 0) b.HYt.leftCols(out_omega).noalias() = b.H * out.omega().transpose();
  for (int copy = 0; copy < out.layout().copies; ++copy) b.HYt.middleCols(out_omega + copy * P, P) = out.r() * b.H;
  dW2 = minus_eta * ((b.HYt.transpose() - b.W2_HHt) / minus_P);
}

// Objective::shallow_products and its gradient: R = Y_m − W·X_m, dW/dt = (η/P)·R·X_mᵀ.
void FlowRate::shallow_rate(std::size_t module, const double* w, double* dwdt) {
  const DataSide& in = objective_.input_side(module);
  const DataSide& out = objective_.output_side(module);
  const Shape& s = shapes_[module];
  Buffers& b = buffers_[module];
  const ConstMap W(w, s.W1_rows, s.W1_cols);
  Map dW(dwdt, s.W1_rows, s.W1_cols);
  const auto P = static_cast<Eigen::Index>(in.layout().P);
  const Eigen::Index in_omega = in.layout().omega_rows;
  const double minus_P = -static_cast<double>(P), minus_eta = -eta_;

  if (in.layout().copies > 0) {
    b.in_copies = W.middleCols(in_omega, P);
    for (int copy = 1; copy < in.layout().copies; ++copy) b.in_copies += W.middleCols(in_omega + copy * P, P);
    b.H = in.r() * b.in_copies;
  } else {
    b.H.setZero(W.rows(), P);
  }
  if (in_omega > 0) b.H.noalias() += W.leftCols(in_omega) * in.omega();
  b.R = -b.H;
  out.add_to(b.R);

  if (in_omega > 0) {
    dW.leftCols(in_omega).noalias() = b.R * in.omega().transpose();
    dW.leftCols(in_omega) = minus_eta * (dW.leftCols(in_omega) / minus_P);
  }
  for (int copy = 0; copy < in.layout().copies; ++copy)
    dW.middleCols(in_omega + copy * P, P) = minus_eta * ((in.r() * b.R) / minus_P);
}

}  // namespace dln::numeric
