#pragma once
// Learning curves (docs/theory.md §12 (a), (b)): a network trained from an actual init by one rule,
// beside the closed-form backprop dynamics of the same architecture started from the effective
// per-mode a0 of that same init (docs/theory.md §5).
#include <cstdint>
#include <optional>

#include "dln/analytic/architecture.hpp"
#include "dln/analytic/dataset.hpp"
#include "dln/analytic/theory.hpp"
#include "dln/analytic/trajectory.hpp"
#include "dln/experiments/report.hpp"
#include "dln/training/ensemble.hpp"
#include "dln/training/simulate.hpp"

namespace dln::experiments {

struct LearningCurvesResult {
  analytic::Trajectory simulation, theory;  // t = 0..epochs, fewer where a run stopped
  // With seeds > 1: `simulation` is the mean over the runs and this their sample standard deviation.
  std::optional<analytic::Trajectory> simulation_sd;
  Report report;
};

struct LearningCurvesSpec {
  analytic::DatasetSpec dataset;
  analytic::Architecture arch = analytic::Architecture::dense;
  training::SimulationOptions training;  // the rule, lr, epochs, batch, γ, ν
  training::InitOptions init;
  std::uint64_t seed = 0;  // of the random init and of SGD's batch order
  // Runs averaged (training::simulate_seeds: run i has seed + i for its init and batch order); the theory
  // starts from the init of `seed`. > 1 needs a seeded run (random init or SGD).
  int seeds = 1;
  analytic::TimeModel theory_time = analytic::TimeModel::discrete;

  // Whether the run draws from `seed`: a random init or SGD's batches.
  bool uses_seed() const;
  // Throws dln::InvalidInput with parameter "dataset.<key>", "training.<key>" or "init.<key>".
  void validate() const;
  // Expects a validated spec.
  LearningCurvesResult run() const;
};

}  // namespace dln::experiments
