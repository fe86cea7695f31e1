#pragma once
// Held-out combinations across routing types (docs/modules.md §7): each routing preset is trained by full-weight
// GD on some patterns under every rule and tested on the others, from the same random init, over seeds — the
// compositional test loss (the answer row on unseen patterns) beside the routing's specialisation metrics, so
// that collapse and generalisation can be read side by side. Learned routings (modular-op: per rule; modular:
// per sample, Mittal's joint model) train their router at η_θ = router_lr_ratio·η.
#include <cstdint>
#include <string>
#include <vector>

#include "dln/experiments/report.hpp"
#include "dln/modules/description.hpp"
#include "dln/modules/readout.hpp"

namespace dln::experiments {

struct HeldOutRouting {
  std::string preset;
  modules::ReadoutTrajectory curve;   // seed 0, rows every record_every epochs (test_loss, test_answer_loss set)
  std::vector<modules::Readout> ends;  // each seed's last row (empty for a diverged seed's missing rows)
};

struct HeldOutRoutingResult {
  std::vector<HeldOutRouting> routings;  // in the spec's order
  // The lowest test answer loss of any network blind to the rule (the input carries no rule): the mean over the
  // test patterns of ½ Σ_ρ π_ρ (t_ρ(c) − t̄(c))² on the answer row, t̄ = Σ_ρ π_ρ t_ρ(c) — monolithic's floor.
  double rule_blind_floor = 0.0;
  Report report;
};

struct HeldOutRoutingSpec {
  modules::RuleDataset dataset;            // R ≥ 2
  std::vector<int> train = {0, 1, 2, 4, 7};  // patterns trained on (every rule); the rest are tested
  std::vector<std::string> presets = {"monolithic", "gt-modular", "gt-segregated", "shared-plus-rules", "modular-op",
                                      "modular"};
  int hidden = 16;
  double lr = 0.02;
  int epochs = 3000;
  int record_every = 10;
  double init_scale = 1e-3;       // σ of the weights (and of per-sample routing's score read-outs)
  double logit_noise = 0.1;       // σ_θ of the learned routings' initial logits
  double router_lr_ratio = 1.0;   // η_θ/η of the learned routings (modular-op, modular)
  int seeds = 5;
  int jobs = 0;  // threads over the runs (0 = every core); the result does not depend on it

  // The preset with this spec's dataset and hidden, router_lr_ratio set where the preset learns its routing.
  modules::Description description(const std::string& preset) const;
  // Throws dln::InvalidInput("dataset.<key>" | "train" | "presets" | "hidden" | "lr" | "epochs" | "record_every" |
  // "init_scale" | "logit_noise" | "router_lr_ratio" | "seeds" | "jobs", …).
  void validate() const;
  // Expects a validated spec. A diverged run is reported (status "diverged"), its rows before kept.
  HeldOutRoutingResult run() const;
};

}  // namespace dln::experiments
