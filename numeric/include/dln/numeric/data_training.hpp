#pragma once
// Full-batch gradient descent of a dense two-layer linear network Ŷ = W2·W1·X on a user's data
// (docs/theory.md §4), through Σx and Σyx only: every step costs O(h·n²) whatever the sample count P.
// The built-in family keeps its structured path (numeric::Objective); this one is for arbitrary X, Y.
#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "dln/analytic/data_modes.hpp"
#include "dln/analytic/data_theory.hpp"

namespace dln::numeric {

struct DenseWeights {
  Eigen::MatrixXd W1, W2;  // hidden × inputs, outputs × hidden
};

// W1 and W2 i.i.d. N(0, σ²) from std::mt19937_64(seed) through boost::random::normal_distribution,
// W1 before W2, column-major.
DenseWeights random_dense_init(Eigen::Index inputs, Eigen::Index outputs, int hidden, double sigma, std::uint64_t seed);

// Balanced weights on the data's rank modes, each at strength a0: W1 = R·√a0·Vᵀ, W2 = U·√a0·Rᵀ with R the
// first columns of the identity. Throws InvalidInput("hidden") when hidden < the rank.
DenseWeights aligned_dense_init(const analytic::DataModes& modes, int hidden, double a0);

struct DataTrainingOptions {
  double lr = 0.0;  // per-pattern rate: a step is W −= P·lr·∂L/∂W (η = P·lr, as for the built-in family)
  int epochs = 0;
  std::optional<analytic::DataBlocks> blocks;
  // Called with the weights at t = 0, 1, …, epochs (before the step of epoch t), e.g. to save some.
  std::function<void(int t, const DenseWeights&)> on_epoch;
};

// The rows are those of the closed form (analytic::data_theory), so that the two compare column by column.
using DataRow = analytic::DataRow;
using DataRun = analytic::DataCurve;

// The row of epoch t for the weights: the loss (loss_offset = ‖Y‖²/(2P), the loss of W = 0), the strengths
// u_jᵀ W v_j and, with blocks, the quadrant norms. Its loss is not finite when the weights have blown up.
DataRow measure_on_data(const analytic::DataModes& modes, double loss_offset, const DenseWeights& weights, int t,
                        const std::optional<analytic::DataBlocks>& blocks);

// loss_offset = ‖Y‖²/(2P), the loss of W = 0.
DataRun train_on_data(const analytic::DataModes& modes, double loss_offset, DenseWeights weights,
                      const DataTrainingOptions& options);

// The largest stable full-batch rate near the fixed point, lr < 2/(P·(2·λ_max·a_max)) with the
// Hessian bound of docs/theory.md §4 (λ_max the largest eigenvalue of Σx, a_max the largest asymptote).
double stable_data_lr(const analytic::DataModes& modes);

}  // namespace dln::numeric
