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

// The whole network as one contiguous state: module by module, W1 then W2, each column-major.
using State = Eigen::VectorXd;

template <class Weights, class Visit>
void for_each_matrix(Weights& weights, Visit visit) {
  for (auto& module : weights) {
    visit(module.W1);
    visit(module.W2);
  }
}

State flatten(const NetworkWeights& weights) {
  Eigen::Index size = 0;
  for_each_matrix(weights, [&](const Eigen::MatrixXd& m) { size += m.size(); });
  State state(size);
  Eigen::Index offset = 0;
  for_each_matrix(weights, [&](const Eigen::MatrixXd& m) {
    state.segment(offset, m.size()) = m.reshaped();
    offset += m.size();
  });
  return state;
}

// Copies the state into weights that already have the network's shapes (no allocation).
void unflatten(const State& state, NetworkWeights& weights) {
  Eigen::Index offset = 0;
  for_each_matrix(weights, [&](Eigen::MatrixXd& m) {
    m = Eigen::Map<const Eigen::MatrixXd>(state.data() + offset, m.rows(), m.cols());
    offset += m.size();
  });
}

// dW/dt = −η·∂L/∂W. Objective takes owning matrices, so the state is copied once into a reused
// buffer: O(weights), small next to the O(h·P·(n1 + h)) products of the gradient itself.
class GradientFlow {
public:
  GradientFlow(const Objective& objective, const NetworkWeights& shape, double eta)
      : objective_(objective), weights_(shape), gradient_(shape), eta_(eta) {}

  void operator()(const State& w, State& dwdt, double /*t*/) {
    ++evaluations_;
    unflatten(w, weights_);
    objective_.loss_and_gradient(weights_, gradient_);
    Eigen::Index offset = 0;
    for_each_matrix(gradient_, [&](const Eigen::MatrixXd& g) {
      dwdt.segment(offset, g.size()) = -eta_ * g.reshaped();
      offset += g.size();
    });
  }

  std::size_t evaluations() const { return evaluations_; }

private:
  const Objective& objective_;
  NetworkWeights weights_, gradient_;
  double eta_;
  std::size_t evaluations_ = 0;
};

// Thrown by the observer to stop odeint once the recorder has ended the run (a non-finite state or
// read-out, or a callback's stop).
struct RunEnded {};

}  // namespace

IntegrationResult integrate_flow(const Objective& objective, NetworkWeights initial,
                                 const IntegrationOptions& options) {
  options.validate();
  const auto& modes = objective.modes();
  IntegrationResult result;
  analytic::TrajectoryRecorder recorder(modes, options.on_row);

  State state = flatten(initial);
  GradientFlow flow(objective, initial, modes.spec.P() * options.lr);
  NetworkWeights observed = initial;  // scratch for the read-out; swapped into final_weights when recorded
  result.final_weights = std::move(initial);
  auto record = [&](const State& w, double time) {
    const int t = static_cast<int>(std::lround(time));
    if (!w.allFinite()) {
      recorder.fail(analytic::RunStatus::diverged, t, "the weights are not finite");
      throw RunEnded{};
    }
    unflatten(w, observed);
    const bool go_on = recorder.record(objective.measure(observed, t));
    if (recorder.trajectory().status != analytic::RunStatus::diverged) std::swap(result.final_weights, observed);
    if (!go_on) throw RunEnded{};
  };

  std::vector<double> epochs(static_cast<std::size_t>(options.epochs) + 1);
  std::iota(epochs.begin(), epochs.end(), 0.0);
  using Stepper = ode::runge_kutta_dopri5<State, double, State, double, ode::vector_space_algebra>;
  auto stepper = ode::make_dense_output(options.atol, options.rtol, Stepper());
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
