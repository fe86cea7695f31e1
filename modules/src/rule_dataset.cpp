#include "dln/modules/rule_dataset.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"

namespace dln::modules {

void RuleDataset::validate() const {
  single_rule(0).validate();  // n1, k1, k2 and r have the single-rule dataset's ranges
  if (rules < 1 || rules > n1)
    throw InvalidInput("rules",
                       fmt::format("must be an integer in [1, n1 = {}] (each rule asks for its own feature), got {}",
                                   n1, rules));
  if (!kappa.empty()) {
    if (static_cast<int>(kappa.size()) != rules)
      throw InvalidInput("kappa", fmt::format("must list one feature per rule (rules = {}), got {} entries", rules,
                                              kappa.size()));
    for (std::size_t i = 0; i < kappa.size(); ++i) {
      if (kappa[i] < 0 || kappa[i] >= n1)
        throw InvalidInput("kappa", fmt::format("entries must be feature indices in [0, n1 − 1 = {}], got {}", n1 - 1,
                                                kappa[i]));
      if (std::count(kappa.begin(), kappa.end(), kappa[i]) > 1)
        throw InvalidInput("kappa",
                           fmt::format("must be injective (one feature per rule), feature {} is repeated", kappa[i]));
    }
  }
  if (!prior.empty()) {
    if (static_cast<int>(prior.size()) != rules)
      throw InvalidInput("prior", fmt::format("must list one probability per rule (rules = {}), got {} entries", rules,
                                              prior.size()));
    double sum = 0.0;
    for (double p : prior) {
      if (!std::isfinite(p) || p <= 0.0)
        throw InvalidInput("prior",
                           fmt::format("entries must be finite and > 0 (a rule of prior 0 is no rule), got {}", p));
      sum += p;
    }
    // A prior typed with a few decimals sums to 1 within rounding; 1e-9 accepts that and rejects a typo.
    if (std::abs(sum - 1.0) > 1e-9)
      throw InvalidInput("prior", fmt::format("must sum to 1 (a distribution over the rules), sums to {}", sum));
  }
}

double RuleDataset::beta_x() const { return r * std::sqrt(k1 / P()); }
double RuleDataset::beta_y() const { return r * std::sqrt(k2 / P()); }

int RuleDataset::queried_feature(int rule) const {
  return kappa.empty() ? rule : kappa[static_cast<std::size_t>(rule)];
}

double RuleDataset::rule_prior(int rule) const {
  return prior.empty() ? 1.0 / rules : prior[static_cast<std::size_t>(rule)];
}

double RuleDataset::prior_norm_squared() const {
  double sum = 0.0;
  for (int rho = 0; rho < rules; ++rho) sum += rule_prior(rho) * rule_prior(rho);
  return sum;
}

analytic::DatasetSpec RuleDataset::single_rule(int rule) const {
  const int feature = kappa.empty()
                          ? rule
                          : (rule < static_cast<int>(kappa.size()) ? kappa[static_cast<std::size_t>(rule)] : 0);
  return {n1, 1, k1, k2, r, {std::clamp(feature, 0, std::max(0, n1 - 1))}};
}

std::vector<int> RuleDataset::queried_features() const {
  std::vector<int> features;
  for (int rho = 0; rho < rules; ++rho) features.push_back(queried_feature(rho));
  return features;
}

std::vector<double> RuleDataset::rule_priors() const {
  std::vector<double> priors;
  for (int rho = 0; rho < rules; ++rho) priors.push_back(rule_prior(rho));
  return priors;
}

}  // namespace dln::modules
