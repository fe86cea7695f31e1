#pragma once
// --data X Y and --blocks: a user's own data instead of the built-in family (docs/theory.md §2:
// samples as columns), and the row ranges of Ωx, Γx, Ωy, Γy for the quadrant read-outs.
#include <CLI/CLI.hpp>
#include <Eigen/Dense>
#include <optional>
#include <string>
#include <nlohmann/json.hpp>
#include <vector>

#include "dln/analytic/data_modes.hpp"
#include "dln/analytic/data_theory.hpp"

namespace dln::cli {

struct DataFlags {
  std::vector<std::string> files;  // empty: the built-in family
  std::string blocks_text;

  // Registers --data and --blocks.
  void add_to(CLI::App& app);
  bool given() const { return !files.empty(); }

  struct Loaded {
    Eigen::MatrixXd X, Y;
    analytic::DataModes modes;
    std::optional<analytic::DataBlocks> blocks;
    double loss_offset = 0.0;  // ‖Y‖²/(2P)
  };
  // Reads and checks both files and the blocks; throws InvalidInput("data" / "blocks", …).
  Loaded load() const;
  // The files and blocks for a manifest.
  nlohmann::json parameters() const;
};

// Throws InvalidInput("arch", …) unless arch_name is dense: the data has no module structure.
void require_dense_with_data(const std::string& arch_name);

// The rate of a run on the data: --lr when given, else the flag's default capped at half the stability
// estimate numeric::stable_data_lr (so that a first run does not diverge on data with large Σx).
double data_lr(const CLI::App& app, double lr_flag, const analytic::DataModes& modes);

// The CSV of a learning curve on the data: t, loss, s1 … s<rank> (the strengths u_jᵀ W v_j) and, with
// blocks, the quadrant norms under the column names of docs/conventions.md.
std::string data_csv(const analytic::DataCurve& curve, int rank, bool blocks);

// The last row for the manifest's "final": t, loss, s1 … s<rank>; null without rows.
nlohmann::json data_final_values(const analytic::DataCurve& curve);

}  // namespace dln::cli
