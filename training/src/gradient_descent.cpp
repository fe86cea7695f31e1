#include "dln/training/update_policy.hpp"

namespace dln::training {

namespace {

class GradientDescent : public UpdatePolicy {
public:
  GradientDescent(const numeric::Objective& objective, double lr)
      : objective_(objective), eta_(objective.modes().spec.P() * lr) {}

  void epoch(analytic::NetworkWeights& weights, const numeric::ForwardPass& current) override {
    // The gradient of every module is taken before any module moves: both updates use the old weights.
    objective_.gradient(weights, current, gradient_);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      weights[i].W1 -= eta_ * gradient_[i].W1;
      weights[i].W2 -= eta_ * gradient_[i].W2;
    }
  }

private:
  const numeric::Objective& objective_;
  double eta_;
  analytic::NetworkWeights gradient_;
};

}  // namespace

std::unique_ptr<UpdatePolicy> make_gradient_descent(const numeric::Objective& objective, double lr) {
  return std::make_unique<GradientDescent>(objective, lr);
}

}  // namespace dln::training
