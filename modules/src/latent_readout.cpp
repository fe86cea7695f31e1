#include "dln/modules/latent_readout.hpp"

#include <algorithm>
#include <cmath>

namespace dln::modules {

analytic::Quadrants quadrants_from_squares(const QuadrantSquares& s) {
  const auto root = [](double v) { return std::sqrt(std::max(0.0, v)); };  // rounding can leave −1e-30
  return {root(s[0][0]), root(s[0][1]), root(s[1][0]), root(s[1][1])};
}

double intended_fraction(const ModuleSpec& module, const QuadrantSquares& s) {
  const double total = s[0][0] + s[0][1] + s[1][0] + s[1][1];
  if (total <= 0.0) return 0.0;
  const bool per_item = module.input == Block::gamma || module.output == Block::gamma;
  return (per_item ? s[1][1] : s[0][0]) / total;
}

Eigen::MatrixXd data_prior_diagonal(const RuleDataset& data) {
  Eigen::VectorXd pi(data.rules);
  for (int rho = 0; rho < data.rules; ++rho) pi(rho) = data.rule_prior(rho);
  return pi.asDiagonal();
}

}  // namespace dln::modules
