#pragma once
// One epoch of each learning rule, applied to the weights in place. Private to the library.
#include <cstdint>
#include <memory>

#include "dln/analytic/weights.hpp"
#include "dln/numeric/objective.hpp"

namespace dln::validation {

class EpochStepper {
public:
  virtual ~EpochStepper() = default;
  // `current` = objective.forward(weights) of the weights as they are on entry: simulate() has it from
  // measuring them, and the full-batch rules take their gradient (and more) from it instead of recomputing.
  virtual void epoch(analytic::NetworkWeights& weights, const numeric::ForwardPass& current) = 0;
};

// Full-batch GD (docs/theory.md §4): W −= η·∂L/∂W, η = P·lr, every module from the old weights.
std::unique_ptr<EpochStepper> make_gd_stepper(const numeric::Objective& objective, double lr);

// Minibatch SGD: each epoch one fresh permutation of the P patterns from std::mt19937_64(stream_seed),
// ⌈P/batch⌉ steps W −= lr·∂/∂W ½Σ_{c∈batch}‖y_c − W x_c‖².
std::unique_ptr<EpochStepper> make_sgd_stepper(const analytic::DatasetSpec& spec, analytic::Architecture arch,
                                               double lr, int batch, std::uint64_t stream_seed);

// docs/theory.md §8's rules on the dense network: backprop plus γ·(YYᵀ − ŶŶᵀ)·W2 and the Hebbian term ν.
std::unique_ptr<EpochStepper> make_hebbian_family_stepper(const numeric::Objective& objective, double lr,
                                                          double gamma, double nu);

}  // namespace dln::validation
