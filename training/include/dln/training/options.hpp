#pragma once
// What a simulated training run is asked to do: the rule, its step, its length and its terms.
#include <optional>
#include <string>

#include "dln/analytic/architecture.hpp"
#include "dln/analytic/dataset.hpp"
#include "dln/analytic/modes.hpp"
#include "dln/analytic/trajectory.hpp"
#include "dln/training/rule.hpp"

namespace dln::training {

struct SimulationOptions {
  Rule rule = Rule::gd;
  double lr = 0.02;  // step on the summed half squared error; a full-batch step has η = P·lr (docs/theory.md §4)
  int epochs = 300;
  // sgd only: patterns per step, 1 ≤ batch ≤ P (0 for every other rule). B need not divide P: an epoch
  // is ⌈P/B⌉ steps over one fresh permutation, the last batch holding the P mod B patterns left over
  // (it takes a proportionally smaller step, since each step is lr times the batch's *summed* gradient).
  int batch = 0;
  // docs/theory.md §8's contrastive (γ) and Hebbian (ν) strengths; unset = rule_defaults(rule). Only the
  // four §8 rules have these terms (gd and sgd accept 0 at most).
  std::optional<double> gamma;
  std::optional<double> nu;
  // Called with each row once it is recorded (a progress bar's hook, or a stopping rule: RowAction::stop
  // ends the run there with status stopped); may be empty. A seed ensemble calls it for the rows of every
  // run in turn.
  analytic::RowCallback on_row;

  // The rule with lr and epochs of docs/theory.md §8's table (rule_defaults), other members at their defaults.
  static SimulationOptions for_rule(Rule rule);
  double gamma_value() const;
  double nu_value() const;
  // Throws dln::InvalidInput naming the flag: "lr", "epochs", "batch", "rule" (a §8 rule on an architecture
  // other than dense), "gamma", "nu".
  void validate(const analytic::DatasetSpec& spec, analytic::Architecture arch) const;
};

// The text of a warning (without "warning: ") when options.lr violates full-batch GD's linear stability
// bound at the minimum (analytic::gd_stability; docs/theory.md §4: deep η·s < 1, shallow η·λ < 2, η = P·lr);
// nothing when it holds. For rules other than gd it is a guide: their backprop part takes the same step.
std::optional<std::string> stability_warning(const analytic::ArchitectureModes& modes, const SimulationOptions& options);

}  // namespace dln::training
