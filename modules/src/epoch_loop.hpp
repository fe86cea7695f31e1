#pragma once
// The epoch loop every discrete module run shares — GD and SGD of the module weights (run.cpp) and per-sample
// routing (per_sample_routing.cpp) — generic over the state it steps.
#include <algorithm>
#include <utility>

#include "dln/modules/readout.hpp"
#include "dln/modules/run.hpp"

namespace dln::modules {

inline bool all_finite(const State& state) {
  return std::all_of(state.begin(), state.end(), [](const auto& w) { return w.W1.allFinite() && w.W2.allFinite(); });
}

// Rows at t = 0, record_every, 2·record_every, … and the last epoch: advance() moves the state by one epoch,
// finite() says whether it is finite, measure(t) reads its row, keep() stores it as the run's final state (that
// of the last recorded row). A non-finite state or row ends the run as diverged at t, keeping the rows before.
template <class Advance, class Finite, class Measure, class Keep>
void epoch_loop(const RunOptions& options, ReadoutTrajectory& trajectory, Advance advance, Finite finite,
                Measure measure, Keep keep) {
  for (int t = 0; t <= options.epochs; ++t) {
    if (t > 0) advance();
    if (t % options.record_every != 0 && t != options.epochs) continue;
    Readout row;
    const bool state_finite = finite();
    if (state_finite) row = measure(t);
    if (!state_finite || !all_finite(row)) {
      trajectory.status = analytic::RunStatus::diverged;
      trajectory.failed_at = t;
      return;
    }
    trajectory.rows.push_back(std::move(row));
    keep();
    if (options.on_row) options.on_row(t);
  }
}

}  // namespace dln::modules
