// Boost.Odeint gradient flow against the closed-form flow of docs/theory.md §5: accuracy at the default
// tolerances, the convergence order of the error in rtol, option checks and failure outcomes.
#define BOOST_TEST_MODULE integrate
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>

#include "row_values.hpp"
#include "dln/analytic.hpp"
#include "dln/numeric.hpp"

using namespace dln;
using analytic::Architecture;

namespace {

const Architecture kArchitectures[] = {Architecture::dense, Architecture::split, Architecture::segregated,
                                       Architecture::shallow};

// The paper's setting, then the degenerate ones of docs/theory.md §13 (k1 = 0, k2 = 0, n2 = 0, n2 = n1, k1 = k2)
// and a larger P with r ≠ 1.
const std::vector<analytic::DatasetSpec> kSettings = {
    {3, 1, 3, 1, 1.0, {}}, {3, 1, 0, 2, 1.0, {}},     {3, 1, 2, 0, 1.5, {}}, {3, 0, 2, 1, 1.0, {}},
    {3, 3, 2, 1, 1.0, {}}, {3, 2, 2, 2, 0.5, {0, 2}}, {4, 1, 1, 1, 2.0, {}},
};

// Enough hidden units for aligned init of every setting above (dense, n1 = 4: 16 modes).
constexpr int kHidden = 20;

// Largest |integrated − closed form| over every CSV column of every row.
double max_column_error(const analytic::Trajectory& integrated, const analytic::Trajectory& theory) {
  BOOST_REQUIRE_EQUAL(integrated.rows.size(), theory.rows.size());
  double worst = 0.0;
  for (std::size_t t = 0; t < theory.rows.size(); ++t) {
    const auto a = test::row_values(integrated.rows[t]), b = test::row_values(theory.rows[t]);
    BOOST_REQUIRE_EQUAL(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(a[i] - b[i]));
  }
  return worst;
}

struct Run {
  double a0, lr;
  int epochs;
};

struct Comparison {
  double error;  // max_column_error against the closed form
  double rhs_evaluations;
};

Comparison compare_aligned(const analytic::DatasetSpec& spec, Architecture arch, Run run,
                           const numeric::IntegrationOptions& options) {
  const numeric::Objective objective(spec, arch);
  const auto result = numeric::integrate_flow(objective, numeric::aligned_init(objective.modes(), kHidden, run.a0), options);
  BOOST_TEST((result.trajectory.status == analytic::RunStatus::ok));
  const auto theory = analytic::theory_trajectory(objective.modes(),
                                                  analytic::uniform_initial_strengths(objective.modes(), run.a0),
                                                  {run.lr, run.epochs, analytic::TimeModel::flow});
  BOOST_TEST(analytic::csv_columns(result.trajectory) == analytic::csv_columns(theory));
  return {max_column_error(result.trajectory, theory), static_cast<double>(result.rhs_evaluations)};
}

}  // namespace

// From aligned init every mode follows the closed-form flow exactly (docs/theory.md §5), so the integrated
// curves must equal theory_trajectory up to the integration error. 1e-7 is the project's requirement
// for the default tolerances (integrate.hpp: they give ~2e-9 here). The runs cover a small a0 (the
// whole sigmoid, the hardest part to integrate), a0 near the asymptotes and a0 above them (decay).
BOOST_AUTO_TEST_CASE(aligned_flow_matches_closed_form) {
  for (const Run run : {Run{1e-6, 0.02, 300}, Run{0.3, 0.02, 100}, Run{2.0, 0.01, 100}})
    for (const auto& spec : kSettings)
      for (auto arch : kArchitectures) {
        BOOST_TEST_CONTEXT("n1 n2 k1 k2 = " << spec.n1 << spec.n2 << spec.k1 << spec.k2 << ", "
                                             << analytic::to_string(arch) << ", a0 = " << run.a0) {
          numeric::IntegrationOptions options;
          options.lr = run.lr;
          options.epochs = run.epochs;
          BOOST_TEST(compare_aligned(spec, arch, run, options).error <= 1e-7);
        }
      }
}

// Convergence order in the tolerance, in the spirit of odeint's test/numeric. Dopri5 sizes its steps
// on the 4th-order error estimate, local error ∝ h^5 = tol, so h ∝ tol^(1/5); it propagates the
// 5th-order solution (global error ∝ h^5) and its dense output is 4th order (error ∝ h^5): the global
// error is ∝ tol, a factor 10 per decade of rtol ("tolerance proportionality"). atol moves with rtol
// so the whole tolerance scales. Step-size safety factors and rejected steps keep a real controller
// off the asymptotic law, so we ask for at least half the order per decade (a factor √10 ≈ 3.2), and
// for the average over the four decades to be within 25% of the order (slope ≥ 0.75). Likewise the
// number of steps must grow like rtol^(−1/5): between 10^0.1 and 10^0.3 per decade on average.
BOOST_AUTO_TEST_CASE(error_is_proportional_to_rtol) {
  const analytic::DatasetSpec spec{3, 1, 3, 1, 1.0, {}};
  const Run run{1e-6, 0.02, 300};
  const std::vector<double> rtols = {1e-5, 1e-6, 1e-7, 1e-8, 1e-9};
  std::vector<double> errors, evaluations;
  for (double rtol : rtols) {
    numeric::IntegrationOptions options;
    options.lr = run.lr;
    options.epochs = run.epochs;
    options.rtol = rtol;
    options.atol = 1e-4 * rtol;
    const Comparison c = compare_aligned(spec, Architecture::dense, run, options);
    errors.push_back(c.error);
    evaluations.push_back(c.rhs_evaluations);
    BOOST_TEST_MESSAGE("rtol " << rtol << ": error " << errors.back() << ", rhs " << evaluations.back());
  }
  for (std::size_t i = 1; i < rtols.size(); ++i) BOOST_TEST(errors[i - 1] / errors[i] >= std::sqrt(10.0));
  const double decades = std::log10(rtols.front() / rtols.back());
  BOOST_TEST(std::log10(errors.front() / errors.back()) / decades >= 0.75);
  const double step_slope = std::log10(evaluations.back() / evaluations.front()) / decades;
  BOOST_TEST(step_slope >= 0.1);
  BOOST_TEST(step_slope <= 0.3);
}

// The weights kept are those of the last row, and t = 0 is the initial state itself.
BOOST_AUTO_TEST_CASE(final_weights_are_the_last_row) {
  const analytic::DatasetSpec spec;
  const numeric::Objective objective(spec, Architecture::split);
  const auto initial = numeric::random_init(spec, Architecture::split, 9, 0.1, 3);
  numeric::IntegrationOptions options;
  options.epochs = 20;
  const auto result = numeric::integrate_flow(objective, initial, options);
  BOOST_REQUIRE_EQUAL(result.trajectory.rows.size(), 21u);
  BOOST_TEST(test::row_values(result.trajectory.rows.front()) == test::row_values(objective.measure(initial, 0)));
  BOOST_TEST(test::row_values(result.trajectory.rows.back()) ==
             test::row_values(objective.measure(result.final_weights, 20)));
  BOOST_TEST(result.rhs_evaluations > 0u);
}

BOOST_AUTO_TEST_CASE(zero_epochs_is_the_initial_row) {
  const analytic::DatasetSpec spec;
  const numeric::Objective objective(spec, Architecture::dense);
  numeric::IntegrationOptions options;
  options.epochs = 0;
  const auto result = numeric::integrate_flow(objective, numeric::aligned_init(objective.modes(), 8, 0.1), options);
  BOOST_TEST(result.trajectory.rows.size() == 1u);
  BOOST_TEST((result.trajectory.status == analytic::RunStatus::ok));
}

BOOST_AUTO_TEST_CASE(options_reject_bad_values) {
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  const auto rejects = [](numeric::IntegrationOptions options, const std::string& parameter) {
    try {
      options.validate();
    } catch (const dln::InvalidInput& e) {
      return e.parameter() == parameter;
    }
    return false;
  };
  const numeric::IntegrationOptions good;
  BOOST_CHECK_NO_THROW(good.validate());
  for (double rtol : {0.0, -1e-8, 1e-16, 1.0, nan, inf}) {
    auto o = good;
    o.rtol = rtol;
    BOOST_TEST(rejects(o, "rtol"), "rtol = " << rtol);
  }
  for (double atol : {0.0, -1e-12, nan, inf}) {
    auto o = good;
    o.atol = atol;
    BOOST_TEST(rejects(o, "atol"), "atol = " << atol);
  }
  for (double lr : {0.0, -0.1, nan, inf}) {
    auto o = good;
    o.lr = lr;
    BOOST_TEST(rejects(o, "lr"), "lr = " << lr);
  }
  for (int epochs : {-1, analytic::kMaxEpochs + 1}) {
    auto o = good;
    o.epochs = epochs;
    BOOST_TEST(rejects(o, "epochs"), "epochs = " << epochs);
  }
  auto o = good;
  o.max_steps_per_epoch = 0;
  BOOST_TEST(rejects(o, "max-steps"));
}

// Odeint's step-count guard is a result, not a crash: one step per epoch cannot reach t = 1 from the
// first trial step of 1e-3 epochs (the controller grows steps at most 5× at a time), so the run stops
// at epoch 1 with row 0 kept.
BOOST_AUTO_TEST_CASE(step_failure_keeps_rows_so_far) {
  const analytic::DatasetSpec spec;
  const numeric::Objective objective(spec, Architecture::dense);
  numeric::IntegrationOptions options;
  options.max_steps_per_epoch = 1;
  const auto result = numeric::integrate_flow(objective, numeric::aligned_init(objective.modes(), 8, 1e-3), options);
  BOOST_TEST((result.trajectory.status == analytic::RunStatus::step_failure));
  BOOST_REQUIRE(result.trajectory.failed_at.has_value());
  BOOST_TEST(*result.trajectory.failed_at == 1);
  BOOST_TEST(result.trajectory.rows.size() == 1u);
  // The reason is odeint's own message, not a guess.
  BOOST_TEST(result.trajectory.reason.find("odeint: ") == 0U);
  BOOST_TEST(result.trajectory.reason.find("Max number of iterations exceeded (1)") != std::string::npos,
             result.trajectory.reason);
}

// A row callback that asks to stop ends the integration after that row (status stopped, no failed_at), with
// the rows so far exactly those of the full run and the final weights those of the last row.
BOOST_AUTO_TEST_CASE(a_row_callback_stops_the_integration) {
  const analytic::DatasetSpec spec;
  const numeric::Objective objective(spec, Architecture::dense);
  const auto initial = numeric::aligned_init(objective.modes(), 8, 1e-3);
  numeric::IntegrationOptions options;
  options.epochs = 20;
  const auto full = numeric::integrate_flow(objective, initial, options);
  options.on_row = [](const analytic::TrajectoryRow& row) {
    return row.t == 7 ? analytic::RowAction::stop : analytic::RowAction::proceed;
  };
  const auto stopped = numeric::integrate_flow(objective, initial, options);
  BOOST_TEST((stopped.trajectory.status == analytic::RunStatus::stopped));
  BOOST_TEST(!stopped.trajectory.failed_at.has_value());
  BOOST_REQUIRE_EQUAL(stopped.trajectory.rows.size(), 8u);
  for (std::size_t t = 0; t < 8; ++t)
    BOOST_TEST(test::row_values(stopped.trajectory.rows[t]) == test::row_values(full.trajectory.rows[t]));
  BOOST_TEST(test::row_values(objective.measure(stopped.final_weights, 7)) == test::row_values(stopped.trajectory.rows[7]));
}

// Weights whose read-out is not finite end the run as diverged at that epoch, with no NaN row.
BOOST_AUTO_TEST_CASE(non_finite_state_is_divergence) {
  const analytic::DatasetSpec spec;
  const numeric::Objective objective(spec, Architecture::dense);
  auto huge = numeric::random_init(spec, Architecture::dense, 8, 1e200, 1);  // loss overflows
  auto nan = numeric::random_init(spec, Architecture::dense, 8, 0.1, 1);
  nan[0].W2(0, 0) = std::numeric_limits<double>::quiet_NaN();
  for (const auto& initial : {huge, nan}) {
    const auto result = numeric::integrate_flow(objective, initial, numeric::IntegrationOptions{});
    BOOST_TEST((result.trajectory.status == analytic::RunStatus::diverged));
    BOOST_TEST((result.trajectory.failed_at == std::optional<int>(0)));
    BOOST_TEST(result.trajectory.rows.empty());
  }
}
