#include "weights_files.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"
#include "dln/io/atomic_file.hpp"
#include "dln/io/matrix_file.hpp"
#include "dln/io/output_target.hpp"

namespace dln::cli {

namespace fs = std::filesystem;

void WeightsFlags::add_to(CLI::App& app) {
  app.add_option("--save-weights", save_directory,
                 "existing directory: writes epoch<t>/W1.npy and W2.npy (hidden × inputs, outputs × hidden; "
                 "numpy.load reads them) at the --save-epochs");
  app.add_option("--save-epochs", save_epochs, "epochs whose weights --save-weights writes, e.g. 0,100,300 "
                                               "(default: the last)")
      ->delimiter(',');
  app.add_option("--init-from", init_directory, "start from DIR/W1.npy and DIR/W2.npy (e.g. a --save-weights "
                                                "epoch<t> directory); their shapes set the hidden width");
}

void WeightsFlags::validate(int epochs) const {
  if (!save_epochs.empty() && save_directory.empty()) throw InvalidInput("save-epochs", "needs --save-weights DIR");
  for (int t : save_epochs)
    if (t < 0 || t > epochs)
      throw InvalidInput("save-epochs", fmt::format("{} is outside the run; accepted: epochs 0..{}", t, epochs));
  std::error_code ec;
  if (!save_directory.empty() && !fs::is_directory(save_directory, ec))
    throw InvalidInput("save-weights", fmt::format("'{}' is not an existing directory (create it first)", save_directory));
  // Found writable before any work: the epoch<t> directories are created in it as the run reaches them.
  if (!save_directory.empty()) io::check_output_target(fs::path(save_directory) / "W1.npy", "save-weights");
}

void WeightsFlags::require_data() const {
  if (!save_directory.empty() || !init_directory.empty())
    throw InvalidInput(init_directory.empty() ? "save-weights" : "init-from",
                       "needs --data X Y here (for the built-in family: dln dataset --out DIR, then --data DIR/X.npy "
                       "DIR/Y.npy)");
}

numeric::DenseWeights WeightsFlags::start(const TrainingFlags& training, const analytic::DataModes& modes,
                                         Eigen::Index inputs, Eigen::Index outputs) const {
  if (auto loaded = initial(inputs, outputs)) return std::move(*loaded);
  return training.random_init()
             ? numeric::random_dense_init(inputs, outputs, training.hidden, training.init_scale, training.seed)
             : numeric::aligned_dense_init(modes, training.hidden, training.a0);
}

bool WeightsFlags::saves(int t, int epochs) const {
  if (save_directory.empty()) return false;
  return save_epochs.empty() ? t == epochs : std::find(save_epochs.begin(), save_epochs.end(), t) != save_epochs.end();
}

void WeightsFlags::save(int t, const numeric::DenseWeights& weights) const {
  const fs::path dir = fs::path(save_directory) / fmt::format("epoch{}", t);
  fs::create_directories(dir);
  io::write_file(dir / "W1.npy", io::npy_bytes(weights.W1));
  io::write_file(dir / "W2.npy", io::npy_bytes(weights.W2));
}

std::optional<numeric::DenseWeights> WeightsFlags::initial(Eigen::Index inputs, Eigen::Index outputs) const {
  if (init_directory.empty()) return std::nullopt;
  const fs::path w1_file = fs::path(init_directory) / "W1.npy", w2_file = fs::path(init_directory) / "W2.npy";
  numeric::DenseWeights w{io::read_matrix(w1_file, "init-from"), io::read_matrix(w2_file, "init-from")};
  if (w.W1.cols() != inputs)
    throw InvalidInput("init-from", fmt::format("{}: {} × {} has {} columns where the data has {} inputs", w1_file.string(),
                                                w.W1.rows(), w.W1.cols(), w.W1.cols(), inputs));
  if (w.W2.rows() != outputs || w.W2.cols() != w.W1.rows())
    throw InvalidInput("init-from", fmt::format("{}: {} × {} where {} × {} is needed ({} outputs, hidden {} from W1.npy)",
                                                w2_file.string(), w.W2.rows(), w.W2.cols(), outputs, w.W1.rows(),
                                                outputs, w.W1.rows()));
  return w;
}

}  // namespace dln::cli
