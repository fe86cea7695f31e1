#pragma once
// Closed-form learning curves of an architecture: every mode follows docs/theory.md §5, and the loss,
// quadrant norms and projections follow from the mode strengths (§5–6). No P-sized storage unless the
// initial strengths themselves are given per mode.
#include <functional>
#include <string>
#include <vector>

#include "dln/analytic/dynamics.hpp"
#include "dln/analytic/trajectory.hpp"

namespace dln::analytic {

struct TheoryOptions {
  double lr = 0.02;  // step on the summed half squared error; τ = 1/(P·lr)
  int epochs = 300;
  TimeModel time = TimeModel::flow;
  RowCallback on_row = {};                    // called with every row as it is computed; may stop the run
  RowRetention retention = RowRetention::all;  // ends: for rows on_row writes out (memory independent of epochs)
  void validate() const;  // throws dln::InvalidInput("lr" | "epochs", …)
};
inline constexpr int kMaxEpochs = 1'000'000;

// Initial strengths per family: a single value shared by all its modes, or one value per mode
// (from effective_initial_strengths); empty for an absent family.
using InitialStrengths = std::vector<std::vector<double>>;
InitialStrengths uniform_initial_strengths(const ArchitectureModes& modes, double a0);

Trajectory theory_trajectory(const ArchitectureModes& modes, const InitialStrengths& a0,
                             const TheoryOptions& options);

// The rows t = 0..options.epochs of a closed-form learning curve, recorded with options' row callback and
// retention. `strengths_at(t, out)`, called for t = 0, 1, … in order, writes the family strengths (one per family),
// or returns false when a mode strength of the discrete map has left the finite numbers (the run then ends
// diverged at t). `quadrants_at(t)`, when given, is called after it for the same t and its quadrant norms (and the
// systematicity read from them) replace the mode sums'. Stops at the first row with a non-finite value.
Trajectory closed_form_rows(const ArchitectureModes& modes, const TheoryOptions& options,
                            const std::function<bool(std::size_t t, std::vector<FamilyStrength>& out)>& strengths_at,
                            const std::function<Quadrants(std::size_t t)>& quadrants_at = {});

// Linear stability of full-batch GD at the closed-form minimum (balanced weights at a*): stable iff
// η·sharpness < 2 in every module, with the sharpness max over output modes i and input directions j of
// λ_j(a*_i + a*_j) (deep) or λ_max(Σx) (shallow). `value` is η·sharpness/2, so the bound is 1; for the
// deep i = j terms it is docs/theory.md §4's η·s.
struct StabilityCheck {
  double lr = 0.0;     // the learning rate checked
  double value = 0.0;  // η·sharpness/2
  double bound = 1.0;
  bool stable() const { return value < bound; }
  double critical_lr() const;  // the lr at which value reaches the bound (∞ with nothing to learn)
  // "lr = … is above full-batch GD's stability limit here (lr < …: η·sharpness/2 = … ≥ 1, η = P·lr)"
  std::string describe() const;
};
StabilityCheck gd_stability(const ArchitectureModes& modes, double lr);

// The default rate of dln theory, integrate and simulate (gd, sgd): the paper's 0.02 where it is below half
// full-batch GD's stability limit, else half that limit — so that a first run at a larger setting (n1 = 10:
// P = 1024, limit 0.00097) does not diverge. τ = 1/(P·lr) is then 2/(P·critical lr) epochs.
inline constexpr double kPaperLr = 0.02;
double default_lr(const ArchitectureModes& modes);

}  // namespace dln::analytic
