#include <cmath>
#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"
#include "dln/analytic/theory.hpp"
#include "dln/training/options.hpp"

namespace dln::training {

namespace {

// γ or ν: any finite number for a docs/theory.md §8 rule, exactly 0 for gd and sgd (they have no such term).
void require_strength(double value, const char* name, Rule rule) {
  if (!dense_only(rule) && value != 0.0)
    throw dln::InvalidInput(name, fmt::format("must be 0 for --rule {} (only docs/theory.md §8's four rules have this term), "
                                              "got {}",
                                              to_string(rule), value));
  if (!std::isfinite(value))
    throw dln::InvalidInput(name, fmt::format("must be a finite number (either sign) for --rule {}, got {}",
                                              to_string(rule), value));
}

}  // namespace

SimulationOptions SimulationOptions::for_rule(Rule rule) {
  const RuleDefaults defaults = rule_defaults(rule);
  SimulationOptions options;
  options.rule = rule;
  options.lr = defaults.lr;
  options.epochs = defaults.epochs;
  return options;
}

double SimulationOptions::gamma_value() const { return gamma.value_or(rule_defaults(rule).gamma); }
double SimulationOptions::nu_value() const { return nu.value_or(rule_defaults(rule).nu); }

void SimulationOptions::validate(const analytic::DatasetSpec& spec, analytic::Architecture arch) const {
  analytic::TheoryOptions{lr, epochs}.validate();  // the same lr and epochs ranges as the closed forms
  if (rule == Rule::sgd) {
    if (batch < 1 || static_cast<std::uint64_t>(batch) > spec.patterns())
      throw dln::InvalidInput("batch", fmt::format("B must be an integer with 1 ≤ B ≤ P = {} for --rule sgd, got {}",
                                                   spec.patterns(), batch));
  } else if (batch != 0) {
    throw dln::InvalidInput("batch", fmt::format("applies to --rule sgd only, got --rule {}", to_string(rule)));
  }
  if (dense_only(rule) && arch != analytic::Architecture::dense)
    throw dln::InvalidInput("rule", fmt::format("{} applies to --arch dense only (docs/theory.md §8 defines it for the "
                                                "two-layer dense network), got --arch {}",
                                                to_string(rule), analytic::to_string(arch)));
  require_strength(gamma_value(), "gamma", rule);
  require_strength(nu_value(), "nu", rule);
}

std::optional<std::string> stability_warning(const analytic::ArchitectureModes& modes, const SimulationOptions& options) {
  const analytic::StabilityCheck check = analytic::gd_stability(modes, options.lr);
  if (check.stable()) return std::nullopt;
  std::string text = check.describe() + "; expect oscillation or divergence";
  if (options.rule == Rule::sgd)
    text += " (a guide for sgd: its steps over one epoch add up to one such GD step)";
  else if (options.rule != Rule::gd)
    text += fmt::format(" (a guide for --rule {}: its backprop part takes this step)", to_string(options.rule));
  return text;
}

}  // namespace dln::training
