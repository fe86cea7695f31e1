#include "dln/numeric/objective.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <optional>

#include "dln/analytic/mode_coordinates.hpp"
#include "dln/analytic/mode_vectors.hpp"
#include "dln/analytic/readout.hpp"
#include "gram.hpp"

namespace dln::numeric {

using analytic::ModuleWeights;
using analytic::NetworkWeights;

Objective::Objective(const analytic::DatasetSpec& spec, analytic::Architecture arch)
    : modes_(analytic::architecture_modes(spec, arch)), P_(spec.P()) {
  for (const auto& layout : analytic::module_layouts(arch))
    modules_.push_back({layout, DataSide(spec, layout.input, Side::input), DataSide(spec, layout.output, Side::output)});
}

void Objective::deep_products(const Module& m, const ModuleWeights& w, ModuleProducts& p) const {
  // With H = W1·X_m, A = W2ᵀ·Y_m and G = W2ᵀW2:  L = (1/2P)(‖Y_m‖² − 2⟨A, H⟩ + ⟨G, H Hᵀ⟩).
  m.in.times_into(w.W1, p.in_copies, p.H);
  m.out.times_into(w.W2.transpose(), p.out_copies, p.A);
  const Eigen::Index out_omega = m.out.layout().omega_rows;
  gram_into(w.W2.topRows(out_omega).transpose(), p.G_omega);
  gram_into(w.W2.bottomRows(m.out.dimension() - out_omega).transpose(), p.G_gamma);
  p.G = p.G_omega + p.G_gamma;
  gram_into(p.H, p.HHt);
  // ‖Y − W2·H‖² expanded: near a perfect fit the three terms cancel and rounding can leave a few ulps below 0,
  // which a sum of squares cannot be (and a log-scale plot cannot show). A NaN passes: it is a divergence.
  p.loss = (m.out.squared_norm() - 2.0 * p.A.cwiseProduct(p.H).sum() + p.G.cwiseProduct(p.HHt).sum()) / (2.0 * P_);
  if (p.loss < 0.0) p.loss = 0.0;
}

void Objective::shallow_products(const Module& m, const ModuleWeights& w, ModuleProducts& p) const {
  // Residual R = Y_m − W·X_m (outputs × P, no larger than W itself).
  m.in.times_into(w.W1, p.in_copies, p.R);
  p.R = -p.R;
  m.out.add_to(p.R);
  p.loss = p.R.squaredNorm() / (2.0 * P_);
}

ForwardPass Objective::forward(const NetworkWeights& weights) const {
  ForwardPass pass;
  forward(weights, pass);
  return pass;
}

void Objective::forward(const NetworkWeights& weights, ForwardPass& pass) const {
  assert(weights.size() == modules_.size());
  pass.modules.resize(modules_.size());
  pass.loss = 0.0;
  for (std::size_t i = 0; i < modules_.size(); ++i) {
    if (modules_[i].layout.deep)
      deep_products(modules_[i], weights[i], pass.modules[i]);
    else
      shallow_products(modules_[i], weights[i], pass.modules[i]);
    pass.loss += pass.modules[i].loss;
  }
}

void Objective::gradient(const NetworkWeights& weights, const ForwardPass& pass, NetworkWeights& gradient) const {
  assert(weights.size() == modules_.size() && pass.modules.size() == modules_.size());
  gradient.resize(modules_.size());
  for (std::size_t i = 0; i < modules_.size(); ++i) {
    const Module& m = modules_[i];
    const ModuleProducts& p = pass.modules[i];
    if (m.layout.deep) {
      // ∂L/∂W1 = −(1/P)(A − G H)·X_mᵀ,   ∂L/∂W2 = −(1/P)(Y_m Hᵀ − W2·H Hᵀ).
      const Eigen::MatrixXd D = p.A - p.G * p.H;
      gradient[i].W1 = m.in.times_transpose(D) / -P_;
      gradient[i].W2 = (m.out.times_transpose(p.H).transpose() - weights[i].W2 * p.HHt) / -P_;
    } else {
      // ∂L/∂W = −(1/P)·R·X_mᵀ.
      gradient[i].W1 = m.in.times_transpose(p.R) / -P_;
      gradient[i].W2.resize(0, 0);
    }
  }
}

void Objective::descend(NetworkWeights& weights, const ForwardPass& pass, double eta) const {
  assert(weights.size() == modules_.size() && pass.modules.size() == modules_.size());
  // W −= η·∂L/∂W with the gradients above: W1 += (η/P)·D·X_mᵀ, W2 += (η/P)·(Y_m Hᵀ − W2·H Hᵀ) (R for D when shallow).
  const double step = eta / P_;
  for (std::size_t i = 0; i < modules_.size(); ++i) {
    const Module& m = modules_[i];
    const ModuleProducts& p = pass.modules[i];
    ModuleWeights& w = weights[i];
    if (!m.layout.deep) {
      m.in.add_times_transpose(p.R, step, w.W1);
      continue;
    }
    p.D = p.A;
    p.D.noalias() -= p.G * p.H;
    p.W2_HHt.noalias() = w.W2 * p.HHt;  // from the old W2, before it moves
    m.in.add_times_transpose(p.D, step, w.W1);
    w.W2 -= step * p.W2_HHt;
    m.out.add_times_transpose_transposed(p.H, step, w.W2);
  }
}

double Objective::loss_and_gradient(const NetworkWeights& weights, NetworkWeights& gradient) const {
  const ForwardPass pass = forward(weights);
  this->gradient(weights, pass, gradient);
  return pass.loss;
}

double Objective::loss(const NetworkWeights& weights) const { return forward(weights).loss; }

CopySpread Objective::copy_spread(const NetworkWeights& weights) const {
  assert(weights.size() == modules_.size());
  CopySpread spread;
  for (std::size_t i = 0; i < modules_.size(); ++i) {
    const Module& m = modules_[i];
    const analytic::SideLayout& in = m.in.layout();
    if (!m.layout.deep || in.copies == 0) {
      spread.modules.emplace_back();
      continue;
    }
    const auto P = static_cast<Eigen::Index>(in.P);
    const Eigen::MatrixXd mean = m.in.copy_sum(weights[i].W1) / in.copies;
    Eigen::MatrixXd sum = Eigen::MatrixXd::Zero(mean.rows(), mean.rows());
    for (int copy = 0; copy < in.copies; ++copy) sum += gram(weights[i].W1.middleCols(in.omega_rows + copy * P, P) - mean);
    spread.modules.push_back(std::move(sum));
  }
  return spread;
}

analytic::Quadrants Objective::measured_quadrants(const NetworkWeights& weights, const ForwardPass& pass,
                                                  const CopySpread* spread) const {
  // ‖(W2 W1)_{R,C}‖² = ⟨W2_Rᵀ W2_R, W1_C W1_Cᵀ⟩: h × h Gram matrices instead of the product, the output
  // side's from the forward pass.
  double squared[2][2] = {{0, 0}, {0, 0}};  // [output Ω|Γ][input Ω|Γ]
  for (std::size_t i = 0; i < modules_.size(); ++i) {
    const Module& m = modules_[i];
    const ModuleWeights& w = weights[i];
    const Eigen::Index out_omega = m.out.layout().omega_rows, in_omega = m.in.layout().omega_rows;
    const Eigen::Index out_gamma = m.out.dimension() - out_omega, in_gamma = m.in.dimension() - in_omega;
    if (!m.layout.deep) {
      squared[0][0] += w.W1.topLeftCorner(out_omega, in_omega).squaredNorm();
      squared[0][1] += w.W1.topRightCorner(out_omega, in_gamma).squaredNorm();
      squared[1][0] += w.W1.bottomLeftCorner(out_gamma, in_omega).squaredNorm();
      squared[1][1] += w.W1.bottomRightCorner(out_gamma, in_gamma).squaredNorm();
      continue;
    }
    const ModuleProducts& p = pass.modules[i];
    const Eigen::MatrixXd* out_gram[2] = {&p.G_omega, &p.G_gamma};
    const bool from_spread = spread != nullptr && m.in.layout().copies > 0;
    const Eigen::MatrixXd in_gram[2] = {
        gram(w.W1.leftCols(in_omega)),
        from_spread ? Eigen::MatrixXd(gram(p.in_copies) / m.in.layout().copies + spread->modules[i])
                    : gram(w.W1.rightCols(in_gamma))};
    for (int R = 0; R < 2; ++R)
      for (int C = 0; C < 2; ++C) squared[R][C] += out_gram[R]->cwiseProduct(in_gram[C]).sum();
  }
  return {std::sqrt(std::max(0.0, squared[0][0])), std::sqrt(std::max(0.0, squared[0][1])),
          std::sqrt(std::max(0.0, squared[1][0])), std::sqrt(std::max(0.0, squared[1][1]))};
}

double Objective::measured_distance_to_selection(const NetworkWeights& weights) const {
  // W[Ωy,Ωx] is the sum over the modules that see Ωx and output Ωy of W2[Ωy rows]·W1[:, Ωx columns] (W[Ωy,Ωx]
  // of a shallow module): n2 × n1, small whatever P.
  const auto& spec = modes_.spec;
  Eigen::MatrixXd block = Eigen::MatrixXd::Zero(spec.n2, spec.n1);
  for (std::size_t i = 0; i < modules_.size(); ++i) {
    const Module& m = modules_[i];
    const Eigen::Index out_omega = m.out.layout().omega_rows, in_omega = m.in.layout().omega_rows;
    if (out_omega == 0 || in_omega == 0) continue;
    const ModuleWeights& w = weights[i];
    block += m.layout.deep ? Eigen::MatrixXd(w.W2.topRows(out_omega) * w.W1.leftCols(in_omega))
                           : Eigen::MatrixXd(w.W1.topLeftCorner(out_omega, in_omega));
  }
  const auto kept = spec.kept_features();
  for (std::size_t row = 0; row < kept.size(); ++row) block(static_cast<Eigen::Index>(row), kept[row]) -= 1.0;
  return block.norm();
}

std::vector<double> Objective::deep_module_projections(std::size_t module, const analytic::ModeFamily& family,
                                                       const ModuleWeights& w, const ModuleProducts& p) const {
  // u_jᵀ W2 W1 v_j = (W2ᵀu_j)·(W1 v_j) with W1 v_j = v.omega·W1[:, row of S_j] + v.gamma/√(k1·P)·(Σ_c B_c)·χ_{S_j}
  // (analytic::apply_to_mode_vectors; the Γ part is column S_j of the copy sum's Walsh transform) and W2ᵀu_j alike
  // from W2's rows: one column of each side at a time, so that no h × P matrix of mode columns is formed.
  const analytic::SideLayout& in = modules_[module].in.layout();
  const analytic::SideLayout& out = modules_[module].out.layout();
  const double in_scale = family.v.gamma == 0.0 ? 0.0 : family.v.gamma / std::sqrt(static_cast<double>(in.P) * in.copies);
  const double out_scale =
      family.u.gamma == 0.0 ? 0.0 : family.u.gamma / std::sqrt(static_cast<double>(out.P) * out.copies);
  const int n1 = modes_.spec.n1;
  const auto omega_row = [n1](const analytic::SideLayout& side, std::uint64_t S) {  // the Ω row of feature S's bit
    return side.omega_row_of_feature[static_cast<std::size_t>(n1 - 1 - std::countr_zero(S))];
  };
  Eigen::VectorXd in_column(w.W1.rows()), out_column(w.W2.cols());
  std::vector<double> projections;
  for (const std::uint64_t S : analytic::walsh_indices(modes_.spec, family.basis)) {
    const auto column = static_cast<Eigen::Index>(S);
    if (family.v.gamma != 0.0)
      in_column = in_scale * p.in_transformed.col(column);
    else
      in_column.setZero();
    if (family.v.omega != 0.0) in_column += family.v.omega * w.W1.col(omega_row(in, S));
    if (family.u.gamma != 0.0)
      out_column = out_scale * p.out_transformed.col(column);
    else
      out_column.setZero();
    if (family.u.omega != 0.0) out_column += family.u.omega * w.W2.row(omega_row(out, S)).transpose();
    projections.push_back(out_column.cwiseProduct(in_column).sum());
  }
  return projections;
}

std::vector<analytic::FamilyStrength> Objective::measured_strengths(const NetworkWeights& weights,
                                                                    const ForwardPass& pass) const {
  // A deep module's projections come straight from the Walsh transforms of the copies' sums the forward pass formed
  // (into the pass's reused buffers, and only the sides some family reads); a shallow module's through
  // analytic::ModuleCoordinates.
  std::vector<std::optional<analytic::ModuleCoordinates>> shallow(modules_.size());
  for (std::size_t i = 0; i < modules_.size(); ++i) {
    const ModuleProducts& p = pass.modules[i];
    if (!modules_[i].layout.deep) {
      shallow[i].emplace(modes_, static_cast<int>(i), weights[i], p.in_copies, p.out_copies);
      continue;
    }
    bool in_gamma = false, out_gamma = false;
    for (const auto& family : modes_.families)
      if (family.module == static_cast<int>(i) && family.present()) {
        in_gamma = in_gamma || family.v.gamma != 0.0;
        out_gamma = out_gamma || family.u.gamma != 0.0;
      }
    if (in_gamma) {
      p.in_transformed = p.in_copies;
      analytic::walsh_hadamard_rows(p.in_transformed);
    }
    if (out_gamma) {
      p.out_transformed = p.out_copies;
      analytic::walsh_hadamard_rows(p.out_transformed);
    }
  }
  std::vector<analytic::FamilyStrength> strengths;
  for (const auto& family : modes_.families) {
    analytic::FamilyStrength strength;
    if (family.present()) {
      const auto module = static_cast<std::size_t>(family.module);
      const auto projections =
          modules_[module].layout.deep
              ? deep_module_projections(module, family, weights[module], pass.modules[module])
              : analytic::mode_projections(shallow[module]->family(family));
      for (double p : projections) {
        strength.mean += p;
        strength.mean_square += p * p;
      }
      strength.mean /= static_cast<double>(projections.size());
      strength.mean_square /= static_cast<double>(projections.size());
    }
    strengths.push_back(strength);
  }
  return strengths;
}

analytic::TrajectoryRow Objective::measure(const NetworkWeights& weights, int t) const {
  return measure(weights, forward(weights), t);
}

analytic::TrajectoryRow Objective::measure(const NetworkWeights& weights, const ForwardPass& pass, int t) const {
  return measured_row(weights, pass, nullptr, t);
}

analytic::TrajectoryRow Objective::measure(const NetworkWeights& weights, const ForwardPass& pass,
                                           const CopySpread& spread, int t) const {
  assert(spread.modules.size() == modules_.size());
  return measured_row(weights, pass, &spread, t);
}

analytic::TrajectoryRow Objective::measured_row(const NetworkWeights& weights, const ForwardPass& pass,
                                                const CopySpread* spread, int t) const {
  assert(pass.modules.size() == modules_.size());
  // The dense vectors restricted to each module's rows and columns are multiples of that module's family
  // vectors (dense_overlap), so the class means of u_jᵀ W v_j follow from the family means exactly.
  analytic::TrajectoryRow row = analytic::readout_row(modes_, t, measured_strengths(weights, pass));
  row.loss = pass.loss;
  row.quadrants = measured_quadrants(weights, pass, spread);
  row.systematicity = analytic::systematicity(row.quadrants);
  row.dist_S = measured_distance_to_selection(weights);
  return row;
}

}  // namespace dln::numeric
