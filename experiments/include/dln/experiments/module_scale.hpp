#pragma once
// The module closed forms at scale (docs/modules.md §7, X7): GT-Modular, the systematicity race and the
// monolithic network at n1 up to 30 (P = 2^30 patterns), each read at one epoch T against n1, with full-weight GD
// from the same balanced aligned init at the small n1 where P-sized weights are affordable. The step η = R·P·lr is
// the same at every n1 (lr = η/(R·P)), so the compositional modes keep their clock while the per-item modes, whose
// strengths fall like 1/P (docs/modules.md §2), slow down. The closed forms run in the latent form on the
// symmetric classes: their cost does not grow with P. Both describe modules as wide as their modes: one hidden unit per
// mode and per-item latent (P + … of them), the width balanced aligned init needs (docs/modules.md §8) — built for
// GD at small n1, never built for the closed forms.
#include <string>
#include <vector>

#include "dln/experiments/report.hpp"
#include "dln/modules/description.hpp"

namespace dln::experiments {

// One panel: a preset's read-out column at epoch T against n1.
struct ModuleScalePanel {
  std::string preset;  // modules::preset name
  std::string column;  // the read-out's CSV column (modules::csv_columns), e.g. r0_GxOy
  int rules = 1;
  std::vector<double> theory;     // per n1_theory: the closed form (exact discrete map of GD)
  std::vector<double> simulated;  // per n1_simulated: full-weight GD
  std::vector<int> hidden;        // per n1_simulated: the modules' width there
  std::vector<double> limit;      // per n1_theory: the value as t → ∞ (closed form), empty where none is drawn
  double max_difference = 0.0;    // max |GD − closed form| over the n1 both have
};

struct ModuleScaleResult {
  std::vector<ModuleScalePanel> panels;  // GT-Modular ΓxΩy of rule 0, the race's systematic share, monolithic loss
  Report report;
};

struct ModuleScaleSpec {
  int k1 = 3, k2 = 1;
  double r = 1.0;
  int rules = 3;                        // of GT-Modular and monolithic (uniform prior); the race has one rule
  std::vector<int> n1_theory;           // closed forms: strictly increasing, in [rules, 30]
  std::vector<int> n1_simulated;        // full-weight GD: strictly increasing, a subset of n1_theory, ≤ 10
  double eta = 0.2;                     // η = R·P·lr at every n1
  int epochs = 300;                     // T: the epoch read off
  double a0 = 1e-6;                     // every mode's strength at t = 0

  modules::RuleDataset dataset(int n1, int rules) const;
  // Throws dln::InvalidInput("dataset.k1" | "dataset.k2" | "dataset.r" | "dataset.rules" | "n1_theory" |
  // "n1_simulated" | "eta" | "epochs" | "a0", …).
  void validate() const;
  // Expects a validated spec. A diverged run is reported (status "diverged").
  ModuleScaleResult run() const;
};

}  // namespace dln::experiments
