#pragma once
// How an epoch of training changes the weights: the optimizer's policy, kept apart from the objective it
// follows (the model is ensmallen's split of optimizer and function). numeric::Objective and
// numeric::SummedMinibatchObjective say what is minimised and compute its gradients; a policy says how the
// weights move. simulate() measures a row, asks the policy for an epoch, and repeats.
//
// From the flag to the update: `dln simulate --rule sgd` → SimulationOptions::rule = Rule::sgd →
// make_update_policy (below, training/src/update_policy.cpp) → make_minibatch_sgd → an epoch of
// numeric::SummedMinibatchObjective::epoch over a fresh permutation (training/src/minibatch_sgd.cpp).
#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include "dln/analytic/weights.hpp"
#include "dln/numeric/objective.hpp"
#include "dln/training/options.hpp"

namespace dln::training {

class UpdatePolicy {
public:
  virtual ~UpdatePolicy() = default;
  // `current` = objective.forward(weights) of the weights as they are on entry: simulate() has it from
  // measuring them, and the full-batch rules take their gradient (and more) from it instead of recomputing.
  virtual void epoch(analytic::NetworkWeights& weights, const numeric::ForwardPass& current) = 0;
  // True when every epoch adds the same matrix to each of W1's Γ copies (a step V·Xᵀ): the copies' spread about
  // their mean then stays as initialised, and simulate() reads the Gram of W1's Γ columns through it
  // (numeric::CopySpread).
  virtual bool moves_input_copies_alike() const { return false; }
};

// The policy of options.rule, for a run whose seed is `seed` (sgd: its batch stream; the others use none).
// The options must be valid (SimulationOptions::validate).
std::unique_ptr<UpdatePolicy> make_update_policy(const numeric::Objective& objective, const SimulationOptions& options,
                                                 std::uint64_t seed);

// Full-batch GD (docs/theory.md §4): W −= η·∂L/∂W, η = P·lr, every module from the old weights.
std::unique_ptr<UpdatePolicy> make_gradient_descent(const numeric::Objective& objective, double lr);

// Minibatch SGD: each epoch one fresh permutation of the P patterns from std::mt19937_64(stream_seed),
// ⌈P/batch⌉ steps W −= lr·∂/∂W ½Σ_{c∈batch}‖y_c − W x_c‖².
std::unique_ptr<UpdatePolicy> make_minibatch_sgd(const analytic::DatasetSpec& spec, analytic::Architecture arch,
                                                 double lr, int batch, std::uint64_t stream_seed);

// docs/theory.md §8's rules on the dense network: backprop plus γ·(YYᵀ − ŶŶᵀ)·W2 and the Hebbian term ν.
std::unique_ptr<UpdatePolicy> make_hebbian_family(const numeric::Objective& objective, double lr, double gamma,
                                                  double nu);

// The seed of a run's SGD batch stream: the first output of SplitMix64 seeded with the run seed, so that
// the stream shares no bits with numeric::random_init's std::mt19937_64 seeded with the run seed itself.
std::uint64_t batch_stream_seed(std::uint64_t run_seed);

// Overwrites `order` with a fresh uniformly random permutation of 0..P−1 (P = order.size()): a
// Fisher–Yates shuffle of the identity with boost::random::uniform_int_distribution, so that a seed gives
// the same order with every compiler (std::shuffle's and std's distributions' outputs are not specified).
void shuffle_patterns(std::mt19937_64& engine, std::vector<Eigen::Index>& order);

}  // namespace dln::training
