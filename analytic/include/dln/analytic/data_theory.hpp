#pragma once
// Learning curves on a user's data (docs/theory.md §5 on the data's numerical modes): the closed forms when
// Σx and Σyx share right singular vectors (DataModes::misalignment ≤ kModeTolerance), one row per epoch
// with the loss, the strengths u_jᵀ W v_j of the rank modes and, with blocks, the quadrant norms. The same
// rows are what numeric::train_on_data measures, so the two compare column by column.
#include <Eigen/Dense>
#include <optional>
#include <vector>

#include "dln/analytic/data_modes.hpp"
#include "dln/analytic/dynamics.hpp"

namespace dln::analytic {

struct DataRow {
  int t = 0;
  double loss = 0.0;                   // (1/2P)‖Y − W X‖²
  Eigen::VectorXd strengths;           // u_jᵀ W v_j for the data's rank modes
  std::optional<Quadrants> quadrants;  // with blocks
};

struct DataCurve {
  std::vector<DataRow> rows;
  std::optional<int> failed_at;  // first epoch whose loss was not finite (rows stop before it)
};

// Throws InvalidInput("data", …) naming the misalignment and its size when the closed forms do not apply.
void require_closed_forms(const DataModes& modes);

// ¼‖W1 v_j + W2ᵀ u_j‖² for each rank mode: the effective a0 of an actual init (docs/theory.md §5).
Eigen::VectorXd data_initial_strengths(const DataModes& modes, const Eigen::MatrixXd& W1, const Eigen::MatrixXd& W2);

struct DataTheoryOptions {
  double lr = 0.0;  // per-pattern rate, η = P·lr (as numeric::DataTrainingOptions)
  int epochs = 0;
  TimeModel time = TimeModel::discrete;
  std::optional<DataBlocks> blocks;
};

// The closed-form curve from the strengths a0 (one per rank mode) of balanced, aligned weights; expects
// require_closed_forms(modes) to hold. loss_offset = ‖Y‖²/(2P). With W = Σ a_j u_j v_jᵀ and Σx v_j = λ_j v_j
// the loss is loss_offset − Σ s_j a_j + ½ Σ λ_j a_j² (docs/theory.md §5).
DataCurve data_theory(const DataModes& modes, double loss_offset, const Eigen::VectorXd& a0,
                      const DataTheoryOptions& options);

}  // namespace dln::analytic
