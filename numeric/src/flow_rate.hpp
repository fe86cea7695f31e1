#pragma once
// The right-hand side dW/dt = −η·∂L/∂W of integrate_flow's gradient flow (docs/theory.md §4) on odeint's flat
// state, computed from the data's structure as Objective's forward pass and gradient are, with every product in a
// buffer kept from one evaluation to the next: odeint calls it some ten times per epoch, and fresh h × P
// temporaries each time made the run a storm of allocations and page faults.
#include <Eigen/Dense>
#include <cstddef>
#include <vector>

#include "dln/analytic/weights.hpp"
#include "dln/numeric/objective.hpp"

namespace dln::numeric {

// The whole network as one vector: module by module, W1 then W2, each column-major.
using FlowState = Eigen::VectorXd;

class FlowRate {
public:
  // `shape` gives the weights' shapes (random_init / aligned_init for the objective's dataset and architecture).
  FlowRate(const Objective& objective, const analytic::NetworkWeights& shape, double eta);

  FlowState state(const analytic::NetworkWeights& weights) const;
  // The weights of a state, into `weights` of the network's shapes (no allocation).
  void weights(const FlowState& state, analytic::NetworkWeights& weights) const;

  void operator()(const FlowState& w, FlowState& dwdt, double t);
  std::size_t evaluations() const { return evaluations_; }

private:
  // One module's products (Objective's ModuleProducts, same formulas) and its W1 step's Ω part.
  struct Buffers {
    Eigen::MatrixXd in_copies, H, out_copies, A, G_omega, G_gamma, G, HHt, D, R, W2_HHt, HYt;
  };
  struct Shape {
    Eigen::Index W1_rows, W1_cols, W2_rows, W2_cols;
  };
  void deep_rate(std::size_t module, const double* w, double* dwdt);
  void shallow_rate(std::size_t module, const double* w, double* dwdt);

  const Objective& objective_;
  std::vector<Shape> shapes_;
  std::vector<Buffers> buffers_;
  double eta_;
  std::size_t evaluations_ = 0;
};

}  // namespace dln::numeric
