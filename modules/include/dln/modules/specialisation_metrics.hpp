#pragma once
// Mittal, Bengio & Lajoie's five specialisation metrics of a routing matrix (docs/modules.md §6.1); computed by
// specialisation_metrics (specialisation.hpp), carried by every read-out row of a routed run (readout.hpp).
#include <optional>

namespace dln::modules {

struct SpecialisationMetrics {
  double collapse_avg = 0.0;                // M/(M−1)·Σ_m max(1/M − p_m, 0); 0 balanced, 1 all on one module
  double collapse_worst = 0.0;              // 1 − M·min_m p_m; 1 when some module is never used
  double inverse_mutual_information = 0.0;  // (log R − MI)/log R; 0 one-to-one, 1 independent
  double alignment = 0.0;                   // Σ|Π − Q|/(2R) with Π the best (partial) permutation; 0 a permutation
  // Mean over Dirichlet seeds 0..99 of ½Σ|sort(p) − sort(Qᵀp)|. Only defined for M = R (std::nullopt otherwise):
  // it compares the rule mix p with the module usage it causes, entry by entry after sorting, which needs vectors
  // of the same length.
  std::optional<double> adaptation;
};

}  // namespace dln::modules
