#include "dln/experiments/data_curves.hpp"

#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"
#include "dln/analytic/theory.hpp"
#include "dln/experiments/section.hpp"
#include "dln/numeric/data_training.hpp"

namespace dln::experiments {

void DataCurvesSpec::validate() const {
  within("data", [&] { analytic::require_closed_forms(analytic::data_modes(X, Y)); });
  within("training", [&] {
    analytic::TheoryOptions{lr, epochs}.validate();
    if (!(a0 > 0.0) || !std::isfinite(a0)) throw InvalidInput("a0", fmt::format("must be a finite number > 0, got {}", a0));
    const int rank = analytic::data_modes(X, Y).rank;
    if (hidden < rank)
      throw InvalidInput("hidden", fmt::format("{} is below the data's {} modes; accepted: at least {}", hidden, rank, rank));
  });
}

DataCurvesResult DataCurvesSpec::run() const {
  DataCurvesResult result;
  result.modes = analytic::data_modes(X, Y);
  const analytic::DataModes& m = result.modes;
  const double loss_offset = Y.squaredNorm() / (2.0 * static_cast<double>(m.P));
  result.theory = analytic::data_theory(m, loss_offset, Eigen::VectorXd::Constant(m.rank, a0),
                                        {lr, epochs, theory_time, std::nullopt});
  result.simulation = numeric::train_on_data(m, loss_offset, numeric::aligned_dense_init(m, hidden, a0),
                                             {lr, epochs, std::nullopt, {}});
  Report& report = result.report;
  if (const double stable = numeric::stable_data_lr(m); lr >= stable)
    report.warnings.push_back(fmt::format("lr = {} is at or above the stability estimate {:.4g} of full-batch GD", lr, stable));
  for (const auto& [curve, what] : {std::pair{&result.simulation, "the simulation"}, std::pair{&result.theory, "the theory"}})
    if (curve->failed_at) {
      report.status = "diverged";
      report.warnings.push_back(fmt::format("{} stopped at epoch {} (diverged); the epochs before it are drawn", what,
                                            *curve->failed_at));
    }
  return result;
}

}  // namespace dln::experiments
