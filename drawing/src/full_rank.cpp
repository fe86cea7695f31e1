// The full-rank probability (docs/theory.md §9), one panel per n1: the exact count, the Monte Carlo
// estimate with its Clopper–Pearson interval and — where it can be enumerated — the original script's
// faulty test det(|G|) ≠ 0. The notes hold the same numbers as a table, the exact counts as fractions.
#include <fmt/format.h>

#include "dln/drawing/draw.hpp"

namespace dln::drawing {

namespace {

using analytic::ExactProbability;
using analytic::MonteCarloEstimate;
using experiments::FullRankRows;

std::string fraction(const ExactProbability& p) {
  return fmt::format("{}/{} = {:.4f}", p.numerator, p.denominator, p.value());
}

plots::Series exact_series(std::string name, plots::Hue hue, const std::vector<ExactProbability>& values) {
  plots::Series series{std::move(name), plots::Role::theory, hue, {}, {}};
  series.markers = true;
  for (const auto& p : values) series.x.push_back(p.j), series.y.push_back(p.value());
  return series;
}

plots::LinePanel panel(const FullRankRows& rows, double confidence) {
  const int P = 1 << rows.n1;
  plots::LinePanel panel;
  panel.title = fmt::format("n1 = {} (P = {} patterns)", rows.n1, P);
  panel.x_label = "patterns drawn, j";
  panel.y_label = "probability";
  // Half a step beyond the first and last j, so that their markers and bars are not cut.
  panel.x_range = plots::Range{rows.n1 - 0.5, P + 0.5};
  panel.y_range = plots::Range{0.0, 1.05};
  panel.integer_x = true;
  panel.simulation_label = fmt::format("Monte Carlo, {:g}% CI", 100 * confidence);
  panel.theory_label = "exact count";
  const std::string true_test = "SᵀS full rank";
  if (!rows.monte_carlo.empty()) {
    plots::Series estimate{true_test, plots::Role::simulation, plots::Hue::neutral, {}, {}};
    for (const auto& m : rows.monte_carlo) {
      estimate.x.push_back(m.j);
      estimate.y.push_back(m.estimate);
      estimate.y_low.push_back(m.low);
      estimate.y_high.push_back(m.high);
    }
    panel.series.push_back(std::move(estimate));
  }
  if (!rows.exact.empty()) panel.series.push_back(exact_series(true_test, plots::Hue::neutral, rows.exact));
  if (!rows.original.empty())
    panel.series.push_back(exact_series("det(|SᵀS|) ≠ 0 (original)", plots::Hue::contrast, rows.original));
  return panel;
}

// A Markdown table per n1; '|' inside a cell is escaped.
std::string table(const FullRankRows& rows, double confidence) {
  std::string header = "| j |", rule = "|---|";
  if (!rows.exact.empty()) header += " exact |", rule += "---|";
  if (!rows.monte_carlo.empty())
    header += fmt::format(" Monte Carlo ({:g}% interval) |", 100 * confidence), rule += "---|";
  if (!rows.original.empty()) header += " original det(\\|SᵀS\\|) ≠ 0 test |", rule += "---|";
  std::string text = fmt::format("\n**n1 = {}** (P = {}):\n\n{}\n{}\n", rows.n1, 1 << rows.n1, header, rule);
  for (int j = rows.n1; j <= 1 << rows.n1; ++j) {
    const auto at = static_cast<std::size_t>(j - rows.n1);
    text += fmt::format("| {} |", j);
    if (!rows.exact.empty()) text += fmt::format(" {} |", fraction(rows.exact[at]));
    if (!rows.monte_carlo.empty()) {
      const MonteCarloEstimate& m = rows.monte_carlo[at];
      text += fmt::format(" {:.4f} [{:.4f}, {:.4f}] |", m.estimate, m.low, m.high);
    }
    if (!rows.original.empty()) text += fmt::format(" {} |", fraction(rows.original[at]));
    text += "\n";
  }
  return text;
}

}  // namespace

Drawing draw(const experiments::FullRankSpec& spec, const experiments::FullRankResult& result, const Labels& labels) {
  Drawing drawing;
  drawing.figure.name = labels.name;
  drawing.figure.columns = 2;
  const double confidence = spec.monte_carlo.confidence;
  for (const FullRankRows& rows : result.panels) {
    drawing.figure.panels.push_back(panel(rows, confidence));
    drawing.notes += table(rows, confidence);
  }
  const std::string settings =
      spec.monte_carlo.samples > 0
          ? fmt::format("exact counts; Monte Carlo {} draws per j, seed {}, {:g}% Clopper–Pearson intervals",
                        spec.monte_carlo.samples, spec.monte_carlo.seed, 100 * confidence)
          : std::string("exact counts");
  drawing.figure.title = labels.title + "\n" + settings;
  drawing.figure.note = labels.origin + "\n" + settings;
  return drawing;
}

}  // namespace dln::drawing
