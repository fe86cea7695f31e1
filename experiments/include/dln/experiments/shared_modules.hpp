#pragma once
// A shared module beside rule modules (docs/modules.md §4.5): one all → all module S with gate 1 and R
// ground-truth all → all rule modules, every mode from the same a0. On the per-item (complement) latents the
// target is the same for every rule, and Theorem 2 gives S's final share of it in closed form: S races with
// exponent β_x, the rule modules together with β_x/R, so S takes almost everything at small a0. Beside it: the
// gradient flow of the latent weights integrated by Boost.Odeint, and the answer-row contributions of S and of
// a rule module there (no closed form: the answer block couples them, docs/modules.md §8).
#include <vector>

#include "dln/experiments/report.hpp"
#include "dln/modules/description.hpp"

namespace dln::experiments {

struct SharedModulesResult {
  // Per a0 of the spec: S's share of the per-item map (closed form; integrated flow), and the answer-row
  // contributions of S and of rule module 0 (integrated flow).
  std::vector<double> share_theory, share_flow, shared_answer, rule_answer;
  Report report;
};

struct SharedModulesSpec {
  modules::RuleDataset dataset;                 // rules ≥ 2, uniform prior (the closed form's symmetric race)
  std::vector<double> a0 = {1e-6, 1e-4, 1e-2};  // strictly increasing, in (0, 0.1]
  int hidden = 16;
  double lr = 0.02;
  int epochs = 3000;  // long enough for the flows to converge (else a warning)

  modules::Description description() const;  // the shared-plus-rules preset
  // Throws dln::InvalidInput("dataset.<key>" | "a0" | "hidden" | "lr" | "epochs", …).
  void validate() const;
  // Expects a validated spec.
  SharedModulesResult run() const;
};

}  // namespace dln::experiments
