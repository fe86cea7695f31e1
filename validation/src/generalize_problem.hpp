#pragma once
// The §10 experiment's data as explicit matrices (P is small here: the experiment is about a handful of
// patterns), which module sees which rows, and the split losses of a network's prediction.
#include <Eigen/Dense>
#include <vector>

#include "dln/analytic/weights.hpp"
#include "dln/validation/generalize.hpp"

namespace dln::validation::detail {

// Rows [begin, begin + count) of X or Y.
struct RowRange {
  Eigen::Index begin = 0, count = 0;
};

struct GeneralizeModule {
  RowRange in, out;
  bool deep = true;
  Eigen::MatrixXd X_train, Y_train;  // the module's rows of X and Y, training columns only
};

class GeneralizeProblem {
public:
  explicit GeneralizeProblem(const GeneralizeOptions& options);  // options must be valid

  // Random N(0, σ²) weights of numeric::random_init, less the columns of Ωx when it is not an input.
  analytic::NetworkWeights initial_weights(std::uint64_t seed) const;
  // One full-batch GD step on the training columns, every module from its old weights:
  // W −= (P·lr/|T|)·∂/∂W ½Σ_{c∈T}‖y_c − W x_c‖² (the Σ's normalised by |T|, η = P·lr, §10).
  void step(analytic::NetworkWeights& weights) const;
  // Train and test losses of the network's prediction on all P patterns.
  SplitLosses losses(const analytic::NetworkWeights& weights) const;
  SystematicityReadouts readouts(const analytic::NetworkWeights& weights) const;
  // Train and test losses of the min-norm map Y_T X_T⁺ of every module.
  SplitLosses min_norm_losses() const;

private:
  SplitLosses losses_of(const Eigen::MatrixXd& prediction) const;  // prediction: outputs × P
  SystematicityReadouts data_readouts(const analytic::NetworkWeights& weights) const;

  GeneralizeOptions options_;
  Eigen::MatrixXd X_, Y_;  // (Ωx rows when kept ; Γx) × P and (Ωy ; Γy) × P, or the user's data
  Eigen::Index omega_in_ = 0, omega_out_ = 0;  // the family's leading Ωx and Ωy rows
  RowRange omega_rows_, gamma_rows_;           // the rows of Y in each loss
  std::vector<int> test_;
  std::vector<GeneralizeModule> modules_;
  double eta_ = 0.0;  // P·lr/|T|
};

}  // namespace dln::validation::detail
