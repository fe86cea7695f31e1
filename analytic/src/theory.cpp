#include "dln/analytic/theory.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"

namespace dln::analytic {

void TheoryOptions::validate() const {
  if (!std::isfinite(lr) || lr <= 0.0)
    throw InvalidInput("lr", fmt::format("must be a finite number > 0, got {}", lr));
  if (epochs < 0 || epochs > kMaxEpochs)
    throw InvalidInput("epochs", fmt::format("must be an integer in [0, {}], got {}", kMaxEpochs, epochs));
}

InitialStrengths uniform_initial_strengths(const ArchitectureModes& modes, double a0) {
  InitialStrengths strengths;
  for (const auto& family : modes.families)
    strengths.push_back(family.present() ? std::vector<double>{a0} : std::vector<double>{});
  return strengths;
}

Trajectory theory_trajectory(const ArchitectureModes& modes, const InitialStrengths& a0,
                             const TheoryOptions& options) {
  const std::size_t n_families = modes.families.size();
  const auto n_rows = static_cast<std::size_t>(options.epochs) + 1;
  // Accumulate Σ a and Σ a² over each family's distinct initial strengths, epoch by epoch.
  std::vector<std::vector<FamilyStrength>> sums(n_rows, std::vector<FamilyStrength>(n_families));
  std::size_t computed_rows = n_rows;
  for (std::size_t i = 0; i < n_families; ++i) {
    const ModeFamily& family = modes.families[i];
    for (double start : a0[i]) {
      const std::vector<double> series = mode_series(family.s, family.lambda, start, family.deep, options.time,
                                                     options.lr, modes.spec.P(), options.epochs);
      computed_rows = std::min(computed_rows, series.size());
      for (std::size_t t = 0; t < series.size(); ++t) {
        sums[t][i].mean += series[t];
        sums[t][i].mean_square += series[t] * series[t];
      }
    }
  }

  Trajectory trajectory;
  if (module_layouts(modes.arch).size() > 1)
    for (const auto& family : modes.families) trajectory.family_labels.push_back(family.label);
  for (std::size_t t = 0; t < computed_rows; ++t) {
    for (std::size_t i = 0; i < n_families; ++i) {
      const double count = std::max<double>(1.0, static_cast<double>(a0[i].size()));
      sums[t][i].mean /= count;
      sums[t][i].mean_square /= count;
    }
    TrajectoryRow row = readout_row(modes, static_cast<int>(t), sums[t]);
    const std::vector<double> values = csv_values(row);
    if (!std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); })) {
      computed_rows = t;
      break;
    }
    trajectory.rows.push_back(std::move(row));
  }
  if (computed_rows < n_rows) {
    trajectory.status = RunStatus::diverged;
    trajectory.failed_at = static_cast<int>(computed_rows);
  }
  return trajectory;
}

StabilityCheck gd_stability(const ArchitectureModes& modes, double lr) {
  const double eta = modes.spec.P() * lr;
  StabilityCheck check;
  for (const auto& family : modes.families) {
    if (!family.present()) continue;
    check.bound = family.deep ? 1.0 : 2.0;
    check.value = std::max(check.value, eta * (family.deep ? family.s : family.lambda));
  }
  return check;
}

}  // namespace dln::analytic
