// Learned context routing (docs/modules.md §5.2, §6): the metrics view shows the loss and Mittal's metrics over
// training for Modular-op against GT routing, with the gates' speed (they move only while the loss is large); the
// functional view shows the gate routing matrix P beside the functional one P_F. The (ratio, σ) table over seeds
// and its controls go to the notes.
#include <cmath>
#include <fmt/format.h>

#include "dln/drawing/draw.hpp"

namespace dln::drawing {

namespace {

using plots::Hue;
using plots::Role;

plots::Series over_time(const modules::ReadoutTrajectory& trajectory, std::string name, Role role, Hue hue,
                        double (*value)(const modules::Readout&)) {
  plots::Series s{std::move(name), role, hue, {}, {}};
  for (const modules::Readout& row : trajectory.rows) {
    s.x.push_back(row.t);
    s.y.push_back(value(row));
  }
  return s;
}

plots::LinePanel loss_panel(const experiments::LearnedRoutingResult& result) {
  plots::LinePanel panel;
  panel.title = "(a) loss L = Σ_ρ π_ρ L_ρ";
  panel.x_label = "epoch";
  panel.y_label = "loss";
  const auto loss = [](const modules::Readout& r) { return r.loss; };
  panel.series.push_back(over_time(result.learned, "learned routing (Modular-op)", Role::simulation, Hue::neutral, loss));
  panel.series.push_back(over_time(result.ground_truth, "ground-truth routing", Role::simulation, Hue::contrast, loss));
  if (!result.per_sample.rows.empty())
    panel.series.push_back(over_time(result.per_sample, "per-sample routing (Modular)", Role::simulation, Hue::data_mode_2, loss));
  panel.simulation_label = "GD of the latent weights (and logits); per-sample: full weights";
  return panel;
}

plots::LinePanel metrics_panel(const modules::ReadoutTrajectory& trajectory, std::string title, std::string label) {
  plots::LinePanel panel;
  panel.title = std::move(title);
  panel.x_label = "epoch";
  panel.y_label = "metric";
  panel.y_range = plots::Range{0.0, 1.0};
  using Value = double (*)(const modules::Readout&);
  const std::pair<Hue, Value> metrics[] = {
      {Hue::collapse_avg, [](const modules::Readout& r) { return r.routing->collapse_avg; }},
      {Hue::collapse_worst, [](const modules::Readout& r) { return r.routing->collapse_worst; }},
      {Hue::inverse_mi, [](const modules::Readout& r) { return r.routing->inverse_mutual_information; }},
      {Hue::alignment, [](const modules::Readout& r) { return r.routing->alignment; }},
      {Hue::adaptation, [](const modules::Readout& r) { return r.routing->adaptation.value_or(NAN); }}};
  const bool adaptation = !trajectory.rows.empty() && trajectory.rows.front().routing->adaptation;  // M = R
  for (const auto& [hue, value] : metrics)
    if (hue != Hue::adaptation || adaptation)
      panel.series.push_back(over_time(trajectory, std::string(plots::hue_label(hue)), Role::simulation, hue, value));
  panel.simulation_label = std::move(label);
  return panel;
}

// Mean entropy of the gates per rule (per sample for per-sample routing): log M when uniform, 0 when one-hot.
plots::LinePanel entropy_panel(const experiments::LearnedRoutingResult& result) {
  plots::LinePanel panel;
  panel.title = "(f) routing entropy (nats; per sample for per-sample routing)";
  panel.x_label = "epoch";
  panel.y_label = "entropy";
  const auto entropy = [](const modules::Readout& r) { return r.routing_entropy; };
  panel.series.push_back(over_time(result.learned, "learned routing (Modular-op)", Role::simulation, Hue::neutral, entropy));
  panel.series.push_back(over_time(result.per_sample, "per-sample routing (Modular)", Role::simulation, Hue::data_mode_2, entropy));
  const double uniform = std::log(static_cast<double>(result.learned.module_names.size()));
  panel.references.push_back({uniform, fmt::format("uniform log M = {:.3g}", uniform)});
  panel.simulation_label = "GD";
  return panel;
}

// p_m = Σ_ρ π_ρ g_m(ρ): the share of the traffic each module carries, 1/M when balanced.
plots::LinePanel load_panel(const experiments::LearnedRoutingResult& result) {
  plots::LinePanel panel;
  panel.title = "(d) module load p_m = Σ_ρ π_ρ g_m(ρ)";
  panel.x_label = "epoch";
  panel.y_label = "load";
  panel.y_range = plots::Range{0.0, 1.0};
  const Hue hues[] = {Hue::data_mode_1, Hue::data_mode_2, Hue::data_mode_3, Hue::data_mode_4};
  const auto& names = result.learned.module_names;
  for (std::size_t m = 0; m < names.size(); ++m) {
    plots::Series s{"module " + names[m], Role::simulation, hues[std::min<std::size_t>(m, 3)], {}, {}};
    for (const modules::Readout& row : result.learned.rows) {
      s.x.push_back(row.t);
      s.y.push_back(row.load.at(m));
    }
    panel.series.push_back(std::move(s));
  }
  const double balanced = 1.0 / static_cast<double>(names.size());
  panel.references.push_back({balanced, fmt::format("balanced 1/M = {:.3g}", balanced)});
  panel.simulation_label = "learned routing";
  return panel;
}

// |Δg|/Δt between recorded rows: how fast the routing still changes.
plots::LinePanel gate_speed_panel(const experiments::LearnedRoutingResult& result) {
  plots::LinePanel panel;
  panel.title = "(c) gate speed max_{m,ρ} |Δg_m(ρ)| per epoch";
  panel.x_label = "epoch";
  panel.y_label = "gate change per epoch";
  plots::Series s{"learned gates", Role::simulation, Hue::neutral, {}, {}};
  const auto& rows = result.learned.rows;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    s.x.push_back(rows[i].t);
    s.y.push_back((rows[i].gates - rows[i - 1].gates).cwiseAbs().maxCoeff() / (rows[i].t - rows[i - 1].t));
  }
  panel.series.push_back(std::move(s));
  if (!rows.empty()) panel.x_range = plots::Range{0.0, static_cast<double>(rows.back().t)};
  return panel;
}

plots::HeatmapPanel routing_map(const Eigen::MatrixXd& P, std::string title, std::string value_label) {
  plots::HeatmapPanel panel;
  panel.title = std::move(title);
  panel.x_label = "module m";
  panel.y_label = "rule ρ";
  panel.value_label = std::move(value_label);
  for (Eigen::Index m = 0; m < P.cols(); ++m) panel.x.push_back(static_cast<double>(m));
  for (Eigen::Index rho = 0; rho < P.rows(); ++rho) panel.y.push_back(static_cast<double>(rho));
  for (Eigen::Index rho = 0; rho < P.rows(); ++rho)
    for (Eigen::Index m = 0; m < P.cols(); ++m) panel.value.push_back(P(rho, m));
  panel.value_range = plots::Range{0.0, 1.0 / static_cast<double>(P.rows())};
  panel.print_values = true;
  return panel;
}

std::string table(const experiments::LearnedRoutingSpec& spec, const experiments::LearnedRoutingResult& result) {
  std::string notes = fmt::format(
      "Learned routing over {} seeds (mean ± sd of the final values after {} epochs; gate metrics from P[ρ, m] = "
      "π_ρ g_m(ρ) (per-sample routing: g is the mean gate over the patterns, exact), functional ones from P_F, "
      "docs/modules.md §6). For reference at R = {}: uniform gates give "
      "Collapse 0, Inverse MI 1, Alignment {:.3f}; collapse onto one module gives Collapse 1; GT gives all 0.\n\n"
      "| routing | η_θ/η | σ | k1 | k2 | final loss | Collapse-Avg | Collapse-Worst | Inverse MI | Alignment | Adaptation | "
      "functional Inverse MI | functional Alignment | C_ρ max |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
      spec.seeds, spec.epochs, spec.dataset.rules, (spec.dataset.rules - 1.0) / spec.dataset.rules);
  for (const auto& setting : result.table) {
    std::vector<double> loss, ca, cw, imi, al, ad, fimi, fal, cmax;
    for (const auto& o : setting.seeds) {
      if (o.gates.size() == 0) continue;  // a diverged run (reported in the manifest)
      loss.push_back(o.loss);
      ca.push_back(o.gate_metrics.collapse_avg);
      cw.push_back(o.gate_metrics.collapse_worst);
      imi.push_back(o.gate_metrics.inverse_mutual_information);
      al.push_back(o.gate_metrics.alignment);
      if (o.gate_metrics.adaptation) ad.push_back(*o.gate_metrics.adaptation);
      if (o.functional_metrics) {
        fimi.push_back(o.functional_metrics->inverse_mutual_information);
        fal.push_back(o.functional_metrics->alignment);
      }
      if (o.cancellation.size() > 0) cmax.push_back(o.cancellation.maxCoeff());
    }
    notes += fmt::format("| {} | {:g} | {:g} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
                         setting.per_sample ? "per sample (Modular)" : "rule (Modular-op)", setting.ratio,
                         setting.init_scale, setting.k1, setting.k2, mean_sd_cell(loss), mean_sd_cell(ca),
                         mean_sd_cell(cw), mean_sd_cell(imi), mean_sd_cell(al), mean_sd_cell(ad), mean_sd_cell(fimi),
                         mean_sd_cell(fal), mean_sd_cell(cmax));
  }
  return notes;
}

std::string settings_line(const experiments::LearnedRoutingSpec& spec) {
  const modules::RuleDataset& d = spec.dataset;
  return fmt::format(
      "n1={} k1={} k2={} r={:g} · R={} rules, M = R all → all modules, hidden {}, softmax gates T = {:g}\n"
      "GD of latent weights and logits, lr {:g} (η = R·P·lr = {:.3g}), η_θ/η = {:g}, weights N(0, {:g}²), logits "
      "N(0, {:g}²), seed 0",
      d.n1, d.k1, d.k2, d.r, d.rules, spec.hidden, spec.temperature, spec.lr, d.rules * d.P() * spec.lr,
      spec.curve_ratio, spec.curve_scale, spec.logit_noise);
}

}  // namespace

Drawing draw(const experiments::LearnedRoutingSpec& spec, const experiments::LearnedRoutingResult& result,
             const Labels& labels) {
  Drawing drawing;
  drawing.figure.name = labels.name;
  const std::string settings = settings_line(spec);
  if (spec.view == experiments::LearnedRoutingView::metrics) {
    drawing.figure.panels = {loss_panel(result),
                             metrics_panel(result.learned, "(b) Mittal's metrics of the learned gates (GT routing: all 0)",
                                           "learned routing"),
                             gate_speed_panel(result), load_panel(result)};
    if (!result.per_sample.rows.empty()) {
      drawing.figure.panels.push_back(metrics_panel(
          result.per_sample, "(e) per-sample routing (Mittal's Modular): metrics of the mean gates", "per-sample routing"));
      drawing.figure.panels.push_back(entropy_panel(result));
    }
    drawing.figure.columns = 2;
  } else {
    const auto& end = result.learned_end;
    drawing.figure.panels.push_back(routing_map(end.P, fmt::format("(a) gates: P, Alignment {:.3f}, Inverse MI {:.3f}",
                                                                   end.gate_metrics.alignment,
                                                                   end.gate_metrics.inverse_mutual_information),
                                                   "P[ρ, m]"));
    if (end.P_functional && end.functional_metrics)
      drawing.figure.panels.push_back(routing_map(
          *end.P_functional, fmt::format("(b) function: P_F, Alignment {:.3f}, Inverse MI {:.3f}",
                                         end.functional_metrics->alignment,
                                         end.functional_metrics->inverse_mutual_information),
          "P_F[ρ, m]"));
    drawing.figure.columns = 2;
    drawing.notes = fmt::format("Cancellation ratio C_ρ of the run shown (1 = no module cancels another): {:.3f}.\n\n",
                                fmt::join(end.cancellation.begin(), end.cancellation.end(), ", "));
  }
  drawing.notes += table(spec, result);
  drawing.figure.title = labels.title + "\n" + settings;
  drawing.figure.note = labels.origin + "\n" + settings;
  return drawing;
}

}  // namespace dln::drawing
