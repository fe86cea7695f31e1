#pragma once
// Closed-form learning curves of an architecture: every mode follows THEORY §5, and the loss,
// quadrant norms and projections follow from the mode strengths (§5–6). No P-sized storage unless the
// initial strengths themselves are given per mode.
#include <vector>

#include "dln/analytic/dynamics.hpp"
#include "dln/analytic/trajectory.hpp"

namespace dln::analytic {

struct TheoryOptions {
  double lr = 0.02;  // step on the summed half squared error; τ = 1/(P·lr)
  int epochs = 300;
  TimeModel time = TimeModel::flow;
  void validate() const;  // throws dln::InvalidInput("lr" | "epochs", …)
};
inline constexpr int kMaxEpochs = 1'000'000;

// Initial strengths per family: a single value shared by all its modes, or one value per mode
// (from effective_initial_strengths); empty for an absent family.
using InitialStrengths = std::vector<std::vector<double>>;
InitialStrengths uniform_initial_strengths(const ArchitectureModes& modes, double a0);

Trajectory theory_trajectory(const ArchitectureModes& modes, const InitialStrengths& a0,
                             const TheoryOptions& options);

// Linear stability of full-batch GD at a0 = a* (THEORY §4): deep needs η·s < 1 for every mode,
// shallow η·λ < 2. `value` is the largest η·s (deep) or η·λ (shallow) over present families.
struct StabilityCheck {
  double value = 0.0;
  double bound = 1.0;
  bool stable() const { return value < bound; }
};
StabilityCheck gd_stability(const ArchitectureModes& modes, double lr);

}  // namespace dln::analytic
