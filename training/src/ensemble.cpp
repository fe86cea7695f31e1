#include "dln/training/ensemble.hpp"

#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <mutex>
#include <utility>

#include "dln/analytic/invalid_input.hpp"
#include "dln/analytic/modes.hpp"
#include "dln/numeric/init.hpp"
#include "dln/parallel/ordered_pool.hpp"
#include "dln/training/seed_statistics.hpp"
#include "simulation_run.hpp"

namespace dln::training {

void InitOptions::validate_strength() const {
  const bool random = kind == Kind::random;
  const double value = random ? scale : a0;
  if (!std::isfinite(value) || value <= 0.0)
    throw dln::InvalidInput(random ? "init-scale" : "a0", fmt::format("must be a finite number > 0, got {}", value));
}

void InitOptions::validate(const analytic::DatasetSpec& spec, analytic::Architecture arch) const {
  numeric::check_weights_fit(spec, arch, hidden);
  validate_strength();
  if (kind == Kind::random) return;
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

bool uses_seed(const InitOptions& init, Rule rule) {
  return init.kind == InitOptions::Kind::random || rule == Rule::sgd;
}

void validate_seeds(std::uint64_t seed, int count, const InitOptions& init, Rule rule) {
  validate_seed_count(seed, count);
  if (count > 1 && !uses_seed(init, rule))
    throw dln::InvalidInput("seeds", fmt::format("{} > 1 with --init aligned and --rule {} would be {} identical runs "
                                                 "(neither has any randomness); use --init random, or --rule sgd "
                                                 "whose batch order differs between seeds",
                                                 count, to_string(rule), count));
}

SeedEnsemble simulate_seeds(const numeric::Objective& objective, const InitOptions& init,
                            const SimulationOptions& options, std::uint64_t seed, int count, int jobs) {
  if (jobs < 0) throw dln::InvalidInput("jobs", fmt::format("must be ≥ 0 (0: every core), got {}", jobs));

  // The runs go to a pool; their rows are combined below in seed order, so the moments are the same bits
  // whatever the pool's width. A caller's on_row is called from the pool's threads one at a time.
  std::mutex row_mutex;
  SimulationOptions run_options = options;
  if (options.on_row)
    run_options.on_row = [&row_mutex, &on_row = options.on_row](const analytic::TrajectoryRow& row) {
      const std::lock_guard lock(row_mutex);
      return on_row(row);
    };
  parallel::OrderedPool pool(static_cast<std::size_t>(count), jobs, [&](std::size_t i) {
    const std::uint64_t run_seed = seed + i;
    return detail::run_simulation(objective, initial_weights(objective, init, run_seed), run_options, run_seed);
  });

  SeedEnsemble ensemble;
  // Per epoch, the running mean and sum of squared deviations of every column (seed_statistics.hpp).
  std::vector<analytic::TrajectoryRow> squares;
  int runs = 0;
  while (runs < count) {
    const std::uint64_t run_seed = seed + static_cast<std::uint64_t>(runs);
    ensemble.seeds.push_back(run_seed);
    const analytic::Trajectory run = pool.get(static_cast<std::size_t>(runs));
    ++runs;
    if (runs == 1) {  // rows t = 0, 1, … with every column at 0
      ensemble.mean.family_labels = ensemble.sd.family_labels = run.family_labels;
      ensemble.mean.rows = run.rows;
      for (auto& row : ensemble.mean.rows)
        analytic::for_each_column([](analytic::Column, double& value) { value = 0.0; }, row);
      squares = ensemble.mean.rows;
    }
    const std::size_t rows = std::min(ensemble.mean.rows.size(), run.rows.size());  // the rows every run has
    ensemble.mean.rows.resize(rows);
    squares.resize(rows);
    for (std::size_t t = 0; t < rows; ++t)
      analytic::for_each_column([runs](analytic::Column, double& mean, double& sum_of_squares,
                                       double x) { add_to_moments(x, runs, mean, sum_of_squares); },
                                ensemble.mean.rows[t], squares[t], std::as_const(run.rows[t]));
    // The earliest failure over the runs is the ensemble's; a callback's stop ends the ensemble there.
    const auto& failed_at = ensemble.mean.failed_at;
    if (run.failed_at && (!failed_at || *run.failed_at < *failed_at)) {
      ensemble.mean.status = ensemble.sd.status = run.status;
      ensemble.mean.failed_at = ensemble.sd.failed_at = run.failed_at;
      ensemble.mean.reason = ensemble.sd.reason = run.reason;
      ensemble.failed_seed = run_seed;
    }
    if (run.status == analytic::RunStatus::stopped) {
      if (!failed_at) {
        ensemble.mean.status = ensemble.sd.status = run.status;
        ensemble.mean.reason = ensemble.sd.reason = fmt::format("run seed {}, {}", run_seed, run.reason);
      }
      pool.stop();
      break;
    }
  }
  ensemble.sd.rows = std::move(squares);
  for (auto& row : ensemble.sd.rows)
    analytic::for_each_column([runs](analytic::Column, double& value) { value = sample_sd(value, runs); }, row);
  return ensemble;
}

}  // namespace dln::training
