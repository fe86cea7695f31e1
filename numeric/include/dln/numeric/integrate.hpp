#pragma once
// Gradient flow of an architecture from explicit initial weights, integrated with Boost.Odeint
// (docs/theory.md §4): dW/dt = −η·∂L/∂W with η = P·lr and t in epochs, i.e. τ dW1/dt = W2ᵀE, τ dW2/dt = E W1ᵀ.
// The learning curve is read off the actual weights (Objective::measure) at every epoch t = 0..epochs.
#include <cstddef>

#include "dln/analytic/trajectory.hpp"
#include "dln/analytic/weights.hpp"
#include "dln/numeric/objective.hpp"

namespace dln::numeric {

inline constexpr double kMinRtol = 1e-14;  // ≈ 45 ulps; see IntegrationOptions::rtol

struct IntegrationOptions {
  double lr = 0.02;  // step on the summed half squared error; η = P·lr
  int epochs = 300;
  // Error control of the adaptive Dormand–Prince 5(4) stepper, per entry of the integrated state (W1's Ω columns,
  // the mean of its Γ copies, which all move alike, and W2: numeric/src/flow_rate.hpp) and step:
  // |err_i| ≤ atol + rtol·(|w_i| + dt·|dw_i/dt|). Dopri5 advances with its 5th-order solution while
  // the step is sized on the 4th-order estimate (h ∝ rtol^(1/5)), so the global error is proportional
  // to rtol: on the settings of tests/numeric/test_integrate.cpp the flow from aligned init differs
  // from the closed form (docs/theory.md §5) by 10–25 × rtol in the worst CSV column. rtol = 1e-10 thus gives
  // ≤ ~2e-9, the project's 1e-7 with a margin of ~50 (1e-9 would leave ~4) for ~1.5× the steps
  // of 1e-9. rtol ≥ kMinRtol: closer to the machine epsilon (2.2e-16) the controller shrinks its steps
  // until they no longer change the weights and stalls (at 1e-16 it does).
  double rtol = 1e-10;
  // atol only acts on entries below atol/rtol = 1e-4; it must be > 0, since aligned init has entries
  // that are exactly zero (0/0 error ratios otherwise), and above the rounding noise (~1e-16·|W|) such
  // entries pick up, which pure relative control would chase (atol = 1e-20 costs 25× the steps).
  // At 1e-14 weights down to ~1e-5 (aligned a0 = 1e-9, random σ = 2e-4) are still held to ~1e-9
  // relative; atol = 1e-12 already spoils the 1e-9 agreement at a0 = 1e-9 (2e-8).
  double atol = 1e-14;
  // Odeint's step-count guard: more steps than this between two epochs is a step failure. Mode rates
  // that GD could follow (2η·s < 2 per epoch) take tens of steps per epoch even at rtol = 1e-14; the
  // guard only ends runs that stall, before they burn hours.
  int max_steps_per_epoch = 10'000;
  // Called with each row once it is recorded (a progress bar's hook, or a stopping rule: RowAction::stop
  // ends the run there with status stopped); may be empty.
  analytic::RowCallback on_row;

  // Throws dln::InvalidInput("lr" | "epochs" | "rtol" | "atol" | "max-steps", …).
  void validate() const;
};

struct IntegrationResult {
  analytic::Trajectory trajectory;  // rows t = 0..epochs, or up to the failure (status, failed_at)
  analytic::NetworkWeights final_weights;  // the weights of the last row
  std::size_t rhs_evaluations = 0;         // gradient evaluations, rejected steps included
};

// `initial` must have the shapes random_init / aligned_init give for the objective's dataset and
// architecture, and the options must have passed IntegrationOptions::validate (the caller checks them once,
// before any work: dln integrate). Numerical trouble is a result, never an exception: a non-finite state or read-out
// ends the run as RunStatus::diverged, an odeint step-size or step-count failure as
// RunStatus::step_failure with odeint's message as the reason; either way the rows before failed_at are kept.
IntegrationResult integrate_flow(const Objective& objective, analytic::NetworkWeights initial,
                                 const IntegrationOptions& options);

}  // namespace dln::numeric
