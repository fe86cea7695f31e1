// Gated modules over training time (docs/modules.md §4.2–4.3): per-rule quadrant norms of each preset, or the
// presets' losses against the monolithic floor; full-batch GD solid, the closed form dashed.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "dln/drawing/draw.hpp"

namespace dln::drawing {

namespace {

using plots::Hue;
using plots::Role;

std::string preset_label(const std::string& preset) {
  if (preset == "monolithic") return "Monolithic";
  if (preset == "gt-modular") return "GT-Modular";
  if (preset == "gt-segregated") return "GT-segregated";
  return preset;
}

plots::Series column(const modules::ReadoutTrajectory& trajectory, std::string name, Role role, Hue hue,
                     double (*value)(const modules::Readout&, int), int rule) {
  plots::Series s{std::move(name), role, hue, {}, {}};
  for (const modules::Readout& row : trajectory.rows) {
    s.x.push_back(row.t);
    s.y.push_back(value(row, rule));
  }
  return s;
}

plots::LinePanel quadrant_panel(const experiments::ModuleCurvesRun& run, int rules) {
  plots::LinePanel panel;
  panel.title = preset_label(run.preset) + ": quadrant norms of every rule's map W^(ρ)";
  panel.x_label = "epoch";
  panel.y_label = "Frobenius norm of the quadrant of W^(ρ)";
  using Value = double (*)(const modules::Readout&, int);
  const std::pair<Hue, Value> quadrants[] = {
      {Hue::OxOy,
       [](const modules::Readout& r, int rho) { return r.rule_quadrants[static_cast<std::size_t>(rho)].OxOy; }},
      {Hue::GxOy,
       [](const modules::Readout& r, int rho) { return r.rule_quadrants[static_cast<std::size_t>(rho)].GxOy; }},
      {Hue::OxGy,
       [](const modules::Readout& r, int rho) { return r.rule_quadrants[static_cast<std::size_t>(rho)].OxGy; }},
      {Hue::GxGy,
       [](const modules::Readout& r, int rho) { return r.rule_quadrants[static_cast<std::size_t>(rho)].GxGy; }}};
  for (int rho = 0; rho < rules; ++rho)
    for (const auto& [hue, value] : quadrants)
      for (const auto& [trajectory, role] :
           {std::pair(&run.simulation, Role::simulation), std::pair(&run.theory, Role::theory)}) {
        plots::Series s = column(*trajectory, std::string(plots::hue_label(hue)), role, hue, value, rho);
        // ΓxΩy, the read-out of systematicity, stays visible where another quadrant coincides with it.
        if (hue == Hue::GxOy) s.layer = 1;
        panel.series.push_back(std::move(s));
      }
  return panel;
}

plots::LinePanel loss_panel(const experiments::ModuleCurvesSpec& spec, const experiments::ModuleCurvesResult& result) {
  plots::LinePanel panel;
  panel.title = "Loss L = Σ_ρ π_ρ L_ρ";
  panel.x_label = "epoch";
  panel.y_label = "loss";
  const Hue hues[] = {Hue::neutral, Hue::contrast};
  for (std::size_t i = 0; i < result.runs.size(); ++i) {
    const auto& run = result.runs[i];
    for (const auto& [trajectory, role] :
         {std::pair(&run.simulation, Role::simulation), std::pair(&run.theory, Role::theory)})
      panel.series.push_back(column(
          *trajectory, preset_label(run.preset), role, hues[i % 2],
          [](const modules::Readout& r, int) { return r.loss; }, 0));
  }
  const double floor = 0.5 * (1.0 - spec.dataset.prior_norm_squared());
  panel.references.push_back({floor, fmt::format("monolithic floor ½(1 − ‖π‖²) = {:.4g}", floor)});
  return panel;
}

std::string settings_line(const experiments::ModuleCurvesSpec& spec) {
  const modules::RuleDataset& d = spec.dataset;
  const std::string init = spec.random_init ? fmt::format("random init σ = {:g}, hidden {}, seed {}", spec.init_scale,
                                                          spec.hidden, spec.seed)
                                            : fmt::format("aligned init a0 = {:g}, hidden {}", spec.a0, spec.hidden);
  return fmt::format(
      "n1={} k1={} k2={} r={:g} · R={} rules, π = ({:.3g}), κ = ({})\nfull-batch GD, lr {:g} (η = R·P·lr = {:.4g})\n"
      "{}\ntheory: {} from the same init (docs/modules.md §4)",
      d.n1, d.k1, d.k2, d.r, d.rules, fmt::join(d.rule_priors(), ", "), fmt::join(d.queried_features(), ", "), spec.lr,
      d.rules * d.P() * spec.lr, init,
      spec.theory_time == analytic::TimeModel::discrete ? "exact map of full-batch GD" : "gradient flow");
}

}  // namespace

Drawing draw(const experiments::ModuleCurvesSpec& spec, const experiments::ModuleCurvesResult& result,
             const Labels& labels) {
  Drawing drawing;
  drawing.figure.name = labels.name;
  drawing.figure.columns = 2;
  if (spec.view == experiments::ModuleCurvesView::loss) {
    drawing.figure.panels.push_back(loss_panel(spec, result));
    drawing.figure.columns = 1;
  } else {
    const char* letters = "abcdefghijklmnopqrstuvwxyz";
    for (std::size_t i = 0; i < result.runs.size(); ++i) {
      plots::LinePanel panel = quadrant_panel(result.runs[i], spec.dataset.rules);
      panel.title = fmt::format("({}) {}", letters[i % 26], panel.title);
      drawing.figure.panels.push_back(std::move(panel));
    }
  }
  const std::string settings = settings_line(spec);
  drawing.figure.title = labels.title + "\n" + settings;
  drawing.figure.note = labels.origin + "\n" + settings;
  return drawing;
}

}  // namespace dln::drawing
