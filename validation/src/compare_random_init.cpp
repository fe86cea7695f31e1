// V4 and V5: from a random init the modes are only approximately decoupled; these comparisons measure
// how far the closed forms and the flow still describe full-batch GD.
#include <cmath>
#include <fmt/format.h>

#include "dln/analytic.hpp"
#include "dln/numeric.hpp"
#include "dln/validation/comparison.hpp"
#include "dln/validation/paper_setting.hpp"
#include "dln/training/simulate.hpp"
#include "trajectory_difference.hpp"

namespace dln::validation {

namespace {

const analytic::DatasetSpec kPaper{};  // n1=3 n2=1 k1=3 k2=1 r=1
constexpr auto kDense = analytic::Architecture::dense;
constexpr int kHidden = 50;
constexpr double kPaperLr = 0.02, kPaperSigma = 2e-4;  // σ = 0.01/50 (docs/theory.md §4)

analytic::Trajectory gd(const numeric::Objective& objective, const analytic::NetworkWeights& w, double lr, int epochs) {
  training::SimulationOptions options;
  options.lr = lr;
  options.epochs = epochs;
  return training::simulate(objective, w, options, 0);
}

analytic::Trajectory flow(const numeric::Objective& objective, const analytic::NetworkWeights& w, double lr, int epochs) {
  numeric::IntegrationOptions options;
  options.lr = lr;
  options.epochs = epochs;
  return numeric::integrate_flow(objective, w, options).trajectory;
}

}  // namespace

std::vector<Comparison> compare_gd_gap_order(bool quick) {
  // GD is a first-order (Euler) discretisation of the flow with step η = P·lr in units of τ: the gap
  // at fixed t/τ is O(η). Halving lr while doubling the epochs keeps t/τ fixed and should halve the gap.
  const double sigma = quick ? 1e-2 : kPaperSigma;
  const int epochs = quick ? 150 : 300;
  const numeric::Objective objective(kPaper, kDense);
  const auto w = numeric::random_init(kPaper, kDense, kHidden, sigma, 1);
  double gaps[3];
  for (int i = 0; i < 3; ++i) {
    const double lr = kPaperLr / (1 << i);
    gaps[i] = max_abs_difference(gd(objective, w, lr, epochs << i), flow(objective, w, lr, epochs << i));
  }
  const double order1 = std::log2(gaps[0] / gaps[1]), order2 = std::log2(gaps[1] / gaps[2]);
  Comparison c{"V4",
               fmt::format("GD vs Boost.Odeint flow from the same random init (dense, σ {}, hidden {}), lr {}, {}, {} "
                           "over {}, {}, {} epochs: gaps {:.3g}, {:.3g}, {:.3g}; orders {:.3f}, {:.3f}",
                           sigma, kHidden, kPaperLr, kPaperLr / 2, kPaperLr / 4, epochs, 2 * epochs, 4 * epochs,
                           gaps[0], gaps[1], gaps[2], order1, order2),
               "max |measured order − 1|", std::max(std::abs(order1 - 1), std::abs(order2 - 1)), 0.2,
               "Euler's global error is first order in the step η = P·lr; ±0.2 allows the O(η²) remainder"};
  return {c};
}

PaperSettingRun run_paper_setting() {
  PaperSettingRun run;
  run.spec = kPaper;
  run.lr = kPaperLr;
  run.init_scale = kPaperSigma;
  run.hidden = kHidden;
  run.epochs = 300;
  run.seed = 0;
  const numeric::Objective objective(run.spec, kDense);
  const auto w = numeric::random_init(run.spec, kDense, run.hidden, run.init_scale, run.seed);
  const auto a0 = analytic::effective_initial_strengths(objective.modes(), w);
  run.simulated = gd(objective, w, run.lr, run.epochs);
  run.discrete = analytic::theory_trajectory(objective.modes(), a0, {run.lr, run.epochs, analytic::TimeModel::discrete});
  run.flow = analytic::theory_trajectory(objective.modes(), a0, {run.lr, run.epochs, analytic::TimeModel::flow});
  return run;
}

// One run of 300 epochs at P = 8 takes milliseconds: quick and full are the same.
std::vector<Comparison> compare_paper_setting(const PaperSettingRun& run) {
  // docs/theory.md §5: with the per-mode a0 estimated from the actual weights, a_j ≈ ¼‖W1(0)v_j + W2(0)ᵀu_j‖²
  // and the exact discrete map, the closed form follows GD from the paper's random init.
  const analytic::Trajectory &simulated = run.simulated, &discrete = run.discrete, &continuous = run.flow;

  analytic::Trajectory last_simulated, last_discrete;
  last_simulated.rows = {simulated.rows.back()};
  last_discrete.rows = {discrete.rows.back()};
  const std::string setting = fmt::format("paper setting (dense, lr {}, σ {}, hidden {}, {} epochs, seed {})",
                                          run.lr, run.init_scale, run.hidden, run.epochs, run.seed);
  return {
      {"V5", "closed form (discrete, a0 from the actual init) vs GD, " + setting,
       "max |Δ| over epochs, a_pi classes and quadrants",
       max_abs_difference(simulated, discrete, {ColumnGroup::mode_strength, ColumnGroup::quadrant}), 0.03,
       "the closed form drops the init's off-mode weights (norm ~σ√hidden) and the coupling they cause during each "
       "rise; the project's bound for this setting"},
      {"V5", "final values of the same comparison", "max |Δ| at the last epoch",
       max_abs_difference(last_simulated, last_discrete, {ColumnGroup::mode_strength, ColumnGroup::quadrant}), 1e-3,
       "both sit at a* up to the slowest mode's remaining rise and the untrained null-space weights (~σ²·hidden)"},
      {"V5", "continuous-time closed form vs the same GD, for contrast", "max |Δ| over epochs, classes, quadrants",
       max_abs_difference(simulated, continuous, {ColumnGroup::mode_strength, ColumnGroup::quadrant}), 0.0,
       "informational: the flow is off by O(η) (docs/theory.md §5: up to 0.25 at the paper's lr)", true},
  };
}

}  // namespace dln::validation
