#include "dln/modules/run.hpp"

#include <algorithm>
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/external/eigen/eigen.hpp>
#include <cmath>
#include <fmt/format.h>
#include <numeric>
#include <random>

#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/learned_routing.hpp"
#include "dln/modules/sample_sgd.hpp"
#include "dln/numeric/integrate.hpp"
#include "dln/training/update_policy.hpp"
#include "epoch_loop.hpp"

namespace dln::modules {

namespace ode = boost::numeric::odeint;

void RunOptions::validate() const {
  numeric::IntegrationOptions{lr, epochs, rtol, atol, max_steps_per_epoch, {}}.validate();
  if (record_every < 1 || record_every > std::max(epochs, 1))
    throw InvalidInput("record-every", fmt::format("must be an integer in [1, epochs = {}], got {}", std::max(epochs, 1), record_every));
  if (!initial_logits.allFinite()) throw InvalidInput("logit-noise", "initial logits must be finite numbers");
}

namespace {

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

// `flat` a view, so that the weights part of odeint's state (w.head(…)) is read in place, not copied first.
void unflatten(const Eigen::Ref<const Eigen::VectorXd>& flat, State& state) {
  Eigen::Index offset = 0;
  for (auto& w : state)
    for (Eigen::MatrixXd* m : {&w.W1, &w.W2}) {
      *m = Eigen::Map<const Eigen::MatrixXd>(flat.data() + offset, m->rows(), m->cols());
      offset += m->size();
    }
}

struct NonFinite {};

Eigen::MatrixXd starting_logits(const Description& d, const RunOptions& options) {
  if (options.initial_logits.size() == 0) return logit_matrix(d);
  if (options.initial_logits.rows() != d.size() || options.initial_logits.cols() != d.dataset.rules)
    throw InvalidInput("logit-noise", fmt::format("initial logits must be {} × {} (modules × rules), got {} × {}", d.size(),
                                                  d.dataset.rules, options.initial_logits.rows(), options.initial_logits.cols()));
  return options.initial_logits;
}

}  // namespace

namespace {

// The epoch loop of GD and SGD: `advance(state, logits)` moves the joint state by one epoch; rows are read at
// t = 0, record_every, … and the last epoch.
template <class Advance>
RunResult run_epochs(const Engine& engine, State state, const RunOptions& options, Advance advance) {
  const Description& d = engine.description();
  Eigen::MatrixXd logits = starting_logits(d, options);
  RunResult result{empty_trajectory(d), {}, {}};
  epoch_loop(
      options, result.trajectory, [&] { advance(state, logits); },
      [&] { return all_finite(state) && logits.allFinite(); },
      [&](int t) { return engine.measure(state, gate_matrix(d, logits), t); },
      [&] {
        result.final_state = state;
        result.final_logits = logits;
      });
  return result;
}

}  // namespace

RunResult run_gd(const Engine& engine, State state, const RunOptions& options) {
  options.validate();
  const Description& d = engine.description();
  const double eta = step_size(d.dataset, options.lr), eta_logits = d.router_lr_ratio * eta;
  State descent;
  return run_epochs(engine, std::move(state), options, [&](State& weights, Eigen::MatrixXd& logits) {
    const Eigen::MatrixXd gates = gate_matrix(d, logits);
    engine.descent(weights, gates, descent);
    // θ from the old weights and gates, before W moves: one GD step on the joint state (W, θ).
    if (d.learns_routing()) logits += eta_logits * logit_descent(d, gates, engine.gate_drive(weights, gates));
    for (std::size_t m = 0; m < weights.size(); ++m) {
      weights[m].W1 += eta * descent[m].W1;
      weights[m].W2 += eta * descent[m].W2;  // both empty for a shallow module
    }
  });
}

RunResult run_sgd(const FullObjective& engine, State state, const RunOptions& options) {
  options.validate();
  const SampleSgd sgd(engine.description());
  if (options.batch < 1 || options.batch > sgd.samples())
    throw InvalidInput("batch", fmt::format("B must be an integer with 1 ≤ B ≤ R·P = {} for --rule sgd, got {}",
                                            sgd.samples(), options.batch));
  std::mt19937_64 stream(options.batch_seed);
  std::vector<Eigen::Index> order(static_cast<std::size_t>(sgd.samples()));
  return run_epochs(engine, std::move(state), options, [&](State& weights, Eigen::MatrixXd& logits) {
    training::shuffle_patterns(stream, order);  // a fresh permutation of the R·P samples, as the dense SGD's of P
    sgd.epoch(weights, logits, order, static_cast<std::size_t>(options.batch), options.lr);
  });
}

RunResult run_flow(const Engine& engine, State initial, const RunOptions& options) {
  options.validate();
  const Description& d = engine.description();
  const double eta = step_size(d.dataset, options.lr), eta_logits = d.router_lr_ratio * eta;
  const Eigen::MatrixXd logits0 = starting_logits(d, options);
  RunResult result{empty_trajectory(d), initial, logits0};
  // The odeint state: the weights, then (learned routing only) θ column-major.
  const Eigen::Index weight_entries = flatten(initial).size();
  const auto logits_of = [&](const Eigen::VectorXd& w) {
    return d.learns_routing() ? Eigen::MatrixXd(w.tail(logits0.size()).reshaped(logits0.rows(), logits0.cols())) : logits0;
  };
  State scratch = initial, descent;
  const auto rhs = [&](const Eigen::VectorXd& w, Eigen::VectorXd& dwdt, double) {
    unflatten(w.head(weight_entries), scratch);
    const Eigen::MatrixXd gates = gate_matrix(d, logits_of(w));
    engine.descent(scratch, gates, descent);
    dwdt.resize(w.size());
    dwdt.head(weight_entries) = eta * flatten(descent);
    if (d.learns_routing())
      dwdt.tail(logits0.size()) = eta_logits * logit_descent(d, gates, engine.gate_drive(scratch, gates)).reshaped();
  };
  const auto record = [&](const Eigen::VectorXd& w, double t) {
    if (!w.allFinite()) throw NonFinite{};
    unflatten(w.head(weight_entries), scratch);
    const Eigen::MatrixXd logits = logits_of(w);
    Readout row = engine.measure(scratch, gate_matrix(d, logits), static_cast<int>(std::lround(t)));
    if (!all_finite(row)) throw NonFinite{};
    result.trajectory.rows.push_back(std::move(row));
    result.final_state = scratch;
    result.final_logits = logits;
    if (options.on_row) options.on_row(std::lround(t));
  };
  Eigen::VectorXd state(weight_entries + (d.learns_routing() ? logits0.size() : 0));
  state.head(weight_entries) = flatten(initial);
  if (d.learns_routing()) state.tail(logits0.size()) = logits0.reshaped();
  std::vector<double> epochs;
  for (int t = 0; t <= options.epochs; t += options.record_every) epochs.push_back(t);
  if (epochs.back() != options.epochs) epochs.push_back(options.epochs);
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
    result.trajectory.failed_at = static_cast<int>(epochs[std::min(result.trajectory.rows.size(), epochs.size() - 1)]);
  return result;
}

}  // namespace dln::modules
