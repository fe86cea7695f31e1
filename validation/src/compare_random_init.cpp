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
  const analytic::TheoryOptions discrete{run.lr, run.epochs, analytic::TimeModel::discrete};
  run.simulated = gd(objective, w, run.lr, run.epochs);
  run.discrete = analytic::theory_from_init(objective.modes(), w, discrete, analytic::A0Estimate::class_block);
  run.discrete_per_mode = analytic::theory_from_init(objective.modes(), w, discrete, analytic::A0Estimate::per_mode);
  run.flow = analytic::theory_from_init(objective.modes(), w, {run.lr, run.epochs, analytic::TimeModel::flow},
                                        analytic::A0Estimate::class_block);
  return run;
}

namespace {

// One setting of V5: GD from `seeds` random inits against the exact discrete map started from each init with
// both estimates of docs/theory.md §15 (class blocks with the frozen parts) and §5 (per mode). The deviation
// is the max over seeds, epochs, the a_pi classes and the quadrants.
struct InitSetting {
  analytic::DatasetSpec spec;
  int hidden = kHidden;
  double sigma = kPaperSigma, lr = kPaperLr;
  int epochs = 300, seeds = 10;
};

struct InitDeviation {
  double class_block = 0.0, per_mode = 0.0;
};

InitDeviation init_deviation(const InitSetting& setting) {
  const numeric::Objective objective(setting.spec, kDense);
  const analytic::TheoryOptions discrete{setting.lr, setting.epochs, analytic::TimeModel::discrete};
  InitDeviation worst;
  for (int seed = 0; seed < setting.seeds; ++seed) {
    const auto w = numeric::random_init(setting.spec, kDense, setting.hidden, setting.sigma, static_cast<std::uint64_t>(seed));
    const auto simulated = gd(objective, w, setting.lr, setting.epochs);
    for (const auto estimate : {analytic::A0Estimate::class_block, analytic::A0Estimate::per_mode}) {
      const double d = max_abs_difference(
          simulated, analytic::theory_from_init(objective.modes(), w, discrete, estimate),
          {ColumnGroup::mode_strength, ColumnGroup::quadrant});
      double& slot = estimate == analytic::A0Estimate::class_block ? worst.class_block : worst.per_mode;
      slot = std::max(slot, d);
    }
  }
  return worst;
}

// What the class-block prediction leaves out (docs/theory.md §15): while an earlier class rises, a later class
// grows a little inside the hidden directions it takes and competes for them. That residual grows as 1/H (the
// share of hidden directions taken) and about as σ^0.9 (measured over σ = 2e-4 … 1e-3 and H = 20 … 50: ×2.15 for
// H 50 → 20, ×4.1 for σ ×5, at the paper's setting). The bound is the paper setting's 1e-3 — 5× its worst
// seed, 2.0e-4 over seeds 0–9 — carried to another (σ, H) by that law.
double init_bound(double sigma, int hidden) {
  return 1e-3 * std::pow(sigma / kPaperSigma, 0.9) * (static_cast<double>(kHidden) / hidden);
}

std::string describe(const InitSetting& s) {
  return fmt::format("dense n1={} n2={} k1={} k2={} r={:g}, lr {}, σ {}, hidden {}, {} epochs, seeds 0–{}", s.spec.n1,
                     s.spec.n2, s.spec.k1, s.spec.k2, s.spec.r, s.lr, s.sigma, s.hidden, s.epochs, s.seeds - 1);
}

}  // namespace

// 300 epochs at P = 8 and P = 16 take milliseconds per seed: quick and full are the same.
std::vector<Comparison> compare_paper_setting(const PaperSettingRun& run) {
  const InitSetting paper;
  InitSetting other;  // off the paper's setting: n1 = 4 with two kept features, a narrower layer, a larger σ
  other.spec = analytic::DatasetSpec{4, 2, 2, 1, 0.8, {}};
  other.hidden = 20;
  other.sigma = 1e-3;
  const InitDeviation at_paper = init_deviation(paper), at_other = init_deviation(other);

  // The final values of the run the validation figure draws (seed 0).
  analytic::Trajectory last_simulated, last_discrete;
  last_simulated.rows = {run.simulated.rows.back()};
  last_discrete.rows = {run.discrete.rows.back()};
  const std::string reason =
      "the class blocks leave only a later class's growth inside earlier classes' hidden directions, which scales "
      "as 1/H and σ^0.9; bound = 1e-3·(σ/2e-4)^0.9·(50/H), 5× the paper setting's worst seed (docs/theory.md §15)";
  return {
      {"V5", "closed form (discrete, class-block a0 and frozen parts) vs GD, " + describe(paper),
       "max |Δ| over seeds, epochs, a_pi classes and quadrants", at_paper.class_block,
       init_bound(paper.sigma, paper.hidden), reason},
      {"V5", "the same, off the paper's setting: " + describe(other),
       "max |Δ| over seeds, epochs, a_pi classes and quadrants", at_other.class_block,
       init_bound(other.sigma, other.hidden), reason},
      {"V5", "per-mode a0 (docs/theory.md §5, the estimate before) vs the same GD, paper setting",
       "max |Δ| over seeds, epochs, classes, quadrants", at_paper.per_mode, 0.0,
       "informational: each mode treated alone lags GD at every transition", true},
      {"V5", "per-mode a0 vs the same GD, off the paper's setting", "max |Δ| over seeds, epochs, classes, quadrants",
       at_other.per_mode, 0.0, "informational: the per-mode estimate's bias", true},
      {"V5", "final values of the paper setting's seed 0", "max |Δ| at the last epoch",
       max_abs_difference(last_simulated, last_discrete, {ColumnGroup::mode_strength, ColumnGroup::quadrant}), 1e-3,
       "both sit at a* up to the slowest mode's remaining rise and the untrained null-space weights (~σ²·hidden)"},
      {"V5", "continuous-time closed form vs the same GD, for contrast", "max |Δ| over epochs, classes, quadrants",
       max_abs_difference(run.simulated, run.flow, {ColumnGroup::mode_strength, ColumnGroup::quadrant}), 0.0,
       "informational: the flow is off by O(η) (docs/theory.md §5: up to 0.25 at the paper's lr)", true},
  };
}

}  // namespace dln::validation
