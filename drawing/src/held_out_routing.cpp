// Held-out combinations across routing types (docs/modules.md §7): the compositional test loss (answer row on the
// unseen patterns) and the training loss over epochs, one curve per routing (seed 0), with the rule-blind floor;
// the notes hold the end values over seeds beside the routing's specialisation metrics.
#include <fmt/format.h>

#include "dln/drawing/draw.hpp"

namespace dln::drawing {

namespace {

using plots::Hue;
using plots::Role;

constexpr Hue kHues[] = {Hue::neutral, Hue::contrast, Hue::data_mode_1, Hue::data_mode_2, Hue::data_mode_3, Hue::data_mode_4};

plots::LinePanel loss_panel(const experiments::HeldOutRoutingResult& result, std::string title, std::string y_label,
                            double (*value)(const modules::Readout&)) {
  plots::LinePanel panel;
  panel.title = std::move(title);
  panel.x_label = "epoch";
  panel.y_label = std::move(y_label);
  panel.log_y = true;
  for (std::size_t r = 0; r < result.routings.size(); ++r) {
    const auto& routing = result.routings[r];
    plots::Series s{routing.preset, Role::simulation, kHues[std::min<std::size_t>(r, std::size(kHues) - 1)], {}, {}};
    for (const modules::Readout& row : routing.curve.rows) {
      s.x.push_back(row.t);
      s.y.push_back(value(row));
    }
    panel.series.push_back(std::move(s));
  }
  panel.simulation_label = "full-weight GD, seed 0";
  return panel;
}

std::string table(const experiments::HeldOutRoutingSpec& spec, const experiments::HeldOutRoutingResult& result) {
  std::string notes = fmt::format(
      "Trained on patterns {} under every rule, tested on the others; mean ± sd over {} seeds after {} epochs. "
      "Test answer loss: the compositional answer row on the unseen patterns; a network blind to the rule cannot go "
      "below {:.4g} there. Routing metrics (docs/modules.md §6; per-sample routing: of the mean gates) for the "
      "routings that route (R ≥ 2 rules, M ≥ 2 modules).\n\n"
      "| routing | training loss | test answer loss | test loss | Collapse-Avg | Inverse MI | Alignment |\n"
      "|---|---|---|---|---|---|---|\n",
      fmt::join(spec.train, ","), spec.seeds, spec.epochs, result.rule_blind_floor);
  for (const auto& routing : result.routings) {
    std::vector<double> loss, answer, test, collapse, imi, alignment;
    for (const modules::Readout& end : routing.ends) {
      loss.push_back(end.loss);
      answer.push_back(end.test_answer_loss.value_or(NAN));
      test.push_back(end.test_loss.value_or(NAN));
      if (end.routing) {
        collapse.push_back(end.routing->collapse_avg);
        imi.push_back(end.routing->inverse_mutual_information);
        alignment.push_back(end.routing->alignment);
      }
    }
    notes += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", routing.preset, mean_sd_cell(loss),
                         mean_sd_cell(answer), mean_sd_cell(test), mean_sd_cell(collapse), mean_sd_cell(imi),
                         mean_sd_cell(alignment));
  }
  return notes;
}

}  // namespace

Drawing draw(const experiments::HeldOutRoutingSpec& spec, const experiments::HeldOutRoutingResult& result,
             const Labels& labels) {
  plots::LinePanel test = loss_panel(result, "(a) compositional test loss (answer row, unseen patterns)",
                                     "test answer loss", [](const modules::Readout& r) { return *r.test_answer_loss; });
  test.references.push_back({result.rule_blind_floor, fmt::format("rule-blind floor {:.3g}", result.rule_blind_floor)});
  // The routings that do not generalise sit within a decade of the floor; an exact one falls through the bottom
  // (to rounding, ~1e-31) and its value is in the notes.
  test.y_range = plots::Range{1e-3, 2.0};
  const plots::LinePanel train = loss_panel(result, "(b) training loss (every output row, trained patterns)",
                                            "training loss", [](const modules::Readout& r) { return r.loss; });
  const modules::RuleDataset& d = spec.dataset;
  const std::string settings = fmt::format(
      "n1={} k1={} k2={} r={:g} · R={} rules · trained on patterns {} · hidden {}, weights N(0, {:g}²), lr {:g} (η = "
      "R·P·lr = {:.3g})\nlearned routings: logits N(0, {:g}²), η_θ/η = {:g}",
      d.n1, d.k1, d.k2, d.r, d.rules, fmt::join(spec.train, ","), spec.hidden, spec.init_scale, spec.lr,
      d.rules * d.P() * spec.lr, spec.logit_noise, spec.router_lr_ratio);
  Drawing drawing;
  drawing.figure = {labels.name, labels.title + "\n" + settings, {test, train}, 2, labels.origin + "\n" + settings};
  drawing.notes = table(spec, result);
  return drawing;
}

}  // namespace dln::drawing
