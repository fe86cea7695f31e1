#pragma once
// What a figure shows, independent of how it is drawn: panels of named curves (or one heatmap), with
// titles and labelled axes. Built by the caller from result series; the plots library never computes.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "dln/plots/style.hpp"

namespace dln::plots {

struct Series {
  std::string name;  // what it measures, e.g. "π1 kept"; the key shows it next to the hue
  Role role = Role::simulation;
  Hue hue = Hue::neutral;
  std::vector<double> x, y;  // same length; non-finite y values become gaps
  // Drawing order: all simulations under all theories (so that every dash stays visible), and a higher
  // layer above a lower one — for the read-out that must not disappear under a coinciding curve.
  int layer = 0;
  // An interval around each y (a confidence interval, a spread over seeds): drawn as an error bar with
  // a filled marker at y, or with `band` as a light filled band under the curve. Empty, or both the length of x.
  std::vector<double> y_low{}, y_high{};
  bool band = false;
  // A marker at every point, for values at discrete x (sample counts) rather than a curve over time.
  bool markers = false;
  // About a dozen open markers along a curve, their shape by hue and their positions staggered by hue: a cue
  // that tells curves apart where they coincide (two quadrants both at 0), shown in the key's hue entry too.
  bool hue_markers = false;
  // The series' name in the figure's CSV: the CLI's column name (docs/conventions.md: a_pi1, GxOy,
  // train_omega, loss) where the series is one of them; empty: `name`.
  std::string csv_name{};
};

struct Range {
  double low = 0.0, high = 1.0;
};

// A horizontal line across a panel at a level of meaning (a tolerance, a target), labelled inside the
// plot rather than in the key: thin, black, finely dashed.
struct ReferenceLine {
  double y = 0.0;
  std::string label;
};

// Curves against a shared x axis. The key lists each curve kind once: one entry per (hue, name) in
// its colour, then one entry per role in black when both roles are present (see style.hpp).
struct LinePanel {
  std::string title, x_label, y_label;
  std::vector<Series> series;
  std::vector<ReferenceLine> references;  // not part of the automatic y range: set y_range to show them
  std::optional<Range> x_range, y_range;  // automatic when absent
  bool integer_x = false;  // x counts something (samples): tics on whole numbers only
  bool log_x = false;      // x spans decades (an init scale): a logarithmic axis, every x > 0
  bool log_y = false;      // y spans decades (a loss): a logarithmic axis; values ≤ 0 become gaps
  // The key lists each series as it is drawn, by its name, instead of colours beside roles: for panels whose
  // series differ in marker and line at once (an estimate, an exact count and a faulty test).
  bool key_per_series = false;
  // What the roles stand for in this panel, e.g. "Hebbian (simulated)" and "backprop theory".
  std::string simulation_label = "simulation";
  std::string theory_label = "theory";
};

// Values on a grid of cells centred at x[i], y[j]; the grid may be non-uniform (cell edges are the
// midpoints between centres).
struct HeatmapPanel {
  std::string title, x_label, y_label, value_label;
  std::vector<double> x, y;   // increasing cell centres
  std::vector<double> value;  // value[j * x.size() + i] at (x[i], y[j])
  std::optional<Range> value_range;  // automatic when absent
  bool log_y = false;
  bool print_values = false;  // write each value in its cell (for small grids)
};

using Panel = std::variant<LinePanel, HeatmapPanel>;

struct Figure {
  std::string name;   // file stem: letters, digits, '-', '_' only
  std::string title;  // may hold a second line ("\n") with the settings: τ, lr, init
  std::vector<Panel> panels;
  int columns = 2;    // panels per row; rows follow
  std::string note;   // where the data came from (recipe, settings); a comment atop the script
  // Throws dln::InvalidInput("figure", …) when the name is not a plain file stem, a panel is empty,
  // series lengths differ, a heatmap's grid is inconsistent or a range is empty.
  void validate() const;
};

}  // namespace dln::plots
