#include "dln/modules/run.hpp"

#include <algorithm>
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/external/eigen/eigen.hpp>
#include <cmath>
#include <numeric>

#include "dln/numeric/integrate.hpp"

namespace dln::modules {

namespace ode = boost::numeric::odeint;

void RunOptions::validate() const {
  numeric::IntegrationOptions{lr, epochs, rtol, atol, max_steps_per_epoch, {}}.validate();
}

namespace {

ReadoutTrajectory empty_trajectory(const Description& d) {
  ReadoutTrajectory trajectory;
  for (const auto& module : d.modules) trajectory.module_names.push_back(module.name);
  trajectory.rules = d.dataset.rules;
  return trajectory;
}

bool all_finite(const State& state) {
  return std::all_of(state.begin(), state.end(), [](const auto& w) { return w.W1.allFinite() && w.W2.allFinite(); });
}

bool all_finite(const Readout& row) {
  const auto values = csv_values(row);
  return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

// The state as one vector (module by module, W1 then W2, column-major) for odeint.
Eigen::VectorXd flatten(const State& state) {
  Eigen::Index size = 0;
  for (const auto& w : state) size += w.W1.size() + w.W2.size();
  Eigen::VectorXd flat(size);
  Eigen::Index offset = 0;
  for (const auto& w : state)
    for (const Eigen::MatrixXd* m : {&w.W1, &w.W2}) {
      flat.segment(offset, m->size()) = m->reshaped();
      offset += m->size();
    }
  return flat;
}

void unflatten(const Eigen::VectorXd& flat, State& state) {
  Eigen::Index offset = 0;
  for (auto& w : state)
    for (Eigen::MatrixXd* m : {&w.W1, &w.W2}) {
      *m = Eigen::Map<const Eigen::MatrixXd>(flat.data() + offset, m->rows(), m->cols());
      offset += m->size();
    }
}

struct NonFinite {};

}  // namespace

RunResult run_gd(const Engine& engine, State state, const RunOptions& options, const GateSchedule& gates) {
  options.validate();
  const Description& d = engine.description();
  const Eigen::MatrixXd fixed = gate_matrix(d);
  const auto gates_at = [&](int step) { return gates ? gates(step) : fixed; };
  const double eta = step_size(d.dataset, options.lr);
  RunResult result{empty_trajectory(d), {}};
  State descent;
  for (int t = 0; t <= options.epochs; ++t) {
    if (t > 0) {
      engine.descent(state, gates_at(t - 1), descent);
      for (std::size_t m = 0; m < state.size(); ++m) {
        state[m].W1 += eta * descent[m].W1;
        state[m].W2 += eta * descent[m].W2;  // both empty for a shallow module
      }
    }
    Readout row;
    const bool finite = all_finite(state);
    if (finite) row = engine.measure(state, gates_at(t), t);
    if (!finite || !all_finite(row)) {
      result.trajectory.status = analytic::RunStatus::diverged;
      result.trajectory.failed_at = t;
      break;
    }
    result.trajectory.rows.push_back(std::move(row));
    result.final_state = state;
    if (options.on_row) options.on_row(t);
  }
  return result;
}

RunResult run_flow(const Engine& engine, State initial, const RunOptions& options) {
  options.validate();
  const Description& d = engine.description();
  const Eigen::MatrixXd gates = gate_matrix(d);
  const double eta = step_size(d.dataset, options.lr);
  RunResult result{empty_trajectory(d), initial};
  State scratch = initial, descent;
  const auto rhs = [&](const Eigen::VectorXd& w, Eigen::VectorXd& dwdt, double) {
    unflatten(w, scratch);
    engine.descent(scratch, gates, descent);
    dwdt = eta * flatten(descent);
  };
  const auto record = [&](const Eigen::VectorXd& w, double t) {
    if (!w.allFinite()) throw NonFinite{};
    unflatten(w, scratch);
    Readout row = engine.measure(scratch, gates, static_cast<int>(std::lround(t)));
    if (!all_finite(row)) throw NonFinite{};
    result.trajectory.rows.push_back(std::move(row));
    result.final_state = scratch;
    if (options.on_row) options.on_row(std::lround(t));
  };
  Eigen::VectorXd state = flatten(initial);
  std::vector<double> epochs(static_cast<std::size_t>(options.epochs) + 1);
  std::iota(epochs.begin(), epochs.end(), 0.0);
  using Stepper = ode::runge_kutta_dopri5<Eigen::VectorXd, double, Eigen::VectorXd, double, ode::vector_space_algebra>;
  auto stepper = ode::make_dense_output(options.atol, options.rtol, Stepper());
  try {
    ode::integrate_times(stepper, std::ref(rhs), state, epochs.begin(), epochs.end(), 1e-3, std::ref(record),
                         ode::max_step_checker(options.max_steps_per_epoch));
  } catch (const NonFinite&) {
    result.trajectory.status = analytic::RunStatus::diverged;
  } catch (const ode::odeint_error&) {
    result.trajectory.status = analytic::RunStatus::step_failure;
  }
  if (result.trajectory.status != analytic::RunStatus::ok)
    result.trajectory.failed_at = static_cast<int>(result.trajectory.rows.size());
  return result;
}

}  // namespace dln::modules
