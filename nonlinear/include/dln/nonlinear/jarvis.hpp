#pragma once
// Two-layer ReLU networks on the dataset space of docs/theory.md §2 (docs/nonlinear.md §2–3): the dense,
// split and segregated arrangements of docs/theory.md §7, each module h = relu(W1x + b1), ŷ = W2h + b2,
// trained by GD or minibatch SGD on all patterns or on a subset of them (the held-out-combination
// experiment of docs/theory.md §10), read out per epoch through the mean input–output Jacobian.
#include <cstdint>
#include <string>
#include <vector>

#include "dln/analytic/architecture.hpp"
#include "dln/analytic/dataset.hpp"
#include "dln/nonlinear/seed_curves.hpp"

namespace dln::nonlinear {

inline constexpr int kMaxJarvisHidden = 10'000;
inline constexpr int kMaxJarvisEpochs = 1'000'000;
// X and Y are explicit matrices here (P is small: these are the paper's toy datasets).
inline constexpr double kMaxJarvisDataEntries = 1.0e7;

struct JarvisOptions {
  analytic::DatasetSpec spec;
  analytic::Architecture arch = analytic::Architecture::dense;  // dense, split or segregated (two layers)
  std::vector<int> train;  // trained pattern indices; empty = all P patterns (nothing held out)
  double lr = 0.02;        // step on the summed half squared error over the batch, times P/|T| (§4, §10)
  int epochs = 300;
  int batch = 0;           // samples per SGD step; 0 = full batch (GD)
  int hidden = 50;         // hidden ReLU units per module
  double init_scale = 2e-4;  // σ of the N(0, σ²) weights and biases
  std::uint64_t seed = 0;  // run i uses seed + i
  int seeds = 1;
  // Throws dln::InvalidInput naming the flag: the dataset's own, "n1" (data too large), "arch" (shallow is
  // not a two-layer network), "train", "lr", "epochs", "batch", "hidden", "init-scale", "seeds".
  void validate() const;
};

// Columns of the curves: the loss on the training patterns (1/2|T|)Σ‖y − ŷ‖²; the four quadrant norms of the
// mean Jacobian J̄ over all P patterns (docs/nonlinear.md §2) and its systematicity GxOy/√(OxOy² + GxOy²);
// the §10 losses (mean over the block's output rows of the sum over the set's patterns of the squared
// error; test losses are 0 when nothing is held out).
inline const std::vector<std::string> kJarvisColumns{
    "loss",        "OxOy",       "GxOy",        "OxGy",      "GxGy",
    "systematicity", "train_omega", "test_omega", "train_gamma", "test_gamma"};

// Validates the options and trains options.seeds networks from seeds seed, seed + 1, … (init first, then
// the same engine shuffles the SGD batches). Rows t = 0..epochs, fewer when a run diverged.
SeedCurves train_jarvis(const JarvisOptions& options);

}  // namespace dln::nonlinear
