#include "dln/training/update_policy.hpp"

#include <boost/random/uniform_int_distribution.hpp>
#include <numeric>

namespace dln::training {

std::unique_ptr<UpdatePolicy> make_update_policy(const numeric::Objective& objective, const SimulationOptions& options,
                                                 std::uint64_t seed) {
  const auto& modes = objective.modes();
  switch (options.rule) {
    case Rule::gd: return make_gradient_descent(objective, options.lr);
    case Rule::sgd: return make_minibatch_sgd(modes.spec, modes.arch, options.lr, options.batch, batch_stream_seed(seed));
    case Rule::hebbian:
    case Rule::anti_hebbian:
    case Rule::contrastive_hebbian:
    case Rule::predictive_coding:
      return make_hebbian_family(objective, options.lr, options.gamma_value(), options.nu_value());
  }
  return nullptr;
}

std::uint64_t batch_stream_seed(std::uint64_t run_seed) {
  // SplitMix64 (Steele, Lea & Flood 2014): state += golden gamma, then the mixing function.
  std::uint64_t z = run_seed + 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

void shuffle_patterns(std::mt19937_64& engine, std::vector<Eigen::Index>& order) {
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  for (std::size_t i = order.size(); i > 1; --i) {
    boost::random::uniform_int_distribution<std::size_t> pick(0, i - 1);
    std::swap(order[i - 1], order[pick(engine)]);
  }
}

}  // namespace dln::training
