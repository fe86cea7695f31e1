// The systematicity race (docs/modules.md §4.4): A's final share of the answer and ΓxΩy(∞) against the
// common init a0 — the closed form dashed over the integrated flow (markers), A against a dense B beside it —
// and the phase map of A's share over (γ_A/γ_B, a0) with its boundary at √(L1/P).
#include <fmt/format.h>

#include "dln/drawing/draw.hpp"
#include "final_values.hpp"

namespace dln::drawing {

namespace {

using plots::Hue;
using plots::Role;

plots::LinePanel final_panel(const std::vector<double>& a0, const std::vector<double>& share,
                             const std::vector<double>& gxoy, const std::vector<double>* share_theory,
                             const std::vector<double>* gxoy_theory, double limit) {
  plots::LinePanel panel;
  panel.x_label = "a0 (initial strength of every module)";
  panel.y_label = "at convergence";
  panel.log_x = true;
  panel.y_range = plots::Range{0.0, 1.0};
  const std::string share_name = "c_A(∞): A's share of the answer";
  panel.series.push_back(final_values(share_name, Role::simulation, Hue::OxOy, a0, share));
  panel.series.push_back(final_values("ΓxΩy(∞)", Role::simulation, Hue::GxOy, a0, gxoy));
  if (share_theory) panel.series.push_back(final_values(share_name, Role::theory, Hue::OxOy, a0, *share_theory));
  if (gxoy_theory) panel.series.push_back(final_values("ΓxΩy(∞)", Role::theory, Hue::GxOy, a0, *gxoy_theory));
  panel.references.push_back({limit, fmt::format("ΓxΩy without A: √(k1r²P)/L1 = {:.4g}", limit)});
  panel.simulation_label = "integrated gradient flow";
  panel.theory_label = "closed form (Theorem 2)";
  return panel;
}

}  // namespace

Drawing draw(const experiments::SystematicityRaceSpec& spec, const experiments::SystematicityRaceResult& result,
             const Labels& labels) {
  plots::LinePanel against_b_prime = final_panel(spec.a0, result.share_flow, result.gamma_x_omega_y_flow,
                                                 &result.share_theory, &result.gamma_x_omega_y_theory,
                                                 result.unsystematic_limit);
  against_b_prime.title = "(a) A: Ωx → Ωy against B′: X → Ωy";
  plots::LinePanel against_dense = final_panel(spec.a0, result.share_dense, result.gamma_x_omega_y_dense, nullptr,
                                               nullptr, result.unsystematic_limit);
  against_dense.title = "(b) A against a dense B: X → Y (no closed form)";

  plots::HeatmapPanel phase;
  phase.title = fmt::format("(c) A's share of the answer; boundary as a0 → 0 at γ_A/γ_B = √(L1/P) = {:.4f}",
                            result.boundary);
  phase.x_label = "γ_A/γ_B (gate ratio; the larger gate is 1)";
  phase.y_label = "a0";
  phase.value_label = "γ_A·c_A(∞), closed form";
  phase.x = spec.gate_ratio;
  phase.y = spec.a0;
  phase.value = result.phase;
  phase.value_range = plots::Range{0.0, 1.0};
  phase.log_y = true;
  phase.print_values = spec.gate_ratio.size() * spec.a0.size() <= 60;

  const std::string settings = fmt::format(
      "R = 1: n1={} k1={} k2={} r={:g} · equal gates in (a), (b) · flows: latent weights from balanced "
      "aligned init, lr {:g}, {} epochs, hidden {}",
      spec.n1, spec.k1, spec.k2, spec.r, spec.lr, spec.epochs, spec.hidden);
  Drawing drawing;
  drawing.figure = {labels.name,
                    labels.title + "\n" + settings,
                    {against_b_prime, against_dense, phase},
                    3,
                    labels.origin + "\n" + settings};
  return drawing;
}

}  // namespace dln::drawing
