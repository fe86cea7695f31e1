// Simulated training against the exact closed forms (docs/theory.md §4–5), SGD against GD, seeds, divergence.
#define BOOST_TEST_MODULE validation
#include <boost/test/unit_test.hpp>

#include "row_values.hpp"
#include "dln/numeric.hpp"
#include "dln/training.hpp"
#include "learning_curves.hpp"

using namespace dln;
using analytic::Architecture;
using training::Rule;
using training::SimulationOptions;

namespace {

// The settings of docs/theory.md §13 that crashed the original scripts, and a few generic ones.
const std::vector<analytic::DatasetSpec> kSettings = {
    {3, 1, 3, 1, 1.0, {}},      // the paper's
    {3, 1, 0, 1, 1.0, {}},      // k1 = 0
    {3, 1, 3, 0, 1.0, {}},      // k2 = 0
    {3, 0, 3, 1, 1.0, {}},      // n2 = 0
    {3, 3, 3, 1, 1.0, {}},      // n2 = n1
    {3, 1, 2, 2, 0.7, {}},      // k1 = k2
    {2, 1, 1, 3, 1.5, {1}},     // k2 > k1, kept feature not the first
    {4, 2, 2, 1, 1.0, {1, 3}},  // P = 16
};

SimulationOptions gd(double lr, int epochs) {
  SimulationOptions options;
  options.lr = lr;
  options.epochs = epochs;
  return options;
}

// A learning rate at `fraction` of full-batch GD's stability bound (docs/theory.md §4).
double lr_at(const analytic::ArchitectureModes& modes, double fraction) {
  const auto check = analytic::gd_stability(modes, 1.0);  // η·s_max (or η·λ_max) at lr = 1
  return check.value > 0.0 ? fraction * check.bound / check.value : 0.02;
}

}  // namespace

// Full-batch GD from the aligned init follows the exact discrete map a_{t+1} = a_t(1 + η(s − λa_t))²
// (shallow: a* + (a0 − a*)(1 − ηλ)^t) in every mode, so every column must agree to roundoff. Each GD step
// is O(1) flops per entry on O(1) numbers with a map that contracts towards a* (η·s < 1), so the errors
// of the two computations stay at O(epochs·ε) ≈ 1e-13; 1e-10 leaves room without hiding a wrong step
// (a one-epoch offset or a missing factor changes the early rows by ≥ 1e-4).
BOOST_AUTO_TEST_CASE(gd_from_aligned_init_is_the_exact_discrete_map) {
  double worst = 0.0;
  for (const auto& spec : kSettings)
    for (auto arch : test::kArchitectures)
      for (double fraction : {0.3, 0.9}) {
        const numeric::Objective objective(spec, arch);
        const auto& modes = objective.modes();
        const double lr = lr_at(modes, fraction), a0 = 1e-3;
        const int epochs = 200;
        const int hidden = static_cast<int>(spec.patterns()) + 2;  // ≥ modes of any module
        const auto simulated =
            training::simulate(objective, numeric::aligned_init(modes, hidden, a0), gd(lr, epochs), 0);
        const auto theory = analytic::theory_trajectory(modes, analytic::uniform_initial_strengths(modes, a0),
                                                        {lr, epochs, analytic::TimeModel::discrete});
        BOOST_TEST_REQUIRE(simulated.status == analytic::RunStatus::ok);
        BOOST_TEST_REQUIRE(simulated.rows.size() == static_cast<std::size_t>(epochs) + 1);
        BOOST_TEST(simulated.family_labels == theory.family_labels);
        const double d = test::trajectory_distance(simulated, theory);
        worst = std::max(worst, d);
        BOOST_TEST(d < 1e-10, "n1 " << spec.n1 << " n2 " << spec.n2 << " k1 " << spec.k1 << " k2 " << spec.k2
                                    << " " << analytic::to_string(arch) << " lr " << lr << ": " << d);
      }
  BOOST_TEST_MESSAGE("gd vs exact discrete theory: max deviation " << worst);
}

// The paper's setting and learning rate (lr 0.02, a0 = 1e-6, 300 epochs): a long plateau then a fast rise,
// the case where a one-epoch offset between simulation and prediction would show most.
BOOST_AUTO_TEST_CASE(gd_matches_discrete_theory_at_the_paper_setting) {
  const analytic::DatasetSpec spec;
  for (auto arch : test::kArchitectures) {
    const numeric::Objective objective(spec, arch);
    const auto& modes = objective.modes();
    const auto simulated = training::simulate(objective, numeric::aligned_init(modes, 50, 1e-6), gd(0.02, 300), 0);
    const auto theory = analytic::theory_trajectory(modes, analytic::uniform_initial_strengths(modes, 1e-6),
                                                    {0.02, 300, analytic::TimeModel::discrete});
    const double d = test::trajectory_distance(simulated, theory);
    BOOST_TEST(d < 1e-10, analytic::to_string(arch) << ": " << d);
    BOOST_TEST_MESSAGE("paper setting, " << analytic::to_string(arch) << ": max deviation " << d);
  }
}

namespace {

SimulationOptions sgd(double lr, int epochs, int batch) {
  SimulationOptions options = gd(lr, epochs);
  options.rule = Rule::sgd;
  options.batch = batch;
  return options;
}

bool identical(const analytic::Trajectory& a, const analytic::Trajectory& b) {
  if (a.rows.size() != b.rows.size() || a.status != b.status || a.failed_at != b.failed_at) return false;
  for (std::size_t t = 0; t < a.rows.size(); ++t)
    if (test::row_values(a.rows[t]) != test::row_values(b.rows[t])) return false;
  return true;
}

}  // namespace

// SGD with B = P takes, every epoch, one step of lr times the summed gradient over all patterns, which is
// η·∂L/∂W with η = P·lr: GD. The two are not bit-identical: the batch gradient sums the patterns in the
// shuffled order and associates W2ᵀ(Y − W2H) where the objective forms W2ᵀY − (W2ᵀW2)H, so each step
// differs by a few ulps (≈ 1e-16) of the O(1) terms. GD contracts every trained direction, by 1 − 2η·s
// per step — at half the stability bound at most 0.92 over these settings (the slowest: π3 at n1 = 4) —
// so the differences settle at about few·ε/(1 − 0.92) ≈ 1e-15 instead of adding up over the epochs
// (measured: 2.7e-15); 1e-14 allows for that, and any step that is not GD's (an extra or missing step,
// a wrong factor) changes a row by ≳ 1e-4.
BOOST_AUTO_TEST_CASE(sgd_with_full_batches_is_gd) {
  double worst = 0.0;
  for (const auto& spec : kSettings)
    for (auto arch : test::kArchitectures) {
      const numeric::Objective objective(spec, arch);
      const double lr = lr_at(objective.modes(), 0.5);
      const auto weights = numeric::random_init(spec, arch, 6, 0.1, 17);
      const auto batch = static_cast<int>(spec.patterns());
      const auto full = training::simulate(objective, weights, gd(lr, 200), 0);
      const auto stochastic = training::simulate(objective, weights, sgd(lr, 200, batch), 5);
      const double d = test::trajectory_distance(full, stochastic);
      worst = std::max(worst, d);
      BOOST_TEST(d < 1e-14, analytic::to_string(arch) << " n1 " << spec.n1 << ": " << d);
    }
  BOOST_TEST_MESSAGE("sgd with B = P vs gd: max deviation " << worst);
}

// One epoch at a tiny lr moves W by O(lr·P) and SGD with any batch size differs from GD only at second
// order, O((lr·P)²): the ratio of the two is O(η·‖∂²L‖) ≈ 1e-3 here. An epoch that dropped or repeated
// patterns — e.g. the ragged last batch of B = 3 with P = 8 — would be off by (P mod B)/P = 25% of the
// step. So |SGD − GD| must be < 1% of |GD − start| for ragged and dividing batch sizes alike.
BOOST_AUTO_TEST_CASE(an_sgd_epoch_visits_every_pattern_once) {
  const analytic::DatasetSpec spec;
  for (auto arch : test::kArchitectures)
    for (int batch : {1, 3, 5, 8}) {
      const numeric::Objective objective(spec, arch);
      const auto weights = numeric::random_init(spec, arch, 6, 0.3, 4);
      const auto full = training::simulate(objective, weights, gd(1e-4, 1), 0);
      const auto stochastic = training::simulate(objective, weights, sgd(1e-4, 1, batch), 1);
      const double moved = test::row_distance(full.rows[1], full.rows[0]);
      const double ratio = test::row_distance(stochastic.rows[1], full.rows[1]) / moved;
      BOOST_TEST(moved > 1e-6);
      BOOST_TEST(ratio < 1e-2, analytic::to_string(arch) << " B = " << batch << ": ratio " << ratio);
    }
}

// Runs are functions of their seed: the same seed twice gives the same bits, a different seed a
// different batch order (sgd) or init (random), hence a different trajectory.
BOOST_AUTO_TEST_CASE(same_seed_same_trajectory_different_seed_different) {
  const analytic::DatasetSpec spec;
  const numeric::Objective objective(spec, Architecture::dense);
  const auto weights = numeric::random_init(spec, Architecture::dense, 20, 0.05, 3);
  const auto options = sgd(0.01, 50, 3);
  const auto a = training::simulate(objective, weights, options, 7);
  const auto b = training::simulate(objective, weights, options, 7);
  const auto c = training::simulate(objective, weights, options, 8);
  BOOST_TEST(identical(a, b));
  BOOST_TEST(test::trajectory_distance(a, c) > 1e-6);

  const training::InitOptions init{training::InitOptions::Kind::random, 20, 0.05, 0.0};
  const auto d = training::simulate_seeds(objective, init, gd(0.01, 50), 7, 1);
  const auto e = training::simulate_seeds(objective, init, gd(0.01, 50), 7, 1);
  const auto f = training::simulate_seeds(objective, init, gd(0.01, 50), 8, 1);
  BOOST_TEST(identical(d.mean, e.mean));
  BOOST_TEST(test::trajectory_distance(d.mean, f.mean) > 1e-6);
  // The batch stream is not the init stream: SplitMix64 of the run seed.
  BOOST_TEST(training::batch_stream_seed(7) != 7U);
  BOOST_TEST(training::batch_stream_seed(7) != training::batch_stream_seed(8));
}

// A row callback that returns RowAction::stop ends a run after that row (status stopped, the rows so far exactly
// those of the full run), and ends a seed ensemble with it: no later seed is run.
BOOST_AUTO_TEST_CASE(a_row_callback_stops_a_run_and_its_ensemble) {
  const analytic::DatasetSpec spec;
  const numeric::Objective objective(spec, Architecture::dense);
  const training::InitOptions init{training::InitOptions::Kind::random, 10, 0.05, 0.0};
  auto options = sgd(0.01, 30, 3);
  const auto weights = training::initial_weights(objective, init, 4);
  const auto full = training::simulate(objective, weights, options, 4);
  int calls = 0;
  options.on_row = [&calls](const analytic::TrajectoryRow& row) {
    ++calls;
    return row.t == 12 ? analytic::RowAction::stop : analytic::RowAction::proceed;
  };
  const auto stopped = training::simulate(objective, weights, options, 4);
  BOOST_TEST((stopped.status == analytic::RunStatus::stopped));
  BOOST_TEST(!stopped.failed_at.has_value());
  BOOST_TEST(calls == 13);
  BOOST_TEST_REQUIRE(stopped.rows.size() == 13U);
  for (std::size_t t = 0; t < 13; ++t) BOOST_TEST(test::row_values(stopped.rows[t]) == test::row_values(full.rows[t]));

  // In a serial ensemble (jobs = 1) the callback sees the rows of run 0 (t = 0..30), then of run 1 until its t = 12.
  calls = 0;
  int runs_started = 0;
  options.on_row = [&](const analytic::TrajectoryRow& row) {
    ++calls;
    runs_started += row.t == 0;
    return runs_started == 2 && row.t == 12 ? analytic::RowAction::stop : analytic::RowAction::proceed;
  };
  const auto ensemble = training::simulate_seeds(objective, init, options, 4, 5, /*jobs=*/1);
  BOOST_TEST((ensemble.mean.status == analytic::RunStatus::stopped));
  BOOST_TEST((ensemble.seeds == std::vector<std::uint64_t>{4, 5}));
  BOOST_TEST(calls == 31 + 13);
  BOOST_TEST(ensemble.mean.rows.size() == 13U);
  BOOST_TEST(ensemble.mean.reason == "run seed 5, after t = 12");
}

// Too large a step (η·s_max = 8·1·1.24 ≈ 10 ≫ 1): the warning is given, the run stops at the first
// non-finite value with status diverged, failed_at = that epoch, and the rows before it are all finite.
BOOST_AUTO_TEST_CASE(divergence_is_reported_with_the_rows_so_far) {
  const analytic::DatasetSpec spec;
  for (auto arch : test::kArchitectures)
    for (Rule rule : {Rule::gd, Rule::sgd}) {
      const numeric::Objective objective(spec, arch);
      SimulationOptions options = rule == Rule::gd ? gd(1.0, 300) : sgd(1.0, 300, 2);
      BOOST_TEST(training::stability_warning(objective.modes(), options).has_value());
      const auto run = training::simulate(objective, numeric::aligned_init(objective.modes(), 10, 0.1), options, 0);
      BOOST_TEST_REQUIRE(run.status == analytic::RunStatus::diverged);
      BOOST_TEST_REQUIRE(run.failed_at.has_value());
      BOOST_TEST(*run.failed_at >= 1);
      BOOST_TEST(*run.failed_at <= 300);
      BOOST_TEST(run.rows.size() == static_cast<std::size_t>(*run.failed_at));
      for (const auto& row : run.rows)
        for (double v : test::row_values(row)) BOOST_TEST_REQUIRE(std::isfinite(v));
    }
  // Inside the bound there is no warning.
  const numeric::Objective objective(spec, Architecture::dense);
  BOOST_TEST(!training::stability_warning(objective.modes(), gd(0.02, 300)).has_value());
}

// The ensemble's mean and standard deviation are those of the individual runs with seeds seed, seed + 1, …
// (each run's init from its own seed, its batches from batch_stream_seed of it). The ensemble uses Welford's
// running formulas, the reference the two-pass ones: they agree to roundoff of O(1) numbers, 1e-14.
BOOST_AUTO_TEST_CASE(seed_ensemble_is_mean_and_sd_of_the_runs) {
  const analytic::DatasetSpec spec;
  const numeric::Objective objective(spec, Architecture::split);
  const training::InitOptions init{training::InitOptions::Kind::random, 12, 0.05, 0.0};
  const auto options = sgd(0.01, 40, 4);
  const auto ensemble = training::simulate_seeds(objective, init, options, 100, 3);
  BOOST_TEST((ensemble.seeds == std::vector<std::uint64_t>{100, 101, 102}));
  BOOST_TEST(ensemble.mean.status == analytic::RunStatus::ok);
  BOOST_TEST(!ensemble.failed_seed.has_value());
  BOOST_TEST(ensemble.mean.family_labels.size() == objective.modes().families.size());

  std::vector<analytic::Trajectory> runs;
  for (std::uint64_t seed : ensemble.seeds)
    runs.push_back(training::simulate(objective, training::initial_weights(objective, init, seed), options, seed));
  BOOST_TEST_REQUIRE(ensemble.mean.rows.size() == 41U);
  BOOST_TEST_REQUIRE(ensemble.sd.rows.size() == 41U);
  double worst = 0.0, spread = 0.0;
  for (std::size_t t = 0; t < 41; ++t) {
    const auto mean = test::row_values(ensemble.mean.rows[t]), sd = test::row_values(ensemble.sd.rows[t]);
    BOOST_TEST(ensemble.mean.rows[t].t == static_cast<int>(t));
    for (std::size_t c = 1; c < mean.size(); ++c) {
      double m = 0.0, v = 0.0;
      for (const auto& run : runs) m += test::row_values(run.rows[t])[c] / 3.0;
      for (const auto& run : runs) v += std::pow(test::row_values(run.rows[t])[c] - m, 2) / 2.0;
      worst = std::max({worst, std::abs(mean[c] - m), std::abs(sd[c] - std::sqrt(v))});
      spread = std::max(spread, sd[c]);
    }
  }
  BOOST_TEST(worst < 1e-14);
  BOOST_TEST(spread > 1e-6);  // the runs do differ

  // A single run is the run itself, with zero spread.
  const auto single = training::simulate_seeds(objective, init, options, 100, 1);
  BOOST_TEST(identical(single.mean, runs[0]));
  for (const auto& row : single.sd.rows)
    for (std::size_t c = 1; c < test::row_values(row).size(); ++c) BOOST_TEST(test::row_values(row)[c] == 0.0);
}

// The runs of an ensemble go to a pool but are combined in seed order: any number of threads gives the same
// bits as the serial loop, and the row callback (called one row at a time) sees every row of every run.
BOOST_AUTO_TEST_CASE(seed_ensemble_is_the_same_bits_on_any_number_of_threads) {
  const analytic::DatasetSpec spec;
  const numeric::Objective objective(spec, Architecture::split);
  const training::InitOptions init{training::InitOptions::Kind::random, 12, 0.05, 0.0};
  auto options = sgd(0.01, 40, 3);
  const auto serial = training::simulate_seeds(objective, init, options, 7, 6, /*jobs=*/1);
  for (const int jobs : {2, 3, 0}) {
    int rows = 0;  // not atomic: the ensemble calls on_row one row at a time
    options.on_row = [&rows](const analytic::TrajectoryRow&) {
      ++rows;
      return analytic::RowAction::proceed;
    };
    const auto parallel = training::simulate_seeds(objective, init, options, 7, 6, jobs);
    BOOST_TEST(identical(parallel.mean, serial.mean));
    BOOST_TEST(identical(parallel.sd, serial.sd));
    BOOST_TEST(rows == 6 * 41);
  }
  BOOST_CHECK_THROW(training::simulate_seeds(objective, init, options, 7, 6, -1), dln::InvalidInput);
}

// When one run diverges the ensemble keeps the rows every run reached and names the run that failed first.
BOOST_AUTO_TEST_CASE(seed_ensemble_reports_the_first_divergence) {
  const analytic::DatasetSpec spec;
  const numeric::Objective objective(spec, Architecture::dense);
  const training::InitOptions init{training::InitOptions::Kind::random, 10, 0.3, 0.0};
  const auto ensemble = training::simulate_seeds(objective, init, gd(1.0, 300), 5, 3);
  BOOST_TEST_REQUIRE(ensemble.mean.status == analytic::RunStatus::diverged);
  BOOST_TEST_REQUIRE(ensemble.failed_seed.has_value());
  const auto failed = training::simulate(
      objective, training::initial_weights(objective, init, *ensemble.failed_seed), gd(1.0, 300), *ensemble.failed_seed);
  BOOST_TEST_REQUIRE(failed.failed_at.has_value());
  BOOST_TEST(ensemble.mean.failed_at.value_or(-1) == *failed.failed_at);
  BOOST_TEST(ensemble.mean.rows.size() == static_cast<std::size_t>(*failed.failed_at));
  BOOST_TEST(ensemble.sd.rows.size() == ensemble.mean.rows.size());
}

// Bad options are rejected before any work, naming the flag.
BOOST_AUTO_TEST_CASE(options_validate_themselves) {
  const analytic::DatasetSpec spec;  // P = 8
  const auto rejects = [&](SimulationOptions options, Architecture arch, const std::string& parameter) {
    try {
      options.validate(spec, arch);
    } catch (const dln::InvalidInput& e) {
      return e.parameter() == parameter;
    }
    return false;
  };
  BOOST_TEST(rejects(sgd(0.01, 10, 0), Architecture::dense, "batch"));
  BOOST_TEST(rejects(sgd(0.01, 10, 9), Architecture::dense, "batch"));
  BOOST_TEST(rejects(sgd(0.01, 10, -1), Architecture::dense, "batch"));
  SimulationOptions batch_with_gd = gd(0.01, 10);
  batch_with_gd.batch = 4;
  BOOST_TEST(rejects(batch_with_gd, Architecture::dense, "batch"));
  BOOST_TEST(rejects(gd(std::nan(""), 10), Architecture::dense, "lr"));
  BOOST_TEST(rejects(gd(INFINITY, 10), Architecture::dense, "lr"));
  BOOST_TEST(rejects(gd(0.0, 10), Architecture::dense, "lr"));
  BOOST_TEST(rejects(gd(0.01, -1), Architecture::dense, "epochs"));
  for (auto arch : {Architecture::split, Architecture::segregated, Architecture::shallow})
    BOOST_TEST(rejects(SimulationOptions::for_rule(Rule::hebbian), arch, "rule"));
  SimulationOptions nan_gamma = SimulationOptions::for_rule(Rule::contrastive_hebbian);
  nan_gamma.gamma = std::nan("");
  BOOST_TEST(rejects(nan_gamma, Architecture::dense, "gamma"));
  SimulationOptions nu_with_gd = gd(0.01, 10);
  nu_with_gd.nu = 0.1;
  BOOST_TEST(rejects(nu_with_gd, Architecture::dense, "nu"));
  BOOST_CHECK_NO_THROW(sgd(0.01, 10, 3).validate(spec, Architecture::shallow));  // 3 does not divide 8: allowed
  BOOST_CHECK_NO_THROW(sgd(0.01, 10, 8).validate(spec, Architecture::segregated));

  BOOST_CHECK_THROW(training::validate_seed_count(0, 0), dln::InvalidInput);
  BOOST_CHECK_THROW(training::validate_seed_count(0, training::kMaxSeeds + 1), dln::InvalidInput);
  BOOST_CHECK_THROW(training::validate_seed_count(std::numeric_limits<std::uint64_t>::max(), 2), dln::InvalidInput);
  BOOST_CHECK_NO_THROW(training::validate_seed_count(std::numeric_limits<std::uint64_t>::max(), 1));

  // Several runs need something that differs between seeds: a random init or SGD's batch order.
  training::InitOptions aligned;
  aligned.kind = training::InitOptions::Kind::aligned;
  training::InitOptions random;
  BOOST_CHECK_THROW(training::validate_seeds(0, 2, aligned, training::Rule::gd), dln::InvalidInput);
  BOOST_CHECK_THROW(training::validate_seeds(0, 2, aligned, training::Rule::hebbian), dln::InvalidInput);
  BOOST_CHECK_NO_THROW(training::validate_seeds(0, 1, aligned, training::Rule::gd));
  BOOST_CHECK_NO_THROW(training::validate_seeds(0, 2, aligned, training::Rule::sgd));
  BOOST_CHECK_NO_THROW(training::validate_seeds(0, 2, random, training::Rule::gd));
  BOOST_CHECK_THROW(training::validate_seeds(0, training::kMaxSeeds + 1, random, training::Rule::gd), dln::InvalidInput);
}
