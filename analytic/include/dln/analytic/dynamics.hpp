#pragma once
// Closed-form dynamics of one mode (docs/theory.md §5). Time t is in epochs; τ = 1/(P·lr) and η = P·lr.
#include <vector>

namespace dln::analytic {

enum class TimeModel { flow, discrete };  // gradient flow, or the exact map of full-batch GD

// Deep flow: a(t) = a*/(1 − (1 − a*/a0)·e^(−2st/τ)), written as a*·a0/(a0 + (a* − a0)·e^(−2st/τ)) so that
// a0 = 0 stays 0 and large t/τ cannot overflow.
double deep_flow(double s, double lambda, double a0, double t_over_tau);
// Deep, exact for discrete full-batch GD from aligned init: a_{t+1} = a_t·(1 + η(s − λ a_t))².
double deep_discrete_step(double s, double lambda, double a, double eta);
// Shallow flow: a(t) = a* + (a0 − a*)·e^(−λt/τ).
double shallow_flow(double s, double lambda, double a0, double t_over_tau);
// Shallow discrete GD: a_t = a* + (a0 − a*)(1 − ηλ)^t.
double shallow_discrete(double s, double lambda, double a0, double eta, int t);
// Deep flow half-rise time t½ = (τ/2s)·ln(a*/a0 − 1), in epochs (for a0 < a*/2).
double deep_half_rise_epochs(double s, double lambda, double a0, double lr, double P);

// One mode's strength epoch by epoch: a(0) = a0, and advance() moves to the next epoch by the flow's closed form at
// t·η or one step of the discrete map. A learning curve reads its modes this way, one number per mode held at any
// time, so that its memory does not grow with the epochs (10⁶ epochs of the 1 013 modes of π3 at n1 = 10 would be
// 8 GB as series).
class ModeCurve {
public:
  ModeCurve(double s, double lambda, double a0, bool deep, TimeModel time, double eta);
  double value() const { return value_; }  // a(epoch()); not finite once a discrete map has diverged
  int epoch() const { return t_; }
  void advance();

private:
  double s_, lambda_, a0_, eta_;
  bool deep_;
  TimeModel time_;
  int t_ = 0;
  double value_;
};

// a(0), a(1), …, a(epochs) of one mode (ModeCurve's values). A discrete map that leaves the finite numbers stops
// there: the series is then shorter than epochs + 1 (the caller reports divergence).
std::vector<double> mode_series(double s, double lambda, double a0, bool deep, TimeModel time, double lr,
                                double P, int epochs);

}  // namespace dln::analytic
