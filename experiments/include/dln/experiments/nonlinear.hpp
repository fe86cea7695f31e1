#pragma once
// The non-linear check (docs/nonlinear.md): two-layer ReLU networks on the dataset space beside the linear
// theory, and dense vs split ReLU networks on compositional Fashion-MNIST under both test protocols.
#include <Eigen/Core>
#include <vector>

#include "dln/analytic/trajectory.hpp"
#include "dln/experiments/report.hpp"
#include "dln/nonlinear/fashion.hpp"
#include "dln/nonlinear/jarvis.hpp"
#include "dln/validation/generalize.hpp"

namespace dln::experiments {

// One architecture of the dataset-space experiment.
struct ReluDatasetArchitecture {
  analytic::Architecture arch = analytic::Architecture::dense;
  nonlinear::SeedCurves all_patterns;  // ReLU, every pattern trained
  analytic::Trajectory linear;         // the linear network's closed form, same σ, hidden and seed
  nonlinear::SeedCurves held_out;      // ReLU, trained on the held-out spec's patterns
  validation::SplitLosses min_norm;    // the linear min-norm map's losses on that split
};

struct ReluDatasetResult {
  std::vector<ReluDatasetArchitecture> architectures;  // dense, split, segregated
  Report report;
};

struct ReluDatasetSpec {
  nonlinear::JarvisOptions all_patterns;  // `train` must be empty; `arch` is ignored (each is run)
  nonlinear::JarvisOptions held_out;      // `train` must name the trained patterns
  // Throws dln::InvalidInput("all_patterns.<flag>" | "held_out.<flag>", …).
  void validate() const;
  // Expects a validated spec.
  ReluDatasetResult run() const;
};

// One (protocol, architecture) of the Fashion-MNIST experiment.
struct ReluFashionRun {
  nonlinear::Protocol protocol = nonlinear::Protocol::held_out;
  analytic::Architecture arch = analytic::Architecture::dense;
  Eigen::Index training_composites = 0, test_composites = 0;
  nonlinear::SeedCurves curves;
};

struct ReluFashionResult {
  std::vector<ReluFashionRun> runs;  // held-out dense, held-out split, instances dense, instances split
  Report report;
};

struct ReluFashionSpec {
  nonlinear::CompositeDataOptions data;    // `protocol` is ignored (both are run)
  nonlinear::ImageNetworkOptions network;  // `arch` is ignored (dense and split are run)
  // Throws dln::InvalidInput("data.<flag>" | "network.<flag>", …).
  void validate() const;
  // Expects a validated spec; reads the dataset files (dln::InvalidInput("data", …) when they are missing).
  ReluFashionResult run() const;
};

}  // namespace dln::experiments
