#include "dln/numeric/objective.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "dln/analytic/mode_coordinates.hpp"
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

ModuleProducts Objective::deep_products(const Module& m, const ModuleWeights& w) const {
  // With H = W1·X_m, A = W2ᵀ·Y_m and G = W2ᵀW2:  L = (1/2P)(‖Y_m‖² − 2⟨A, H⟩ + ⟨G, H Hᵀ⟩).
  ModuleProducts p;
  p.in_copies = m.in.copy_sum(w.W1);
  p.H = m.in.times(w.W1, p.in_copies);
  p.out_copies = m.out.copy_sum(w.W2.transpose());
  p.A = m.out.times(w.W2.transpose(), p.out_copies);
  const Eigen::Index out_omega = m.out.layout().omega_rows;
  p.G_omega = gram(w.W2.topRows(out_omega).transpose());
  p.G_gamma = gram(w.W2.bottomRows(m.out.dimension() - out_omega).transpose());
  p.G = p.G_omega + p.G_gamma;
  p.HHt = gram(p.H);
  // ‖Y − W2·H‖² expanded: near a perfect fit the three terms cancel and rounding can leave a few ulps below 0,
  // which a sum of squares cannot be (and a log-scale plot cannot show). A NaN passes: it is a divergence.
  p.loss = (m.out.squared_norm() - 2.0 * p.A.cwiseProduct(p.H).sum() + p.G.cwiseProduct(p.HHt).sum()) / (2.0 * P_);
  if (p.loss < 0.0) p.loss = 0.0;
  return p;
}

ModuleProducts Objective::shallow_products(const Module& m, const ModuleWeights& w) const {
  // Residual R = Y_m − W·X_m (outputs × P, no larger than W itself).
  ModuleProducts p;
  p.in_copies = m.in.copy_sum(w.W1);
  p.R = -m.in.times(w.W1, p.in_copies);
  m.out.add_to(p.R);
  p.loss = p.R.squaredNorm() / (2.0 * P_);
  return p;
}

ForwardPass Objective::forward(const NetworkWeights& weights) const {
  assert(weights.size() == modules_.size());
  ForwardPass pass;
  for (std::size_t i = 0; i < modules_.size(); ++i) {
    pass.modules.push_back(modules_[i].layout.deep ? deep_products(modules_[i], weights[i])
                                                   : shallow_products(modules_[i], weights[i]));
    pass.loss += pass.modules.back().loss;
  }
  return pass;
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
    Eigen::MatrixXd D = p.A;
    D.noalias() -= p.G * p.H;
    const Eigen::MatrixXd W2_HHt = w.W2 * p.HHt;  // from the old W2, before it moves
    m.in.add_times_transpose(D, step, w.W1);
    w.W2 -= step * W2_HHt;
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

std::vector<analytic::FamilyStrength> Objective::measured_strengths(const NetworkWeights& weights,
                                                                    const ForwardPass& pass) const {
  // One ModuleCoordinates per module: its families share the Walsh transforms of its weights, taken from the
  // copies' sums the forward pass formed.
  std::vector<analytic::ModuleCoordinates> coordinates;
  for (std::size_t i = 0; i < modules_.size(); ++i)
    coordinates.emplace_back(modes_, static_cast<int>(i), weights[i], pass.modules[i].in_copies,
                             pass.modules[i].out_copies);
  std::vector<analytic::FamilyStrength> strengths;
  for (const auto& family : modes_.families) {
    analytic::FamilyStrength strength;
    if (family.present()) {
      const auto projections =
          analytic::mode_projections(coordinates[static_cast<std::size_t>(family.module)].family(family));
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
