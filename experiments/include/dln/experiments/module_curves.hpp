#pragma once
// Gated modules on the multi-rule dataset over training time (docs/modules.md §4.2–4.3): for each module
// preset, full-batch GD of the full weights against the closed form of the same description started from
// the same weights (aligned init: every mode at a0; random init: each mode's a0 read off the weights,
// docs/modules.md §3.2). Behind the figures "GT routing is not systematicity" (per-rule quadrant norms) and
// "why route at all" (loss against the floor ½(1 − ‖π‖²) of the monolithic network).
#include <cstdint>
#include <string>
#include <vector>

#include "dln/analytic/dynamics.hpp"
#include "dln/experiments/report.hpp"
#include "dln/modules/description.hpp"
#include "dln/modules/readout.hpp"

namespace dln::experiments {

struct ModuleCurvesRun {
  std::string preset;
  modules::ReadoutTrajectory simulation, theory;
};

struct ModuleCurvesResult {
  std::vector<ModuleCurvesRun> runs;  // one per preset, in the spec's order
  Report report;
};

// What a figure shows (read by drawing/ only): each preset's per-rule quadrant norms in a panel of its
// own, or every preset's loss in one panel.
enum class ModuleCurvesView { quadrants, loss };

struct ModuleCurvesSpec {
  modules::RuleDataset dataset;
  std::vector<std::string> presets;  // modules::preset names
  int hidden = 16;
  double lr = 0.02;  // η = R·P·lr (modules/engine.hpp)
  int epochs = 300;
  bool random_init = false;
  double a0 = 1e-6;          // aligned init: every mode's strength
  double init_scale = 1e-3;  // random init: σ
  std::uint64_t seed = 0;    // random init
  analytic::TimeModel theory_time = analytic::TimeModel::discrete;
  ModuleCurvesView view = ModuleCurvesView::quadrants;

  modules::Description description(const std::string& preset) const;
  // Throws dln::InvalidInput("dataset.<key>" | "presets" | "hidden" | "lr" | "epochs" | "a0" | "scale", …):
  // a bad dataset, an unknown preset, one without a closed form or too narrow for its modes.
  void validate() const;
  // Expects a validated spec. A diverged simulation is reported (status "diverged"), its rows kept.
  ModuleCurvesResult run() const;
};

}  // namespace dln::experiments
