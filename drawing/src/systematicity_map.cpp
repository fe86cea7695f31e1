// The systematicity map: one heatmap per n1 of ‖ΓxΩy‖ / ‖W[Ωy, :]‖ at convergence over k1 and r
// (docs/theory.md §6).
#include <cstdint>
#include <fmt/format.h>

#include "dln/drawing/draw.hpp"

namespace dln::drawing {

Drawing draw(const experiments::SystematicityMapSpec& spec, const experiments::SystematicityMapResult& result,
             const Labels& labels) {
  Drawing drawing;
  drawing.figure.name = labels.name;
  drawing.figure.columns = 2;
  for (const experiments::SystematicityGrid& grid : result.grids) {
    plots::HeatmapPanel panel;
    panel.title = fmt::format("n1 = {} (P = {})", grid.n1, std::uint64_t{1} << grid.n1);
    panel.x_label = "k1 (copies of the per-item input block)";
    panel.y_label = "r (scale of the per-item blocks)";
    panel.value_label = "‖ΓxΩy‖ / ‖W[Ωy, :]‖ at convergence";
    panel.x.assign(spec.k1.begin(), spec.k1.end());
    panel.y = spec.r;
    panel.value = grid.share;
    panel.value_range = plots::Range{0.0, 1.0};
    panel.log_y = spec.log_r;
    panel.print_values = spec.print_values;
    drawing.figure.panels.push_back(std::move(panel));
  }
  const std::string settings = fmt::format(
      "the min-norm map Y X⁺ that training converges to; n2 = {}, k2 = {}; 0 = systematic", spec.n2, spec.k2);
  drawing.figure.title = labels.title + "\n" + settings;
  drawing.figure.note = labels.origin + "\n" + settings;
  return drawing;
}

}  // namespace dln::drawing
