// The plots library: scripts hold their data and labels, the CSV round-trips, bad figures are refused,
// and gnuplot really draws every format — or the render fails loudly and leaves nothing behind.
#define BOOST_TEST_MODULE plots
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "dln/analytic.hpp"
#include "dln/plots.hpp"

using namespace dln;
using namespace dln::plots;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A fresh directory per test under the test's working directory (kept for inspection).
fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::absolute("plots_test_output") / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

Figure small_figure() {
  LinePanel lines;
  lines.title = "Mode strengths";
  lines.x_label = "epoch";
  lines.y_label = "mode strength";
  lines.series.push_back({"π1 kept", Role::simulation, Hue::pi1, {0, 1, 2}, {0.0, 0.25, 0.75}});
  lines.series.push_back({"π1 kept", Role::theory, Hue::pi1, {0, 1, 2}, {0.0, 0.3, 0.7}});
  lines.series.push_back({"ΓxΩy", Role::theory, Hue::GxOy, {0, 1, 2}, {0.125, 0.5, 0.875}});
  HeatmapPanel map;
  map.title = "Systematicity";
  map.x_label = "k1";
  map.y_label = "r";
  map.value_label = "ratio";
  map.x = {1, 2, 4};
  map.y = {0.5, 2.0};
  map.value = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
  map.log_y = true;
  map.print_values = true;
  return {"small", "A small figure\nlr 0.02, τ = 6.25 epochs", {lines, map}, 2, "from a test\nof the plots library"};
}

// What a generated script draws, read back from it: its data blocks and, per plot command (one per
// panel), the items plotted — so that the tests check which data are drawn how, and with which key
// entries, rather than the exact styling strings a restyle would change.
struct PlotItem {
  std::string source;  // a data block ("$p1s2") or "keyentry"
  std::string with;    // lines, linespoints, yerrorbars, labels, …
  std::string columns; // the using spec, "1:2"
  std::string colour;  // "#rrggbb" of lc rgb, "" when none
  bool dashed = false; // a dash type other than solid
  std::string title;   // "" for notitle
};

std::string word_after(const std::string& text, const std::string& key) {
  const auto at = text.find(key);
  if (at == std::string::npos) return "";
  const auto begin = at + key.size();
  return text.substr(begin, text.find(' ', begin) - begin);
}

PlotItem read_item(std::string text) {
  PlotItem item;
  item.source = text.substr(0, text.find(' '));
  item.with = word_after(text, " with ");
  item.columns = word_after(text, " using ");
  if (const auto at = text.find("lc rgb '"); at != std::string::npos) item.colour = text.substr(at + 8, 7);
  const std::string dash = word_after(text, " dt ");
  item.dashed = !dash.empty() && dash != "solid";
  if (const auto at = text.find(" title \""); at != std::string::npos)
    item.title = text.substr(at + 8, text.find('"', at + 8) - at - 8);
  return item;
}

// The items of every plot command, in order: one list per panel.
std::vector<std::vector<PlotItem>> plotted(const std::string& gp) {
  std::vector<std::vector<PlotItem>> panels;
  std::istringstream lines(gp);
  std::string line;
  bool continued = false;
  while (std::getline(lines, line)) {
    const bool starts = line.rfind("plot ", 0) == 0;
    if (!starts && !continued) continue;
    if (starts) panels.emplace_back();
    std::string item = line.substr(line.find_first_not_of(' ', starts ? 5 : 0));
    continued = item.size() >= 3 && item.ends_with(", \\");
    if (continued) item.resize(item.size() - 3);
    // A heatmap's plot line holds two items on one line, separated by ", \" only where they are long.
    panels.back().push_back(read_item(item));
  }
  return panels;
}

// The rows of a data block, each a list of numbers (NaN for gaps).
std::vector<std::vector<double>> block(const std::string& gp, const std::string& name) {
  std::vector<std::vector<double>> rows;
  const auto begin = gp.find(name + " << EOD\n");
  if (begin == std::string::npos) return rows;
  std::istringstream lines(gp.substr(begin + name.size() + 8));
  std::string line;
  while (std::getline(lines, line) && line != "EOD") {
    std::istringstream fields(line);
    std::vector<double> row;
    for (std::string field; fields >> field;) row.push_back(field == "NaN" ? std::nan("") : std::stod(field));
    rows.push_back(row);
  }
  return rows;
}

const PlotItem* item_titled(const std::vector<PlotItem>& items, const std::string& title) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const PlotItem& i) { return i.title == title; });
  return it == items.end() ? nullptr : &*it;
}

const PlotItem* item_of(const std::vector<PlotItem>& items, const std::string& source) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const PlotItem& i) { return i.source == source; });
  return it == items.end() ? nullptr : &*it;
}

std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_hue_has_its_own_colour_and_a_class_label) {
  const std::vector<Hue> hues{Hue::pi1,         Hue::pi2,        Hue::pi3,         Hue::OxOy,       Hue::GxOy,
                              Hue::OxGy,        Hue::GxGy,       Hue::omega_train, Hue::omega_test, Hue::gamma_train,
                              Hue::gamma_test,  Hue::neutral,    Hue::contrast,    Hue::data_mode_1, Hue::data_mode_2,
                              Hue::data_mode_3, Hue::data_mode_4};
  std::set<std::string_view> colours;
  for (Hue h : hues) colours.insert(hue_colour(h));
  BOOST_TEST(colours.size() == hues.size());
  BOOST_TEST(hue_label(Hue::pi1) == "π1 kept");
  BOOST_TEST(hue_label(Hue::pi2) == "π2 dropped");
  BOOST_TEST(hue_label(Hue::pi3) == "π3 per-item");
  BOOST_TEST(hue_label(Hue::GxOy) == "ΓxΩy");
  BOOST_TEST(hue_label(Hue::gamma_test) == "Γy test");
}

// The simulation is the theory's hue, lighter: every channel at least as bright, and not the same colour.
BOOST_AUTO_TEST_CASE(simulation_is_solid_and_theory_dashed_in_the_same_hue) {
  const LineStyle sim = line_style(Role::simulation, Hue::pi2), theory = line_style(Role::theory, Hue::pi2);
  BOOST_TEST(!sim.dashed);
  BOOST_TEST(theory.dashed);
  BOOST_TEST(theory.colour == std::string(hue_colour(Hue::pi2)));
  const auto channel = [](const std::string& colour, int i) { return std::stoi(colour.substr(1 + 2 * i, 2), nullptr, 16); };
  for (int i = 0; i < 3; ++i) BOOST_TEST(channel(sim.colour, i) >= channel(theory.colour, i));
  BOOST_TEST(sim.colour != theory.colour);
  BOOST_TEST(sim.width > theory.width);  // the dashes stay visible on top of the simulation
  BOOST_TEST(lighten("#000000", 0.5) == "#808080");
  BOOST_TEST(lighten("#4477AA", 0.0) == "#4477AA");
  BOOST_TEST(lighten("#4477AA", 1.0) == "#FFFFFF");
}

BOOST_AUTO_TEST_CASE(script_holds_the_data_labels_and_terminal) {
  const Figure figure = small_figure();
  const std::string gp = gnuplot_script(figure, Format::png);
  const auto panels = plotted(gp);
  BOOST_TEST_REQUIRE(panels.size() == 2u);  // one plot per panel
  // Every series of the line panel is drawn from a block holding its data, in its role's style.
  const auto& lines = std::get<LinePanel>(figure.panels[0]);
  for (std::size_t k = 0; k < lines.series.size(); ++k) {
    const std::string name = fmt::format("$p1s{}", k + 1);
    const PlotItem* item = item_of(panels[0], name);
    BOOST_TEST_REQUIRE(item);
    BOOST_TEST(item->dashed == (lines.series[k].role == Role::theory));
    BOOST_TEST(item->colour == line_style(lines.series[k].role, lines.series[k].hue).colour);
    const auto rows = block(gp, name);
    BOOST_TEST_REQUIRE(rows.size() == lines.series[k].x.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      BOOST_TEST(rows[i].at(0) == lines.series[k].x[i]);
      BOOST_TEST(rows[i].at(1) == lines.series[k].y[i]);
    }
  }
  BOOST_TEST(contains(gp, "set title \"Mode strengths\""));
  BOOST_TEST(contains(gp, "set xlabel \"epoch\""));
  BOOST_TEST(contains(gp, "set ylabel \"mode strength\""));
  BOOST_TEST(contains(gp, "\"A small figure\\nlr 0.02, τ = 6.25 epochs\""));
  BOOST_TEST(contains(gp, "\n# from a test\n# of the plots library\n"));
  BOOST_TEST(word_after(gp, "set terminal ").starts_with("png"));
  BOOST_TEST(word_after(gnuplot_script(figure, Format::pdf), "set terminal ").starts_with("pdf"));
  BOOST_TEST(word_after(gnuplot_script(figure, Format::svg), "set terminal ").starts_with("svg"));
  BOOST_TEST(contains(gp, "outfile = script_dir . 'small.png'"));  // beside the script, from anywhere
  BOOST_TEST(contains(gp, "set multiplot layout 1,2"));            // one row of two panels
  // The key names each class once, in its hue, and the roles, since both are drawn in panel 1.
  const PlotItem* pi1 = item_titled(panels[0], "π1 kept");
  BOOST_TEST_REQUIRE(pi1);
  BOOST_TEST(pi1->colour == std::string(hue_colour(Hue::pi1)));
  BOOST_TEST(std::count_if(panels[0].begin(), panels[0].end(), [](const PlotItem& i) { return i.title == "π1 kept"; }) == 1);
  const PlotItem* simulation = item_titled(panels[0], "simulation");
  const PlotItem* theory = item_titled(panels[0], "theory");
  BOOST_TEST_REQUIRE(simulation);
  BOOST_TEST_REQUIRE(theory);
  BOOST_TEST(!simulation->dashed);
  BOOST_TEST(theory->dashed);
  // Heatmap cells: centre, edges (linear in x, geometric in y) and value; the values written in the cells.
  const auto cells = block(gp, "$p2s1");
  BOOST_TEST_REQUIRE(cells.size() == 6u);
  const std::vector<double> first(cells[0].begin(), cells[0].begin() + 7), last(cells[5].begin(), cells[5].begin() + 7);
  BOOST_TEST(first == (std::vector<double>{1, 0.5, 0.5, 1.5, 0.25, 1, 0.1}), boost::test_tools::per_element());
  BOOST_TEST(last == (std::vector<double>{4, 2, 3, 5, 1, 4, 0.6}), boost::test_tools::per_element());
  BOOST_TEST(contains(gp, "set logscale y"));
  BOOST_TEST(std::any_of(panels[1].begin(), panels[1].end(), [](const PlotItem& i) { return i.with == "labels"; }));
}

BOOST_AUTO_TEST_CASE(a_logarithmic_x_axis_is_set_only_where_asked) {
  Figure figure = small_figure();
  figure.panels.resize(1);
  auto& panel = std::get<LinePanel>(figure.panels[0]);
  BOOST_TEST(!contains(gnuplot_script(figure, Format::png), "set logscale x"));
  for (Series& s : panel.series) s.x = {1e-6, 1e-4, 1e-2};
  panel.log_x = true;
  figure.validate();
  BOOST_TEST(contains(gnuplot_script(figure, Format::png), "set logscale x"));
}

BOOST_AUTO_TEST_CASE(one_role_only_needs_no_role_entries) {
  Figure figure = small_figure();
  figure.panels.resize(1);
  auto& panel = std::get<LinePanel>(figure.panels[0]);
  panel.series.erase(panel.series.begin());
  const auto items = plotted(gnuplot_script(figure, Format::png)).at(0);
  BOOST_TEST(!item_titled(items, "simulation"));
  BOOST_TEST(!item_titled(items, "theory"));
  BOOST_TEST(item_titled(items, "ΓxΩy"));
}

BOOST_AUTO_TEST_CASE(simulations_are_drawn_under_theories_and_higher_layers_on_top) {
  LinePanel panel;
  panel.series.push_back({"a", Role::theory, Hue::pi1, {0, 1}, {0, 1}, 0});
  panel.series.push_back({"b", Role::simulation, Hue::pi2, {0, 1}, {0, 1}, 1});
  panel.series.push_back({"c", Role::simulation, Hue::pi3, {0, 1}, {0, 1}, 0});
  const std::string gp = gnuplot_script({"order", "t", {panel}, 1, ""}, Format::png);
  const auto items = plotted(gp).at(0);
  const auto drawn_at = [&](const std::string& source) {
    return std::find_if(items.begin(), items.end(), [&](const PlotItem& i) { return i.source == source; }) - items.begin();
  };
  BOOST_TEST(drawn_at("$p1s3") < drawn_at("$p1s1"));  // simulation c under theory a
  BOOST_TEST(drawn_at("$p1s1") < drawn_at("$p1s2"));  // layer 1 above layer 0
  BOOST_TEST(drawn_at("$p1s2") < static_cast<long>(items.size()));
  // The key keeps the order of the series, whatever the drawing order.
  const auto key_at = [&](const std::string& title) {
    return std::find_if(items.begin(), items.end(), [&](const PlotItem& i) { return i.title == title; }) - items.begin();
  };
  BOOST_TEST(key_at("a") < key_at("b"));
  BOOST_TEST(key_at("b") < key_at("c"));
  BOOST_TEST(key_at("c") < static_cast<long>(items.size()));
  BOOST_TEST(contains(gp, "set autoscale xfix"));  // epochs end where the data end
}

BOOST_AUTO_TEST_CASE(strings_are_escaped_and_non_finite_values_become_gaps) {
  Figure figure = small_figure();
  figure.title = R"(say "hi" \ bye)";
  std::get<LinePanel>(figure.panels[0]).series[0].y[1] = std::nan("");
  const std::string gp = gnuplot_script(figure, Format::png);
  BOOST_TEST(contains(gp, R"(title "say \"hi\" \\ bye")"));
  const auto rows = block(gp, "$p1s1");
  BOOST_TEST_REQUIRE(rows.size() == 3u);
  BOOST_TEST(std::isnan(rows[1].at(1)));  // a gap
  BOOST_TEST(rows[2].at(1) == 0.75);
}

BOOST_AUTO_TEST_CASE(csv_is_long_format_and_round_trips) {
  Figure figure = small_figure();
  std::get<LinePanel>(figure.panels[0]).series[0].y[1] = 0.1 + 0.2;  // needs 17 digits
  std::get<LinePanel>(figure.panels[0]).series[2].name = "a, \"b\"";
  const std::string csv = series_csv(figure);
  BOOST_TEST(csv.rfind("panel,series,role,x,y,value,low,high,panel_title\n", 0) == 0);
  BOOST_TEST(count_lines(csv) == 1 + 9 + 6);
  BOOST_TEST(contains(csv, "\n1,π1 kept,simulation,1,0.30000000000000004,,,,Mode strengths\n"));
  BOOST_TEST(contains(csv, "\n1,\"a, \"\"b\"\"\",theory,0,0.125,,,,Mode strengths\n"));
  BOOST_TEST(contains(csv, "\n2,,,4,2,0.59999999999999998,,,Systematicity\n"));
  // A series with the CLI's column name is listed under it, not under its drawn label.
  std::get<LinePanel>(figure.panels[0]).series[1].csv_name = "a_pi1";
  BOOST_TEST(contains(series_csv(figure), "\n1,a_pi1,theory,1,0.29999999999999999,,,,Mode strengths\n"));
}

// A Monte Carlo estimate with its confidence interval beside an exact count: the interval travels in
// the data block and the CSV, is drawn as error bars, and the key shows each role as it is drawn.
// Reference lines (a tolerance) are drawn and kept in the CSV too.
BOOST_AUTO_TEST_CASE(intervals_become_error_bars_markers_mark_points_and_references_are_lines) {
  LinePanel panel;
  panel.title = "Full rank";
  panel.x_label = "samples j";
  panel.y_label = "probability";
  Series estimate{"full rank", Role::simulation, Hue::neutral, {3, 4}, {0.5, 0.875}};
  estimate.y_low = {0.25, 0.75};
  estimate.y_high = {0.625, 1.0};
  Series exact{"full rank", Role::theory, Hue::neutral, {3, 4}, {0.5, 0.875}};
  exact.markers = true;
  panel.series = {estimate, exact};
  panel.simulation_label = "Monte Carlo";
  panel.theory_label = "exact";
  panel.integer_x = true;
  panel.x_range = Range{2.5, 4.5};
  const Figure figure{"intervals", "Intervals", {panel}, 1, ""};
  figure.validate();
  const std::string gp = gnuplot_script(figure, Format::png);
  const auto rows = block(gp, "$p1s1");  // x, y, low, high
  BOOST_TEST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(rows[1] == (std::vector<double>{4, 0.875, 0.75, 1}), boost::test_tools::per_element());
  const auto items = plotted(gp).at(0);
  const PlotItem* bars = item_of(items, "$p1s1");
  BOOST_TEST_REQUIRE(bars);
  BOOST_TEST(bars->with == "yerrorbars");
  BOOST_TEST(bars->columns == "1:2:3:4");  // the interval's columns are the ones drawn
  const PlotItem* points = item_of(items, "$p1s2");
  BOOST_TEST_REQUIRE(points);
  BOOST_TEST(points->with == "linespoints");  // markers at the counted values
  BOOST_TEST(contains(gp, "set xtics 1\n"));  // whole-number tics on a counted axis
  // The key shows each role as it is drawn.
  const PlotItem* monte_carlo = item_titled(items, "Monte Carlo");
  const PlotItem* exact_key = item_titled(items, "exact");
  BOOST_TEST_REQUIRE(monte_carlo);
  BOOST_TEST_REQUIRE(exact_key);
  BOOST_TEST(monte_carlo->with == bars->with);
  BOOST_TEST(exact_key->with == points->with);
  BOOST_TEST(exact_key->dashed);
  const std::string csv = series_csv(figure);
  BOOST_TEST(contains(csv, "\n1,full rank,simulation,4,0.875,,0.75,1,Full rank\n"));
  BOOST_TEST(contains(csv, "\n1,full rank,theory,4,0.875,,,,Full rank\n"));
  const RenderedFigure out = render(figure, fresh_dir("intervals"), {Format::png, "gnuplot"});
  BOOST_TEST(out.gnuplot_messages.empty(), out.gnuplot_messages);
  BOOST_TEST(fs::file_size(out.image) > 1000u);

  // A reference line (a tolerance): drawn across the panel with its label, listed in the CSV.
  Figure bounded = figure;
  std::get<LinePanel>(bounded.panels[0]).references = {{0.25, "bound"}};
  const std::string bounded_gp = gnuplot_script(bounded, Format::png);
  const auto line_with = [&](const std::string& start, const std::string& part) {
    std::istringstream lines(bounded_gp);
    for (std::string line; std::getline(lines, line);)
      if (line.rfind(start, 0) == 0 && contains(line, part)) return true;
    return false;
  };
  BOOST_TEST(line_with("set arrow", "first 0.25"));     // a line across the panel at y = 0.25
  BOOST_TEST(line_with("set label \"bound\"", "0.25"));  // labelled at its height
  BOOST_TEST(contains(series_csv(bounded), "\n1,bound,reference,,0.25,,,,Full rank\n"));
  std::get<LinePanel>(bounded.panels[0]).references[0].y = std::nan("");
  BOOST_CHECK_THROW(bounded.validate(), InvalidInput);

  Figure ragged = figure;
  std::get<LinePanel>(ragged.panels[0]).series[0].y_high.pop_back();
  BOOST_CHECK_THROW(ragged.validate(), InvalidInput);
}

BOOST_AUTO_TEST_CASE(invalid_figures_are_refused) {
  const auto refused = [](const Figure& f) {
    try {
      f.validate();
    } catch (const InvalidInput&) {
      return true;
    }
    return false;
  };
  BOOST_TEST(!refused(small_figure()));
  Figure f = small_figure();
  f.name = "../escape";
  BOOST_TEST(refused(f));
  f = small_figure();
  std::get<LinePanel>(f.panels[0]).series[0].y.pop_back();
  BOOST_TEST(refused(f));
  f = small_figure();
  std::get<HeatmapPanel>(f.panels[1]).value.pop_back();
  BOOST_TEST(refused(f));
  f = small_figure();
  std::get<HeatmapPanel>(f.panels[1]).x = {1, 1, 2};
  BOOST_TEST(refused(f));
  f = small_figure();
  std::get<LinePanel>(f.panels[0]).y_range = Range{1.0, 0.0};
  BOOST_TEST(refused(f));
  f = small_figure();
  f.panels.clear();
  BOOST_TEST(refused(f));
  f = small_figure();
  std::get<LinePanel>(f.panels[0]).log_x = true;  // the series start at x = 0
  BOOST_TEST(refused(f));
  BOOST_CHECK_THROW(parse_format("jpeg"), InvalidInput);
  BOOST_TEST((parse_format("pdf") == Format::pdf));
}

BOOST_AUTO_TEST_CASE(gnuplot_draws_every_format) {
  const fs::path dir = fresh_dir("formats");
  const Figure figure = small_figure();
  for (const auto& [format, magic] : {std::pair{Format::png, std::string("\x89PNG\r\n\x1a\n")},
                                      std::pair{Format::pdf, std::string("%PDF")},
                                      std::pair{Format::svg, std::string("<?xml")}}) {
    const RenderedFigure out = render(figure, dir, {format, "gnuplot"});
    BOOST_TEST(out.image == dir / fmt::format("small.{}", extension(format)));
    const std::string image = slurp(out.image);
    BOOST_TEST_REQUIRE(image.size() > 1000u);
    BOOST_TEST(image.substr(0, magic.size()) == magic);
    BOOST_TEST(out.gnuplot_messages == "");  // no warnings either
  }
  BOOST_TEST(slurp(dir / "small.csv") == series_csv(figure));
  BOOST_TEST(slurp(dir / "small.gp") == gnuplot_script(figure, Format::svg));  // the last one drawn
  for (const auto& entry : fs::directory_iterator(dir))
    BOOST_TEST(entry.path().extension() != ".partial", entry.path());
}

BOOST_AUTO_TEST_CASE(a_kept_script_redraws_the_figure_beside_itself_from_anywhere) {
  const fs::path dir = fresh_dir("redraw");
  const RenderedFigure out = render(small_figure(), dir, {Format::png, "gnuplot"});
  fs::remove(out.image);
  const int status = std::system(fmt::format("cd / && gnuplot '{}' 2>/dev/null", out.script.string()).c_str());
  BOOST_TEST(status == 0);
  BOOST_TEST(fs::file_size(out.image) > 1000u);
}

BOOST_AUTO_TEST_CASE(a_failing_or_silent_gnuplot_is_an_error_and_leaves_earlier_files_alone) {
  const fs::path dir = fresh_dir("failure");
  const Figure figure = small_figure();
  render(figure, dir, {Format::png, "gnuplot"});
  const std::string before = slurp(dir / "small.png");
  Figure changed = figure;
  changed.title = "changed";
  // `false` exits 1; `true` exits 0 without drawing: both must fail, neither may touch the old files.
  for (const std::string program : {"false", "true", "/nonexistent/gnuplot"}) {
    BOOST_CHECK_THROW(render(changed, dir, {Format::png, program}), RenderError);
    BOOST_TEST(slurp(dir / "small.png") == before);
    BOOST_TEST(!contains(slurp(dir / "small.gp"), "changed"));
  }
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
  BOOST_TEST(files == 3u);  // small.png, small.gp, small.csv and no leftovers
  try {
    render(changed, dir, {Format::png, "false"});
  } catch (const RenderError& e) {
    BOOST_TEST(contains(e.what(), "exit status 1"));
  }
  try {
    render(changed, dir, {Format::png, "/nonexistent/gnuplot"});
  } catch (const RenderError& e) {
    BOOST_TEST(contains(e.what(), "cannot run"));
  }
}

BOOST_AUTO_TEST_CASE(gnuplots_own_error_message_is_passed_on) {
  const fs::path dir = fresh_dir("gnuplot_error");
  // A stand-in that fails the way gnuplot does: a message naming the script line, exit status 1.
  const fs::path fake = dir / "fake_gnuplot";
  std::ofstream(fake) << "#!/bin/sh\necho '\"small.gp\" line 42: undefined variable: foo' >&2\nexit 1\n";
  fs::permissions(fake, fs::perms::owner_all);
  try {
    render(small_figure(), dir, {Format::png, fake.string()});
    BOOST_ERROR("render should have failed");
  } catch (const RenderError& e) {
    BOOST_TEST(contains(e.what(), "line 42: undefined variable: foo"));
    BOOST_TEST(contains(e.what(), "figure 'small'"));
  }
}

BOOST_AUTO_TEST_CASE(a_truncated_image_is_never_renamed_into_place) {
  const fs::path dir = fresh_dir("truncated_image");
  // A stand-in for gnuplot on a full disk: the PNG signature and a header chunk, no IEND, exit status 0.
  const fs::path fake = dir / "fake_gnuplot";
  std::ofstream(fake) << "#!/bin/sh\nfile=$(echo \"$2\" | sed \"s/^outfile = '\\(.*\\)'$/\\1/\")\n"
                         "printf '\\211PNG\\r\\n\\032\\n\\000\\000\\000\\015IHDR' > \"$file\"\nexit 0\n";
  fs::permissions(fake, fs::perms::owner_all);
  try {
    render(small_figure(), dir, {Format::png, fake.string()});
    BOOST_ERROR("render should have refused the truncated image");
  } catch (const RenderError& e) {
    BOOST_TEST(contains(e.what(), "incomplete png image for figure 'small'"), e.what());
  }
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
  BOOST_TEST(files == 1u);  // the stand-in only: no image, script or data, and no temporary file
}

BOOST_AUTO_TEST_CASE(trajectory_panels_draw_present_classes_and_all_quadrants) {
  const analytic::DatasetSpec spec;  // the paper's default
  const auto modes = analytic::architecture_modes(spec, analytic::Architecture::dense);
  const auto theory = analytic::theory_trajectory(modes, analytic::uniform_initial_strengths(modes, 1e-6),
                                                  {0.02, 10, analytic::TimeModel::discrete});
  const LinePanel both = mode_strength_panel(spec, &theory, &theory);
  BOOST_TEST(both.series.size() == 6u);
  BOOST_TEST(both.series[0].name == "π1 kept");
  BOOST_TEST((both.series[0].role == Role::simulation && both.series[1].role == Role::theory));
  BOOST_TEST(both.series[0].x.size() == 11u);
  BOOST_TEST(both.series[1].y.back() == theory.rows.back().a_pi[0]);
  BOOST_TEST(quadrant_panel(nullptr, &theory).series.size() == 4u);
  for (const Series& s : quadrant_panel(&theory, &theory).series) BOOST_TEST(s.layer == (s.hue == Hue::GxOy ? 1 : 0));
  BOOST_TEST(quadrant_panel(nullptr, &theory).series[1].y.back() == theory.rows.back().quadrants.GxOy);

  analytic::DatasetSpec no_output_copies = spec;
  no_output_copies.k2 = 0;  // π2 and π3 are absent: only π1 is drawn
  const auto modes2 = analytic::architecture_modes(no_output_copies, analytic::Architecture::dense);
  const auto theory2 = analytic::theory_trajectory(modes2, analytic::uniform_initial_strengths(modes2, 1e-6),
                                                   {0.02, 10, analytic::TimeModel::discrete});
  const LinePanel only_pi1 = mode_strength_panel(no_output_copies, nullptr, &theory2);
  BOOST_TEST(only_pi1.series.size() == 1u);
  BOOST_TEST((only_pi1.series[0].hue == Hue::pi1));
}

// The first real figure: the closed-form dense dynamics at the paper's setting (docs/theory.md §11), drawn to
// plots_test_output/theory/ for a look.
BOOST_AUTO_TEST_CASE(paper_setting_theory_figure_renders) {
  const analytic::DatasetSpec spec;
  const auto modes = analytic::architecture_modes(spec, analytic::Architecture::dense);
  const auto flow = analytic::theory_trajectory(modes, analytic::uniform_initial_strengths(modes, 1e-6),
                                                {0.02, 300, analytic::TimeModel::flow});
  const auto discrete = analytic::theory_trajectory(modes, analytic::uniform_initial_strengths(modes, 1e-6),
                                                    {0.02, 300, analytic::TimeModel::discrete});
  LinePanel strengths = mode_strength_panel(spec, &discrete, &flow);
  LinePanel quadrants = quadrant_panel(&discrete, &flow);
  for (LinePanel* p : {&strengths, &quadrants}) {
    p->simulation_label = "discrete GD (exact)";
    p->theory_label = "gradient flow";
  }
  const Figure figure{"theory_dense", "Dense network, closed form: exact discrete GD vs gradient flow\n"
                                      "n1=3 n2=1 k1=3 k2=1 r=1, lr 0.02 (τ = 6.25 epochs), a0 = 1e-6",
                      {strengths, quadrants}, 2, "closed form only"};
  const RenderedFigure out = render(figure, fresh_dir("theory"), {Format::png, "gnuplot"});
  BOOST_TEST(fs::file_size(out.image) > 10000u);
  BOOST_TEST(out.gnuplot_messages == "");
}

// The cues for curves that coincide and the other panel options of issue #17: hue markers (a second plot item of
// the same block, points only, staggered by hue), a key of one entry per series, a logarithmic y axis whose
// values ≤ 0 become gaps, and mean ± sd bands drawn under their curve as filled areas.
BOOST_AUTO_TEST_CASE(hue_markers_key_per_series_log_y_and_bands) {
  LinePanel panel;
  panel.title = "Quadrants";
  panel.x_label = "epoch";
  panel.y_label = "norm";
  std::vector<double> x(48), zero(48, 0.0);
  for (std::size_t k = 0; k < x.size(); ++k) x[k] = static_cast<double>(k);
  Series gxoy{"ΓxΩy", Role::theory, Hue::GxOy, x, zero};
  Series oxgy{"ΩxΓy", Role::theory, Hue::OxGy, x, zero};
  gxoy.hue_markers = oxgy.hue_markers = true;
  panel.series = {gxoy, oxgy};
  panel.y_range = Range{-0.1, 1.0};  // both at 0: gnuplot would warn of an empty automatic range
  const Figure figure{"cues", "Cues", {panel}, 1, ""};
  figure.validate();
  const std::string gp = gnuplot_script(figure, Format::png);
  const auto items = plotted(gp).at(0);
  // 48 points, 12 markers: every 4th row, ΓxΩy from row 1, ΩxΓy from row 2 — never at the same epoch.
  BOOST_TEST(contains(gp, "$p1s1 using 1:((int($0) % 4) == 1 ? $2 : NaN) with points"));
  BOOST_TEST(contains(gp, "$p1s2 using 1:((int($0) % 4) == 2 ? $2 : NaN) with points"));
  const PlotItem* key = item_titled(items, "ΓxΩy");
  BOOST_TEST_REQUIRE(key);
  BOOST_TEST(key->with == "linespoints");  // the key shows the marker shape too

  LinePanel loss;
  loss.title = "Loss";
  loss.x_label = "epoch";
  loss.y_label = "loss";
  loss.log_y = true;
  loss.key_per_series = true;
  Series mean{"10 seeds", Role::simulation, Hue::neutral, {0, 1, 2}, {1.0, 0.1, 0.0}};
  mean.y_low = {0.9, 0.05, -0.01};
  mean.y_high = {1.1, 0.15, 0.01};
  mean.band = true;
  loss.series = {mean, Series{"theory", Role::theory, Hue::neutral, {0, 1, 2}, {1.0, 0.1, 0.01}}};
  const Figure logged{"logged", "Log", {loss}, 1, ""};
  logged.validate();
  const std::string lgp = gnuplot_script(logged, Format::png);
  BOOST_TEST(contains(lgp, "set logscale y\n"));
  const auto litems = plotted(lgp).at(0);
  BOOST_TEST_REQUIRE(litems.size() >= 3u);
  BOOST_TEST(litems[0].with == "filledcurves");  // the band first, under everything
  BOOST_TEST(litems[0].columns == "1:3:4");
  BOOST_TEST(contains(lgp, "$p1s1 using 1:($2 > 0 ? $2 : NaN) with lines"));  // the mean: a line, 0 a gap
  // One key entry per series, by its name; no role entries.
  BOOST_TEST(item_titled(litems, "10 seeds"));
  BOOST_TEST(item_titled(litems, "theory"));
  BOOST_TEST(!item_titled(litems, "simulation"));
  const RenderedFigure out = render(logged, fresh_dir("logged"), {Format::png, "gnuplot"});
  BOOST_TEST(out.gnuplot_messages.empty(), out.gnuplot_messages);
  const RenderedFigure cues = render(figure, fresh_dir("cues"), {Format::png, "gnuplot"});
  BOOST_TEST(cues.gnuplot_messages.empty(), cues.gnuplot_messages);
}
