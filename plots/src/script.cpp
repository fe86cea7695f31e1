#include "dln/plots/script.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <sstream>
#include <utility>

#include "dln/analytic/invalid_input.hpp"
#include "gnuplot_text.hpp"

namespace dln::plots {

using detail::number;
using detail::quoted;

std::string_view extension(Format format) {
  switch (format) {
    case Format::png: return "png";
    case Format::pdf: return "pdf";
    case Format::svg: return "svg";
  }
  return "png";
}

Format parse_format(std::string_view name) {
  for (Format f : {Format::png, Format::pdf, Format::svg})
    if (name == extension(f)) return f;
  throw InvalidInput("format", fmt::format("must be one of {}, got '{}'", kFormatNames, name));
}

namespace {

// Page geometry per format. Raster and SVG sizes are pixels for reading on a screen; PDF sizes are
// inches, so that a two-panel figure is 7.2 in wide with 9 pt text, close to a paper's text width.
struct Page {
  std::string_view terminal;
  double panel_width, panel_height, title_height;  // title_height per title line
  std::string_view unit;
  int font_size;
  double line_scale;  // multiplies every line width
};

Page page(Format format) {
  switch (format) {
    case Format::png: return {"pngcairo", 720, 560, 28, "", 13, 1.0};
    case Format::svg: return {"svg", 720, 560, 28, "", 13, 1.0};
    case Format::pdf: return {"pdfcairo", 3.6, 2.9, 0.2, "in", 9, 0.6};
  }
  return page(Format::png);
}

std::string style_spec(const LineStyle& style, double line_scale) {
  return fmt::format("lc rgb '{}' lw {:.3g} dt {}", style.colour, style.width * line_scale,
                     style.dashed ? "(9,5)" : "solid");
}

// How a series is drawn, after `with`. Error bars are thin whatever the role (a wide bar would hide the
// interval's ends) with a filled marker at y; markers of a theory are open circles, smaller than a
// simulation's filled ones, so that a prediction sitting on an estimate leaves both visible — and open
// triangles for the contrast hue, so that a second prediction coinciding with the first stays visible.
std::string plot_style(const Series& series, double line_scale) {
  const LineStyle style = line_style(series.role, series.hue);
  if (!series.y_low.empty() && !series.band)
    return fmt::format("yerrorbars lc rgb '{}' lw {:.3g} pt 7 ps 1.4", style.colour, 1.5 * line_scale);
  if (series.markers)
    return fmt::format("linespoints {} pt {} ps {}", style_spec(style, line_scale),
                       series.role == Role::simulation ? "7" : series.hue == Hue::contrast ? "8" : "6",
                       series.role == Role::theory ? "1.1" : "1.4");
  return "lines " + style_spec(style, line_scale);
}

// Hue markers (Series::hue_markers): open shapes by hue, about this many along a curve, each hue's
// markers shifted by a quarter of the spacing so that curves lying on each other show both shapes.
constexpr int kHueMarkers = 12;
int hue_point_type(Hue hue) {
  switch (hue) {
    case Hue::pi1: case Hue::OxOy: return 6;   // open circle
    case Hue::pi2: case Hue::GxOy: return 4;   // open square
    case Hue::pi3: case Hue::OxGy: return 8;   // open triangle
    case Hue::GxGy: return 12;                 // open diamond
    default: return 10;                        // open inverted triangle
  }
}
int hue_phase(Hue hue) {
  switch (hue) {
    case Hue::pi2: case Hue::GxOy: return 1;
    case Hue::pi3: case Hue::OxGy: return 2;
    case Hue::GxGy: return 3;
    default: return 0;
  }
}

constexpr std::size_t kMaxCellTics = 16;
constexpr double kMaxUnitTics = 20.0;

// A two-column key lists at most this many colours in its first column.
constexpr std::size_t kMaxKeyRows = 4;
// Short samples, airy rows, and some space between the x label and the key.
constexpr std::string_view kKeyLayout = "samplen 2.5 spacing 1.2 height 1.5";

// Series indices by layer, then simulations before theories, then as given (see Series::layer).
std::vector<std::size_t> drawing_order(const LinePanel& panel) {
  std::vector<std::size_t> order(panel.series.size());
  for (std::size_t j = 0; j < order.size(); ++j) order[j] = j;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Series &sa = panel.series[a], &sb = panel.series[b];
    return std::pair(sa.layer, sa.role == Role::theory) < std::pair(sb.layer, sb.role == Role::theory);
  });
  return order;
}

bool has_role(const LinePanel& panel, Role role) {
  return std::any_of(panel.series.begin(), panel.series.end(), [&](const Series& s) { return s.role == role; });
}

// x y, or x y low high for a series with an interval.
std::string data_block(const std::string& name, const Series& series) {
  std::string text = fmt::format("{} << EOD\n", name);
  for (std::size_t k = 0; k < series.x.size(); ++k) {
    text += fmt::format("{} {}", number(series.x[k]), number(series.y[k]));
    if (!series.y_low.empty()) text += fmt::format(" {} {}", number(series.y_low[k]), number(series.y_high[k]));
    text += "\n";
  }
  return text + "EOD\n";
}

// Cell edges around increasing centres: midpoints inside (geometric on a log axis), and the outer
// edges half a cell beyond the first and last centre.
std::vector<double> cell_edges(const std::vector<double>& centres, bool log_axis) {
  const auto mid = [&](double a, double b) { return log_axis ? std::sqrt(a * b) : 0.5 * (a + b); };
  const auto beyond = [&](double edge, double centre) { return log_axis ? centre * centre / edge : 2 * centre - edge; };
  std::vector<double> edges(centres.size() + 1);
  for (std::size_t i = 1; i < centres.size(); ++i) edges[i] = mid(centres[i - 1], centres[i]);
  if (centres.size() == 1) {
    edges[0] = log_axis ? centres[0] / 2 : centres[0] - 0.5;
    edges[1] = log_axis ? centres[0] * 2 : centres[0] + 0.5;
  } else {
    edges.front() = beyond(edges[1], centres.front());
    edges.back() = beyond(edges[centres.size() - 1], centres.back());
  }
  return edges;
}

class ScriptWriter {
public:
  ScriptWriter(const Figure& figure, Format format) : figure_(figure), format_(format), page_(page(format)) {}

  std::string write() {
    header();
    for (std::size_t i = 0; i < figure_.panels.size(); ++i)
      std::visit([&](const auto& panel) { data(panel, i); }, figure_.panels[i]);
    terminal();
    for (std::size_t i = 0; i < figure_.panels.size(); ++i)
      std::visit([&](const auto& panel) { draw(panel, i); }, figure_.panels[i]);
    text_ += "unset multiplot\n";
    return std::move(text_);
  }

private:
  void header() {
    const auto ext = extension(format_);
    text_ += fmt::format(
        "# {0} — generated by dln. Self-contained: the data are the blocks below, and {0}.csv beside this\n"
        "# script holds the same series. Redraw with `gnuplot {0}.gp` (writes {0}.{1} next to this file,\n"
        "# from any directory) or `gnuplot -e \"outfile='other.{1}'\" {0}.gp`.\n\n",
        figure_.name, ext);
    if (figure_.note.empty()) return;
    std::string line;
    for (std::istringstream lines(figure_.note); std::getline(lines, line);) text_ += "# " + line + "\n";
    text_ += "\n";
  }

  static std::string block_name(std::size_t panel, std::size_t series) {
    return fmt::format("$p{}s{}", panel + 1, series + 1);
  }

  void data(const LinePanel& panel, std::size_t index) {
    for (std::size_t j = 0; j < panel.series.size(); ++j) {
      const Series& s = panel.series[j];
      text_ += fmt::format("# panel {}, {} ({})\n", index + 1, s.name, role_label(s.role));
      text_ += data_block(block_name(index, j), s);
    }
  }

  // One row per cell: centre x y, edges xlow xhigh ylow yhigh, value, and the colour of its printed
  // value (white on the dark end of the palette, black on the light end).
  void data(const HeatmapPanel& panel, std::size_t index) {
    const auto xe = cell_edges(panel.x, false), ye = cell_edges(panel.y, panel.log_y);
    const auto [low, high] = value_range(panel);
    text_ += fmt::format("# panel {}: x y xlow xhigh ylow yhigh value label_colour\n{} << EOD\n", index + 1,
                         block_name(index, 0));
    for (std::size_t j = 0; j < panel.y.size(); ++j)
      for (std::size_t i = 0; i < panel.x.size(); ++i) {
        const double v = panel.value[j * panel.x.size() + i];
        const bool dark = high > low ? (v - low) / (high - low) < 0.6 : true;
        text_ += fmt::format("{} {} {} {} {} {} {} {}\n", number(panel.x[i]), number(panel.y[j]), number(xe[i]),
                             number(xe[i + 1]), number(ye[j]), number(ye[j + 1]), number(v),
                             dark ? 0xFFFFFF : 0x000000);
      }
    text_ += "EOD\n";
  }

  static std::pair<double, double> value_range(const HeatmapPanel& panel) {
    if (panel.value_range) return {panel.value_range->low, panel.value_range->high};
    double low = std::numeric_limits<double>::infinity(), high = -low;
    for (double v : panel.value)
      if (std::isfinite(v)) low = std::min(low, v), high = std::max(high, v);
    return {low, high};
  }

  void terminal() {
    const std::size_t columns = std::min<std::size_t>(static_cast<std::size_t>(figure_.columns), figure_.panels.size());
    const std::size_t rows = (figure_.panels.size() + columns - 1) / columns;
    const auto title_lines = static_cast<double>(std::count(figure_.title.begin(), figure_.title.end(), '\n') + 1);
    const double width = page_.panel_width * static_cast<double>(columns);
    const double height = page_.panel_height * static_cast<double>(rows) + page_.title_height * (title_lines + 1);
    text_ += fmt::format(
        "\n# Write beside this script unless the caller chose another file.\n"
        "script_dir = ''\n"
        "do for [i = strlen(ARG0):1:-1] {{ if (script_dir eq '' && ARG0[i:i] eq '/') {{ script_dir = ARG0[1:i] }} }}\n"
        "if (!exists('outfile')) outfile = script_dir . '{}.{}'\n\n",
        figure_.name, extension(format_));
    text_ += fmt::format("set terminal {} size {:.4g}{},{:.4g}{} font '{},{}' noenhanced{}\n", page_.terminal, width,
                         page_.unit, height, page_.unit, kFontFamily, page_.font_size,
                         format_ == Format::svg ? " background rgb 'white'" : "");
    text_ += "set output outfile\nset encoding utf8\n";
    // The multiplot title takes the top rows; the panels share the rest evenly.
    text_ += fmt::format("set multiplot layout {},{} title {} font ',{}'\n", rows, columns, quoted(figure_.title),
                         page_.font_size + 1);
  }

  void common_axes(const std::string& title, const std::string& x_label, const std::string& y_label) {
    text_ += fmt::format("set title {}\nset xlabel {}\nset ylabel {}\n", quoted(title), quoted(x_label),
                         quoted(y_label));
    text_ += "set border 3 lw 1\nset tics nomirror out\nset grid lc rgb '#E0E0E0' lw 1\n";
  }

  // The key sits below the plot (the curves of these figures fill every corner at some epoch, so a key
  // inside would hide one), in two columns when both roles are drawn: the colours (what is measured)
  // on the left, the line styles (simulation or theory) on the right. Blank entries pad every key of a
  // row of panels to the same height, so that their plot areas line up.
  struct KeyEntry {
    std::string style;  // after `with`
    std::string title;
  };

  KeyEntry blank_entry() const { return {"lines lt nodraw", " "}; }
  KeyEntry line_entry(const LineStyle& style, std::string title) const {
    return {"lines " + style_spec(style, page_.line_scale), std::move(title)};
  }

  // The entry of a role: drawn like that role's series in this panel (with error bars or markers when
  // all of them have them), in black.
  KeyEntry role_entry(const LinePanel& panel, Role role, std::string title) const {
    Series sample;
    sample.role = role;
    bool intervals = true, markers = true;
    for (const Series& s : panel.series)
      if (s.role == role) intervals = intervals && !s.y_low.empty() && !s.band, markers = markers && s.markers;
    if (intervals) sample.y_low = sample.y_high = {0.0};
    sample.markers = markers;
    return {plot_style(sample, page_.line_scale), std::move(title)};
  }

  std::vector<KeyEntry> hue_entries(const LinePanel& panel, bool two_roles) const {
    std::vector<KeyEntry> entries;
    std::vector<std::pair<Hue, std::string>> seen;
    for (const Series& s : panel.series) {
      if (std::find(seen.begin(), seen.end(), std::pair{s.hue, s.name}) != seen.end()) continue;
      seen.emplace_back(s.hue, s.name);
      // With both roles drawn the colour entry is a plain solid line (the role entries explain the
      // dashes, markers and bars); with one role it is exactly the curve.
      const bool marked = std::any_of(panel.series.begin(), panel.series.end(),
                                      [&](const Series& m) { return m.hue == s.hue && m.hue_markers; });
      KeyEntry entry = two_roles ? line_entry({std::string(hue_colour(s.hue)), 4.0, false}, s.name)
                                 : KeyEntry{plot_style(s, page_.line_scale), s.name};
      if (marked) {
        entry.style.replace(0, entry.style.find(' '), "linespoints");
        entry.style += fmt::format(" pt {} ps 1.3", hue_point_type(s.hue));
      }
      entries.push_back(std::move(entry));
    }
    return entries;
  }

  // Every series as it is drawn, by its name (LinePanel::key_per_series).
  std::vector<KeyEntry> series_entries(const LinePanel& panel) const {
    std::vector<KeyEntry> entries;
    for (const Series& s : panel.series) entries.push_back({plot_style(s, page_.line_scale), s.name});
    return entries;
  }

  // Every (rows/kHueMarkers)-th point from the hue's phase on, as open markers in the hue's full colour.
  std::string hue_marker_plot(const std::string& block, const Series& s, const std::string& y) const {
    const int every = std::max(1, static_cast<int>(s.x.size()) / kHueMarkers);
    const int phase = hue_phase(s.hue) * every / 4;
    return fmt::format("{} using 1:((int($0) % {}) == {} ? {} : NaN) with points lc rgb '{}' pt {} ps 1.3 lw {:.3g} "
                       "notitle",
                       block, every, phase, y == "2" ? "$2" : y, hue_colour(s.hue), hue_point_type(s.hue),
                       1.5 * page_.line_scale);
  }

  static bool both_roles(const LinePanel& panel) {
    return has_role(panel, Role::simulation) && has_role(panel, Role::theory);
  }

  // Rows of the two-column key, or 0 when gnuplot arranges the key itself (one role, or too many
  // colours for one column).
  std::size_t two_column_rows(const LinePanel& panel) const {
    if (!both_roles(panel)) return 0;
    const std::size_t hues = hue_entries(panel, true).size();
    return hues <= kMaxKeyRows ? std::max<std::size_t>(hues, 2) : 0;
  }

  std::size_t row_key_rows(std::size_t index) const {
    const auto columns = static_cast<std::size_t>(figure_.columns);
    const std::size_t first = index / columns * columns;
    std::size_t rows = 0;
    for (std::size_t i = first; i < std::min(first + columns, figure_.panels.size()); ++i)
      if (const auto* line = std::get_if<LinePanel>(&figure_.panels[i])) rows = std::max(rows, two_column_rows(*line));
    return rows;
  }

  void draw(const LinePanel& panel, std::size_t index) {
    text_ += fmt::format("\n# Panel {}\nreset\n", index + 1);
    common_axes(panel.title, panel.x_label, panel.y_label);
    range("x", panel.x_range);
    range("y", panel.y_range);
    // Epochs end where the data end; a little room above and below keeps a curve at zero off the axis.
    if (!panel.x_range) text_ += "set autoscale xfix\n";
    if (panel.log_x) text_ += "set logscale x\nset format x '%.0e'\n";
    if (panel.log_y) text_ += "set logscale y\nset format y '1e%L'\n";
    // gnuplot's automatic tics fall on halves when the axis spans only a few units; a tic at every whole
    // number reads best up to about twenty, beyond which its automatic steps (5, 10, 20…) are whole anyway.
    if (panel.integer_x && panel.x_range && panel.x_range->high - panel.x_range->low <= kMaxUnitTics)
      text_ += "set xtics 1\n";
    if (!panel.y_range) text_ += "set autoscale yfix\nset offsets 0, 0, graph 0.04, graph 0.04\n";
    for (const ReferenceLine& line : panel.references)
      text_ += fmt::format("set arrow from graph 0, first {0} to graph 1, first {0} nohead lc rgb '#000000' lw {1:.3g} "
                           "dt (4,4) front\nset label {2} at graph 0.02, first {0} offset 0, char 0.6 front\n",
                           number(line.y), 1.2 * page_.line_scale, quoted(line.label));
    std::vector<std::string> plots;
    for (std::size_t j : drawing_order(panel)) {
      const Series& s = panel.series[j];
      // On a log axis a value ≤ 0 (a loss that reached 0) is a gap, not an error.
      const std::string y = panel.log_y ? "($2 > 0 ? $2 : NaN)" : "2";
      if (s.band)  // under the curve, in the hue's lightest tone
        plots.insert(plots.begin(), fmt::format("{} using 1:3:4 with filledcurves fc rgb '{}' fs solid 1.0 noborder "
                                                "notitle",
                                                block_name(index, j), lighten(hue_colour(s.hue), 0.75)));
      plots.push_back(fmt::format("{} using {} with {} notitle", block_name(index, j),
                                  s.y_low.empty() || s.band ? "1:" + y : "1:" + y + ":3:4",
                                  plot_style(s, page_.line_scale)));
      if (s.hue_markers) plots.push_back(hue_marker_plot(block_name(index, j), s, y));
    }
    std::vector<KeyEntry> key =
        panel.key_per_series ? series_entries(panel) : hue_entries(panel, both_roles(panel));
    const std::size_t rows = !panel.key_per_series && two_column_rows(panel) > 0 ? row_key_rows(index) : 0;
    if (rows > 0) {
      key.resize(rows, blank_entry());
      key.push_back(role_entry(panel, Role::simulation, panel.simulation_label));
      key.push_back(role_entry(panel, Role::theory, panel.theory_label));
      key.resize(2 * rows, blank_entry());
      text_ += fmt::format("set key below vertical Left reverse maxcols 2 maxrows {} {}\n", rows, kKeyLayout);
    } else {
      text_ += fmt::format("set key below horizontal Left reverse {}\n", kKeyLayout);
    }
    for (const KeyEntry& entry : key)
      plots.push_back(fmt::format("keyentry with {} title {}", entry.style, quoted(entry.title)));
    text_ += "plot ";
    for (std::size_t j = 0; j < plots.size(); ++j) text_ += (j ? ", \\\n     " : "") + plots[j];
    text_ += "\n";
  }

  void draw(const HeatmapPanel& panel, std::size_t index) {
    text_ += fmt::format("\n# Panel {}\nreset\n", index + 1);
    common_axes(panel.title, panel.x_label, panel.y_label);
    text_ += "unset grid\nset border 15\nset tics front\nunset key\n";
    const auto xe = cell_edges(panel.x, false), ye = cell_edges(panel.y, panel.log_y);
    text_ += fmt::format("set xrange [{}:{}]\nset yrange [{}:{}]\n", number(xe.front()), number(xe.back()),
                         number(ye.front()), number(ye.back()));
    if (panel.log_y) text_ += "set logscale y\n";
    tics_at_centres("x", panel.x);
    tics_at_centres("y", panel.y);
    range("cb", panel.value_range);
    text_ += fmt::format("set cblabel {}\n", quoted(panel.value_label));
    // Viridis: perceptually uniform and readable in grey.
    text_ += "set palette defined (0 '#440154', 0.25 '#3B528B', 0.5 '#21908D', 0.75 '#5DC963', 1 '#FDE725')\n";
    const std::string block = block_name(index, 0);
    text_ += fmt::format("plot {} using 1:2:3:4:5:6:7 with boxxyerror fs solid 1.0 noborder lc palette z notitle",
                         block);
    if (panel.print_values)
      text_ += fmt::format(", \\\n     {} using 1:2:(sprintf('%.2f', $7)):8 with labels tc rgb variable "
                           "font ',{}' notitle",
                           block, page_.font_size - 1);
    text_ += "\n";
  }

  // A tic under every cell when they fit (on a log axis gnuplot would otherwise label decades only).
  void tics_at_centres(std::string_view axis, const std::vector<double>& centres) {
    if (centres.size() > kMaxCellTics) return;
    text_ += fmt::format("set {}tics (", axis);
    for (std::size_t i = 0; i < centres.size(); ++i) text_ += fmt::format("{}{}", i ? ", " : "", number(centres[i]));
    text_ += ")\n";
  }

  void range(std::string_view axis, const std::optional<Range>& r) {
    if (r) text_ += fmt::format("set {}range [{}:{}]\n", axis, number(r->low), number(r->high));
  }

  const Figure& figure_;
  Format format_;
  Page page_;
  std::string text_;
};

}  // namespace

std::string gnuplot_script(const Figure& figure, Format format) { return ScriptWriter(figure, format).write(); }

}  // namespace dln::plots
