#include <cassert>

#include "dln/numeric/data_side.hpp"
#include "dln/training/update_policy.hpp"

namespace dln::training {

namespace {

// docs/theory.md §8 (the original code's definitions), with H = W1X, Ŷ = W2W1X, E = Σyx − W2W1Σx, and every
// term from the old weights:
//   W1 ← W1 + η·W2ᵀE + Hebb,   W2 ← W2 + η·(E W1ᵀ + γ·(YYᵀ − ŶŶᵀ)·W2),
//   Hebb = ν·H·(Xᵀ − HᵀW1) for ν > 0 (Oja),  ν·diag(1/(1 − ‖w1_i‖²))·H Xᵀ for ν < 0,  0 for ν = 0,
// YYᵀ and ŶŶᵀ not divided by P, the Hebbian term not scaled by η. η·W2ᵀE and η·E W1ᵀ are −η·∂L/∂W, taken
// from numeric::Objective, so γ = ν = 0 is full-batch GD exactly.
//
// The outputs × outputs matrices YYᵀ and ŶŶᵀ (P²-sized) are never formed: YYᵀW2 = (W2ᵀY·Yᵀ)ᵀ through
// the structure of Y, and ŶŶᵀW2 = W2·((HHᵀ)·(W2ᵀW2)) with h × h factors, so an epoch costs O(P·h²).
// H, HHᵀ, W2ᵀY and W2ᵀW2 are the objective's forward products of the old weights, shared with the gradient
// step (numeric::Objective::descend).
class HebbianFamily : public UpdatePolicy {
public:
  HebbianFamily(const numeric::Objective& objective, double lr, double gamma, double nu)
      : objective_(objective), eta_(objective.modes().spec.P() * lr), gamma_(gamma), nu_(nu),
        in_(objective.modes().spec, analytic::Block::all, numeric::Side::input),
        out_(objective.modes().spec, analytic::Block::all, numeric::Side::output) {
    assert(objective.modes().arch == analytic::Architecture::dense);
  }

  void epoch(analytic::NetworkWeights& weights, const numeric::ForwardPass& current) override {
    // The extra terms from the old weights first; then backprop's step, the same full-batch GD step as
    // make_gradient_descent's (so γ = ν = 0 is GD bit for bit), and the extra terms on top.
    Eigen::MatrixXd& W1 = weights[0].W1;
    Eigen::MatrixXd& W2 = weights[0].W2;
    Eigen::MatrixXd extra1, extra2;
    const numeric::ModuleProducts& p = current.modules[0];
    const Eigen::MatrixXd& H = p.H;  // hidden × P
    const Eigen::MatrixXd& HHt = p.HHt;
    if (gamma_ != 0.0) {
      const Eigen::MatrixXd target = out_.times_transpose(p.A).transpose();  // YYᵀW2 = (W2ᵀY·Yᵀ)ᵀ
      const Eigen::MatrixXd predicted = W2 * (HHt * p.G);                     // ŶŶᵀW2
      extra2 = (eta_ * gamma_) * (target - predicted);
    }
    if (nu_ > 0.0) {
      extra1 = nu_ * (in_.times_transpose(H) - HHt * W1);
    } else if (nu_ < 0.0) {
      const Eigen::VectorXd damping = (1.0 - W1.rowwise().squaredNorm().array()).inverse();
      extra1 = nu_ * (damping.asDiagonal() * in_.times_transpose(H));
    }
    objective_.descend(weights, current, eta_);
    if (extra1.size() > 0) W1 += extra1;
    if (extra2.size() > 0) W2 += extra2;
  }
  // Oja's term HHᵀ·W1 moves each copy by its own weights; the others are (…)·Xᵀ, alike for every copy.
  bool moves_input_copies_alike() const override { return nu_ <= 0.0; }

private:
  const numeric::Objective& objective_;
  double eta_, gamma_, nu_;
  numeric::DataSide in_, out_;
};

}  // namespace

std::unique_ptr<UpdatePolicy> make_hebbian_family(const numeric::Objective& objective, double lr,
                                                  double gamma, double nu) {
  return std::make_unique<HebbianFamily>(objective, lr, gamma, nu);
}

}  // namespace dln::training
