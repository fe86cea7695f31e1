#pragma once
// The modes of a user's data (docs/theory.md §3, numerically): the SVD Σyx = U S Vᵀ and the
// eigendecomposition of Σx, with Σx = XXᵀ/P and Σyx = YXᵀ/P (samples as columns). The closed forms of
// docs/theory.md §5 hold when Σx and Σyx share right singular vectors, Σx v_j = λ_j v_j for every mode
// with s_j > 0; `misalignment` measures how far that is from true.
#include <Eigen/Dense>
#include <optional>
#include <string>

#include "dln/analytic/readout.hpp"

namespace dln::analytic {

// Half-open row ranges [begin, end) of Ωx, Γx (rows of X) and Ωy, Γy (rows of Y).
struct RowRange {
  Eigen::Index begin = 0, end = 0;
};
struct DataBlocks {
  RowRange omega_x, gamma_x, omega_y, gamma_y;
};
// "a:b,c:d,e:f,g:h" (Ωx, Γx, Ωy, Γy); throws InvalidInput("blocks", …) when malformed, overlapping or
// outside X's / Y's rows.
DataBlocks parse_blocks(const std::string& text, Eigen::Index x_rows, Eigen::Index y_rows);

struct DataModes {
  Eigen::Index P = 0;
  Eigen::MatrixXd sigma_x, sigma_yx;
  Eigen::MatrixXd U, V;     // left and right singular vectors of Σyx, columns in descending s
  Eigen::VectorXd s;        // singular values of Σyx, descending
  Eigen::VectorXd lambda;   // v_jᵀ Σx v_j for each mode
  Eigen::VectorXd eigen_x;  // eigenvalues of Σx, descending
  int rank = 0;             // modes with s_j > tolerance·s_1
  // max over the rank modes of ‖Σx v_j − λ_j v_j‖ / ‖Σx‖₂: 0 when the closed forms apply exactly.
  double misalignment = 0.0;
  Eigen::VectorXd asymptote() const;  // s_j / λ_j (0 where λ_j = 0), the end value of mode j
};

// Relative size below which a singular value counts as zero, and above which the misalignment makes
// the closed forms inapplicable: a few hundred ulps of the SVD's own backward error.
inline constexpr double kModeTolerance = 1e-9;

// Throws InvalidInput("data", …) when X and Y have different sample counts.
DataModes data_modes(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y);

// The quadrant norms ‖W[R, C]‖_F of an input-output map W (outputs × inputs) over the blocks.
Quadrants block_quadrants(const Eigen::MatrixXd& W, const DataBlocks& blocks);

}  // namespace dln::analytic
