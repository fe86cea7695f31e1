#pragma once
// Simulations repeated over seeds: run i uses seed + i for its initial weights and its SGD batch stream,
// and the result is the per-epoch mean and standard deviation of every column.
#include <cstdint>
#include <optional>
#include <vector>

#include "dln/analytic/trajectory.hpp"
#include "dln/numeric/objective.hpp"
#include "dln/training/options.hpp"

namespace dln::training {

struct InitOptions {
  enum class Kind { random, aligned };
  Kind kind = Kind::random;
  int hidden = 50;
  double scale = 2e-4;  // σ of numeric::random_init (the paper's dense 0.01/50)
  double a0 = 1e-6;     // strength of every mode for numeric::aligned_init
  // Throws dln::InvalidInput: "hidden" / "n1" when the weights would not fit or (aligned) hidden is below
  // the number of modes of a module, "init-scale", "a0".
  void validate(const analytic::DatasetSpec& spec, analytic::Architecture arch) const;
  // Throws dln::InvalidInput("init-scale" (random) | "a0" (aligned), …) unless it is a finite number > 0.
  void validate_strength() const;
};

// The initial weights of the run with this seed: numeric::random_init(spec, arch, hidden, σ, seed), or
// numeric::aligned_init(modes, hidden, a0), which uses no randomness.
analytic::NetworkWeights initial_weights(const numeric::Objective& objective, const InitOptions& init,
                                         std::uint64_t seed);

inline constexpr int kMaxSeeds = 1000;
// Throws dln::InvalidInput("seeds", …) unless 1 ≤ count ≤ kMaxSeeds and seed + count − 1 does not wrap.
void validate_seed_count(std::uint64_t seed, int count);

// Whether runs with different seeds differ: a random init draws its weights, SGD its batch order.
bool uses_seed(const InitOptions& init, Rule rule);
// validate_seed_count, and count > 1 only where uses_seed (else the runs would be identical); throws
// dln::InvalidInput("seeds", …).
void validate_seeds(std::uint64_t seed, int count, const InitOptions& init, Rule rule);

struct SeedEnsemble {
  std::vector<std::uint64_t> seeds;  // run seeds: seed, seed + 1, …
  // Per epoch, the mean over the runs of every column (family columns included). When a run diverges the
  // rows stop where the first run failed: status diverged, failed_at that epoch, failed_seed its run seed.
  // When options.on_row stops a run, the ensemble ends with it (status stopped; `seeds` lists the runs made).
  analytic::Trajectory mean;
  // Same rows and columns: the sample standard deviation (denominator count − 1; 0 for a single run).
  analytic::Trajectory sd;
  std::optional<std::uint64_t> failed_seed;
};

// Runs `count` simulations with run seeds seed, seed + 1, …: each from initial_weights(objective, init,
// seed_i), its SGD batches from batch_stream_seed(seed_i), on `jobs` threads (0: every core; the result does
// not depend on it, dln::parallel::OrderedPool). options.on_row sees every run's rows, one call at a time,
// runs interleaved when jobs > 1. Expects options.validate, init.validate and validate_seeds to have passed
// (dln simulate and experiments::LearningCurvesSpec call them once, before any work); checks only `jobs`.
SeedEnsemble simulate_seeds(const numeric::Objective& objective, const InitOptions& init,
                            const SimulationOptions& options, std::uint64_t seed, int count, int jobs = 0);

}  // namespace dln::training
