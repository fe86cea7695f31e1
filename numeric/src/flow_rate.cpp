#include "flow_rate.hpp"

#include <cassert>

#include "gram.hpp"

namespace dln::numeric {

using analytic::NetworkWeights;
using ConstMap = Eigen::Map<const Eigen::MatrixXd>;
using Map = Eigen::Map<Eigen::MatrixXd>;

FlowRate::FlowRate(const Objective& objective, const NetworkWeights& initial, double eta)
    : objective_(objective), eta_(eta) {
  assert(initial.size() == objective.module_count());
  Eigen::Index size = 0;
  for (std::size_t i = 0; i < initial.size(); ++i) {
    const auto& w = initial[i];
    const analytic::SideLayout& in = objective.input_side(i).layout();
    Module m{w.W1.rows(), w.W1.cols(), w.W2.rows(), w.W2.cols(), {}, {}, {}, {}, {}, {}, {}, {}};
    if (in.copies > 0) {
      m.initial_copies = w.W1.rightCols(w.W1.cols() - in.omega_rows);
      m.initial_mean = objective.input_side(i).copy_sum(w.W1) / in.copies;
      m.W1_cols = in.omega_rows + static_cast<Eigen::Index>(in.P);
    }
    size += m.W1_rows * m.W1_cols + m.W2_rows * m.W2_cols;
    modules_.push_back(std::move(m));
  }
  initial_state_.resize(size);
  Eigen::Index offset = 0;
  for (std::size_t i = 0; i < initial.size(); ++i) {
    const Module& m = modules_[i];
    const auto& w = initial[i];
    const Eigen::Index omega = objective.input_side(i).layout().omega_rows;
    Map W1(initial_state_.data() + offset, m.W1_rows, m.W1_cols);
    W1.leftCols(omega) = w.W1.leftCols(omega);
    if (m.initial_mean.size() > 0) W1.rightCols(m.initial_mean.cols()) = m.initial_mean;
    offset += W1.size();
    Map(initial_state_.data() + offset, m.W2_rows, m.W2_cols) = w.W2;
    offset += w.W2.size();
  }
}

void FlowRate::weights(const FlowState& state, NetworkWeights& weights) const {
  Eigen::Index offset = 0;
  for (std::size_t i = 0; i < modules_.size(); ++i) {
    const Module& m = modules_[i];
    const analytic::SideLayout& in = objective_.input_side(i).layout();
    const ConstMap W1(state.data() + offset, m.W1_rows, m.W1_cols);
    offset += W1.size();
    auto& out = weights[i].W1;
    out.leftCols(in.omega_rows) = W1.leftCols(in.omega_rows);
    if (in.copies > 0) {
      const auto P = static_cast<Eigen::Index>(in.P);
      const auto moved = W1.rightCols(P) - m.initial_mean;
      for (int copy = 0; copy < in.copies; ++copy)
        out.middleCols(in.omega_rows + copy * P, P) = m.initial_copies.middleCols(copy * P, P) + moved;
    }
    weights[i].W2 = ConstMap(state.data() + offset, m.W2_rows, m.W2_cols);
    offset += m.W2_rows * m.W2_cols;
  }
}

void FlowRate::operator()(const FlowState& w, FlowState& dwdt, double /*t*/) {
  ++evaluations_;
  Eigen::Index offset = 0;
  for (std::size_t i = 0; i < modules_.size(); ++i) {
    if (objective_.deep(i))
      deep_rate(i, w.data() + offset, dwdt.data() + offset);
    else
      shallow_rate(i, w.data() + offset, dwdt.data() + offset);
    offset += modules_[i].W1_rows * modules_[i].W1_cols + modules_[i].W2_rows * modules_[i].W2_cols;
  }
}

namespace {

// H = W1·X_m = k·r·B̄ + W1_Ω·Ωx from the state's [W1_Ω | B̄].
void input_product(const DataSide& in, const ConstMap& W1, Eigen::MatrixXd& H) {
  const Eigen::Index omega = in.layout().omega_rows;
  if (in.layout().copies > 0)
    H = (in.r() * in.layout().copies) * W1.rightCols(static_cast<Eigen::Index>(in.layout().P));
  else
    H.setZero(W1.rows(), static_cast<Eigen::Index>(in.layout().P));
  if (omega > 0) H.noalias() += W1.leftCols(omega) * in.omega();
}

// The rate of [W1_Ω | B̄] for a W1 step (η/P)·D·X_mᵀ: (η/P)·D·Ωxᵀ and (η/P)·r·D.
void input_rate(const DataSide& in, const Eigen::MatrixXd& D, double step, Map& dW1) {
  const Eigen::Index omega = in.layout().omega_rows;
  if (omega > 0) dW1.leftCols(omega).noalias() = step * D * in.omega().transpose();
  if (in.layout().copies > 0)
    dW1.rightCols(static_cast<Eigen::Index>(in.layout().P)) = (step * in.r()) * D;
}

}  // namespace

// Objective::deep_products and Objective::gradient's formulas: H = W1·X_m, A = W2ᵀ·Y_m, G = W2ᵀW2, D = A − G H;
// dW1/dt = (η/P)·D·X_mᵀ (above) and dW2/dt = (η/P)·(Y_m Hᵀ − W2·H Hᵀ).
void FlowRate::deep_rate(std::size_t module, const double* w, double* dwdt) {
  const DataSide& in = objective_.input_side(module);
  const DataSide& out = objective_.output_side(module);
  Module& m = modules_[module];
  const ConstMap W1(w, m.W1_rows, m.W1_cols), W2(w + W1.size(), m.W2_rows, m.W2_cols);
  Map dW1(dwdt, m.W1_rows, m.W1_cols), dW2(dwdt + W1.size(), m.W2_rows, m.W2_cols);
  const auto P = static_cast<Eigen::Index>(in.layout().P);
  const Eigen::Index out_omega = out.layout().omega_rows;
  const double step = eta_ / static_cast<double>(P);

  input_product(in, W1, m.H);
  // A = r·Σ_copies W2_copyᵀ + W2_Ωᵀ·Ωy.
  if (out.layout().copies > 0) {
    m.out_copies = W2.middleRows(out_omega, P).transpose();
    for (int copy = 1; copy < out.layout().copies; ++copy) m.out_copies += W2.middleRows(out_omega + copy * P, P).transpose();
    m.A = out.r() * m.out_copies;
  } else {
    m.A.setZero(W2.cols(), P);
  }
  if (out_omega > 0) m.A.noalias() += W2.topRows(out_omega).transpose() * out.omega();
  gram_into(W2.transpose(), m.G);
  gram_into(m.H, m.HHt);
  m.D = m.A;
  m.D.noalias() -= m.G * m.H;

  input_rate(in, m.D, step, dW1);
  // Y_m Hᵀ = [Ωy Hᵀ ; r·Hᵀ per copy], then − W2·H Hᵀ.
  if (out_omega > 0) dW2.topRows(out_omega).noalias() = out.omega() * m.H.transpose();
  for (int copy = 0; copy < out.layout().copies; ++copy) dW2.middleRows(out_omega + copy * P, P) = out.r() * m.H.transpose();
  dW2.noalias() -= W2 * m.HHt;
  dW2 *= step;
}

// Objective::shallow_products and its gradient: R = Y_m − W·X_m, dW/dt = (η/P)·R·X_mᵀ.
void FlowRate::shallow_rate(std::size_t module, const double* w, double* dwdt) {
  const DataSide& in = objective_.input_side(module);
  Module& m = modules_[module];
  const ConstMap W(w, m.W1_rows, m.W1_cols);
  Map dW(dwdt, m.W1_rows, m.W1_cols);
  input_product(in, W, m.H);
  m.H = -m.H;
  objective_.output_side(module).add_to(m.H);
  input_rate(in, m.H, eta_ / static_cast<double>(in.layout().P), dW);
}

}  // namespace dln::numeric
