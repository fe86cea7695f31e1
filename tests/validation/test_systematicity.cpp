// The systematicity read-outs (docs/theory.md §6): systematicity = ‖ΓxΩy‖/‖Ωy rows‖ and dist_S = ‖W[Ωy,Ωx] − S‖,
// closed form against measured weights, and their limits for the segregated and dense architectures.
#define BOOST_TEST_MODULE systematicity
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "dln/analytic.hpp"
#include "dln/numeric.hpp"
#include "dln/training.hpp"
#include "learning_curves.hpp"

using namespace dln;
using analytic::Architecture;

namespace {

const std::vector<analytic::DatasetSpec> kSettings = {
    {3, 1, 3, 1, 1.0, {}},      // the paper's
    {3, 0, 3, 1, 1.0, {}},      // n2 = 0: no Ωy rows, both read-outs 0
    {3, 3, 3, 1, 1.0, {}},      // n2 = n1
    {3, 1, 0, 1, 1.0, {}},      // k1 = 0: no per-item inputs, systematic by construction
    {2, 1, 1, 3, 1.5, {1}},     // kept feature not the first
    {4, 2, 2, 1, 1.0, {1, 3}},  // P = 16
};

training::SimulationOptions gd(double lr, int epochs) {
  training::SimulationOptions options;
  options.lr = lr;
  options.epochs = epochs;
  return options;
}

}  // namespace

// The dense asymptote in closed form: c·a1* = √(P/L2)·√(P/L1)·√(L2/L1) = P/L1 on each kept entry, so
// dist_S* = √n2·(1 − P/L1) = √n2·k1r²/L1, and systematicity* = GxOy*/√(OxOy*² + GxOy*²) of §6's quadrants.
BOOST_AUTO_TEST_CASE(closed_form_asymptotes) {
  for (const auto& spec : kSettings) {
    const auto dense = analytic::architecture_modes(spec, Architecture::dense);
    const auto row = analytic::readout_row(dense, 0, analytic::asymptotic_strengths(dense));
    const auto q = analytic::asymptotic_quadrants(dense);
    const double expected = spec.n2 == 0 ? 0.0 : q.GxOy / std::hypot(q.OxOy, q.GxOy);
    BOOST_TEST(std::abs(row.systematicity - expected) < 1e-12);
    BOOST_TEST(std::abs(row.dist_S - std::sqrt(spec.n2) * spec.k1 * spec.r * spec.r / spec.L1()) < 1e-12);
    // segregated: module A converges to S exactly and never reads Γx
    const auto segregated = analytic::architecture_modes(spec, Architecture::segregated);
    const auto seg = analytic::readout_row(segregated, 0, analytic::asymptotic_strengths(segregated));
    BOOST_TEST(seg.systematicity == 0.0);
    BOOST_TEST(seg.dist_S < 1e-12);
  }
}

// Full-batch GD from the aligned init follows the exact discrete map of every mode (test_simulate), so the
// measured read-outs — computed from W2[Ωy rows]·W1[:, Ωx columns] and the measured quadrants — must equal the
// closed forms from the mode strengths to roundoff; 1e-10 as in test_simulate's comparison of every column.
BOOST_AUTO_TEST_CASE(measured_equals_closed_form_from_aligned_init) {
  for (const auto& spec : kSettings)
    for (auto arch : test::kArchitectures) {
      const numeric::Objective objective(spec, arch);
      const auto& modes = objective.modes();
      const double lr = 0.5 * analytic::gd_stability(modes, 0.02).critical_lr(), a0 = 1e-3;
      const int epochs = 150;
      const int hidden = static_cast<int>(spec.patterns()) + 2;
      const auto simulated =
          training::simulate(objective, numeric::aligned_init(modes, hidden, a0), gd(lr, epochs), 0);
      const auto theory = analytic::theory_trajectory(modes, analytic::uniform_initial_strengths(modes, a0),
                                                      {lr, epochs, analytic::TimeModel::discrete});
      BOOST_TEST_REQUIRE(simulated.rows.size() == theory.rows.size());
      double worst = 0.0;
      for (std::size_t t = 0; t < theory.rows.size(); ++t) {
        worst = std::max(worst, std::abs(simulated.rows[t].systematicity - theory.rows[t].systematicity));
        worst = std::max(worst, std::abs(simulated.rows[t].dist_S - theory.rows[t].dist_S));
      }
      BOOST_TEST(worst < 1e-10, "n1 " << spec.n1 << " n2 " << spec.n2 << " k1 " << spec.k1 << " "
                                      << analytic::to_string(arch) << ": " << worst);
    }
}

// From the paper's random init the segregated module A (Σx = I, Σyx = S, one mode s = λ = 1) reaches S: its
// error contracts by |1 − 2ηλa*| = 1 − 2·0.16 = 0.68 per epoch once risen (≈ 45 epochs from a0 ~ 1e-6), so
// after 500 epochs only roundoff is left; A never sees Γx, so systematicity is exactly 0 throughout.
// The dense network's Ωy rows are driven by π1 alone (the only class with u.omega ≠ 0), which converges as
// fast, but GD never touches W1 on Σx's null space (19 of the 27 input directions here), so W[Ωy,:] keeps
// B = W2[Ωy]·W1(0) there: ‖B‖ ≈ ‖W2[Ωy]‖·σ·√19 ≈ 0.95·2e-4·4.4 ≈ 8e-4. The null directions mix Ωx and Γx
// coordinates, so B moves OxOy and GxOy (and the ratio, whose denominator is ≈ 0.95) to first order in ‖B‖:
// hence 2e-3 for the dense limits.
BOOST_AUTO_TEST_CASE(segregated_is_systematic_and_dense_is_not_at_convergence) {
  const analytic::DatasetSpec spec;
  training::InitOptions init;  // random, hidden 50, σ = 2e-4
  for (auto arch : {Architecture::segregated, Architecture::dense}) {
    const numeric::Objective objective(spec, arch);
    const auto run = training::simulate(objective, training::initial_weights(objective, init, 1), gd(0.02, 500), 1);
    BOOST_TEST_REQUIRE(run.status == analytic::RunStatus::ok);
    const auto& last = run.rows.back();
    if (arch == Architecture::segregated) {
      for (const auto& row : run.rows) BOOST_TEST(row.systematicity == 0.0);
      BOOST_TEST(last.dist_S < 1e-10);
    } else {
      const auto q = analytic::asymptotic_quadrants(objective.modes());
      BOOST_TEST(std::abs(last.systematicity - q.GxOy / std::hypot(q.OxOy, q.GxOy)) < 2e-3);
      BOOST_TEST(std::abs(last.dist_S - 3.0 / 11.0) < 2e-3);  // √n2·k1r²/L1 = 3/11
    }
  }
}
