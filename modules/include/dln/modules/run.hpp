#pragma once
// Training runs of a module engine (full weights or latent), one read-out row per epoch t = 0..epochs:
// full-batch GD (one step per epoch, η = R·P·lr) and the gradient flow τ dW/dt = −∂L/∂W integrated with
// Boost.Odeint's adaptive Dormand–Prince 5(4) with dense output. With learned routing (router_lr_ratio > 0) the
// softmax logits θ are part of the state and move with them (docs/modules.md §5.1): a GD step updates W and θ
// from the old (W, θ); the flow integrates both. Numerical trouble is a result: a non-finite state or read-out
// ends the run as diverged, an odeint failure as step_failure, the rows before kept. run_sgd: minibatch SGD over the
// R·P samples (dln/modules/sample_sgd.hpp), one fresh permutation of them per epoch.
#include <cstdint>
#include <functional>

#include "dln/modules/engine.hpp"
#include "dln/modules/full_objective.hpp"

namespace dln::modules {

struct RunOptions {
  double lr = 0.02;
  int epochs = 300;
  double rtol = 1e-10;  // flow only: as numeric::IntegrationOptions (global error ∝ rtol)
  double atol = 1e-14;
  int max_steps_per_epoch = 10'000;
  int record_every = 1;  // rows at t = 0, k, 2k, … and the last epoch (long runs that need only a few rows)
  Eigen::MatrixXd initial_logits;  // learned routing: θ at t = 0 (M × R; empty = the description's logits)
  std::function<void(std::int64_t)> on_row;  // called with t after row t is recorded; may be empty
  int batch = 0;                 // run_sgd only: samples (ρ, c) per step, 1 ≤ batch ≤ R·P
  std::uint64_t batch_seed = 0;  // run_sgd only: seed of the std::mt19937_64 that shuffles the samples each epoch

  // Throws dln::InvalidInput("lr" | "epochs" | "rtol" | "atol" | "max-steps" | "record-every", …), ("logit-noise", …) for
  // initial logits of the wrong shape or not finite.
  void validate() const;
};

struct RunResult {
  ReadoutTrajectory trajectory;
  State final_state;           // of the last recorded row
  Eigen::MatrixXd final_logits;  // likewise (the description's when the routing is not learned)
};

RunResult run_gd(const Engine& engine, State initial, const RunOptions& options);
// Throws dln::InvalidInput("batch", …) for a batch outside [1, R·P].
RunResult run_sgd(const FullObjective& engine, State initial, const RunOptions& options);
RunResult run_flow(const Engine& engine, State initial, const RunOptions& options);

}  // namespace dln::modules
