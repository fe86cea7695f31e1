#include "dln/experiments/module_scale.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/full_objective.hpp"
#include "dln/modules/init.hpp"
#include "dln/modules/race.hpp"
#include "dln/modules/run.hpp"
#include "dln/modules/theory.hpp"
#include "run_options.hpp"
#include "validate_dataset.hpp"

namespace dln::experiments {

namespace {

constexpr int kLargestN1 = 30;           // P = 2^30: the latent classes keep the closed forms P-independent
constexpr int kLargestSimulatedN1 = 10;  // full weights: (n1 + k1·P)·hidden entries per module, hidden ≈ P
// The closed forms never build the weights: the description's width only labels them (theory_trajectory is told not
// to check it against the P + … units its modes stand for).
constexpr int kTheoryHidden = 16;

// The panels: what each preset's closed form says at scale.
struct PanelChoice {
  const char* preset;
  const char* column;
  bool multi_rule;  // uses spec.rules (else one rule)
};
constexpr PanelChoice kPanels[] = {
    {"gt-modular", "r0_GxOy", true},    // docs/modules.md §4.3: ΓxΩy → √(k1r²P)/L1 on every rule
    {"race", "systematic_share", false},  // §4.4: A's share c_A, Theorem 2's c_A(∞)
    {"monolithic", "loss", true},       // §4.2: the answer row stops at ½(1 − ‖π‖²)
};

bool strictly_increasing(const std::vector<int>& values) {
  return std::adjacent_find(values.begin(), values.end(), [](int a, int b) { return a >= b; }) == values.end();
}

double column_value(const modules::ReadoutTrajectory& trajectory, const std::string& column) {
  const auto columns = modules::csv_columns(trajectory);
  const auto at = std::find(columns.begin(), columns.end(), column);
  return modules::csv_values(trajectory.rows.back())[static_cast<std::size_t>(at - columns.begin())];
}

// The t → ∞ value of a panel's column at n1 (aligned init at a0).
double limit(const PanelChoice& panel, const modules::RuleDataset& data, double a0) {
  const std::string preset = panel.preset;
  if (preset == "gt-modular") return std::sqrt(data.k1 * data.r * data.r * data.P()) / data.L1();
  if (preset == "race") return modules::systematicity_race_share(data.P(), data.L1(), a0, 1.0, 1.0);
  return 0.5 * (1.0 - data.prior_norm_squared());  // monolithic: the answer row's floor, the items learnt
}

}  // namespace

modules::RuleDataset ModuleScaleSpec::dataset(int n1, int rule_count) const {
  return {n1, k1, k2, r, rule_count, {}, {}};
}

void ModuleScaleSpec::validate() const {
  validate_dataset(dataset(std::max(rules, 1), rules));
  if (n1_theory.empty() || !strictly_increasing(n1_theory) || n1_theory.front() < rules || n1_theory.back() > kLargestN1)
    throw InvalidInput("n1_theory", fmt::format("must be strictly increasing integers in [rules = {}, {}], at least one",
                                                rules, kLargestN1));
  if (!strictly_increasing(n1_simulated) ||
      std::any_of(n1_simulated.begin(), n1_simulated.end(), [&](int n1) {
        return n1 > kLargestSimulatedN1 || std::find(n1_theory.begin(), n1_theory.end(), n1) == n1_theory.end();
      }))
    throw InvalidInput("n1_simulated", fmt::format("must be strictly increasing, ≤ {} and each one of n1_theory",
                                                   kLargestSimulatedN1));
  if (!(std::isfinite(eta) && eta > 0.0)) throw InvalidInput("eta", fmt::format("must be a finite number > 0, got {}", eta));
  modules::TheoryOptions{eta, epochs, modules::TimeModel::discrete, a0}.validate();
}

ModuleScaleResult ModuleScaleSpec::run() const {
  ModuleScaleResult result;
  const auto stopped = [&](const std::string& what, const modules::ReadoutTrajectory& trajectory) {
    if (trajectory.status == analytic::RunStatus::ok) return false;
    result.report.status = std::string(analytic::to_string(trajectory.status));
    result.report.warnings.push_back(fmt::format("{}: stopped at epoch {} ({})", what, trajectory.failed_at.value_or(0),
                                                 result.report.status));
    return true;
  };
  for (const PanelChoice& choice : kPanels) {
    ModuleScalePanel panel{choice.preset, choice.column, choice.multi_rule ? rules : 1, {}, {}, {}, {}, 0.0};
    const auto description = [&](int n1, int hidden) {
      return modules::preset(choice.preset, dataset(n1, panel.rules), hidden);
    };
    const auto lr_at = [&](const modules::Description& d) { return eta / (d.dataset.rules * d.dataset.P()); };
    for (int n1 : n1_theory) {
      const modules::Description d = description(n1, kTheoryHidden);
      const modules::TheoryOptions options{lr_at(d), epochs, modules::TimeModel::discrete, a0, false};
      const auto theory = modules::theory_trajectory(d, modules::mode_structure(d), options);
      const std::string what = fmt::format("{} closed form at n1 = {}", choice.preset, n1);
      panel.theory.push_back(stopped(what, theory) ? NAN : column_value(theory, choice.column));
      panel.limit.push_back(limit(choice, d.dataset, a0));
    }
    for (int n1 : n1_simulated) {
      // As wide as aligned init needs: a hidden unit per mode and per-item latent of the widest module.
      const auto needed = modules::mode_structure(description(n1, kTheoryHidden), true, false).hidden_needed;
      panel.hidden.push_back(static_cast<int>(std::ceil(*std::max_element(needed.begin(), needed.end()))));
      const modules::Description d = description(n1, panel.hidden.back());
      const modules::ModeStructure each = modules::mode_structure(d, true, false);
      // Rows at 0 and T only: the read-out is the costly part at n1 = 10.
      const modules::RunOptions options = run_options(lr_at(d), epochs, /*record_every=*/epochs);
      const auto gd = modules::run_gd(modules::FullObjective(d),
                                      modules::aligned_full_weights(d, each, modules::aligned_contributions(each, a0)),
                                      options)
                          .trajectory;
      const std::string what = fmt::format("{} GD at n1 = {}", choice.preset, n1);
      panel.simulated.push_back(stopped(what, gd) ? NAN : column_value(gd, choice.column));
      const auto i = static_cast<std::size_t>(std::find(n1_theory.begin(), n1_theory.end(), n1) - n1_theory.begin());
      panel.max_difference = std::max(panel.max_difference, std::abs(panel.simulated.back() - panel.theory[i]));
    }
    result.panels.push_back(std::move(panel));
  }
  return result;
}

}  // namespace dln::experiments
