#include "dln/training/update_policy.hpp"

namespace dln::training {

namespace {

class GradientDescent : public UpdatePolicy {
public:
  GradientDescent(const numeric::Objective& objective, double lr)
      : objective_(objective), eta_(objective.modes().spec.P() * lr) {}

  // The step of every module is taken from `current`, the products of the old weights.
  void epoch(analytic::NetworkWeights& weights, const numeric::ForwardPass& current) override {
    objective_.descend(weights, current, eta_);
  }
  bool moves_input_copies_alike() const override { return true; }  // W1's step is (η/P)·D·X_mᵀ

private:
  const numeric::Objective& objective_;
  double eta_;
};

}  // namespace

std::unique_ptr<UpdatePolicy> make_gradient_descent(const numeric::Objective& objective, double lr) {
  return std::make_unique<GradientDescent>(objective, lr);
}

}  // namespace dln::training
