#include "dln/experiments/full_rank.hpp"

#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"

namespace dln::experiments {

void FullRankSpec::validate() const {
  if (n1.empty()) throw InvalidInput("n1", "must list at least one n1 (one panel each)");
  if (exact == ExactCounts::none && !draws) throw InvalidInput("samples", "must be ≥ 1 when no exact counts are asked for (nothing to compute otherwise)");
  for (int n : n1) {
    if (n < 1 || n > analytic::kMaxFullRankN1)
      throw InvalidInput("n1", fmt::format("must hold integers in [1, {}] (P = 2^n1 patterns), found {}",
                                           analytic::kMaxFullRankN1, n));
    if (n <= analytic::kMaxExactN1) continue;
    if (exact == ExactCounts::every_n1)
      throw InvalidInput("n1", fmt::format("must be ≤ {} for exact values: exact counting stops there, n1 = 7 has "
                                           "834 900 flats; use --method montecarlo, which covers n1 ≤ {}, got {}",
                                           analytic::kMaxExactN1, analytic::kMaxFullRankN1, n));
    if (!draws)
      throw InvalidInput("n1", fmt::format("holds {}, beyond exact counting (n1 ≤ {}): set samples > 0 for a Monte "
                                           "Carlo estimate",
                                           n, analytic::kMaxExactN1));
  }
  if (draws) {
    monte_carlo.validate();
  } else if (monte_carlo.samples < 0 || monte_carlo.samples > analytic::kMaxFullRankSamples) {
    throw InvalidInput("samples", fmt::format("must be in [0, {}] (0: exact counts only), got {}",
                                              analytic::kMaxFullRankSamples, monte_carlo.samples));
  }
}

FullRankResult FullRankSpec::run() const {
  FullRankResult result;
  for (int n : n1) {
    FullRankRows rows;
    rows.n1 = n;
    if (exact == ExactCounts::every_n1 || (exact == ExactCounts::where_reachable && n <= analytic::kMaxExactN1))
      rows.exact = analytic::full_rank_exact(n);
    if (original_test && n <= analytic::kMaxEnumerationN1) rows.original = analytic::abs_gram_by_enumeration(n);
    if (draws) rows.monte_carlo = analytic::full_rank_monte_carlo(n, monte_carlo);
    result.panels.push_back(std::move(rows));
  }
  if (draws) result.report.seeds = {monte_carlo.seed};
  return result;
}

}  // namespace dln::experiments
