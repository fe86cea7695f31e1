// A shared module beside rule modules (docs/modules.md §4.5): the shared module's final share of the per-item
// map against a0 (closed form dashed over the integrated flow's points), and the answer-row contributions of
// the shared module and of a rule module (integrated flow only).
#include <fmt/format.h>

#include "dln/drawing/draw.hpp"
#include "final_values.hpp"

namespace dln::drawing {

using plots::Hue;
using plots::Role;

Drawing draw(const experiments::SharedModulesSpec& spec, const experiments::SharedModulesResult& result,
             const Labels& labels) {
  plots::LinePanel items;
  items.title = "(a) per-item latents: the shared module's share of the map";
  items.x_label = "a0 (initial strength of every module)";
  items.y_label = "share at convergence";
  items.log_x = true;
  const std::string name = "shared module S";
  items.series.push_back(final_values(name, Role::simulation, Hue::GxGy, spec.a0, result.share_flow));
  items.series.push_back(final_values(name, Role::theory, Hue::GxGy, spec.a0, result.share_theory));
  items.simulation_label = "integrated gradient flow";
  items.theory_label = "closed form (Theorem 2)";

  plots::LinePanel answer;
  answer.title = "(b) answer row: contributions (no closed form)";
  answer.x_label = items.x_label;
  answer.y_label = "answer contribution at convergence";
  answer.log_x = true;
  answer.series.push_back(final_values("shared module S", Role::simulation, Hue::OxOy, spec.a0, result.shared_answer));
  answer.series.push_back(
      final_values("rule module (rule 0)", Role::simulation, Hue::neutral, spec.a0, result.rule_answer));
  answer.references.push_back({1.0 / spec.dataset.rules, fmt::format("1/R = {:.4g}", 1.0 / spec.dataset.rules)});
  answer.simulation_label = items.simulation_label;

  const modules::RuleDataset& d = spec.dataset;
  const std::string settings = fmt::format(
      "n1={} k1={} k2={} r={:g} · R={} rules, uniform prior · one shared all → all module (gate 1) and R "
      "ground-truth rule modules\nflows: latent weights from balanced aligned init, lr {:g}, {} epochs",
      d.n1, d.k1, d.k2, d.r, d.rules, spec.lr, spec.epochs);
  Drawing drawing;
  drawing.figure = {labels.name, labels.title + "\n" + settings, {items, answer}, 2, labels.origin + "\n" + settings};
  return drawing;
}

}  // namespace dln::drawing
