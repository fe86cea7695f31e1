#pragma once
// Simulated training (docs/theory.md §4, §8) of actual weights, one row per epoch measured with
// numeric::Objective::measure (t = 0 is the initial state), for comparison with the closed forms.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "dln/analytic/trajectory.hpp"
#include "dln/analytic/weights.hpp"
#include "dln/numeric/objective.hpp"
#include "dln/validation/rule.hpp"

namespace dln::validation {

struct SimulationOptions {
  Rule rule = Rule::gd;
  double lr = 0.02;  // step on the summed half squared error; a full-batch step has η = P·lr (docs/theory.md §4)
  int epochs = 300;
  // sgd only: patterns per step, 1 ≤ batch ≤ P (0 for every other rule). B need not divide P: an epoch
  // is ⌈P/B⌉ steps over one fresh permutation, the last batch holding the P mod B patterns left over
  // (it takes a proportionally smaller step, since each step is lr times the batch's *summed* gradient).
  int batch = 0;
  // docs/theory.md §8's contrastive (γ) and Hebbian (ν) strengths; unset = rule_defaults(rule). Only the four §8
  // rules have these terms (gd and sgd accept 0 at most).
  std::optional<double> gamma;
  std::optional<double> nu;
  // Called with t after row t is recorded (a progress bar's hook); may be empty. simulate_seeds passes the
  // number of rows recorded before this one over all its runs instead, i·(epochs + 1) + t for run i.
  std::function<void(std::int64_t)> on_row;

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

// The seed of a run's SGD batch stream: the first output of SplitMix64 seeded with the run seed, so that
// the stream shares no bits with numeric::random_init's std::mt19937_64 seeded with the run seed itself.
std::uint64_t batch_stream_seed(std::uint64_t run_seed);

// Trains `weights` (in the module order of objective.modes().arch) with the options' rule: full-batch
// GD W −= η·∂L/∂W on every module from the old weights; SGD with batches drawn from
// std::mt19937_64(batch_stream_seed(seed)); or docs/theory.md §8's update. `seed` matters for sgd only.
// Rows t = 0..epochs; at the first epoch with a non-finite weight or read-out the run stops with
// status diverged and failed_at = that epoch, the rows before it kept. Validates the options first.
analytic::Trajectory simulate(const numeric::Objective& objective, analytic::NetworkWeights weights,
                              const SimulationOptions& options, std::uint64_t seed);

}  // namespace dln::validation
