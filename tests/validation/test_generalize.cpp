// docs/theory.md §10: generalisation to held-out combinations — the min-norm test losses, simulation converging to
// them, the segregated architecture generalising where the dense one does not, and bad training subsets.
#define BOOST_TEST_MODULE generalize
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <utility>
#include <vector>

#include "dln/analytic/dataset.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/validation/generalize.hpp"
#include "learning_curves.hpp"

using namespace dln;
using analytic::Architecture;
using validation::GeneralizeOptions;

namespace {

// §10's setting: patterns 0, 1, 2 trained, 3..7 tested, lr 0.02, hidden 50, σ 0.001.
GeneralizeOptions section10(int n1, int n2, int k1, int k2, double r, bool input_features = true) {
  GeneralizeOptions o;
  o.spec = {n1, n2, k1, k2, r, {}};
  o.input_features = input_features;
  o.train = {0, 1, 2};
  return o;
}

// docs/theory.md §10 prints its losses to 2 decimals, so a correct value lies within half a unit of the last
// digit, 5e-3, of the printed one.
constexpr double kPrinted = 5e-3;

}  // namespace

BOOST_AUTO_TEST_CASE(min_norm_test_losses_of_section_10) {
  // compositional: 0 when the per-item inputs are absent, 2.16 when they spoil the map
  BOOST_TEST(validation::min_norm_losses(section10(3, 2, 0, 0, 0.5)).test_omega == 0.0,
             boost::test_tools::tolerance(1e-12));
  BOOST_TEST(std::abs(validation::min_norm_losses(section10(3, 2, 1, 0, 2.0)).test_omega - 2.16) <= kPrinted);
  BOOST_TEST(std::abs(validation::min_norm_losses(section10(3, 2, 1, 1, 2.0)).test_omega - 2.16) <= kPrinted);
  // per-item
  BOOST_TEST(std::abs(validation::min_norm_losses(section10(3, 0, 1, 1, 2.0, false)).test_gamma - 2.5) <= kPrinted);
  BOOST_TEST(std::abs(validation::min_norm_losses(section10(3, 0, 1, 1, 2.0)).test_gamma - 2.89) <= kPrinted);
  BOOST_TEST(std::abs(validation::min_norm_losses(section10(3, 2, 1, 1, 2.0)).test_gamma - 2.89) <= kPrinted);
  // every training loss of the min-norm map is 0: X_T has full column rank in every configuration
  const auto l = validation::min_norm_losses(section10(3, 2, 1, 1, 2.0));
  BOOST_TEST(l.train_omega == 0.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(l.train_gamma == 0.0, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(initial_losses_are_those_of_the_zero_map) {
  // At zero weights each ±1 compositional row has squared error 1 per sample: train 3, test 5 (§10). The
  // init's map is W2W1 with entries O(√hidden·σ²) = O(1e-5), so its losses differ by O(1e-5).
  const auto result = validation::generalize([] {
    auto o = section10(3, 2, 1, 1, 2.0);
    o.epochs = 0;
    return o;
  }());
  BOOST_TEST(std::abs(result.rows.front().mean.train_omega - 3.0) <= 1e-3);
  BOOST_TEST(std::abs(result.rows.front().mean.test_omega - 5.0) <= 1e-3);
}

// GD from §10's small random init converges to the min-norm map (generalize_problem.cpp: it stays in the row
// space of X_T up to the init's own part). That leftover part is W2·W1(0) off the row space, of order
// ‖W2‖·σ·√hidden ≈ 7e-3 in the map's entries at σ = 1e-3, hidden 50, and it moves the test losses by about
// as much at most: hence 1e-2. Convergence is checked, not assumed: the training losses must have reached
// roundoff (< 1e-12) within §10's 500 epochs — the slowest mode's logistic rise from a0 ≈ ½·hidden·σ² ≈ 2.5e-5
// takes about τ/(2s)·ln(a*/a0) ≈ 100 epochs here — and two seeds must agree.
BOOST_AUTO_TEST_CASE(simulation_converges_to_the_min_norm_losses) {
  const GeneralizeOptions configurations[] = {section10(3, 0, 1, 1, 2.0, false), section10(3, 0, 1, 1, 2.0),
                                              section10(3, 2, 0, 0, 0.5), section10(3, 2, 1, 0, 2.0),
                                              section10(3, 2, 1, 1, 2.0)};
  for (auto o : configurations) {
    o.seeds = 2;
    const auto result = validation::generalize(o);
    BOOST_TEST_REQUIRE(result.status == analytic::RunStatus::ok);
    BOOST_TEST_REQUIRE(result.rows.size() == 501u);
    const auto& last = result.rows.back().mean;
    BOOST_TEST(last.train_omega < 1e-12);
    BOOST_TEST(last.train_gamma < 1e-12);
    BOOST_TEST(std::abs(last.test_omega - result.min_norm.test_omega) < 1e-2);
    BOOST_TEST(std::abs(last.test_gamma - result.min_norm.test_gamma) < 1e-2);
  }
}

// §7: the segregated module A sees Ωx only, so its map Ωy_T·Ωx_T⁺ is S exactly once Ωx_T has rank n1 (patterns
// 0, 1, 2 are independent), and the held-out combinations are predicted perfectly; the dense network's
// per-item inputs spoil the same experiment (min-norm 2.16, above).
BOOST_AUTO_TEST_CASE(segregated_generalises_where_dense_does_not) {
  auto o = section10(3, 2, 1, 1, 2.0);
  o.arch = Architecture::segregated;
  const auto segregated = validation::generalize(o);
  BOOST_TEST(segregated.min_norm.test_omega == 0.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(segregated.rows.back().mean.test_omega < 1e-2);  // the init's leftover, as above
  // Module A's Ωx_T has rank n1 = 3, so no part of its init is left untouched: it reaches S to roundoff and,
  // never seeing Γx, stays systematic throughout.
  BOOST_TEST(segregated.rows.back().readouts_mean.dist_S < 1e-10);
  for (const auto& row : segregated.rows) BOOST_TEST(row.readouts_mean.systematicity == 0.0);
  o.arch = Architecture::dense;
  BOOST_TEST(validation::generalize(o).rows.back().mean.test_omega > 2.0);
}

// Every configuration and architecture runs, including the degenerate modules of --no-input-features (the
// segregated module A then has no input at all and outputs 0).
BOOST_AUTO_TEST_CASE(every_architecture_runs_without_input_features) {
  for (auto arch : {Architecture::dense, Architecture::split, Architecture::segregated, Architecture::shallow}) {
    auto o = section10(3, 2, 1, 1, 2.0, false);
    o.arch = arch;
    o.epochs = 20;
    const auto result = validation::generalize(o);
    BOOST_TEST(result.status == analytic::RunStatus::ok);
    BOOST_TEST(result.rows.size() == 21u);
    // Without Ωx no map reaches the compositional outputs of unseen patterns: prediction 0 there, loss 5.
    if (arch == Architecture::segregated) BOOST_TEST(std::abs(result.min_norm.test_omega - 5.0) < 1e-12);
  }
}

BOOST_AUTO_TEST_CASE(bad_training_subsets_are_rejected) {
  const auto rejects = [](std::vector<int> train) {
    auto o = section10(3, 1, 3, 1, 1.0);
    o.train = std::move(train);
    try {
      o.validate();
    } catch (const InvalidInput& e) {
      return e.parameter() == "train";
    }
    return false;
  };
  BOOST_TEST(rejects({}));
  BOOST_TEST(rejects({0, 1, 1}));
  BOOST_TEST(rejects({0, 8}));
  BOOST_TEST(rejects({-1}));
  BOOST_TEST(!rejects({7, 0}));
  BOOST_CHECK_THROW(validation::draw_training_subset(8, 0.0, 0), InvalidInput);
  BOOST_CHECK_THROW(validation::draw_training_subset(8, 1.5, 0), InvalidInput);
  BOOST_CHECK_THROW(validation::draw_training_subset(8, std::nan(""), 0), InvalidInput);
  BOOST_CHECK_THROW(validation::draw_training_subset(8, 0.05, 0), InvalidInput);  // 0.4 patterns → none
}

BOOST_AUTO_TEST_CASE(training_fraction_draws_a_reproducible_subset) {
  const auto a = validation::draw_training_subset(64, 0.25, 7);
  BOOST_TEST(a.size() == 16u);
  BOOST_TEST(std::is_sorted(a.begin(), a.end()));
  BOOST_TEST((std::adjacent_find(a.begin(), a.end()) == a.end()));
  BOOST_TEST(a == validation::draw_training_subset(64, 0.25, 7));
  BOOST_TEST(a != validation::draw_training_subset(64, 0.25, 8));
  BOOST_TEST(validation::draw_training_subset(8, 1.0, 3) == (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
}

// The seeds' runs go to a pool and are combined in seed order: any number of threads gives the same bits.
BOOST_AUTO_TEST_CASE(the_same_bits_on_any_number_of_threads) {
  auto o = section10(3, 2, 1, 1, 2.0);
  o.epochs = 60;
  o.seeds = 5;
  o.jobs = 1;
  const auto serial = validation::generalize(o);
  const auto fields = [](const validation::GeneralizeRow& row) {
    return std::vector<double>{row.mean.train_omega, row.mean.train_gamma, row.mean.test_omega,
                               row.mean.test_gamma,  row.sd.train_omega,   row.sd.test_gamma,
                               row.readouts_mean.systematicity, row.readouts_sd.dist_S};
  };
  for (const int jobs : {2, 3}) {
    o.jobs = jobs;
    const auto parallel = validation::generalize(o);
    BOOST_TEST_REQUIRE(parallel.rows.size() == serial.rows.size());
    for (std::size_t t = 0; t < serial.rows.size(); ++t)
      BOOST_TEST(fields(parallel.rows[t]) == fields(serial.rows[t]), boost::test_tools::per_element());
  }
  o.jobs = -1;
  BOOST_CHECK_THROW(validation::generalize(o), dln::InvalidInput);
}

// The progress hook counts every (run, epoch) row once, one call at a time even from several threads, and ends at
// seeds·(epochs + 1): what dln generalize's progress bar divides by.
BOOST_AUTO_TEST_CASE(the_progress_hook_counts_every_row_once) {
  auto o = section10(3, 2, 1, 1, 2.0);
  o.epochs = 40;
  o.seeds = 3;
  o.jobs = 2;
  std::vector<std::int64_t> seen;
  o.on_row = [&seen](std::int64_t rows) { seen.push_back(rows); };
  validation::generalize(o);
  BOOST_TEST_REQUIRE(seen.size() == 3u * 41u);
  for (std::size_t i = 0; i < seen.size(); ++i) BOOST_TEST(seen[i] == static_cast<std::int64_t>(i + 1));
}

// On data, the paper's family as explicit matrices with its blocks is the built-in run: the same init draw
// (numeric::random_dense_init draws as numeric::random_init does for one dense module) and the same products, so
// the losses agree to rounding (1e-12 relative: a few ulps of summation order over ≤ 27 terms, per step).
BOOST_AUTO_TEST_CASE(data_with_the_family_blocks_is_the_built_in_run) {
  auto family = section10(3, 1, 3, 1, 1.0);
  family.spec = analytic::DatasetSpec{};  // the paper's 3 1 3 1 1
  family.train = {0, 1, 2, 3, 4, 5, 6};
  family.epochs = 200;
  auto data = family;
  data.data = std::make_shared<const validation::GeneralizeData>(validation::GeneralizeData{
      analytic::input_matrix(family.spec), analytic::output_matrix(family.spec),
      analytic::DataBlocks{{0, 3}, {3, 27}, {0, 1}, {1, 9}}});
  const auto a = validation::generalize(family), b = validation::generalize(data);
  BOOST_TEST_REQUIRE(a.rows.size() == b.rows.size());
  const auto& x = a.rows.back().mean;
  const auto& y = b.rows.back().mean;
  for (auto [u, v] : {std::pair{x.train_omega, y.train_omega}, {x.test_omega, y.test_omega},
                      {x.train_gamma, y.train_gamma}, {x.test_gamma, y.test_gamma}})
    BOOST_TEST(u == v, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(a.rows.back().readouts_mean.systematicity == b.rows.back().readouts_mean.systematicity,
             boost::test_tools::tolerance(1e-12));
  BOOST_TEST(a.min_norm.test_omega == b.min_norm.test_omega, boost::test_tools::tolerance(1e-12));
  // Modular architectures and a dropped Ωx are the family's; the data refuses them.
  data.arch = Architecture::split;
  BOOST_CHECK_THROW(validation::generalize(data), dln::InvalidInput);
}
