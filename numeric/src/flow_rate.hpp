#pragma once
// The right-hand side dW/dt = −η·∂L/∂W of integrate_flow's gradient flow (docs/theory.md §4) on a reduced state,
// computed from the data's structure as Objective's forward pass and gradient are, with every product in a buffer
// kept from one evaluation to the next (odeint calls it some ten times per epoch).
//
// The state is W1's motion in the data span (docs/theory.md §15): with X_m = [Ωx ; r·I_P ; … k copies], the flow
// dW1/dt = (η/P)·D·X_mᵀ = (η/P)·[D·Ωxᵀ, r·D, …, r·D] moves every Γ copy B_c of W1 alike, so with B̄ their mean
//   B_c(t) = B_c(0) + B̄(t) − B̄(0),   dB̄/dt = (η/P)·r·D,
// and W1·X_m = W1_Ω·Ωx + k·r·B̄ reads the copies only through B̄. Per module the state holds [W1_Ω | B̄] (rows ×
// (n1 + P) instead of rows × (n1 + k·P)) and W2 whole, each column-major; a module without input copies keeps W1
// whole. B̄ rather than the sum: odeint's error test then sees the copies' common motion at the scale of one copy, as
// it did when it held every copy (the same 3 050 evaluations on bench/integrate_benchmark.sh; the sum took 3 194).
// W2's output copies are not reduced: their step r·Hᵀ − W2_c·H Hᵀ depends on the copy itself, so they drift apart.
#include <Eigen/Dense>
#include <cstddef>
#include <vector>

#include "dln/analytic/weights.hpp"
#include "dln/numeric/objective.hpp"

namespace dln::numeric {

using FlowState = Eigen::VectorXd;

class FlowRate {
public:
  // `initial` must have the shapes random_init / aligned_init give for the objective's dataset and architecture;
  // its Γ copies and their mean are kept to restore W1 from a state.
  FlowRate(const Objective& objective, const analytic::NetworkWeights& initial, double eta);

  const FlowState& initial_state() const { return initial_state_; }
  // The weights of a state, into `weights` of the network's shapes (no allocation): B_c = B_c(0) + (B̄ − B̄(0)), which
  // gives the initial weights exactly at t = 0.
  void weights(const FlowState& state, analytic::NetworkWeights& weights) const;

  void operator()(const FlowState& w, FlowState& dwdt, double t);
  std::size_t evaluations() const { return evaluations_; }

private:
  struct Module {
    Eigen::Index W1_rows, W1_cols, W2_rows, W2_cols;  // in the state: W1_cols = n1 + P (or all of W1 without copies)
    Eigen::MatrixXd initial_copies, initial_mean;      // W1's Γ columns and their mean B̄ at t = 0 (empty without copies)
    // The products, reused: H = W1·X_m (R = Y_m − W·X_m when shallow), A = W2ᵀ·Y_m, W2ᵀ's copy sum, G = W2ᵀW2,
    // H Hᵀ and D = A − G H.
    Eigen::MatrixXd H, A, out_copies, G, HHt, D;
  };
  void deep_rate(std::size_t module, const double* w, double* dwdt);
  void shallow_rate(std::size_t module, const double* w, double* dwdt);

  const Objective& objective_;
  std::vector<Module> modules_;
  FlowState initial_state_;
  double eta_;
  std::size_t evaluations_ = 0;
};

}  // namespace dln::numeric
