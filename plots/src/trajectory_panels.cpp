#include "dln/plots/trajectory_panels.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <functional>

#include "dln/analytic/modes.hpp"

namespace dln::plots {

namespace {

using analytic::Trajectory;
using analytic::TrajectoryRow;

Series column(const Trajectory& trajectory, Hue hue, Role role, std::string_view csv_name,
              const std::function<double(const TrajectoryRow&)>& value) {
  Series s{std::string(hue_label(hue)), role, hue, {}, {}};
  s.csv_name = csv_name;
  s.hue_markers = role == Role::theory;
  for (const auto& row : trajectory.rows) {
    s.x.push_back(row.t);
    s.y.push_back(value(row));
  }
  return s;
}

// Simulation first so that the theory's dashes are drawn on top of it.
void add_both(LinePanel& panel, const Trajectory* simulation, const Trajectory* theory, Hue hue,
              std::string_view csv_name, const std::function<double(const TrajectoryRow&)>& value) {
  if (simulation) panel.series.push_back(column(*simulation, hue, Role::simulation, csv_name, value));
  if (theory) panel.series.push_back(column(*theory, hue, Role::theory, csv_name, value));
}

// A panel against epoch with its title and y label.
LinePanel epoch_panel(std::string title, std::string y_label) {
  LinePanel panel;
  panel.title = std::move(title);
  panel.x_label = "epoch";
  panel.y_label = std::move(y_label);
  return panel;
}

}  // namespace

LinePanel mode_strength_panel(const analytic::DatasetSpec& spec, const Trajectory* simulation,
                              const Trajectory* theory) {
  LinePanel panel = epoch_panel("Mode strengths", "mode strength (class mean of uᵀWv)");
  const auto classes = analytic::dense_classes(spec);
  constexpr std::array<Hue, 3> hues{Hue::pi1, Hue::pi2, Hue::pi3};
  constexpr std::array<std::string_view, 3> names{"a_pi1", "a_pi2", "a_pi3"};
  for (std::size_t c = 0; c < classes.size(); ++c)
    if (classes[c].present())
      add_both(panel, simulation, theory, hues[c], names[c], [c](const TrajectoryRow& row) { return row.a_pi[c]; });
  return panel;
}

LinePanel quadrant_panel(const Trajectory* simulation, const Trajectory* theory) {
  LinePanel panel = epoch_panel("Quadrant norms", "Frobenius norm of the quadrant of W");
  add_both(panel, simulation, theory, Hue::OxOy, "OxOy", [](const TrajectoryRow& r) { return r.quadrants.OxOy; });
  add_both(panel, simulation, theory, Hue::GxOy, "GxOy", [](const TrajectoryRow& r) { return r.quadrants.GxOy; });
  add_both(panel, simulation, theory, Hue::OxGy, "OxGy", [](const TrajectoryRow& r) { return r.quadrants.OxGy; });
  add_both(panel, simulation, theory, Hue::GxGy, "GxGy", [](const TrajectoryRow& r) { return r.quadrants.GxGy; });
  // ΓxΩy, the read-out of systematicity, stays visible where another quadrant coincides with it (the
  // shallow network's ΩxΓy does, exactly).
  for (Series& s : panel.series)
    if (s.hue == Hue::GxOy) s.layer = 1;
  return panel;
}

std::optional<LinePanel> family_panel(const Trajectory* simulation, const Trajectory* theory) {
  const Trajectory& any = simulation ? *simulation : *theory;
  if (any.family_labels.empty()) return std::nullopt;
  LinePanel panel = epoch_panel("Mode strengths per module", "mode strength (family mean of uᵀWv)");
  // Module B's classes keep the dense colours; the other modules' take the data-mode tones.
  constexpr std::array<Hue, 4> other{Hue::data_mode_1, Hue::data_mode_2, Hue::data_mode_3, Hue::data_mode_4};
  std::size_t others = 0;
  for (std::size_t f = 0; f < any.family_labels.size(); ++f) {
    const std::string& label = any.family_labels[f];  // "A:pi1"
    const auto colon = label.find(':');
    const std::string module = label.substr(0, colon), mode = label.substr(colon + 1);
    Hue hue = other[std::min(others, other.size() - 1)];
    if (module == "B" && mode == "pi1") hue = Hue::pi1;
    else if (module == "B" && mode == "pi2") hue = Hue::pi2;
    else if (module == "B" && mode == "pi3") hue = Hue::pi3;
    else ++others;
    const std::string name = fmt::format("module {}, π{}", module, mode.substr(mode.find_first_of("0123456789")));
    add_both(panel, simulation, theory, hue, analytic::family_column_name(label),
             [f](const TrajectoryRow& r) { return r.family_strength.at(f); });
    for (std::size_t k = panel.series.size() - (simulation && theory ? 2 : 1); k < panel.series.size(); ++k)
      panel.series[k].name = name;
  }
  return panel;
}

LinePanel loss_panel(const Trajectory* simulation, const Trajectory* theory) {
  LinePanel panel = epoch_panel("Loss", "loss (log scale)");
  panel.log_y = true;
  add_both(panel, simulation, theory, Hue::neutral, "loss", [](const TrajectoryRow& r) { return r.loss; });
  for (Series& s : panel.series) s.name = "loss", s.hue_markers = false;
  return panel;
}

}  // namespace dln::plots
