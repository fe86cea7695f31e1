#pragma once
// docs/theory.md §10's held-out-combination experiment: train on a subset T of the P patterns (full-batch GD
// with the Σ's normalised by |T| and η = P·lr, τ = 1/(P·lr)), test on the rest, and compare with the
// min-norm map Y_T X_T⁺ that GD from a small init converges to.
#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "dln/analytic/architecture.hpp"
#include "dln/analytic/data_modes.hpp"
#include "dln/analytic/dataset.hpp"
#include "dln/analytic/trajectory.hpp"

namespace dln::validation {

// A user's data instead of the built-in family (dln generalize --data), samples as columns. With blocks the
// losses are split into Ωy and Γy rows and the systematicity read-out uses Ωx and Γx; without them every
// output row counts as one block, reported in the omega fields (the gamma fields stay 0).
struct GeneralizeData {
  Eigen::MatrixXd X, Y;
  std::optional<analytic::DataBlocks> blocks;
};

struct GeneralizeOptions {
  analytic::DatasetSpec spec;  // unused with data
  std::shared_ptr<const GeneralizeData> data;  // null: the built-in family of `spec`
  analytic::Architecture arch = analytic::Architecture::dense;
  // false removes the compositional input rows Ωx from X (§10's configuration 0 0 1 1 2: X = r·I_P while
  // the patterns keep n1 bits, so that Ωy = S·Ωx still exists). Only this experiment supports it: the
  // closed forms of analytic:: all assume Ωx is part of X.
  bool input_features = true;
  std::vector<int> train;  // pattern indices (columns of X and Y) trained on; the others are the test set
  double lr = 0.02;        // step on the summed half squared error; η = P·lr
  int epochs = 500;
  int hidden = 50;
  double init_scale = 1e-3;  // σ of the i.i.d. N(0, σ²) init (§10)
  std::uint64_t seed = 0;    // run i uses seed + i
  int seeds = 1;
  int jobs = 0;  // threads for the runs (0: every core); the result does not depend on it
  // Called after each epoch of each run with the number of such (run, epoch) rows done so far, out of
  // seeds·(epochs + 1): a progress bar's hook, called from the pool's threads one at a time; may be empty.
  std::function<void(std::int64_t rows_done)> on_row;
  // Throws dln::InvalidInput naming the flag: the dataset's own, "train" (empty, repeated, ≥ P, or every
  // pattern), "lr", "epochs", "hidden", "init-scale", "seeds", "n1" (data too large for dense matrices);
  // with data "arch" (dense only), "no-input-features", and "data" or "hidden" for sizes.
  void validate() const;
  // The number of patterns (samples): the family's P or the data's columns.
  std::uint64_t patterns() const;

private:
  void validate_data() const;
  void validate_family_size() const;
};

// A uniformly random subset of round(fraction·P) distinct patterns, sorted, drawn with a Fisher–Yates
// shuffle from std::mt19937_64(seed) and boost::random (identical across compilers). Throws
// dln::InvalidInput("train-fraction", …) unless 0 < fraction ≤ 1 and the subset is not empty.
std::vector<int> draw_training_subset(std::uint64_t patterns, double fraction, std::uint64_t seed);

// Each: the mean over the output rows of the block of the sum over the samples of the set of the squared
// error (§10), 0 when the block has no rows (n2 = 0 or k2 = 0: nothing to get wrong). omega = the
// compositional outputs Ωy, gamma = the per-item outputs Γy.
struct SplitLosses {
  double train_omega = 0.0, test_omega = 0.0, train_gamma = 0.0, test_gamma = 0.0;
};

// The systematicity read-outs of the network's map (analytic::systematicity and ‖W[Ωy,Ωx] − S‖, docs/theory.md §6).
// Without input features W[Ωy,Ωx] does not exist and counts as 0, so dist_S = ‖S‖ = √n2. On data there is no
// S: dist_S is 0, and so is systematicity without blocks.
struct SystematicityReadouts {
  double systematicity = 0.0, dist_S = 0.0;
};

struct GeneralizeRow {
  int t = 0;
  SplitLosses mean, sd;  // over the seeds (sd: denominator seeds − 1; 0 for one run)
  SystematicityReadouts readouts_mean, readouts_sd;
};

struct GeneralizeResult {
  std::vector<GeneralizeRow> rows;  // t = 0..epochs, fewer when a run diverged
  SplitLosses min_norm;             // of the converged map Y_T X_T⁺, per module
  std::vector<std::uint64_t> seeds;
  analytic::RunStatus status = analytic::RunStatus::ok;
  std::optional<int> failed_at;  // first epoch with a non-finite loss
  std::optional<std::uint64_t> failed_seed;
};

// The losses of the min-norm map, in closed form (no training).
SplitLosses min_norm_losses(const GeneralizeOptions& options);

// Validates the options, then trains options.seeds networks from different random inits.
GeneralizeResult generalize(const GeneralizeOptions& options);

}  // namespace dln::validation
