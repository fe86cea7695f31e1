// `dln validate` at a glance: V5's deviation over time — full-batch GD from the paper's random init minus
// the closed form started from each mode's a0 in that init, per mode class and quadrant — against V5's
// bound, with the gradient-flow closed form beside it for contrast (docs/theory.md §5: the flow is off
// by O(η) at the paper's lr). The notes hold the summary of every comparison V1–V8.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

#include "dln/drawing/draw.hpp"
#include "dln/plots/trajectory_panels.hpp"

namespace dln::drawing {

namespace {

// The same panel with each simulated curve replaced by simulation − theory of its hue.
plots::LinePanel deviation(plots::LinePanel panel, const std::string& against) {
  std::vector<plots::Series> differences;
  for (const plots::Series& s : panel.series) {
    if (s.role != plots::Role::simulation) continue;
    const auto theory = std::find_if(panel.series.begin(), panel.series.end(), [&](const plots::Series& t) {
      return t.role == plots::Role::theory && t.hue == s.hue;
    });
    if (theory == panel.series.end() || theory->y.size() != s.y.size())
      throw std::logic_error("deviation: simulation and theory of '" + s.name + "' do not pair up");
    plots::Series d = s;
    for (std::size_t k = 0; k < d.y.size(); ++k) d.y[k] -= theory->y[k];
    differences.push_back(std::move(d));
  }
  panel.series = std::move(differences);
  panel.y_label = "GD − " + against;
  return panel;
}

// V5's bound as reference lines at ±bound, the y axis symmetric and wide enough to show both the bound
// and every deviation (one beyond the bound, a failure, must show as one).
void add_bound(plots::LinePanel& panel, double bound) {
  double largest = bound;
  for (const plots::Series& s : panel.series)
    for (double y : s.y)
      if (std::isfinite(y)) largest = std::max(largest, std::abs(y));
  panel.references = {{bound, fmt::format("V5 bound +{:g}", bound)}, {-bound, fmt::format("V5 bound −{:g}", bound)}};
  panel.y_range = plots::Range{-1.15 * largest, 1.15 * largest};
}

std::string summary(const std::vector<validation::Comparison>& comparisons, bool quick) {
  const auto checked = std::count_if(comparisons.begin(), comparisons.end(), [](const auto& c) { return !c.informational; });
  const auto passed = std::count_if(comparisons.begin(), comparisons.end(),
                                    [](const auto& c) { return !c.informational && c.passed(); });
  std::string text = fmt::format(
      "\n**Validation summary** (`dln validate{}`, run while drawing this gallery): {} of {} comparisons passed.\n\n"
      "| | result | deviation | tolerance | what |\n|---|---|---|---|---|\n",
      quick ? " --quick" : "", passed, checked);
  for (const auto& c : comparisons)
    text += fmt::format("| {} | {} | {:.3g} | {} | {} — {} |\n", c.id,
                        c.informational ? "info" : (c.passed() ? "pass" : "**FAIL**"), c.deviation,
                        c.informational ? "—" : fmt::format("≤ {:.3g}", c.tolerance), markdown_cell(c.what),
                        markdown_cell(c.quantity));
  return text;
}

}  // namespace

Drawing draw(const experiments::ValidationSuiteSpec& spec, const experiments::ValidationSuiteResult& result,
             const Labels& labels) {
  const validation::PaperSettingRun& run = result.paper_setting;
  plots::LinePanel classes_exact =
      deviation(plots::mode_strength_panel(run.spec, &run.simulated, &run.discrete), "exact discrete map");
  plots::LinePanel quadrants_exact = deviation(plots::quadrant_panel(&run.simulated, &run.discrete), "exact discrete map");
  plots::LinePanel classes_flow = deviation(plots::mode_strength_panel(run.spec, &run.simulated, &run.flow), "gradient flow");
  plots::LinePanel quadrants_flow = deviation(plots::quadrant_panel(&run.simulated, &run.flow), "gradient flow");
  add_bound(classes_exact, result.v5_bound);
  add_bound(quadrants_exact, result.v5_bound);
  classes_exact.title = "(a) mode strengths, against the exact discrete map (V5)";
  quadrants_exact.title = "(b) quadrant norms, against the exact discrete map (V5)";
  classes_flow.title = "(c) mode strengths, against the gradient flow (for contrast)";
  quadrants_flow.title = "(d) quadrant norms, against the gradient flow (for contrast)";

  const double tau = 1.0 / (run.spec.P() * run.lr);
  const std::string settings = fmt::format(
      "dense, n1={} n2={} k1={} k2={} r={:g} · full-batch GD, lr {:g} (τ = {:.4g} epochs) · random init σ = {:g}, "
      "hidden {}, seed {}\nclosed form from each mode's a0 in this init",
      run.spec.n1, run.spec.n2, run.spec.k1, run.spec.k2, run.spec.r, run.lr, tau, run.init_scale, run.hidden,
      run.seed);
  return {{labels.name, labels.title + "\n" + settings, {classes_exact, quadrants_exact, classes_flow, quadrants_flow},
           2, labels.origin + "\n" + settings},
          summary(result.comparisons, spec.quick)};
}

}  // namespace dln::drawing
