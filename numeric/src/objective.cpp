#include "dln/numeric/objective.hpp"

#include <cassert>
#include <cmath>

#include "dln/analytic/mode_coordinates.hpp"
#include "dln/analytic/readout.hpp"

namespace dln::numeric {

using analytic::ModuleWeights;
using analytic::NetworkWeights;

Objective::Objective(const analytic::DatasetSpec& spec, analytic::Architecture arch)
    : modes_(analytic::architecture_modes(spec, arch)), P_(spec.P()) {
  for (const auto& layout : analytic::module_layouts(arch))
    modules_.push_back({layout, DataSide(spec, layout.input, false), DataSide(spec, layout.output, true)});
}

double Objective::deep_loss_and_gradient(const Module& m, const ModuleWeights& w, ModuleWeights* gradient) const {
  // With H = W1·X_m, A = W2ᵀ·Y_m and G = W2ᵀW2:
  //   L = (1/2P)(‖Y_m‖² − 2⟨A, H⟩ + ⟨G, H Hᵀ⟩)
  //   ∂L/∂W1 = −(1/P)(A − G H)·X_mᵀ,   ∂L/∂W2 = −(1/P)(Y_m Hᵀ − W2·H Hᵀ).
  const Eigen::MatrixXd H = m.in.times(w.W1);
  const Eigen::MatrixXd A = m.out.times(w.W2.transpose());
  const Eigen::MatrixXd G = w.W2.transpose() * w.W2;
  const Eigen::MatrixXd HHt = H * H.transpose();
  const double loss = (m.out.squared_norm() - 2.0 * A.cwiseProduct(H).sum() + G.cwiseProduct(HHt).sum()) / (2.0 * P_);
  if (gradient) {
    const Eigen::MatrixXd D = A - G * H;
    gradient->W1 = m.in.times_transpose(D) / -P_;
    gradient->W2 = (m.out.times_transpose(H).transpose() - w.W2 * HHt) / -P_;
  }
  return loss;
}

double Objective::shallow_loss_and_gradient(const Module& m, const ModuleWeights& w, ModuleWeights* gradient) const {
  // Residual R = Y_m − W·X_m (outputs × P, no larger than W itself); ∂L/∂W = −(1/P)·R·X_mᵀ.
  Eigen::MatrixXd R = -m.in.times(w.W1);
  m.out.add_to(R);
  if (gradient) {
    gradient->W1 = m.in.times_transpose(R) / -P_;
    gradient->W2.resize(0, 0);
  }
  return R.squaredNorm() / (2.0 * P_);
}

double Objective::loss_and_gradient(const NetworkWeights& weights, NetworkWeights& gradient) const {
  assert(weights.size() == modules_.size());
  gradient.resize(modules_.size());
  double total = 0.0;  // the modules predict disjoint output rows, so their losses add
  for (std::size_t i = 0; i < modules_.size(); ++i)
    total += modules_[i].layout.deep ? deep_loss_and_gradient(modules_[i], weights[i], &gradient[i])
                                     : shallow_loss_and_gradient(modules_[i], weights[i], &gradient[i]);
  return total;
}

double Objective::loss(const NetworkWeights& weights) const {
  assert(weights.size() == modules_.size());
  double total = 0.0;
  for (std::size_t i = 0; i < modules_.size(); ++i)
    total += modules_[i].layout.deep ? deep_loss_and_gradient(modules_[i], weights[i], nullptr)
                                     : shallow_loss_and_gradient(modules_[i], weights[i], nullptr);
  return total;
}

analytic::Quadrants Objective::measured_quadrants(const NetworkWeights& weights) const {
  // ‖(W2 W1)_{R,C}‖² = ⟨W2_Rᵀ W2_R, W1_C W1_Cᵀ⟩: h × h Gram matrices instead of the product.
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
    const Eigen::MatrixXd out_gram[2] = {w.W2.topRows(out_omega).transpose() * w.W2.topRows(out_omega),
                                         w.W2.bottomRows(out_gamma).transpose() * w.W2.bottomRows(out_gamma)};
    const Eigen::MatrixXd in_gram[2] = {w.W1.leftCols(in_omega) * w.W1.leftCols(in_omega).transpose(),
                                        w.W1.rightCols(in_gamma) * w.W1.rightCols(in_gamma).transpose()};
    for (int R = 0; R < 2; ++R)
      for (int C = 0; C < 2; ++C) squared[R][C] += out_gram[R].cwiseProduct(in_gram[C]).sum();
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

analytic::TrajectoryRow Objective::measure(const NetworkWeights& weights, int t) const {
  std::vector<analytic::FamilyStrength> strengths;
  for (const auto& family : modes_.families) {
    analytic::FamilyStrength strength;
    if (family.present()) {
      const auto projections =
          analytic::mode_projections(analytic::family_coordinates(modes_, family, weights[family.module]));
      for (double p : projections) {
        strength.mean += p;
        strength.mean_square += p * p;
      }
      strength.mean /= static_cast<double>(projections.size());
      strength.mean_square /= static_cast<double>(projections.size());
    }
    strengths.push_back(strength);
  }
  // The dense vectors restricted to each module's rows and columns are multiples of that module's family
  // vectors (dense_overlap), so the class means of u_jᵀ W v_j follow from the family means exactly.
  analytic::TrajectoryRow row = analytic::readout_row(modes_, t, strengths);
  row.loss = loss(weights);
  row.quadrants = measured_quadrants(weights);
  row.systematicity = analytic::systematicity(row.quadrants);
  row.dist_S = measured_distance_to_selection(weights);
  return row;
}

}  // namespace dln::numeric
