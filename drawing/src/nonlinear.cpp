// The non-linear check (docs/nonlinear.md §5).
// * ReLU networks on the dataset space: one panel per architecture of the quadrant norms of the mean
//   Jacobian (solid, mean ± sd over seeds) beside the linear network's closed form from the same σ (dashed);
//   then the held-out-combination losses per architecture (solid) beside the linear min-norm map's (dashed).
// * Compositional Fashion-MNIST: train/test normalised compositional and per-item errors over epochs, mean ±
//   sd over seeds, one panel per (protocol, architecture).
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <tuple>

#include "dln/drawing/draw.hpp"

namespace dln::drawing {

namespace {

using analytic::Architecture;
using nonlinear::SeedCurves;

// A column of the curves as a solid line (the mean), with error bars of ± one sd at about `bars` evenly
// spaced epochs, drawn as a second series of the same hue and name (so that the key lists it once).
void add_mean_and_spread(plots::LinePanel& panel, const SeedCurves& curves, const std::string& column, plots::Hue hue,
                         const std::string& name, std::size_t bars = 10) {
  const std::size_t k = curves.column(column);
  plots::Series mean{name, plots::Role::simulation, hue, {}, {}};
  plots::Series spread{name, plots::Role::simulation, hue, {}, {}};
  const std::size_t every = std::max<std::size_t>(1, curves.mean.size() / bars);
  for (std::size_t t = 0; t < curves.mean.size(); ++t) {
    const double m = curves.mean[t][k], sd = curves.sd[t][k];
    mean.x.push_back(static_cast<double>(t)), mean.y.push_back(m);
    if (curves.seeds.size() > 1 && (t % every == 0 || t + 1 == curves.mean.size())) {
      spread.x.push_back(static_cast<double>(t)), spread.y.push_back(m);
      spread.y_low.push_back(m - sd), spread.y_high.push_back(m + sd);
    }
  }
  panel.series.push_back(std::move(mean));
  if (!spread.x.empty()) panel.series.push_back(std::move(spread));
}

std::string mean_sd(const SeedCurves& c, const std::string& column) {
  const std::size_t k = c.column(column);
  return fmt::format("{:.3f} ± {:.3f}", c.mean.back()[k], c.sd.back()[k]);
}

plots::LinePanel quadrant_panel(const experiments::ReluDatasetArchitecture& a, char letter) {
  plots::LinePanel panel;
  panel.title = fmt::format("({}) {}: quadrants, all patterns", letter, analytic::to_string(a.arch));
  panel.x_label = "epoch";
  panel.y_label = "quadrant norm of J̄ (linear: of W)";
  panel.simulation_label = "ReLU (mean ± sd)";
  panel.theory_label = "linear closed form";
  const std::tuple<plots::Hue, std::string, double analytic::Quadrants::*> quadrants[] = {
      {plots::Hue::OxOy, "OxOy", &analytic::Quadrants::OxOy},
      {plots::Hue::GxOy, "GxOy", &analytic::Quadrants::GxOy},
      {plots::Hue::OxGy, "OxGy", &analytic::Quadrants::OxGy},
      {plots::Hue::GxGy, "GxGy", &analytic::Quadrants::GxGy}};
  for (const auto& [hue, column, member] : quadrants) {
    const std::string name(plots::hue_label(hue));
    add_mean_and_spread(panel, a.all_patterns, column, hue, name);
    plots::Series theory{name, plots::Role::theory, hue, {}, {}};
    for (const auto& row : a.linear.rows) theory.x.push_back(row.t), theory.y.push_back(row.quadrants.*member);
    panel.series.push_back(std::move(theory));
  }
  return panel;
}

plots::LinePanel held_out_panel(const experiments::ReluDatasetArchitecture& a, char letter) {
  plots::LinePanel panel;
  panel.title = fmt::format("({}) {}: held-out combinations", letter, analytic::to_string(a.arch));
  panel.x_label = "epoch";
  panel.y_label = "loss (Σ over samples, mean over rows)";
  panel.simulation_label = "ReLU (mean ± sd)";
  panel.theory_label = "linear min-norm map";
  const double epochs = static_cast<double>(a.held_out.mean.size() - 1);
  const std::tuple<plots::Hue, std::string, double> losses[] = {
      {plots::Hue::omega_train, "train_omega", a.min_norm.train_omega},
      {plots::Hue::omega_test, "test_omega", a.min_norm.test_omega},
      {plots::Hue::gamma_train, "train_gamma", a.min_norm.train_gamma},
      {plots::Hue::gamma_test, "test_gamma", a.min_norm.test_gamma}};
  for (const auto& [hue, column, limit] : losses) {
    const std::string name(plots::hue_label(hue));
    add_mean_and_spread(panel, a.held_out, column, hue, name);
    panel.series.push_back({name, plots::Role::theory, hue, {0.0, epochs}, {limit, limit}});
  }
  return panel;
}

std::string describe(const nonlinear::JarvisOptions& o) {
  const std::string train = o.train.empty() ? "" : fmt::format(", trained on patterns {}", fmt::join(o.train, ","));
  return fmt::format("n1={} n2={} k1={} k2={} r={:g}{}, GD lr {:g}, hidden {} per module, σ = {:g}, {} seeds",
                     o.spec.n1, o.spec.n2, o.spec.k1, o.spec.k2, o.spec.r, train, o.lr, o.hidden, o.init_scale,
                     o.seeds);
}

plots::LinePanel error_panel(const experiments::ReluFashionRun& run, char letter) {
  plots::LinePanel panel;
  panel.title = fmt::format("({}) {}, {} ({} train, {} test composites)", letter, analytic::to_string(run.arch),
                            run.protocol == nonlinear::Protocol::held_out ? "held-out combinations" : "new instances",
                            run.training_composites, run.test_composites);
  panel.x_label = "epoch";
  panel.y_label = "normalised error";
  panel.simulation_label = "mean ± sd over seeds";
  panel.y_range = plots::Range{0.0, 1.15};
  add_mean_and_spread(panel, run.curves, "train_compositional", plots::Hue::omega_train, "compositional, train");
  add_mean_and_spread(panel, run.curves, "test_compositional", plots::Hue::omega_test, "compositional, test");
  add_mean_and_spread(panel, run.curves, "train_per_item", plots::Hue::gamma_train, "per-item, train");
  add_mean_and_spread(panel, run.curves, "test_per_item", plots::Hue::gamma_test, "per-item, test");
  return panel;
}

}  // namespace

Drawing draw(const experiments::ReluDatasetSpec& spec, const experiments::ReluDatasetResult& result,
             const Labels& labels) {
  Drawing drawing;
  plots::Figure& figure = drawing.figure;
  figure.name = labels.name;
  figure.columns = 3;
  std::string quadrant_rows, held_out_rows;
  char letter = 'a';
  for (const auto& a : result.architectures) {
    figure.panels.push_back(quadrant_panel(a, letter++));
    const auto& linear = a.linear.rows.back();
    quadrant_rows += fmt::format("| {} | {} | {} | {} | {} | {:.3f} / {:.3f} / {:.3f} / {:.3f} |\n",
                                 analytic::to_string(a.arch), mean_sd(a.all_patterns, "OxOy"),
                                 mean_sd(a.all_patterns, "GxOy"), mean_sd(a.all_patterns, "GxGy"),
                                 mean_sd(a.all_patterns, "systematicity"), linear.quadrants.OxOy, linear.quadrants.GxOy,
                                 linear.quadrants.GxGy, linear.systematicity);
  }
  for (const auto& a : result.architectures) {
    figure.panels.push_back(held_out_panel(a, letter++));
    held_out_rows += fmt::format("| {} | {} | {:.3f} | {} | {:.3f} |\n", analytic::to_string(a.arch),
                                 mean_sd(a.held_out, "test_omega"), a.min_norm.test_omega,
                                 mean_sd(a.held_out, "test_gamma"), a.min_norm.test_gamma);
  }
  const std::string settings =
      fmt::format("(a–c) {}\n(d–f) {}", describe(spec.all_patterns), describe(spec.held_out));
  figure.title = labels.title + "\n" + settings;
  figure.note = labels.origin + "\n" + settings;
  drawing.notes = fmt::format(
      "\nAll patterns, last epoch (ReLU: mean ± sd over the seeds; linear: its closed form at the same epoch):\n\n"
      "| arch | ReLU ΩxΩy | ReLU ΓxΩy | ReLU ΓxΓy | ReLU systematicity | linear ΩxΩy / ΓxΩy / ΓxΓy / systematicity |\n"
      "|---|---|---|---|---|---|\n{}\nHeld-out combinations, last epoch:\n\n"
      "| arch | ReLU Ωy test loss | linear min-norm Ωy test loss | ReLU Γy test loss | linear min-norm Γy test loss |\n"
      "|---|---|---|---|---|\n{}",
      quadrant_rows, held_out_rows);
  return drawing;
}

Drawing draw(const experiments::ReluFashionSpec& spec, const experiments::ReluFashionResult& result,
             const Labels& labels) {
  Drawing drawing;
  plots::Figure& figure = drawing.figure;
  figure.name = labels.name;
  figure.columns = 2;
  std::string rows;
  char letter = 'a';
  for (const auto& run : result.runs) {
    figure.panels.push_back(error_panel(run, letter++));
    rows += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", nonlinear::to_string(run.protocol),
                        analytic::to_string(run.arch), run.training_composites,
                        mean_sd(run.curves, "train_compositional"), mean_sd(run.curves, "test_compositional"),
                        mean_sd(run.curves, "train_per_item"), mean_sd(run.curves, "test_per_item"));
  }
  const auto& d = spec.data;
  const auto& n = spec.network;
  const std::string settings = fmt::format(
      "MLP, hidden {} (split: {} per module), SGD lr {:g}, batch {}, σ = {:g}, {} seeds\nfirst {} training / {} test "
      "composites, {}×{} pooling, errors on ≤ {} per set · held out: {:g} of the 1000 combinations (split seed {})",
      n.hidden, n.hidden / 2, n.lr, n.batch, n.init_scale, n.seeds, d.train_images, d.test_images, d.pool, d.pool,
      d.eval_samples, d.held_out_fraction, d.split_seed);
  figure.title = labels.title + "\n" + settings;
  figure.note = labels.origin + "\n" + settings;
  drawing.notes = fmt::format(
      "\nNormalised errors after {} epochs (predicting 0 gives 1.0), mean ± sd over {} seeds:\n\n"
      "| protocol | arch | training composites | compositional, train | compositional, test | per-item, train | "
      "per-item, test |\n|---|---|---|---|---|---|---|\n{}",
      n.epochs, n.seeds, rows);
  return drawing;
}

}  // namespace dln::drawing
