#pragma once
// The learning rules `dln simulate` trains with, and the defaults of docs/theory.md §8's table.
#include <array>
#include <string_view>

namespace dln::training {

// gd: full-batch gradient descent (docs/theory.md §4); sgd: minibatch SGD; the other four are docs/theory.md §8's
// rules for the two-layer dense network: backprop plus a contrastive term γ·(YYᵀ − ŶŶᵀ)·W2 on W2
// and a Hebbian term of strength ν on W1.
enum class Rule { gd, sgd, hebbian, anti_hebbian, contrastive_hebbian, predictive_coding };
inline constexpr std::array<Rule, 6> kRules = {Rule::gd, Rule::sgd, Rule::hebbian, Rule::anti_hebbian,
                                               Rule::contrastive_hebbian, Rule::predictive_coding};

std::string_view to_string(Rule rule);  // gd, sgd, hebbian, anti-hebbian, contrastive-hebbian, predictive-coding
// Throws dln::InvalidInput("rule", …) for an unknown name.
Rule parse_rule(std::string_view name);
inline constexpr std::string_view kRuleNames =
    "gd, sgd, hebbian, anti-hebbian, contrastive-hebbian, predictive-coding";

// Whether the rule is defined for the two-layer dense network only (docs/theory.md §8's four rules).
bool dense_only(Rule rule);

// docs/theory.md §8's table (the original code's settings). gd and sgd: the paper's lr 0.02, 300 epochs,
// γ = ν = 0 (they have no contrastive or Hebbian term).
struct RuleDefaults {
  double lr = 0.02;
  int epochs = 300;
  double gamma = 0.0;  // contrastive term
  double nu = 0.0;     // Hebbian term: > 0 Oja, < 0 normalised anti-Hebbian, 0 none
};
RuleDefaults rule_defaults(Rule rule);

}  // namespace dln::training
