// `dln validate` at a glance: V5's deviation over time — full-batch GD from the paper's random init minus
// the closed form started from that init, per mode class and quadrant — against V5's bound, for the
// class-block a0 with the frozen parts (docs/theory.md §15) and, for contrast, the per-mode a0 it replaced
// (§5), which lags GD at every transition. The notes hold the summary of every comparison V1–V8.
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
  plots::LinePanel classes_block =
      deviation(plots::mode_strength_panel(run.spec, &run.simulated, &run.discrete), "class-block closed form");
  plots::LinePanel quadrants_block =
      deviation(plots::quadrant_panel(&run.simulated, &run.discrete), "class-block closed form");
  plots::LinePanel classes_per_mode = deviation(
      plots::mode_strength_panel(run.spec, &run.simulated, &run.discrete_per_mode), "per-mode closed form");
  plots::LinePanel quadrants_per_mode =
      deviation(plots::quadrant_panel(&run.simulated, &run.discrete_per_mode), "per-mode closed form");
  add_bound(classes_block, result.v5_bound);  // the per-mode panels keep their own scale: their lag is ~30× it
  add_bound(quadrants_block, result.v5_bound);
  classes_block.title = "(a) mode strengths, class-block a0 + frozen parts (V5, docs/theory.md §15)";
  quadrants_block.title = "(b) quadrant norms, class-block a0 + frozen parts (V5)";
  classes_per_mode.title = "(c) mode strengths, per-mode a0 (§5, before): lags each transition";
  quadrants_per_mode.title = "(d) quadrant norms, per-mode a0 (before)";

  const double tau = 1.0 / (run.spec.P() * run.lr);
  const std::string settings = fmt::format(
      "dense, n1={} n2={} k1={} k2={} r={:g} · full-batch GD, lr {:g} (τ = {:.4g} epochs) · random init σ = {:g}, "
      "hidden {}, seed {}\nexact discrete map of GD started from this init",
      run.spec.n1, run.spec.n2, run.spec.k1, run.spec.k2, run.spec.r, run.lr, tau, run.init_scale, run.hidden,
      run.seed);
  return {{labels.name, labels.title + "\n" + settings, {classes_block, quadrants_block, classes_per_mode, quadrants_per_mode},
           2, labels.origin + "\n" + settings},
          summary(result.comparisons, spec.quick)};
}

}  // namespace dln::drawing
