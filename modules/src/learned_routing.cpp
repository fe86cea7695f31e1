#include "dln/modules/learned_routing.hpp"

#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <fmt/format.h>
#include <random>

#include "dln/analytic/invalid_input.hpp"

namespace dln::modules {

Eigen::MatrixXd logit_descent(const Description& description, const Eigen::MatrixXd& gates, const Eigen::MatrixXd& drive) {
  Eigen::MatrixXd descent = Eigen::MatrixXd::Zero(gates.rows(), gates.cols());
  for (int rho = 0; rho < description.dataset.rules; ++rho) {
    double mean_drive = 0.0;  // Σ_{m' softmax} g_{m'}(ρ) h_{m'ρ}
    for (int m = 0; m < description.size(); ++m)
      if (description.modules[static_cast<std::size_t>(m)].gate.kind == GateKind::softmax)
        mean_drive += gates(m, rho) * drive(m, rho);
    for (int m = 0; m < description.size(); ++m)
      if (description.modules[static_cast<std::size_t>(m)].gate.kind == GateKind::softmax)
        descent(m, rho) = gates(m, rho) * (drive(m, rho) - mean_drive) / description.temperature;
  }
  return descent;
}

Eigen::MatrixXd initial_logits(const Description& description, double sigma, std::uint64_t seed) {
  if (!std::isfinite(sigma) || sigma < 0.0)
    throw InvalidInput("logit-noise", fmt::format("must be a finite number ≥ 0 (σ of the N(0, σ²) added to the "
                                                  "initial logits), got {}", sigma));
  Eigen::MatrixXd logits = logit_matrix(description);
  if (sigma == 0.0) return logits;
  constexpr std::uint32_t kLogitStream = 0x6c6f6769;  // "logi": keeps this stream apart from the weights' stream
  std::seed_seq sequence{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32), kLogitStream};
  std::mt19937_64 engine(sequence);
  boost::random::normal_distribution<double> normal(0.0, sigma);
  for (int rho = 0; rho < description.dataset.rules; ++rho)
    for (int m = 0; m < description.size(); ++m)
      if (description.modules[static_cast<std::size_t>(m)].gate.kind == GateKind::softmax) logits(m, rho) += normal(engine);
  return logits;
}

}  // namespace dln::modules
