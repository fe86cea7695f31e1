#pragma once
// Trained weights as files: --save-weights DIR writes DIR/epoch<t>/W1.npy and W2.npy (NPY v1.0, numpy.load
// reads them); --init-from DIR reads a directory of that shape back, checked against the architecture.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dln/numeric/data_training.hpp"
#include "training_flags.hpp"

namespace dln::cli {

struct WeightsFlags {
  std::string save_directory, init_directory;
  std::vector<int> save_epochs;  // empty: the last epoch only

  void add_to(CLI::App& app);
  // Throws InvalidInput("save-weights" / "save-epochs") before any work.
  void validate(int epochs) const;
  // Throws InvalidInput("save-weights" / "init-from") when either is given without --data (the built-in family
  // reaches them through dln dataset --out).
  void require_data() const;
  bool saves(int t, int epochs) const;
  void save(int t, const numeric::DenseWeights& weights) const;
  // The weights of --init-from, or nothing; throws InvalidInput("init-from", "<file>: …") when a shape
  // does not fit `inputs` → `outputs`.
  std::optional<numeric::DenseWeights> initial(Eigen::Index inputs, Eigen::Index outputs) const;
  // The weights a --data run starts from: --init-from's, or the training flags' random or aligned init on
  // the data's modes (the same for simulate and integrate).
  numeric::DenseWeights start(const TrainingFlags& training, const analytic::DataModes& modes, Eigen::Index inputs,
                              Eigen::Index outputs) const;
};

}  // namespace dln::cli
