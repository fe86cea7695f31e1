#include "dln/training/rule.hpp"

#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"

namespace dln::training {

std::string_view to_string(Rule rule) {
  switch (rule) {
    case Rule::gd: return "gd";
    case Rule::sgd: return "sgd";
    case Rule::hebbian: return "hebbian";
    case Rule::anti_hebbian: return "anti-hebbian";
    case Rule::contrastive_hebbian: return "contrastive-hebbian";
    case Rule::predictive_coding: return "predictive-coding";
  }
  return "?";
}

Rule parse_rule(std::string_view name) {
  for (Rule rule : kRules)
    if (name == to_string(rule)) return rule;
  throw dln::InvalidInput("rule", fmt::format("must be one of {}, got '{}'", kRuleNames, name));
}

bool dense_only(Rule rule) { return rule != Rule::gd && rule != Rule::sgd; }

RuleDefaults rule_defaults(Rule rule) {
  switch (rule) {
    case Rule::gd:
    case Rule::sgd: return {0.02, 300, 0.0, 0.0};
    case Rule::hebbian: return {0.01, 1500, 0.0, +0.001};
    case Rule::anti_hebbian: return {0.01, 1500, 0.0, -0.001};
    case Rule::contrastive_hebbian: return {0.005, 1500, +1.0, 0.0};
    case Rule::predictive_coding: return {0.01, 3000, -1.0, 0.0};
  }
  return {};
}

}  // namespace dln::training
