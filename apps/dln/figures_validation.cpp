// Figure kind "validation": `dln validate` at a glance. The figure is V5's deviation over time — full-batch
// GD from the paper's random init minus the closed form started from each mode's a0 in that init, per
// mode class and quadrant — against V5's bound, with the gradient-flow closed form beside it for
// contrast (THEORY §5: the flow is off by O(η) at the paper's lr). The gallery notes hold the summary of
// every comparison V1–V8, from the same build.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

#include "dln/plots.hpp"
#include "dln/validation/comparison.hpp"
#include "dln/validation/paper_setting.hpp"
#include "figures_recipe.hpp"

namespace dln::cli::figures {

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

std::string markdown_cell(std::string text) {
  std::string escaped;
  for (char c : text) escaped += c == '|' ? std::string("\\|") : std::string(1, c);
  return escaped;
}

class Validation : public FigureRecipe {
public:
  using FigureRecipe::FigureRecipe;

  bool quick = true;

  BuiltFigure build() const override {
    const auto comparisons = validation::run_validation({quick, {}});
    const auto v5 = std::find_if(comparisons.begin(), comparisons.end(),
                                 [](const validation::Comparison& c) { return c.id == "V5" && !c.informational; });
    if (v5 == comparisons.end()) throw std::logic_error("dln validate has no V5 comparison");
    const validation::PaperSettingRun run = validation::run_paper_setting();

    BuiltFigure built;
    plots::LinePanel classes_exact =
        deviation(plots::mode_strength_panel(run.spec, &run.simulated, &run.discrete), "exact discrete map");
    plots::LinePanel quadrants_exact = deviation(plots::quadrant_panel(&run.simulated, &run.discrete), "exact discrete map");
    plots::LinePanel classes_flow = deviation(plots::mode_strength_panel(run.spec, &run.simulated, &run.flow), "gradient flow");
    plots::LinePanel quadrants_flow = deviation(plots::quadrant_panel(&run.simulated, &run.flow), "gradient flow");
    add_bound(classes_exact, v5->tolerance);
    add_bound(quadrants_exact, v5->tolerance);
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
    built.figure = {info.name, info.title + "\n" + settings,
                    {classes_exact, quadrants_exact, classes_flow, quadrants_flow}, 2,
                    fmt::format("recipe {}\n{}", info.file.string(), settings)};
    built.seeds = {run.seed};
    built.parameters = {{"quick", quick},        {"n1", run.spec.n1}, {"n2", run.spec.n2},
                        {"k1", run.spec.k1},     {"k2", run.spec.k2}, {"r", run.spec.r},
                        {"lr", run.lr},          {"epochs", run.epochs}, {"hidden", run.hidden},
                        {"init_scale", run.init_scale}, {"seed", run.seed}};
    built.notes = summary(comparisons);
    if (std::any_of(comparisons.begin(), comparisons.end(), [](const auto& c) { return !c.passed(); })) {
      built.status = "validation failed";
      built.warnings.push_back("a comparison of dln validate failed; see the gallery's table or run dln validate");
    }
    return built;
  }

private:
  std::string summary(const std::vector<validation::Comparison>& comparisons) const {
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
};

}  // namespace

std::unique_ptr<FigureRecipe> parse_validation(RecipeInfo info, TableReader& top) {
  auto recipe = std::make_unique<Validation>(std::move(info));
  TableReader summary = top.table("summary");
  recipe->quick = summary.boolean("quick", true);
  summary.finish();
  return recipe;
}

}  // namespace dln::cli::figures
