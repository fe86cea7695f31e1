// The module closed forms at scale (docs/modules.md §7, X7): one panel per preset, its read-out at epoch T against
// n1 — the closed form dashed up to n1 = 30, full-weight GD as points where P-sized weights are affordable, and the
// t → ∞ value of the closed form as a second dashed curve. The notes give the largest gap between the two.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <tuple>

#include "dln/drawing/draw.hpp"
#include "final_values.hpp"

namespace dln::drawing {

namespace {

using plots::Hue;
using plots::Role;

struct PanelText {
  const char* title;
  const char* y_label;  // also the series' name
  const char* limit;
  Hue hue;
  bool log_y;
};

PanelText text(const std::string& preset) {
  if (preset == "gt-modular")
    return {"(a) GT-Modular: ΓxΩy of rule 0 (docs/modules.md §4.3)", "ΓxΩy of rule 0", "t → ∞: √(k1r²P)/L1", Hue::GxOy,
            true};
  if (preset == "race")
    return {"(b) race A: Ωx → Ωy against B′: X → Ωy (§4.4)", "A's systematic share c_A", "t → ∞: c_A(∞), Theorem 2",
            Hue::OxOy, false};
  return {"(c) monolithic: loss (§4.2)", "loss", "t → ∞: floor ½(1 − ‖π‖²)", Hue::neutral, false};
}

std::vector<double> as_x(const std::vector<int>& n1) { return {n1.begin(), n1.end()}; }

}  // namespace

Drawing draw(const experiments::ModuleScaleSpec& spec, const experiments::ModuleScaleResult& result,
             const Labels& labels) {
  Drawing drawing;
  drawing.figure.name = labels.name;
  drawing.figure.columns = 3;
  drawing.notes = "| panel | n1 with GD | GD's hidden width there | largest gap, GD vs closed form, at epoch T | "
                  "closed form at n1 = " + std::to_string(spec.n1_theory.back()) + " |\n|---|---|---|---|---|\n";
  for (const auto& run : result.panels) {
    const PanelText t = text(run.preset);
    plots::LinePanel panel;
    panel.title = t.title;
    panel.x_label = "n1 (P = 2^n1 patterns)";
    panel.y_label = fmt::format("{} at epoch T = {}", t.y_label, spec.epochs);
    panel.integer_x = true;
    panel.log_y = t.log_y;
    for (auto [role, x, y] : {std::tuple(Role::simulation, &spec.n1_simulated, &run.simulated),
                              std::tuple(Role::theory, &spec.n1_theory, &run.theory)}) {
      panel.series.push_back(final_values(fmt::format("{} at T", t.y_label), role, t.hue, as_x(*x), *y));
      panel.series.back().csv_name = run.column;  // the CLI's column (dln modules theory|simulate)
    }
    panel.series.push_back(final_values(t.limit, Role::theory, Hue::contrast, as_x(spec.n1_theory), run.limit));
    panel.series.back().csv_name = run.column + "_limit";
    panel.simulation_label = "full-weight GD";
    panel.theory_label = "closed form (exact map of GD)";
    drawing.figure.panels.push_back(std::move(panel));
    const auto list = [](const std::vector<int>& v) { return v.empty() ? std::string("—") : fmt::format("{}", fmt::join(v, ", ")); };
    drawing.notes += fmt::format("| {} | {} | {} | {:.2g} | {:.6g} |\n", markdown_cell(t.title), list(spec.n1_simulated),
                                 list(run.hidden), run.max_difference, run.theory.back());
  }
  const std::string settings = fmt::format(
      "k1={} k2={} r={:g} · R={} rules, uniform prior (the race: one rule) · balanced aligned init a0 = {:g}, modules "
      "as wide as their modes (≈ P)\nη = R·P·lr = {:g} at every n1 (lr = η/(R·P)) · read at epoch T = {}",
      spec.k1, spec.k2, spec.r, spec.rules, spec.a0, spec.eta, spec.epochs);
  drawing.figure.title = labels.title + "\n" + settings;
  drawing.figure.note = labels.origin + "\n" + settings;
  return drawing;
}

}  // namespace dln::drawing
