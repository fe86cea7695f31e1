#pragma once
// The multi-rule dataset "Jarvis-R" (docs/modules.md §1.1): the Jarvis inputs X = [Ωx ; r·I_P (k1 copies)]
// and R rules; rule ρ asks for compositional feature κ(ρ) on ONE shared answer row, beside the rule-independent
// per-item block: Y_ρ = [x_κ(ρ) ; r·I_P (k2 copies)]. The rule is side information seen only by the gates.
// Samples are the R·P pairs (pattern c, rule ρ), pair weight π_ρ/P. R = 1 is the single-rule dataset with
// n2 = 1 and keep = {κ(1)}.
#include <cstdint>
#include <vector>

#include "dln/analytic/dataset.hpp"

namespace dln::modules {

struct RuleDataset {
  int n1 = 3;
  int k1 = 3;
  int k2 = 1;
  double r = 1.0;
  int rules = 3;             // R, 1 ≤ R ≤ n1
  std::vector<int> kappa;    // feature asked for by each rule (0-based, injective); empty = 0, 1, …, R−1
  std::vector<double> prior; // π, a distribution over the rules; empty = uniform 1/R

  // Throws dln::InvalidInput naming the key ("n1", "k1", "k2", "r", "rules", "kappa", "prior") and the range.
  void validate() const;

  std::uint64_t patterns() const { return std::uint64_t{1} << n1; }
  double P() const { return static_cast<double>(patterns()); }
  double L1() const { return P() + k1 * r * r; }
  double L2() const { return P() + k2 * r * r; }
  double beta_x() const;  // r·√(k1/P): the gain of a per-item input block on one latent
  double beta_y() const;  // r·√(k2/P): the per-item target on one latent
  int queried_feature(int rule) const;  // κ(ρ), defaults resolved
  double rule_prior(int rule) const;    // π_ρ, defaults resolved
  double prior_norm_squared() const;    // ‖π‖² = Σ π_ρ²
  std::vector<int> queried_features() const;  // κ(ρ) for every rule, defaults resolved
  std::vector<double> rule_priors() const;    // π_ρ for every rule, defaults resolved

  // Rule ρ alone, as the single-rule dataset (n2 = 1, keep = {κ(ρ)}).
  analytic::DatasetSpec single_rule(int rule) const;
};

}  // namespace dln::modules
