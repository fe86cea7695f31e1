#pragma once
// Dense vs split ReLU networks on compositional Fashion-MNIST (docs/nonlinear.md §3–4), under the paper's
// test protocol (new instances of any combination) or on held-out combinations (a fraction of the 1 000
// class triples never seen in training).
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "dln/analytic/architecture.hpp"
#include "dln/nonlinear/composite.hpp"
#include "dln/nonlinear/seed_curves.hpp"

namespace dln::nonlinear {

enum class Protocol { new_instances, held_out };
std::string_view to_string(Protocol protocol);  // "instances", "held-out"
// Throws dln::InvalidInput("protocol", …) for an unknown name.
Protocol parse_protocol(std::string_view name);

inline constexpr int kMaxImageHidden = 4'096;
inline constexpr int kMaxImageEpochs = 10'000;

// Which composites are used and how.
struct CompositeDataOptions {
  std::filesystem::path data{std::string(kFashionDirectory)};
  int train_images = kTrainBlock;  // composites built from the training images, ≤ 20 000
  int test_images = kTestBlock;    // composites built from the test images, ≤ 3 333
  int pool = 1;                    // mean pooling factor, one of kPoolFactors
  Protocol protocol = Protocol::new_instances;
  double held_out_fraction = 0.25;  // held-out protocol: share of the 1 000 combinations never trained on
  std::uint64_t split_seed = 0;     // draws the held-out combinations
  int eval_samples = 1'028;         // composites the errors are measured on, per set (the paper's 1 028)
  // Throws dln::InvalidInput: "train-images", "test-images", "pool", "held-out-fraction", "eval-samples".
  void validate() const;
};

// The training and evaluation matrices of one protocol.
struct CompositeTask {
  Eigen::MatrixXf X_train, Y_train;            // every training composite (held-out combinations removed)
  Eigen::MatrixXf X_train_eval, Y_train_eval;  // the first eval_samples of them
  Eigen::MatrixXf X_test, Y_test;              // the first eval_samples test composites (held-out: of held-out
                                               // combinations only)
  std::vector<int> held_out;                   // the held-out combinations, sorted (empty: new instances)
};

// Throws dln::InvalidInput("held-out-fraction", …) when a set comes out empty.
CompositeTask make_task(const CompositeData& data, const CompositeDataOptions& options);
// Reads the files and makes the task (validating the options first).
CompositeTask load_task(const CompositeDataOptions& options);

// A uniform subset of round(fraction·1000) combinations (at least 1), sorted: the first steps of a
// Fisher–Yates shuffle driven by std::mt19937_64(seed) through boost::random.
std::vector<int> draw_held_out_combinations(double fraction, std::uint64_t seed);

struct ImageNetworkOptions {
  analytic::Architecture arch = analytic::Architecture::dense;  // dense or split
  // Total hidden ReLU units: the dense network has `hidden`, each split module hidden/2 (the paper's CNNs
  // keep the channel count: 32 dense, 16 per module).
  int hidden = 256;
  double lr = 2e-3;  // the paper's: on the mean over the batch of the summed squared error
  int batch = 16;
  int epochs = 300;
  double init_scale = 0.01;  // σ of every weight and bias (the paper's 0.01)
  std::uint64_t seed = 0;    // run i: init and batch order from std::mt19937_64(seed + i)
  int seeds = 1;
  // Throws dln::InvalidInput: "arch", "hidden", "lr", "batch" (≤ training composites), "epochs",
  // "init-scale", "seeds".
  void validate(Eigen::Index training_composites) const;
};

// Normalised errors (docs/theory.md §14): mean over the samples of the summed squared error over the 30
// compositional outputs / 3 and over the 1 000 per-item outputs / r² — predicting 0 gives 1.0 for both.
inline const std::vector<std::string> kImageColumns{"train_compositional", "test_compositional", "train_per_item",
                                                    "test_per_item"};

// Trains options.seeds networks on the task, as many at once as there are cores (each run depends on its seed
// only, so the numbers do not); rows t = 0..epochs of kImageColumns (fewer after a divergence).
SeedCurves train_images(const CompositeTask& task, const ImageNetworkOptions& options);

}  // namespace dln::nonlinear
