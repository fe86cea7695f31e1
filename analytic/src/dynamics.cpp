#include "dln/analytic/dynamics.hpp"

#include <cmath>

namespace dln::analytic {

double deep_flow(double s, double lambda, double a0, double t_over_tau) {
  if (s <= 0.0 || lambda <= 0.0) return a0;
  const double a_star = s / lambda;
  const double decay = std::exp(-2.0 * s * t_over_tau);
  return a_star * a0 / (a0 + (a_star - a0) * decay);
}

double deep_discrete_step(double s, double lambda, double a, double eta) {
  const double growth = 1.0 + eta * (s - lambda * a);
  return a * growth * growth;
}

double shallow_flow(double s, double lambda, double a0, double t_over_tau) {
  if (lambda <= 0.0) return a0;
  const double a_star = s / lambda;
  return a_star + (a0 - a_star) * std::exp(-lambda * t_over_tau);
}

double shallow_discrete(double s, double lambda, double a0, double eta, int t) {
  if (lambda <= 0.0) return a0;
  const double a_star = s / lambda;
  return a_star + (a0 - a_star) * std::pow(1.0 - eta * lambda, t);
}

double deep_half_rise_epochs(double s, double lambda, double a0, double lr, double P) {
  const double tau = 1.0 / (P * lr);
  return tau / (2.0 * s) * std::log(s / lambda / a0 - 1.0);
}

std::vector<double> mode_series(double s, double lambda, double a0, bool deep, TimeModel time, double lr,
                                double P, int epochs) {
  const double eta = P * lr;  // = 1/τ
  std::vector<double> a;
  a.reserve(static_cast<std::size_t>(epochs) + 1);
  double current = a0;
  for (int t = 0; t <= epochs; ++t) {
    if (t > 0) {
      if (time == TimeModel::flow)
        current = deep ? deep_flow(s, lambda, a0, t * eta) : shallow_flow(s, lambda, a0, t * eta);
      else
        current = deep ? deep_discrete_step(s, lambda, current, eta) : shallow_discrete(s, lambda, a0, eta, t);
    }
    if (!std::isfinite(current)) break;
    a.push_back(current);
  }
  return a;
}

}  // namespace dln::analytic
