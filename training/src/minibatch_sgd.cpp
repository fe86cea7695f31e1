#include <algorithm>
#include <random>
#include <vector>

#include "dln/numeric/minibatch_objective.hpp"
#include "dln/training/update_policy.hpp"

namespace dln::training {

namespace {

class MinibatchSgd : public UpdatePolicy {
public:
  MinibatchSgd(const analytic::DatasetSpec& spec, analytic::Architecture arch, double lr, int batch,
               std::uint64_t stream_seed)
      : objective_(spec, arch), lr_(lr), batch_(static_cast<std::size_t>(batch)), engine_(stream_seed),
        order_(spec.patterns()) {}

  // SGD's steps move the weights within the epoch, so the full-batch products of its start are no use.
  void epoch(analytic::NetworkWeights& weights, const numeric::ForwardPass& /*current*/) override {
    shuffle_patterns(engine_, order_);
    // ⌈P/B⌉ steps; when B does not divide P the last batch is the P mod B patterns left over.
    objective_.epoch(weights, order_, batch_, lr_);
  }
  bool moves_input_copies_alike() const override { return true; }  // each step's W1 part is −lr·D·X_Bᵀ

private:
  numeric::SummedMinibatchObjective objective_;
  double lr_;
  std::size_t batch_;
  std::mt19937_64 engine_;
  std::vector<Eigen::Index> order_;
};

}  // namespace

std::unique_ptr<UpdatePolicy> make_minibatch_sgd(const analytic::DatasetSpec& spec, analytic::Architecture arch,
                                                 double lr, int batch, std::uint64_t stream_seed) {
  return std::make_unique<MinibatchSgd>(spec, arch, lr, batch, stream_seed);
}

}  // namespace dln::training
