// Odeint steppers on integrate_flow's right-hand side (numeric/src/flow_rate.hpp) at equal error against the closed
// form: from aligned init every mode follows docs/theory.md §5 exactly, so the largest |CSV value − closed form| over
// all rows is the integration error. Prints that error, the right-hand-side evaluations and the CPU time.
// Built and run by bench/stepper_benchmark.sh.
//
//   stepper_comparison STEPPER RTOL [N1]      STEPPER: dopri5 (dense output, what dln uses), rk78 (Fehlberg 7(8),
//                                              no dense output: steps end on every epoch), bs (Bulirsch–Stoer,
//                                              dense output); atol 1e-14, k1 = 3, k2 = 1, hidden = P, a0 = 1e-6,
//                                              η = P·lr = 0.512, 300 epochs.
#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/external/eigen/eigen.hpp>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <numeric>
#include <string>

#include "dln/analytic.hpp"
#include "dln/numeric.hpp"
#include "flow_rate.hpp"
#include "row_values.hpp"

using namespace dln;
namespace ode = boost::numeric::odeint;
using numeric::FlowState;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: stepper_comparison dopri5|rk78|bs RTOL [N1]\n");
    return 2;
  }
  const std::string stepper = argv[1];
  const double rtol = std::atof(argv[2]), atol = 1e-14, a0 = 1e-6;
  const int n1 = argc > 3 ? std::atoi(argv[3]) : 6, epochs = 300;
  const analytic::DatasetSpec spec{n1, 1, 3, 1, 1.0, {}};
  const double lr = 0.512 / static_cast<double>(spec.P());
  const numeric::Objective objective(spec, analytic::Architecture::dense);
  const auto initial = numeric::aligned_init(objective.modes(), static_cast<int>(spec.P()), a0);
  const auto theory = analytic::theory_trajectory(objective.modes(), analytic::uniform_initial_strengths(objective.modes(), a0),
                                                  {lr, epochs, analytic::TimeModel::flow});
  numeric::FlowRate flow(objective, initial, static_cast<double>(spec.P()) * lr);
  FlowState state = flow.initial_state();
  analytic::NetworkWeights observed = initial;
  double error = 0.0;
  auto record = [&](const FlowState& w, double time) {
    const auto t = static_cast<std::size_t>(std::lround(time));
    flow.weights(w, observed);
    const auto a = test::row_values(objective.measure(observed, static_cast<int>(t))), b = test::row_values(theory.rows[t]);
    for (std::size_t i = 0; i < a.size(); ++i) error = std::max(error, std::abs(a[i] - b[i]));
  };
  std::vector<double> times(epochs + 1);
  std::iota(times.begin(), times.end(), 0.0);
  const std::clock_t start = std::clock();
  using Algebra = ode::vector_space_algebra;
  if (stepper == "dopri5") {
    auto s = ode::make_dense_output(atol, rtol, ode::runge_kutta_dopri5<FlowState, double, FlowState, double, Algebra>());
    ode::integrate_times(s, std::ref(flow), state, times.begin(), times.end(), 1e-3, record);
  } else if (stepper == "rk78") {
    auto s = ode::make_controlled(atol, rtol, ode::runge_kutta_fehlberg78<FlowState, double, FlowState, double, Algebra>());
    ode::integrate_times(s, std::ref(flow), state, times.begin(), times.end(), 1e-3, record);
  } else if (stepper == "bs") {
    ode::bulirsch_stoer_dense_out<FlowState, double, FlowState, double, Algebra> s(atol, rtol);
    ode::integrate_times(s, std::ref(flow), state, times.begin(), times.end(), 1e-3, record);
  } else {
    std::fprintf(stderr, "error: unknown stepper %s (dopri5, rk78, bs)\n", stepper.c_str());
    return 2;
  }
  const double cpu = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  std::printf("%-6s rtol %-6g n1 %d: error %.2e, %zu evaluations (%.2f per epoch), %.2f s CPU\n", stepper.c_str(), rtol, n1,
              error, flow.evaluations(), static_cast<double>(flow.evaluations()) / epochs, cpu);
}
