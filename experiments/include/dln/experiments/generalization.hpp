#pragma once
// The held-out-combination experiment (docs/theory.md §10) for several dataset configurations: train
// and test losses of the trained network against those of the min-norm map Y_T X_T⁺.
#include <cstddef>
#include <string>
#include <vector>

#include "dln/analytic/dataset.hpp"
#include "dln/experiments/report.hpp"
#include "dln/validation/generalize.hpp"

namespace dln::experiments {

struct GeneralizationConfiguration {
  analytic::DatasetSpec dataset;
  bool input_features = true;  // false: X without the compositional rows Ωx
  std::string label;           // "n1 n2 k1 k2 r" as docs/theory.md §10 writes it, or a reader's own
  // Output blocks that exist: Ωy rows need n2 > 0, Γy rows k2 > 0.
  bool has_omega_outputs() const { return dataset.n2 > 0; }
  bool has_gamma_outputs() const { return dataset.k2 > 0; }
};

// The label docs/theory.md §10 gives a configuration: "n1 n2 k1 k2 r", and ", no Ωx inputs".
std::string default_label(const analytic::DatasetSpec& dataset, bool input_features);

struct GeneralizationResult {
  std::vector<validation::GeneralizeResult> runs;  // one per configuration
  Report report;
};

struct GeneralizationSpec {
  std::vector<GeneralizationConfiguration> configurations;
  validation::GeneralizeOptions training;  // everything but the dataset and input_features

  // The options of configuration i: `training` with its dataset and input features.
  validation::GeneralizeOptions options(std::size_t i) const;
  // Throws dln::InvalidInput: "configuration" (none), "configuration.N.<key>" (the dataset of the N-th,
  // from 1, or a network without outputs) or "training.<key>" (a training value that fails with the
  // N-th configuration, which the message names when there are several).
  void validate() const;
  // Expects a validated spec.
  GeneralizationResult run() const;
};

}  // namespace dln::experiments
