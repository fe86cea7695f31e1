#include "dln/numeric/data_flow.hpp"

#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/external/eigen/eigen.hpp>
#include <cmath>
#include <fmt/format.h>
#include <functional>
#include <numeric>
#include <vector>

namespace dln::numeric {

namespace ode = boost::numeric::odeint;

namespace {

// W1 then W2, each column-major.
using State = Eigen::VectorXd;

State flatten(const DenseWeights& w) {
  State state(w.W1.size() + w.W2.size());
  state << w.W1.reshaped(), w.W2.reshaped();
  return state;
}

void unflatten(const State& state, DenseWeights& w) {
  w.W1 = Eigen::Map<const Eigen::MatrixXd>(state.data(), w.W1.rows(), w.W1.cols());
  w.W2 = Eigen::Map<const Eigen::MatrixXd>(state.data() + w.W1.size(), w.W2.rows(), w.W2.cols());
}

// dW/dt = −η·∂L/∂W through Σx and Σyx (the gradient of numeric::train_on_data's step).
class DataGradientFlow {
public:
  DataGradientFlow(const analytic::DataModes& modes, const DenseWeights& shape, double eta)
      : modes_(modes), weights_(shape), eta_(eta) {}

  void operator()(const State& state, State& dwdt, double /*t*/) {
    ++evaluations_;
    unflatten(state, weights_);
    const Eigen::MatrixXd E = modes_.sigma_yx - weights_.W2 * (weights_.W1 * modes_.sigma_x);
    dwdt.head(weights_.W1.size()) = (eta_ * weights_.W2.transpose() * E).reshaped();
    dwdt.tail(weights_.W2.size()) = (eta_ * E * weights_.W1.transpose()).reshaped();
  }

  std::size_t evaluations() const { return evaluations_; }

private:
  const analytic::DataModes& modes_;
  DenseWeights weights_;
  double eta_;
  std::size_t evaluations_ = 0;
};

struct RunEnded {};  // thrown by the observer to stop odeint at a non-finite row

}  // namespace

DataFlowResult integrate_on_data(const analytic::DataModes& modes, double loss_offset, DenseWeights initial,
                                 const DataFlowOptions& options) {
  const auto& o = options.integration;
  DataFlowResult result;
  State state = flatten(initial);
  DataGradientFlow flow(modes, initial, static_cast<double>(modes.P) * o.lr);
  DenseWeights observed = initial;
  auto record = [&](const State& w, double time) {
    const int t = static_cast<int>(std::lround(time));
    unflatten(w, observed);
    DataRow row = measure_on_data(modes, loss_offset, observed, t, options.blocks);
    if (!w.allFinite() || !std::isfinite(row.loss)) {
      result.status = analytic::RunStatus::diverged;
      result.reason = "the weights are not finite";
      result.run.failed_at = t;
      throw RunEnded{};
    }
    result.run.rows.push_back(std::move(row));
    if (options.on_epoch) options.on_epoch(t, observed);
  };

  std::vector<double> epochs(static_cast<std::size_t>(o.epochs) + 1);
  std::iota(epochs.begin(), epochs.end(), 0.0);
  using Stepper = ode::runge_kutta_dopri5<State, double, State, double, ode::vector_space_algebra>;
  auto stepper = ode::make_dense_output(o.atol, o.rtol, Stepper());
  constexpr double kFirstStep = 1e-3;  // as integrate_flow: well below any epoch-scale feature
  try {
    ode::integrate_times(stepper, std::ref(flow), state, epochs.begin(), epochs.end(), kFirstStep, std::ref(record),
                         ode::max_step_checker(o.max_steps_per_epoch));
  } catch (const RunEnded&) {
  } catch (const ode::odeint_error& error) {
    result.status = analytic::RunStatus::step_failure;
    result.reason = fmt::format("odeint: {}", error.what());
    result.run.failed_at = static_cast<int>(result.run.rows.size());
  }
  result.rhs_evaluations = flow.evaluations();
  return result;
}

}  // namespace dln::numeric
