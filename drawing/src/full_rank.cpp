// The full-rank probability (docs/theory.md §9), one panel per n1: the exact count, the Monte Carlo
// estimate with its Clopper–Pearson interval and — where it can be enumerated — the original script's
// faulty test det(|G|) ≠ 0. The notes hold the same numbers as a table, the exact counts as fractions.
#include <algorithm>
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

plots::Series exact_series(std::string name, std::string csv_name, plots::Hue hue,
                           const std::vector<ExactProbability>& values) {
  plots::Series series{std::move(name), plots::Role::theory, hue, {}, {}};
  series.csv_name = std::move(csv_name);
  series.markers = true;
  for (const auto& p : values) series.x.push_back(p.j), series.y.push_back(p.value());
  return series;
}

plots::LinePanel panel(const FullRankRows& rows, double confidence) {
  const int P = 1 << rows.n1;
  plots::LinePanel panel;
  panel.title = fmt::format("n1 = {} (P = {} patterns)", rows.n1, P);
  // Said in words where the markers lie on each other: up to n1 = 3 the original test counts right.
  const bool original_right =
      !rows.original.empty() && rows.original.size() == rows.exact.size() &&
      std::equal(rows.original.begin(), rows.original.end(), rows.exact.begin(),
                 [](const ExactProbability& a, const ExactProbability& b) { return a.numerator == b.numerator; });
  if (original_right) panel.title += "\nthe original test counts right here: the curves coincide";
  panel.x_label = "patterns drawn, j";
  panel.y_label = "probability";
  // Half a step beyond the first and last j, so that their markers and bars are not cut.
  panel.x_range = plots::Range{rows.n1 - 0.5, P + 0.5};
  panel.y_range = plots::Range{0.0, 1.05};
  panel.integer_x = true;
  // Three meanings, each drawn its own way (bars, open circles, open triangles): one key entry each. Where
  // they coincide (every j at n1 = 3) the markers stay visible on one another.
  panel.key_per_series = true;
  if (!rows.monte_carlo.empty()) {
    plots::Series estimate{fmt::format("SᵀS full rank: Monte Carlo, {:g}% CI", 100 * confidence),
                           plots::Role::simulation, plots::Hue::neutral, {}, {}};
    estimate.csv_name = "mc_estimate";  // dln fullrank's columns: mc_estimate, mc_low, mc_high
    for (const auto& m : rows.monte_carlo) {
      estimate.x.push_back(m.j);
      estimate.y.push_back(m.estimate);
      estimate.y_low.push_back(m.low);
      estimate.y_high.push_back(m.high);
    }
    panel.series.push_back(std::move(estimate));
  }
  if (!rows.exact.empty())
    panel.series.push_back(exact_series("SᵀS full rank: exact count", "exact", plots::Hue::neutral, rows.exact));
  if (!rows.original.empty())
    panel.series.push_back(exact_series("det(|SᵀS|) ≠ 0: the original script's test (exact)", "original_abs_det", plots::Hue::contrast,
                                        rows.original));
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
      spec.draws
          ? fmt::format("exact counts; Monte Carlo {} draws per j, seed {}, {:g}% Clopper–Pearson intervals",
                        spec.monte_carlo.samples, spec.monte_carlo.seed, 100 * confidence)
          : std::string("exact counts");
  drawing.figure.title = labels.title + "\n" + settings;
  drawing.figure.note = labels.origin + "\n" + settings;
  return drawing;
}

}  // namespace dln::drawing
