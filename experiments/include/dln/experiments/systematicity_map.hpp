#pragma once
// How far the converged dense network is from systematic, over the per-item copies k1 and scale r: the
// share of the compositional outputs' weight that sits on the per-item inputs, ‖ΓxΩy‖ / ‖W[Ωy, :]‖ =
// ΓxΩy / √(ΩxΩy² + ΓxΩy²) of the min-norm solution (docs/theory.md §6): 0 for a systematic map, → 1 as
// the per-item inputs take over. Closed form only: no training, no seeds.
#include <vector>

#include "dln/analytic/dataset.hpp"
#include "dln/experiments/report.hpp"

namespace dln::experiments {

// One n1's grid: share[j * k1.size() + i] at (k1[i], r[j]).
struct SystematicityGrid {
  int n1 = 0;
  std::vector<double> share;
};

struct SystematicityMapResult {
  std::vector<SystematicityGrid> grids;  // one per n1 of the spec, in its order
  Report report;
};

struct SystematicityMapSpec {
  std::vector<int> n1, k1;  // k1 strictly increasing
  int n2 = 1, k2 = 1;
  std::vector<double> r;  // strictly increasing
  // How a figure shows the grid (read by figures/ only): a logarithmic r axis, each value in its cell.
  bool log_r = true, print_values = true;

  analytic::DatasetSpec dataset(int n1_value, int k1_value, double r_value) const;
  // Throws dln::InvalidInput("n1" | "n2" | "k1" | "r" | a dataset key, …): every grid point must be a
  // valid dataset.
  void validate() const;
  // Expects a validated spec.
  SystematicityMapResult run() const;
};

// ‖ΓxΩy‖ / ‖W[Ωy, :]‖ of the min-norm map of the dense network on this dataset.
double non_systematic_share(const analytic::DatasetSpec& dataset);

}  // namespace dln::experiments
