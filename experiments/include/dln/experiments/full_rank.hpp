#pragma once
// The probability that j distinct patterns drawn without replacement reveal the compositional structure
// (their n1 × n1 Gram matrix SᵀS is full rank; docs/theory.md §9): exact by counting, a Monte Carlo
// estimate with its Clopper–Pearson interval, and the original script's faulty test det(|G|) ≠ 0.
#include <vector>

#include "dln/analytic/fullrank.hpp"
#include "dln/experiments/report.hpp"

namespace dln::experiments {

// Rows j = n1..P of one n1; a list is empty where it is out of reach or not asked for.
struct FullRankRows {
  int n1 = 0;
  std::vector<analytic::ExactProbability> exact, original;
  std::vector<analytic::MonteCarloEstimate> monte_carlo;
};

struct FullRankResult {
  std::vector<FullRankRows> panels;  // one per n1 of the spec, in its order
  Report report;
};

// Which n1 get exact counts: those counting reaches (n1 ≤ kMaxExactN1; beyond, the estimate alone, as a
// recipe's panels), every n1 (one beyond is an error, as `dln fullrank --method exact` or `both`), or none.
enum class ExactCounts { where_reachable, every_n1, none };

struct FullRankSpec {
  std::vector<int> n1;  // one panel each
  ExactCounts exact = ExactCounts::where_reachable;
  bool draws = true;                        // Monte Carlo estimates, monte_carlo.samples ≥ 1 per j
  analytic::MonteCarloOptions monte_carlo;  // samples: 0 with draws off (a recipe's "exact counts only")
  bool original_test = true;

  // Throws dln::InvalidInput("n1" | "samples" | "confidence", …).
  void validate() const;
  // Expects a validated spec.
  FullRankResult run() const;
};

}  // namespace dln::experiments
