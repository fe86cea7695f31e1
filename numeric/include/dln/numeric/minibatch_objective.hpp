#pragma once
// Minibatch gradients and steps from the data's structure. Unlike numeric::Objective, whose loss is the mean
// L = (1/2P)‖Y − WX‖² over all P patterns, this objective is the *summed* half squared error of a batch (the
// scale of the paper's lr, so that a step is lr times the batch's summed gradient): hence the name.
#include <Eigen/Dense>
#include <span>
#include <vector>

#include "dln/analytic/architecture.hpp"
#include "dln/analytic/dataset.hpp"
#include "dln/analytic/weights.hpp"
#include "dln/numeric/data_side.hpp"

namespace dln::numeric {

// The summed half squared error of a batch, ½·Σ_{c∈batch} ‖y_c − W x_c‖², and its gradient per module.
// A batch of B columns of X is B columns of Ωx plus B scaled unit vectors per Γ copy: no (n1 + k1P)- or
// P-sized covariance is formed.
class SummedMinibatchObjective {
public:
  SummedMinibatchObjective(const analytic::DatasetSpec& spec, analytic::Architecture arch);
  ~SummedMinibatchObjective();
  SummedMinibatchObjective(SummedMinibatchObjective&&) noexcept;
  SummedMinibatchObjective& operator=(SummedMinibatchObjective&&) noexcept;

  // ∂/∂W of the batch's summed half squared error (not divided by B or P), with the weights' shapes.
  // The full batch, in any order, gives P·∂L/∂W of numeric::Objective.
  void gradient(const analytic::NetworkWeights& weights, Batch batch, analytic::NetworkWeights& gradient) const;
  // weights −= lr·gradient, every module from the old weights, touching only the columns of W1 the batch
  // reaches (the Ω columns and B per Γ copy). W2 changes everywhere (its update −lr·∂/∂W2 = lr·R·H_Bᵀ is
  // dense), so a step is O(B·h·outputs); epoch() avoids that where it matters.
  void step(analytic::NetworkWeights& weights, Batch batch, double lr) const;
  // One epoch of SGD: the steps of the batches order[0, B), order[B, 2B), … (the last one may be
  // shorter). The same steps as step() batch by batch, but a deep module whose outputs far outnumber its
  // hidden units keeps W2 factored during the epoch (numeric/src/factored_output.hpp), which makes an
  // epoch O(P·h²) instead of O(P·h·outputs); results agree with step() to rounding.
  void epoch(analytic::NetworkWeights& weights, std::span<const Eigen::Index> order, std::size_t batch,
             double lr) const;

private:
  struct Module;
  struct Residuals;
  Residuals residuals(const Module& m, const analytic::ModuleWeights& w, Batch batch) const;
  void step_module(const Module& m, analytic::ModuleWeights& w, Batch batch, double lr) const;
  std::vector<Module> modules_;
};

}  // namespace dln::numeric
