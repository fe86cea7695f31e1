#pragma once
// Training runs of a module engine (full weights or latent), one read-out row per epoch t = 0..epochs:
// full-batch GD (one step per epoch, η = R·P·lr) and the gradient flow τ dW/dt = −∂L/∂W integrated with
// Boost.Odeint's adaptive Dormand–Prince 5(4) with dense output. Numerical trouble is a result: a non-finite
// state or read-out ends the run as diverged, an odeint failure as step_failure, the rows before kept.
#include <cstdint>
#include <functional>

#include "dln/modules/engine.hpp"

namespace dln::modules {

struct RunOptions {
  double lr = 0.02;
  int epochs = 300;
  double rtol = 1e-10;  // flow only: as numeric::IntegrationOptions (global error ∝ rtol)
  double atol = 1e-14;
  int max_steps_per_epoch = 10'000;
  std::function<void(std::int64_t)> on_row;  // called with t after row t is recorded; may be empty

  // Throws dln::InvalidInput("lr" | "epochs" | "rtol" | "atol" | "max-steps", …).
  void validate() const;
};

// The gates to use at step t (GD) — constant for descriptions with fixed gates; learned routing passes its own.
using GateSchedule = std::function<Eigen::MatrixXd(int step)>;

struct RunResult {
  ReadoutTrajectory trajectory;
  State final_state;  // of the last recorded row
};

RunResult run_gd(const Engine& engine, State initial, const RunOptions& options, const GateSchedule& gates = {});
RunResult run_flow(const Engine& engine, State initial, const RunOptions& options);

}  // namespace dln::modules
