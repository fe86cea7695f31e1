#pragma once
// The training objective L = (1/2P)‖Y − W X‖² of an architecture (docs/theory.md §4, §7), its gradient and
// the docs/conventions.md read-outs, computed from the structure of the data instead of dense covariances:
// X = [Ωx ; r·I_P ; …] so W1·X = W1_Ω·Ωx + r·Σ_copies W1_copy costs O(h·P·(n1 + k1)), and every other
// product is with an h × h Gram matrix. No (n1 + k1P)² or P² matrix is ever formed (a shallow W is
// itself outputs × inputs, so its products cost that much).
#include <Eigen/Dense>
#include <vector>

#include "dln/analytic/mode_vectors.hpp"
#include "dln/analytic/trajectory.hpp"
#include "dln/analytic/weights.hpp"
#include "dln/numeric/data_side.hpp"

namespace dln::numeric {

// What the loss, the gradient and a trajectory row of one set of weights all need, per module; computed
// once by Objective::forward so that a training loop that both steps and measures pays for it once.
// Deep: H = W1·X_m, A = W2ᵀ·Y_m, G = W2ᵀW2 and HHt = H·Hᵀ (h × P and h × h), with G summed from the Gram
// matrices of W2's Ω rows and of its Γ rows, which the quadrant norms need as well; shallow: the residual
// R = Y_m − W·X_m.
struct ModuleProducts {
  Eigen::MatrixXd H, A, G, HHt;
  Eigen::MatrixXd G_omega, G_gamma;  // W2_Ωᵀ W2_Ω and W2_Γᵀ W2_Γ; G = G_omega + G_gamma
  Eigen::MatrixXd R;
  // Σ_copies of W1's Γ column blocks and of W2ᵀ's (DataSide::copy_sum: rows × P, empty without copies; W2ᵀ's for a
  // deep module only). H and A are formed from them, and the read-out's Gram and Walsh transforms start from them.
  Eigen::MatrixXd in_copies, out_copies;
  double loss = 0.0;  // the module's share of L
  // Work space of Objective::descend (D = A − G·H and W2·H Hᵀ) and of the read-out (the Walsh transforms of the copy
  // sums), kept here so that a loop that reuses its ForwardPass (Objective::forward(weights, pass)) allocates nothing
  // per epoch; never read as results.
  mutable Eigen::MatrixXd D, W2_HHt, in_transformed, out_transformed;
};
struct ForwardPass {
  std::vector<ModuleProducts> modules;
  double loss = 0.0;  // L: the modules predict disjoint output rows, so their losses add
};

// Per module, the spread of W1's k Γ copies B_c about their mean: Σ_c (B_c − B̄)(B_c − B̄)ᵀ (rows × rows; empty for a
// shallow module or one without input copies). A rule whose W1 step has the form V·X_mᵀ (GD, SGD, the flow) adds
// the same V·r to every copy, so the spread never changes, and the Gram of all k·P Γ columns is
// Σ_c B_c B_cᵀ = (1/k)·S Sᵀ + spread with S = Σ_c B_c (the cross terms sum to zero): one rank update over P columns
// instead of k·P.
struct CopySpread {
  std::vector<Eigen::MatrixXd> modules;
};

class Objective {
public:
  Objective(const analytic::DatasetSpec& spec, analytic::Architecture arch);

  // The products of `weights` and their loss L(W). Valid for exactly these weights.
  ForwardPass forward(const analytic::NetworkWeights& weights) const;
  // The same into `pass`, whose matrices are reused when their shapes fit (a training loop's pass from the previous
  // epoch): the same values, no allocation.
  void forward(const analytic::NetworkWeights& weights, ForwardPass& pass) const;
  // ∂L/∂W for every module from forward(weights) (gradient has the weights' shapes; it is resized as
  // needed). Gradient flow is dW/dt = −η·∂L/∂W and a full-batch GD step W −= η·∂L/∂W, with η = P·lr and
  // t in epochs (docs/theory.md §4: τ dW1/dt = W2ᵀE with E = Σyx − W Σx, and ∂L/∂W1 = −W2ᵀE).
  void gradient(const analytic::NetworkWeights& weights, const ForwardPass& pass,
                analytic::NetworkWeights& gradient) const;
  // One full-batch GD step W −= η·∂L/∂W of every module from pass = forward(weights), added into the weights (no
  // gradient-sized temporary; the same step as gradient() followed by the subtraction, up to rounding).
  void descend(analytic::NetworkWeights& weights, const ForwardPass& pass, double eta) const;
  double loss_and_gradient(const analytic::NetworkWeights& weights, analytic::NetworkWeights& gradient) const;
  double loss(const analytic::NetworkWeights& weights) const;

  // The trajectory row of the actual weights: loss, class means of u_jᵀ W v_j (docs/theory.md §5: projections on
  // the closed-form vectors, not a fresh SVD), quadrant norms ‖W_{R,C}‖ and per-family mean projections.
  analytic::TrajectoryRow measure(const analytic::NetworkWeights& weights, int t) const;
  // The same row from pass = forward(weights), which supplies the loss and the output side's Gram matrices.
  analytic::TrajectoryRow measure(const analytic::NetworkWeights& weights, const ForwardPass& pass, int t) const;
  // The same row with the Gram of W1's Γ columns from the copies' sum and `spread` = copy_spread(w0), for weights
  // reached from w0 by steps that moved every copy alike (see CopySpread).
  analytic::TrajectoryRow measure(const analytic::NetworkWeights& weights, const ForwardPass& pass,
                                  const CopySpread& spread, int t) const;
  CopySpread copy_spread(const analytic::NetworkWeights& weights) const;

  const analytic::ArchitectureModes& modes() const { return modes_; }
  // Module i's data sides X_m and Y_m and whether it is deep: what a right-hand side of the flow that keeps its own
  // buffers (numeric/src/flow_rate.hpp) computes its products from.
  std::size_t module_count() const { return modules_.size(); }
  const DataSide& input_side(std::size_t module) const { return modules_[module].in; }
  const DataSide& output_side(std::size_t module) const { return modules_[module].out; }
  bool deep(std::size_t module) const { return modules_[module].layout.deep; }

private:
  struct Module {
    analytic::ModuleLayout layout;
    DataSide in, out;  // X_m and Y_m
  };
  void deep_products(const Module& m, const analytic::ModuleWeights& w, ModuleProducts& p) const;
  void shallow_products(const Module& m, const analytic::ModuleWeights& w, ModuleProducts& p) const;
  std::vector<double> deep_module_projections(std::size_t module, const analytic::ModeFamily& family,
                                              const analytic::ModuleWeights& w, const ModuleProducts& p) const;
  std::vector<analytic::FamilyStrength> measured_strengths(const analytic::NetworkWeights& weights,
                                                          const ForwardPass& pass) const;
  analytic::Quadrants measured_quadrants(const analytic::NetworkWeights& weights, const ForwardPass& pass,
                                         const CopySpread* spread) const;
  analytic::TrajectoryRow measured_row(const analytic::NetworkWeights& weights, const ForwardPass& pass,
                                       const CopySpread* spread, int t) const;
  double measured_distance_to_selection(const analytic::NetworkWeights& weights) const;  // ‖W[Ωy,Ωx] − S‖

  analytic::ArchitectureModes modes_;
  std::vector<Module> modules_;
  double P_;
};

}  // namespace dln::numeric
