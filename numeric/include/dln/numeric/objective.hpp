#pragma once
// The training objective L = (1/2P)‖Y − W X‖² of an architecture (THEORY §4, §7), its gradient and
// the DESIGN.md read-outs, computed from the structure of the data instead of dense covariances:
// X = [Ωx ; r·I_P ; …] so W1·X = W1_Ω·Ωx + r·Σ_copies W1_copy costs O(h·P·(n1 + k1)), and every other
// product is with an h × h Gram matrix. No (n1 + k1P)² or P² matrix is ever formed (a shallow W is
// itself outputs × inputs, so its products cost that much).
#include <Eigen/Dense>

#include "dln/analytic/mode_vectors.hpp"
#include "dln/analytic/trajectory.hpp"
#include "dln/analytic/weights.hpp"
#include "dln/numeric/data_side.hpp"

namespace dln::numeric {

class Objective {
public:
  Objective(const analytic::DatasetSpec& spec, analytic::Architecture arch);

  // L(W) and ∂L/∂W for every module (gradient has the weights' shapes; it is resized as needed).
  // Gradient flow is dW/dt = −η·∂L/∂W and a full-batch GD step W −= η·∂L/∂W, with η = P·lr and t in
  // epochs (THEORY §4: τ dW1/dt = W2ᵀE with E = Σyx − W Σx, and ∂L/∂W1 = −W2ᵀE).
  double loss_and_gradient(const analytic::NetworkWeights& weights, analytic::NetworkWeights& gradient) const;
  double loss(const analytic::NetworkWeights& weights) const;

  // The trajectory row of the actual weights: loss, class means of u_jᵀ W v_j (THEORY §5: projections on
  // the closed-form vectors, not a fresh SVD), quadrant norms ‖W_{R,C}‖ and per-family mean projections.
  analytic::TrajectoryRow measure(const analytic::NetworkWeights& weights, int t) const;

  const analytic::ArchitectureModes& modes() const { return modes_; }

private:
  struct Module {
    analytic::ModuleLayout layout;
    DataSide in, out;  // X_m and Y_m
  };
  double deep_loss_and_gradient(const Module& m, const analytic::ModuleWeights& w,
                                analytic::ModuleWeights* gradient) const;
  double shallow_loss_and_gradient(const Module& m, const analytic::ModuleWeights& w,
                                   analytic::ModuleWeights* gradient) const;
  analytic::Quadrants measured_quadrants(const analytic::NetworkWeights& weights) const;
  double measured_distance_to_selection(const analytic::NetworkWeights& weights) const;  // ‖W[Ωy,Ωx] − S‖

  analytic::ArchitectureModes modes_;
  std::vector<Module> modules_;
  double P_;
};

}  // namespace dln::numeric
