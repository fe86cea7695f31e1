// The held-out-combination experiment (docs/theory.md §10, §12), one panel per configuration: train and
// test loss of the compositional (Ωy) and per-item (Γy) outputs of the trained network (solid) against
// the losses of the min-norm map Y_T X_T⁺ (dashed). The panels share one y axis, so that configurations
// compare at a glance; the notes list the final and min-norm losses.
#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "dln/drawing/draw.hpp"

namespace dln::drawing {

namespace {

using experiments::GeneralizationConfiguration;

// One loss of SplitLosses, with the hue and name it is drawn with.
struct LossCurve {
  plots::Hue hue;
  double validation::SplitLosses::*member;
  bool gamma;               // a loss of the per-item outputs
  std::string_view column;  // dln generalize's CSV column
};
constexpr std::array<LossCurve, 4> kLosses{{
    {plots::Hue::omega_train, &validation::SplitLosses::train_omega, false, "train_omega"},
    {plots::Hue::omega_test, &validation::SplitLosses::test_omega, false, "test_omega"},
    {plots::Hue::gamma_train, &validation::SplitLosses::train_gamma, true, "train_gamma"},
    {plots::Hue::gamma_test, &validation::SplitLosses::test_gamma, true, "test_gamma"},
}};

bool present(const GeneralizationConfiguration& c, const LossCurve& loss) {
  return loss.gamma ? c.has_gamma_outputs() : c.has_omega_outputs();
}

// The configuration spelled out under its label: what each of n1 n2 k1 k2 r is here, r only where per-item
// blocks use it (docs/theory.md §10's "3 2 0 0 0" has none, so its r is no value at all).
std::string decoded(const GeneralizationConfiguration& c) {
  const auto& d = c.dataset;
  const std::string inputs = c.input_features ? fmt::format("n1 = {}", d.n1) : fmt::format("n1 = {} (Ωx no input)", d.n1);
  const std::string per_item = d.k1 == 0 && d.k2 == 0
                                   ? "no per-item rows (r unused)"
                                   : fmt::format("per item k1 = {}, k2 = {}, r = {:g}", d.k1, d.k2, d.r);
  return fmt::format("{}, n2 = {} · {}", inputs, d.n2, per_item);
}

plots::LinePanel loss_panel(const validation::GeneralizeOptions& training, const GeneralizationConfiguration& c,
                            const validation::GeneralizeResult& result, char letter) {
  plots::LinePanel panel;
  panel.title = fmt::format("({}) {}\n{}", letter, c.label, decoded(c));
  panel.x_label = "epoch";
  panel.y_label = "loss (Σ over samples, mean over rows)";
  panel.simulation_label = training.seeds > 1 ? fmt::format("trained (mean of {})", training.seeds) : "trained";
  panel.theory_label = "min-norm map";
  for (const LossCurve& loss : kLosses) {
    if (!present(c, loss)) continue;
    plots::Series trained{std::string(plots::hue_label(loss.hue)), plots::Role::simulation, loss.hue, {}, {}};
    trained.csv_name = loss.column;
    for (const auto& row : result.rows) trained.x.push_back(row.t), trained.y.push_back(row.mean.*loss.member);
    const double limit = result.min_norm.*loss.member;
    plots::Series min_norm{trained.name, plots::Role::theory, loss.hue, {0.0, double(training.epochs)}, {limit, limit}};
    min_norm.csv_name = fmt::format("min_norm_{}", loss.column);
    panel.series.push_back(std::move(trained));
    panel.series.push_back(std::move(min_norm));
  }
  return panel;
}

// Final values of the trained network (mean over the seeds) beside the min-norm map's test losses.
constexpr std::string_view kNotesHeader =
    "\n| configuration | Ωy train | Ωy test | Ωy test, min-norm | Γy train | Γy test | Γy test, min-norm | "
    "systematicity | dist_S |\n|---|---|---|---|---|---|---|---|---|\n";

std::string notes_row(const GeneralizationConfiguration& c, const validation::GeneralizeResult& result) {
  const auto cell = [&](const LossCurve& loss, double value) {
    return present(c, loss) ? fmt::format("{:.4f}", value) : std::string("—");
  };
  const auto& last = result.rows.back();
  return fmt::format("| {} | {} | {} | {} | {} | {} | {} | {:.4f} | {:.4f} |\n", c.label,
                     cell(kLosses[0], last.mean.train_omega), cell(kLosses[1], last.mean.test_omega),
                     cell(kLosses[1], result.min_norm.test_omega), cell(kLosses[2], last.mean.train_gamma),
                     cell(kLosses[3], last.mean.test_gamma), cell(kLosses[3], result.min_norm.test_gamma),
                     last.readouts_mean.systematicity, last.readouts_mean.dist_S);
}

std::string settings_line(const validation::GeneralizeOptions& training) {
  return fmt::format("{} net trained on patterns {}, tested on the others · lr {:g}, hidden {}, random init σ = {:g}, "
                     "seed {}{}",
                     analytic::to_string(training.arch), fmt::join(training.train, ","), training.lr, training.hidden, training.init_scale,
                     training.seed, training.seeds > 1 ? fmt::format(" (+{} more)", training.seeds - 1) : "");
}

}  // namespace

Drawing draw(const experiments::GeneralizationSpec& spec, const experiments::GeneralizationResult& result,
             const Labels& labels) {
  Drawing drawing;
  plots::Figure& figure = drawing.figure;
  figure.name = labels.name;
  figure.columns = 3;
  drawing.notes = kNotesHeader;
  double highest = 0.0;
  char letter = 'a';
  for (std::size_t i = 0; i < spec.configurations.size(); ++i) {
    plots::LinePanel panel = loss_panel(spec.training, spec.configurations[i], result.runs[i], letter++);
    for (const auto& s : panel.series)
      for (double y : s.y)
        if (std::isfinite(y)) highest = std::max(highest, y);
    figure.panels.push_back(std::move(panel));
    drawing.notes += notes_row(spec.configurations[i], result.runs[i]);
  }
  for (auto& panel : figure.panels)
    std::get<plots::LinePanel>(panel).y_range = plots::Range{0.0, highest > 0 ? 1.05 * highest : 1.0};

  const std::string settings = settings_line(spec.training);
  figure.title = labels.title + "\n" + settings;
  figure.note = labels.origin + "\n" + settings;
  return drawing;
}

}  // namespace dln::drawing
