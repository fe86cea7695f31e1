#pragma once
// Minibatch gradients from the data's structure, and SGD's per-epoch shuffle.
#include <Eigen/Dense>
#include <random>
#include <vector>

#include "dln/analytic/architecture.hpp"
#include "dln/analytic/dataset.hpp"
#include "dln/analytic/weights.hpp"
#include "dln/numeric/data_side.hpp"

namespace dln::validation {

using numeric::Batch;

// The summed half squared error of a batch, ½·Σ_{c∈batch} ‖y_c − W x_c‖², and its gradient per module.
// A batch of B columns of X is B columns of Ωx plus B scaled unit vectors per Γ copy: no (n1 + k1P)- or
// P-sized covariance is formed.
class MinibatchObjective {
public:
  MinibatchObjective(const analytic::DatasetSpec& spec, analytic::Architecture arch);
  ~MinibatchObjective();
  MinibatchObjective(MinibatchObjective&&) noexcept;
  MinibatchObjective& operator=(MinibatchObjective&&) noexcept;

  // ∂/∂W of the batch's summed half squared error (not divided by B or P), with the weights' shapes.
  // The full batch, in any order, gives P·∂L/∂W of numeric::Objective.
  void gradient(const analytic::NetworkWeights& weights, Batch batch, analytic::NetworkWeights& gradient) const;
  // weights −= lr·gradient, every module from the old weights, touching only the columns of W1 the batch
  // reaches (the Ω columns and B per Γ copy): what an SGD step costs when B ≪ P. W2 changes everywhere
  // (its update −lr·∂/∂W2 = lr·R·H_Bᵀ is dense), so a step is O(B·h·outputs) and an epoch O(P·h·outputs).
  void step(analytic::NetworkWeights& weights, Batch batch, double lr) const;

private:
  struct Module;
  struct Residuals;
  Residuals residuals(const Module& m, const analytic::ModuleWeights& w, Batch batch) const;
  std::vector<Module> modules_;
};

// Overwrites `order` with a fresh uniformly random permutation of 0..P−1 (P = order.size()): a
// Fisher–Yates shuffle of the identity with boost::random::uniform_int_distribution, so that a seed gives
// the same order with every compiler (std::shuffle's and std's distributions' outputs are not specified).
void shuffle_patterns(std::mt19937_64& engine, std::vector<Eigen::Index>& order);

}  // namespace dln::validation
