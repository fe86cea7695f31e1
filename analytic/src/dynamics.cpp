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

ModeCurve::ModeCurve(double s, double lambda, double a0, bool deep, TimeModel time, double eta)
    : s_(s), lambda_(lambda), a0_(a0), eta_(eta), deep_(deep), time_(time), value_(a0) {}

void ModeCurve::advance() {
  ++t_;
  if (time_ == TimeModel::flow)
    value_ = deep_ ? deep_flow(s_, lambda_, a0_, t_ * eta_) : shallow_flow(s_, lambda_, a0_, t_ * eta_);
  else
    value_ = deep_ ? deep_discrete_step(s_, lambda_, value_, eta_) : shallow_discrete(s_, lambda_, a0_, eta_, t_);
}

std::vector<double> mode_series(double s, double lambda, double a0, bool deep, TimeModel time, double lr,
                                double P, int epochs) {
  std::vector<double> a;
  a.reserve(static_cast<std::size_t>(epochs) + 1);
  ModeCurve curve(s, lambda, a0, deep, time, P * lr);  // η = P·lr = 1/τ
  while (std::isfinite(curve.value())) {
    a.push_back(curve.value());
    if (curve.epoch() == epochs) break;
    curve.advance();
  }
  return a;
}

}  // namespace dln::analytic
