#include "dln/numeric/integrate.hpp"

#include <algorithm>
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/external/eigen/eigen.hpp>
#include <cmath>
#include <fmt/format.h>
#include <functional>
#include <numeric>

#include "dln/analytic/invalid_input.hpp"
#include "dln/analytic/theory.hpp"
#include "flow_rate.hpp"

namespace dln::numeric {

namespace ode = boost::numeric::odeint;
using analytic::NetworkWeights;

void IntegrationOptions::validate() const {
  analytic::TheoryOptions{lr, epochs}.validate();
  if (!(rtol >= kMinRtol && rtol < 1.0))  // also rejects NaN
    throw dln::InvalidInput("rtol", fmt::format("must be a number in [{:g}, 1), got {}", kMinRtol, rtol));
  // atol > 0: aligned init has entries that are exactly zero and stay zero, and with atol = 0 their
  // error ratio would be 0/0.
  if (!std::isfinite(atol) || atol <= 0.0)
    throw dln::InvalidInput("atol", fmt::format("must be a finite number > 0, got {}", atol));
  if (max_steps_per_epoch < 1)
    throw dln::InvalidInput("max-steps", fmt::format("must be an integer ≥ 1, got {}", max_steps_per_epoch));
}

namespace {

// Odeint's default_error_checker on Eigen vectors, err_i ← |err_i| / (atol + rtol·(|x_i| + |dt|·|dx_i/dt|)) and
// the largest of them, written as one Eigen expression: the default reads each of the three vectors through odeint's
// unit helper (get_unit_value), which returns a copy, i.e. three state-sized allocations per step, most of the
// run's page faults. The same operations in the same order, so the same steps to the bit.
class ErrorChecker {
public:
  using value_type = double;
  using algebra_type = ode::vector_space_algebra;
  using operations_type = ode::default_operations;

  ErrorChecker(double atol, double rtol) : atol_(atol), rtol_(rtol) {}

  template <class Algebra>
  double error(Algebra& /*algebra*/, const FlowState& x_old, const FlowState& dxdt_old, FlowState& x_err,
               double dt) const {
    const double dt_scale = std::abs(dt);
    x_err = x_err.array().abs() / (atol_ + rtol_ * (x_old.array().abs() + dt_scale * dxdt_old.array().abs()));
    return x_err.lpNorm<Eigen::Infinity>();
  }

private:
  double atol_, rtol_;
};

// Thrown by the observer to stop odeint once the recorder has ended the run (a non-finite state or
// read-out, or a callback's stop).
struct RunEnded {};

}  // namespace

IntegrationResult integrate_flow(const Objective& objective, NetworkWeights initial,
                                 const IntegrationOptions& options) {
  const auto& modes = objective.modes();
  IntegrationResult result;
  analytic::TrajectoryRecorder recorder(modes, options.on_row);

  FlowRate flow(objective, initial, modes.spec.P() * options.lr);
  FlowState state = flow.initial_state();
  NetworkWeights observed = initial;  // scratch for the read-out; swapped into final_weights when recorded
  result.final_weights = std::move(initial);
  auto record = [&](const FlowState& w, double time) {
    const int t = static_cast<int>(std::lround(time));
    if (!w.allFinite()) {
      recorder.fail(analytic::RunStatus::diverged, t, "the weights are not finite");
      throw RunEnded{};
    }
    flow.weights(w, observed);
    const bool go_on = recorder.record(objective.measure(observed, t));
    if (recorder.trajectory().status != analytic::RunStatus::diverged) std::swap(result.final_weights, observed);
    if (!go_on) throw RunEnded{};
  };

  std::vector<double> epochs(static_cast<std::size_t>(options.epochs) + 1);
  std::iota(epochs.begin(), epochs.end(), 0.0);
  using Stepper = ode::runge_kutta_dopri5<FlowState, double, FlowState, double, ode::vector_space_algebra>;
  using Controlled = ode::controlled_runge_kutta<Stepper, ErrorChecker>;
  ode::dense_output_runge_kutta<Controlled> stepper(Controlled(ErrorChecker(options.atol, options.rtol)));
  // A first trial step well below any epoch-scale feature; the controller grows it up to 5× per step.
  constexpr double kFirstStep = 1e-3;
  try {
    ode::integrate_times(stepper, std::ref(flow), state, epochs.begin(), epochs.end(), kFirstStep, std::ref(record),
                         ode::max_step_checker(options.max_steps_per_epoch));
  } catch (const RunEnded&) {
    // The recorder holds the status and its reason.
  } catch (const ode::odeint_error& error) {
    // Odeint's own words (e.g. "Max number of iterations exceeded (10000). A new step size was not found.").
    recorder.fail(analytic::RunStatus::step_failure, static_cast<int>(recorder.trajectory().rows.size()),
                  fmt::format("odeint: {}", error.what()));
  }
  result.trajectory = std::move(recorder.trajectory());
  result.rhs_evaluations = flow.evaluations();
  return result;
}

}  // namespace dln::numeric
