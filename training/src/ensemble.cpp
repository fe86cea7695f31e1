#include "dln/validation/ensemble.hpp"

#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "dln/analytic/invalid_input.hpp"
#include "dln/analytic/modes.hpp"
#include "dln/numeric/init.hpp"

namespace dln::validation {

namespace {

void require_positive_finite(double value, const char* name) {
  if (!std::isfinite(value) || value <= 0.0)
    throw dln::InvalidInput(name, fmt::format("must be a finite number > 0, got {}", value));
}

// The inverse of analytic::csv_values: t, loss, a_pi1..3, the four quadrants, systematicity, dist_S, then the
// family columns.
analytic::TrajectoryRow row_from_values(int t, const std::vector<double>& values) {
  analytic::TrajectoryRow row;
  row.t = t;
  row.loss = values[1];
  row.a_pi = {values[2], values[3], values[4]};
  row.quadrants = {values[5], values[6], values[7], values[8]};
  row.systematicity = values[9];
  row.dist_S = values[10];
  row.family_strength.assign(values.begin() + 11, values.end());
  return row;
}

}  // namespace

void InitOptions::validate(const analytic::DatasetSpec& spec, analytic::Architecture arch) const {
  numeric::check_weights_fit(spec, arch, hidden);
  if (kind == Kind::random) {
    require_positive_finite(scale, "init-scale");
    return;
  }
  require_positive_finite(a0, "a0");
  // numeric::aligned_init gives every mode of a deep module its own hidden unit; checked here so that the
  // caller learns it before any work starts.
  const auto modes = analytic::architecture_modes(spec, arch);
  const auto layouts = analytic::module_layouts(arch);
  std::vector<std::int64_t> needed(layouts.size(), 0);
  for (const auto& family : modes.families)
    if (family.present() && family.deep) needed[family.module] += family.multiplicity;
  for (std::size_t m = 0; m < layouts.size(); ++m)
    if (needed[m] > hidden)
      throw dln::InvalidInput("hidden", fmt::format("aligned init of the {} architecture needs hidden ≥ {} (one unit "
                                                    "per mode of module {}), got {}",
                                                    analytic::to_string(arch), needed[m], layouts[m].name, hidden));
}

analytic::NetworkWeights initial_weights(const numeric::Objective& objective, const InitOptions& init,
                                         std::uint64_t seed) {
  const auto& modes = objective.modes();
  if (init.kind == InitOptions::Kind::random)
    return numeric::random_init(modes.spec, modes.arch, init.hidden, init.scale, seed);
  return numeric::aligned_init(modes, init.hidden, init.a0);
}

void validate_seed_count(std::uint64_t seed, int count) {
  if (count < 1 || count > kMaxSeeds)
    throw dln::InvalidInput("seeds", fmt::format("must be an integer in [1, {}], got {}", kMaxSeeds, count));
  if (seed > std::numeric_limits<std::uint64_t>::max() - static_cast<std::uint64_t>(count - 1))
    throw dln::InvalidInput("seeds", fmt::format("{} runs from --seed {} (seeds seed, seed + 1, …) would pass "
                                                 "2^64 − 1; use a smaller --seed",
                                                 count, seed));
}

SeedEnsemble simulate_seeds(const numeric::Objective& objective, const InitOptions& init,
                            const SimulationOptions& options, std::uint64_t seed, int count) {
  const auto& modes = objective.modes();
  options.validate(modes.spec, modes.arch);
  init.validate(modes.spec, modes.arch);
  validate_seed_count(seed, count);

  SeedEnsemble ensemble;
  // Welford's running mean and sum of squared deviations per row and column (stable for any count).
  std::vector<std::vector<double>> mean, squares;
  std::size_t rows = static_cast<std::size_t>(options.epochs) + 1;  // shrinks to the shortest run
  SimulationOptions run_options = options;
  for (int i = 0; i < count; ++i) {
    const std::uint64_t run_seed = seed + static_cast<std::uint64_t>(i);
    ensemble.seeds.push_back(run_seed);
    if (options.on_row) {
      const std::int64_t rows_before = std::int64_t{i} * (options.epochs + 1);
      run_options.on_row = [&options, rows_before](std::int64_t t) { options.on_row(rows_before + t); };
    }
    const analytic::Trajectory run =
        simulate(objective, initial_weights(objective, init, run_seed), run_options, run_seed);
    if (i == 0) ensemble.mean.family_labels = ensemble.sd.family_labels = run.family_labels;
    if (run.failed_at && (!ensemble.mean.failed_at || *run.failed_at < *ensemble.mean.failed_at)) {
      ensemble.mean.status = ensemble.sd.status = run.status;
      ensemble.mean.failed_at = ensemble.sd.failed_at = run.failed_at;
      ensemble.failed_seed = run_seed;
    }
    rows = std::min(rows, run.rows.size());
    mean.resize(rows);
    squares.resize(rows);
    const double n = i + 1.0;
    for (std::size_t t = 0; t < rows; ++t) {
      const std::vector<double> values = analytic::csv_values(run.rows[t]);
      if (i == 0) {
        mean[t] = values;
        squares[t].assign(values.size(), 0.0);
        continue;
      }
      for (std::size_t c = 0; c < values.size(); ++c) {
        const double delta = values[c] - mean[t][c];
        mean[t][c] += delta / n;
        squares[t][c] += delta * (values[c] - mean[t][c]);
      }
    }
  }
  for (std::size_t t = 0; t < rows; ++t) {
    std::vector<double> sd(squares[t].size());
    for (std::size_t c = 0; c < sd.size(); ++c) sd[c] = count > 1 ? std::sqrt(squares[t][c] / (count - 1)) : 0.0;
    ensemble.mean.rows.push_back(row_from_values(static_cast<int>(t), mean[t]));
    ensemble.sd.rows.push_back(row_from_values(static_cast<int>(t), sd));
  }
  return ensemble;
}

}  // namespace dln::validation
