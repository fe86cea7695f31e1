#pragma once
// The gradient flow of a dense two-layer linear network on a user's data (docs/theory.md §4), integrated
// with Boost.Odeint as numeric::integrate_flow does for the built-in family: τ dW1/dt = W2ᵀE,
// τ dW2/dt = E W1ᵀ with E = Σyx − W2 W1 Σx, τ = 1/(P·lr), t in epochs. Each evaluation costs O(h·n²) whatever P.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "dln/analytic/trajectory.hpp"
#include "dln/numeric/data_training.hpp"
#include "dln/numeric/integrate.hpp"

namespace dln::numeric {

struct DataFlowOptions {
  IntegrationOptions integration;  // lr, epochs, rtol, atol, max_steps_per_epoch (its on_row is not called)
  std::optional<analytic::DataBlocks> blocks;
  // Called with the weights at each epoch t = 0..epochs that is recorded (e.g. to save some or to show progress).
  std::function<void(int t, const DenseWeights&)> on_epoch;
};

struct DataFlowResult {
  DataRun run;  // the rows of numeric::train_on_data; failed_at where the run ended early
  analytic::RunStatus status = analytic::RunStatus::ok;
  std::string reason;  // why it ended early: non-finite weights, or odeint's own message
  std::size_t rhs_evaluations = 0;
};

// Numerical trouble is a result, never an exception (as integrate_flow). Expects options.integration to have
// passed IntegrationOptions::validate (dln integrate --data checks it once, before any work).
DataFlowResult integrate_on_data(const analytic::DataModes& modes, double loss_offset, DenseWeights initial,
                                 const DataFlowOptions& options);

}  // namespace dln::numeric
