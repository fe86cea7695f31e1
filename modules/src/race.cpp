#include "dln/modules/race.hpp"

#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/external/eigen/eigen.hpp>
#include <cmath>
#include <numeric>

#include "dln/analytic/dynamics.hpp"

namespace dln::modules {

namespace ode = boost::numeric::odeint;

Eigen::VectorXd race_discrete_step(const Race& race, const Eigen::VectorXd& c, double eta) {
  const Eigen::VectorXd e = race.sigma - race.G * c;
  Eigen::VectorXd next(c.size());
  for (Eigen::Index m = 0; m < c.size(); ++m) {
    const double step = eta * race.nu(m) * e(m);
    next(m) = race.deep[static_cast<std::size_t>(m)] ? c(m) * (1.0 + step) * (1.0 + step) : c(m) + race.nu(m) * step;
  }
  return next;
}

PureRace pure_race(const Race& race) {
  PureRace pure;
  const Eigen::Index n = race.nu.size();
  for (bool deep : race.deep)
    if (!deep) return pure;
  Eigen::VectorXd gamma = race.G.diagonal().cwiseMax(0.0).cwiseSqrt();
  const double scale = race.G.cwiseAbs().maxCoeff();
  // Relative 1e-12: G and σ are sums of a few products of gates and priors, exact to a few ulps when pure.
  if (scale <= 0.0 || (race.G - gamma * gamma.transpose()).cwiseAbs().maxCoeff() > 1e-12 * scale) return pure;
  Eigen::Index lead = 0;
  gamma.maxCoeff(&lead);
  const double theta = race.sigma(lead) / gamma(lead);
  if ((race.sigma - theta * gamma).cwiseAbs().maxCoeff() > 1e-12 * std::max(1.0, std::abs(theta))) return pure;
  if (gamma.minCoeff() <= 0.0 || n == 0) return pure;
  pure.gamma = gamma;
  pure.kappa = gamma.cwiseProduct(race.nu);
  pure.theta = theta;
  return pure;
}

double race_final_phi(const Eigen::VectorXd& kappa, const Eigen::VectorXd& c0, double theta) {
  // f(Φ) = Σ c0 e^{κΦ} − θ is increasing (κ, c0 > 0); f(0) < 0 below the target. Bracket, then bisect until the
  // bracket stops shrinking.
  const auto f = [&](double phi) { return (c0.array() * (kappa.array() * phi).exp()).sum() - theta; };
  double lo = 0.0, hi = 1.0;
  if (f(lo) >= 0.0) {  // above the target: Φ decreases
    lo = -1.0;
    while (f(lo) > 0.0) lo *= 2.0;
    hi = 0.0;
  } else {
    while (f(hi) < 0.0) hi *= 2.0;
  }
  for (;;) {
    const double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) return f(hi) < -f(lo) ? hi : lo;
    (f(mid) < 0.0 ? lo : hi) = mid;
  }
}

Eigen::VectorXd race_final(const Eigen::VectorXd& kappa, const Eigen::VectorXd& c0, double theta) {
  const double phi = race_final_phi(kappa, c0, theta);
  return c0.array() * (kappa.array() * phi).exp();
}

namespace {

// Integrates dy/ds = rhs(y) with s = t·η (t in epochs), recording y at t = 0..epochs.
template <class Rhs>
std::vector<Eigen::VectorXd> integrate_epochs(Rhs rhs, Eigen::VectorXd y, double eta, int epochs, double rtol,
                                              double atol) {
  std::vector<Eigen::VectorXd> rows;
  std::vector<double> times(static_cast<std::size_t>(epochs) + 1);
  std::iota(times.begin(), times.end(), 0.0);
  using Stepper = ode::runge_kutta_dopri5<Eigen::VectorXd, double, Eigen::VectorXd, double, ode::vector_space_algebra>;
  ode::integrate_times(ode::make_dense_output(atol, rtol, Stepper()),
                       [&](const Eigen::VectorXd& x, Eigen::VectorXd& dxdt, double) { dxdt = eta * rhs(x); }, y,
                       times.begin(), times.end(), 1e-3, [&](const Eigen::VectorXd& x, double) { rows.push_back(x); });
  return rows;
}

}  // namespace

double race_time(const Eigen::VectorXd& kappa, const Eigen::VectorXd& c0, double theta, double phi) {
  // t/τ = ½∫_0^Φ dφ/(θ − Σ c0 e^{κφ}). Near Φ∞ the denominator is D(Φ∞ − φ), D = Σ κ c0 e^{κΦ∞}: subtract that pole
  // and integrate it exactly, so that the quadrature sees a smooth integrand up to Φ∞.
  const double end = race_final_phi(kappa, c0, theta);
  const double D = (kappa.array() * c0.array() * (kappa.array() * end).exp()).sum();
  const auto gap = [&](double x) { return theta - (c0.array() * (kappa.array() * x).exp()).sum(); };
  const auto smooth = [&](double x) {
    const double g = gap(x), pole = D * (end - x);
    // Where both are below rounding the difference is its limit, 0 to first order: the integrand is bounded.
    if (std::abs(g) < 1e-300 || std::abs(pole) < 1e-300) return 0.0;
    return 1.0 / g - 1.0 / pole;
  };
  if (phi == 0.0) return 0.0;
  const double integral = boost::math::quadrature::gauss_kronrod<double, 61>::integrate(smooth, 0.0, phi, 15, 1e-14);
  return 0.5 * (integral + std::log(end / (end - phi)) / D);
}

std::vector<double> race_phi(const Eigen::VectorXd& kappa, const Eigen::VectorXd& c0, double theta, double eta,
                             int epochs) {
  // Φ(t) inverts the monotone t(Φ) on [0, Φ∞): bisection on Φ until the bracket stops shrinking.
  const double end = race_final_phi(kappa, c0, theta);
  std::vector<double> phi = {0.0};
  double previous = 0.0;
  for (int t = 1; t <= epochs; ++t) {
    const double target = eta * t;  // t/τ
    double lo = previous, hi = end;
    for (;;) {
      const double mid = 0.5 * (lo + hi);
      if (mid == lo || mid == hi) break;
      (race_time(kappa, c0, theta, mid) < target ? lo : hi) = mid;
    }
    previous = lo;
    phi.push_back(lo);
  }
  return phi;
}

std::vector<Eigen::VectorXd> race_flow(const Race& race, const Eigen::VectorXd& c0, double eta, int epochs) {
  if (race.size() == 1) {  // one gated pathway: s_eff = νσ, λ_eff = ν²G (docs/modules.md §3.1)
    const double nu = race.nu(0), s = nu * race.sigma(0), lambda = nu * nu * race.G(0, 0), a0 = c0(0) / nu;
    std::vector<Eigen::VectorXd> rows;
    for (int t = 0; t <= epochs; ++t)
      rows.push_back(Eigen::VectorXd::Constant(1, nu * (race.deep[0] ? analytic::deep_flow(s, lambda, a0, eta * t)
                                                                    : analytic::shallow_flow(s, lambda, a0, eta * t))));
    return rows;
  }
  const PureRace pure = pure_race(race);
  if (pure.pure()) {
    const Eigen::VectorXd scaled0 = pure.gamma.cwiseProduct(c0);
    std::vector<Eigen::VectorXd> rows;
    for (double phi : race_phi(pure.kappa, scaled0, pure.theta, eta, epochs))
      rows.push_back(c0.array() * (pure.kappa.array() * phi).exp());
    return rows;
  }
  const auto rhs = [&](const Eigen::VectorXd& c) {
    const Eigen::VectorXd e = race.sigma - race.G * c;
    Eigen::VectorXd dc(c.size());
    for (Eigen::Index m = 0; m < c.size(); ++m)
      dc(m) = race.deep[static_cast<std::size_t>(m)] ? 2.0 * race.nu(m) * c(m) * e(m) : race.nu(m) * race.nu(m) * e(m);
    return dc;
  };
  const double scale = std::max(c0.cwiseAbs().maxCoeff(), 1e-300);
  return integrate_epochs(rhs, c0, eta, epochs, 1e-12, 1e-16 * scale);
}

double systematicity_race_share(double P, double L1, double a0, double gate_a, double gate_b) {
  // A: ν = 1; B′: ν = √(L1/P). Both write e_Ω with θ = 1; R = 1, so G = γγᵀ and the race is pure with
  // κ = γ∘ν and c̃ = γ∘ν∘a0.
  const double nu_b = std::sqrt(L1 / P);
  const Eigen::Vector2d kappa(gate_a, gate_b * nu_b);
  const Eigen::Vector2d c0(gate_a * a0, gate_b * nu_b * a0);
  return race_final(kappa, c0, 1.0)(0);
}

double shared_module_share(double beta_x, double beta_y, int rules, double a0) {
  // Theorem 2c: the R rule modules move as one player with γ̃ = 1/R; κ_S = β_x, κ_rule = β_x/R, θ = β_y.
  const Eigen::Vector2d kappa(beta_x, beta_x / rules);
  const Eigen::Vector2d c0(beta_x * a0, beta_x * a0);
  return race_final(kappa, c0, beta_y)(0) / beta_y;
}

}  // namespace dln::modules
