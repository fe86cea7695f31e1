// Learning curves (docs/theory.md §12 (a), (b)): mode strengths, quadrant norms and the loss (log scale) against
// epoch, the simulated run solid, the closed-form backprop theory dashed with open markers by hue.
#include <fmt/format.h>

#include "dln/drawing/draw.hpp"
#include "dln/plots/trajectory_panels.hpp"

namespace dln::drawing {

namespace {

using training::Rule;

std::string rule_label(const training::SimulationOptions& options) {
  switch (options.rule) {
    case Rule::gd: return "full-batch GD";
    case Rule::sgd: return fmt::format("SGD (batch {})", options.batch);
    case Rule::hebbian: return fmt::format("Hebbian (ν = {:g})", options.nu_value());
    case Rule::anti_hebbian: return fmt::format("anti-Hebbian (ν = {:g})", options.nu_value());
    case Rule::contrastive_hebbian: return fmt::format("contrastive Hebbian (γ = {:g})", options.gamma_value());
    case Rule::predictive_coding: return fmt::format("predictive coding (γ = {:g})", options.gamma_value());
  }
  return "?";
}

std::string settings_line(const experiments::LearningCurvesSpec& spec) {
  const analytic::DatasetSpec& d = spec.dataset;
  const double tau = 1.0 / (d.P() * spec.training.lr);
  const std::string init_text =
      spec.init.kind == training::InitOptions::Kind::random
          ? fmt::format("random init σ = {:g}, hidden {}, seed {}{}", spec.init.scale, spec.init.hidden, spec.seed,
                        spec.seeds > 1 ? fmt::format(" (+{} more, averaged; theory from seed {})", spec.seeds - 1,
                                                     spec.seed)
                                       : "")
          : fmt::format("aligned init a0 = {:g}, hidden {}{}", spec.init.a0, spec.init.hidden,
                        spec.training.rule == Rule::sgd ? fmt::format(", seed {}", spec.seed) : "");
  return fmt::format("n1={} n2={} k1={} k2={} r={:g} · {}, lr {:g} (τ = {:.4g} epochs) · {}\n"
                     "theory: {} started from this init (class-block a0 and frozen parts, docs/theory.md §15)",
                     d.n1, d.n2, d.k1, d.k2, d.r, rule_label(spec.training), spec.training.lr, tau, init_text,
                     spec.theory_time == analytic::TimeModel::discrete ? "exact map of full-batch GD"
                                                                       : "gradient flow");
}

// The simulation series of `panel` get bands mean ± sd from the matching series of `sd`.
void add_bands(plots::LinePanel& panel, const plots::LinePanel& sd) {
  std::size_t next = 0;
  for (plots::Series& s : panel.series) {
    if (s.role != plots::Role::simulation) continue;
    const plots::Series& spread = sd.series.at(next++);
    for (std::size_t k = 0; k < s.y.size(); ++k) {
      s.y_low.push_back(s.y[k] - spread.y.at(k));
      s.y_high.push_back(s.y[k] + spread.y.at(k));
    }
    s.band = true;
  }
}

}  // namespace

Drawing draw(const experiments::LearningCurvesSpec& spec, const experiments::LearningCurvesResult& result,
             const Labels& labels) {
  plots::LinePanel strengths = plots::mode_strength_panel(spec.dataset, &result.simulation, &result.theory);
  plots::LinePanel quadrants = plots::quadrant_panel(&result.simulation, &result.theory);
  plots::LinePanel loss = plots::loss_panel(&result.simulation, &result.theory);
  if (result.simulation_sd) {
    // Mean ± sd bands: the sd trajectory's panels list the simulation series in the same order.
    add_bands(strengths, plots::mode_strength_panel(spec.dataset, &*result.simulation_sd, nullptr));
    add_bands(quadrants, plots::quadrant_panel(&*result.simulation_sd, nullptr));
  }
  // The closed form is backprop's: for the other rules it is a reference, not their own theory.
  const bool backprop = spec.training.rule == Rule::gd || spec.training.rule == Rule::sgd;
  for (plots::LinePanel* panel : {&strengths, &quadrants, &loss}) {
    panel->simulation_label = backprop ? "simulation" : "simulated";
    if (spec.seeds > 1) panel->simulation_label = fmt::format("{} seeds: mean ± sd", spec.seeds);
    panel->theory_label = backprop ? "theory" : "backprop theory";
  }
  strengths.title = "(a) " + strengths.title;
  quadrants.title = "(b) " + quadrants.title;
  loss.title = "(c) " + loss.title;
  std::vector<plots::Panel> panels{strengths, quadrants, loss};
  // Modular architectures: how each module learns its share of the modes, as (d).
  if (auto families = plots::family_panel(&result.simulation, &result.theory)) {
    if (result.simulation_sd) add_bands(*families, *plots::family_panel(&*result.simulation_sd, nullptr));
    families->simulation_label = strengths.simulation_label;
    families->theory_label = strengths.theory_label;
    families->title = "(d) " + families->title;
    panels.push_back(std::move(*families));
  }

  const std::string settings = settings_line(spec);
  const int columns = panels.size() == 4 ? 2 : 3;
  return {{labels.name, labels.title + "\n" + settings, std::move(panels), columns, labels.origin + "\n" + settings},
          {}};
}

}  // namespace dln::drawing
