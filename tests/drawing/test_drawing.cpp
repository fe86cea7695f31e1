// Results → figures: the right series with the right roles, lengths and values, the axes that make
// them comparable, and notes tables holding the numbers of the Result. Built from small hand-made
// Results, so that each check knows its expected value without running an experiment.
#define BOOST_TEST_MODULE drawing
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>

#include "dln/drawing.hpp"

using namespace dln;
using namespace dln::experiments;
using plots::Role;

namespace {

const drawing::Labels kLabels{"name", "Title", "recipe here.toml"};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const plots::LinePanel& line_panel(const plots::Figure& figure, std::size_t i) {
  return std::get<plots::LinePanel>(figure.panels.at(i));
}

const plots::Series* find_series(const plots::LinePanel& panel, plots::Hue hue, Role role) {
  const auto s = std::find_if(panel.series.begin(), panel.series.end(),
                              [&](const plots::Series& x) { return x.hue == hue && x.role == role; });
  return s == panel.series.end() ? nullptr : &*s;
}

// A trajectory of `rows` epochs whose π1 strength is 0.1·t + offset and ΓxΩy 0.01·t + offset.
analytic::Trajectory ramp(int rows, double offset) {
  analytic::Trajectory trajectory;
  for (int t = 0; t < rows; ++t) {
    analytic::TrajectoryRow row;
    row.t = t;
    row.a_pi = {0.1 * t + offset, 0.05 * t + offset, 0.02 * t + offset};
    row.quadrants.OxOy = 0.03 * t + offset;
    row.quadrants.GxOy = 0.01 * t + offset;
    row.quadrants.OxGy = 0.0;
    row.quadrants.GxGy = 0.02 * t;
    trajectory.rows.push_back(row);
  }
  return trajectory;
}

}  // namespace

BOOST_AUTO_TEST_CASE(learning_curves_overlay_simulation_and_theory_of_each_class) {
  LearningCurvesSpec spec;
  LearningCurvesResult result{ramp(4, 0.0), ramp(4, 0.5), {}, {}};
  const drawing::Drawing drawing = drawing::draw(spec, result, kLabels);
  BOOST_TEST(drawing.notes.empty());
  BOOST_TEST(drawing.figure.name == "name");
  BOOST_TEST(drawing.figure.title.starts_with("Title\n"));
  BOOST_TEST(drawing.figure.note.starts_with("recipe here.toml\n"));
  BOOST_TEST_REQUIRE(drawing.figure.panels.size() == 3u);  // strengths, quadrants, loss
  const plots::LinePanel& strengths = line_panel(drawing.figure, 0);
  const plots::Series* simulated = find_series(strengths, plots::Hue::pi1, Role::simulation);
  const plots::Series* theory = find_series(strengths, plots::Hue::pi1, Role::theory);
  BOOST_TEST_REQUIRE(simulated);
  BOOST_TEST_REQUIRE(theory);
  BOOST_TEST(simulated->y == (std::vector<double>{0.0, 0.1, 0.2, 0.30000000000000004}));
  BOOST_TEST(theory->y.size() == 4u);
  BOOST_TEST(theory->y[0] == 0.5);
  const plots::LinePanel& quadrants = line_panel(drawing.figure, 1);
  const plots::Series* gxoy = find_series(quadrants, plots::Hue::GxOy, Role::simulation);
  BOOST_TEST_REQUIRE(gxoy);
  BOOST_TEST(gxoy->y.back() == 0.03);
  BOOST_TEST(gxoy->csv_name == "GxOy");  // the CLI's column name in the figure's CSV
  BOOST_TEST(find_series(quadrants, plots::Hue::GxOy, Role::theory)->hue_markers);  // a cue where curves coincide
  const plots::LinePanel& loss = line_panel(drawing.figure, 2);
  BOOST_TEST(loss.log_y);
  BOOST_TEST(loss.series.size() == 2u);
  BOOST_TEST(strengths.theory_label == "theory");
  // The settings line gives τ = 1/(P·lr) = 1/(8·0.02) = 6.25 epochs.
  BOOST_TEST(contains(drawing.figure.title, "τ = 6.25 epochs"));
}

BOOST_AUTO_TEST_CASE(the_backprop_theory_is_labelled_as_such_for_other_rules) {
  LearningCurvesSpec spec;
  spec.training = training::SimulationOptions::for_rule(training::Rule::hebbian);
  const drawing::Drawing drawing = drawing::draw(spec, {ramp(2, 0.0), ramp(2, 0.0), {}, {}}, kLabels);
  BOOST_TEST(line_panel(drawing.figure, 0).theory_label == "backprop theory");
  BOOST_TEST(line_panel(drawing.figure, 1).simulation_label == "simulated");
}

BOOST_AUTO_TEST_CASE(systematicity_map_cells_hold_the_grid) {
  SystematicityMapSpec spec;
  spec.n1 = {3};
  spec.k1 = {1, 2};
  spec.r = {0.5, 1.0, 2.0};
  spec.log_r = false;
  const SystematicityMapResult result{{{3, {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}}}, {}};
  const drawing::Drawing drawing = drawing::draw(spec, result, kLabels);
  BOOST_TEST_REQUIRE(drawing.figure.panels.size() == 1u);
  const auto& map = std::get<plots::HeatmapPanel>(drawing.figure.panels[0]);
  BOOST_TEST(map.x == (std::vector<double>{1, 2}));
  BOOST_TEST(map.y == spec.r);
  BOOST_TEST(map.value == result.grids[0].share);
  BOOST_TEST(!map.log_y);
  BOOST_TEST(map.title == "n1 = 3 (P = 8)");
  drawing.figure.validate();  // a consistent grid
}

BOOST_AUTO_TEST_CASE(full_rank_notes_list_the_counts_as_fractions) {
  FullRankSpec spec;
  spec.n1 = {2};
  spec.monte_carlo.samples = 100;
  FullRankRows rows;
  rows.n1 = 2;
  rows.exact = {{2, 4, 6}, {3, 4, 4}, {4, 1, 1}};
  rows.monte_carlo = {{2, 60, 100, 0.6, 0.5, 0.7}, {3, 100, 100, 1.0, 0.96, 1.0}, {4, 100, 100, 1.0, 0.96, 1.0}};
  const drawing::Drawing drawing = drawing::draw(spec, {{rows}, {}}, kLabels);
  BOOST_TEST(contains(drawing.notes, "**n1 = 2** (P = 4)"));
  BOOST_TEST(contains(drawing.notes, "| 2 | 4/6 = 0.6667 | 0.6000 [0.5000, 0.7000] |"));
  BOOST_TEST(contains(drawing.notes, "| 4 | 1/1 = 1.0000 | 1.0000 [0.9600, 1.0000] |"));
  const plots::LinePanel& panel = line_panel(drawing.figure, 0);
  const plots::Series* estimate = find_series(panel, plots::Hue::neutral, Role::simulation);
  const plots::Series* exact = find_series(panel, plots::Hue::neutral, Role::theory);
  BOOST_TEST_REQUIRE(estimate);
  BOOST_TEST_REQUIRE(exact);
  BOOST_TEST(estimate->y_low == (std::vector<double>{0.5, 0.96, 0.96}));
  BOOST_TEST(exact->x == (std::vector<double>{2, 3, 4}));
  BOOST_TEST(exact->markers);
  BOOST_TEST(!find_series(panel, plots::Hue::contrast, Role::theory));  // no original test computed
  BOOST_TEST(panel.x_range->low == 1.5);
  BOOST_TEST(panel.x_range->high == 4.5);
}

BOOST_AUTO_TEST_CASE(generalization_panels_share_one_y_axis_and_list_final_losses) {
  GeneralizationSpec spec;
  spec.configurations.push_back({{3, 1, 1, 1, 1.0, {}}, true, "3 1 1 1 1"});
  spec.configurations.push_back({{3, 1, 1, 0, 1.0, {}}, true, "no Γy"});
  spec.training.epochs = 1;
  validation::GeneralizeResult first, second;
  for (validation::GeneralizeResult* run : {&first, &second}) {
    run->rows.resize(2);
    run->rows[1].t = 1;
  }
  first.rows[0].mean = {2.0, 3.0, 1.0, 1.5};
  first.rows[1].mean = {0.25, 0.5, 0.125, 0.75};
  first.rows[1].readouts_mean = {0.3, 0.9};
  first.min_norm = {0.0, 0.4, 0.0, 1.0};
  second.rows[0].mean = {4.0, 1.0, 0.0, 0.0};
  const drawing::Drawing drawing = drawing::draw(spec, {{first, second}, {}}, kLabels);
  BOOST_TEST_REQUIRE(drawing.figure.panels.size() == 2u);
  for (std::size_t i = 0; i < 2; ++i)  // the highest loss of all panels, 4, with 5% headroom
    BOOST_TEST(line_panel(drawing.figure, i).y_range->high == 4.2);
  const plots::LinePanel& a = line_panel(drawing.figure, 0);
  BOOST_TEST(a.series.size() == 8u);  // four losses, trained and min-norm each
  const plots::Series* min_norm_test = find_series(a, plots::Hue::omega_test, Role::theory);
  BOOST_TEST_REQUIRE(min_norm_test);
  BOOST_TEST(min_norm_test->y == (std::vector<double>{0.4, 0.4}));
  BOOST_TEST(line_panel(drawing.figure, 1).series.size() == 4u);  // k2 = 0: no Γy losses
  BOOST_TEST(contains(drawing.notes, "| 3 1 1 1 1 | 0.2500 | 0.5000 | 0.4000 | 0.1250 | 0.7500 | 1.0000 | 0.3000 | 0.9000 |"));
  BOOST_TEST(contains(drawing.notes, "| no Γy | 0.0000 | 0.0000 | 0.0000 | — | — | — |"));
}

BOOST_AUTO_TEST_CASE(validation_figure_draws_the_deviation_within_its_bound) {
  ValidationSuiteSpec spec;
  ValidationSuiteResult result;
  result.paper_setting.spec = {};
  result.paper_setting.lr = 0.02;
  result.paper_setting.simulated = ramp(3, 0.25);
  result.paper_setting.discrete = ramp(3, 0.0);
  result.paper_setting.discrete_per_mode = ramp(3, -0.5);
  result.paper_setting.flow = ramp(3, 0.1);  // not drawn
  result.v5_bound = 0.03;
  result.comparisons = {{"V1", "a | b", "q", 1e-12, 1e-9, "", false}, {"V5", "c", "q", 0.5, 0.03, "", false},
                        {"V5", "flow", "q", 0.7, 0.0, "", true}};
  const drawing::Drawing drawing = drawing::draw(spec, result, kLabels);
  BOOST_TEST_REQUIRE(drawing.figure.panels.size() == 4u);
  const plots::LinePanel& exact = line_panel(drawing.figure, 0);
  for (const plots::Series& s : exact.series) {
    BOOST_TEST((s.role == Role::simulation));
    for (double y : s.y) BOOST_TEST(y == 0.25, boost::test_tools::tolerance(1e-15));  // simulated − discrete
  }
  BOOST_TEST(exact.references.size() == 2u);
  BOOST_TEST(exact.references[0].y == 0.03);
  BOOST_TEST(exact.y_range->high == 1.15 * 0.25);  // wide enough for a deviation beyond the bound
  // (d): simulated − the per-mode closed form, without V5's bound (it belongs to the class-block panels).
  const plots::LinePanel& per_mode = line_panel(drawing.figure, 3);
  BOOST_TEST(per_mode.references.empty());
  for (double y : per_mode.series.at(0).y) BOOST_TEST(y == 0.75, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(contains(drawing.notes, "1 of 2 comparisons passed"));
  BOOST_TEST(contains(drawing.notes, "| V5 | **FAIL** | 0.5 | ≤ 0.03 |"));
  BOOST_TEST(contains(drawing.notes, "| V5 | info | 0.7 | — |"));
  BOOST_TEST(contains(drawing.notes, "a \\| b"));  // '|' escaped inside a cell
}

// seeds > 1: the simulation is the ensemble's mean and every simulated curve of panels (a) and (b) gets a band
// mean ± sd from the sd trajectory, column by column.
BOOST_AUTO_TEST_CASE(seed_ensembles_are_drawn_as_mean_and_sd_bands) {
  LearningCurvesSpec spec;
  spec.seeds = 5;
  LearningCurvesResult result{ramp(4, 0.0), ramp(4, 0.5), ramp(4, 0.25), {}};
  const drawing::Drawing drawing = drawing::draw(spec, result, kLabels);
  const plots::Series* pi1 = find_series(line_panel(drawing.figure, 0), plots::Hue::pi1, Role::simulation);
  BOOST_TEST_REQUIRE(pi1);
  BOOST_TEST(pi1->band);
  BOOST_TEST_REQUIRE(pi1->y_low.size() == 4u);
  // mean 0.1·t, sd 0.1·t + 0.25 (ramp's π1): low = −0.25, high = 0.2·t + 0.25
  BOOST_TEST(pi1->y_low[2] == -0.25, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(pi1->y_high[2] == 0.65, boost::test_tools::tolerance(1e-15));
  const plots::Series* gxoy = find_series(line_panel(drawing.figure, 1), plots::Hue::GxOy, Role::simulation);
  BOOST_TEST_REQUIRE(gxoy);
  BOOST_TEST(gxoy->band);
  BOOST_TEST(gxoy->y_high[3] == 0.03 + 0.28, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(line_panel(drawing.figure, 0).simulation_label == "5 seeds: mean ± sd");
  BOOST_TEST(!find_series(line_panel(drawing.figure, 0), plots::Hue::pi1, Role::theory)->band);
}

// A modular architecture's families become panel (d), one curve per family named by module and class, under
// the CLI's column name; the figure then lays its four panels out 2 × 2.
BOOST_AUTO_TEST_CASE(modular_architectures_get_a_per_module_panel) {
  LearningCurvesSpec spec;
  spec.arch = analytic::Architecture::split;
  auto simulation = ramp(3, 0.0), theory = ramp(3, 0.1);
  for (auto* trajectory : {&simulation, &theory}) {
    trajectory->family_labels = {"A:pi1", "B:pi1", "B:pi2", "B:pi3"};
    for (auto& row : trajectory->rows) row.family_strength = {0.4 * row.t, 0.1 * row.t, 0.1 * row.t, 0.05 * row.t};
  }
  const drawing::Drawing drawing = drawing::draw(spec, {simulation, theory, {}, {}}, kLabels);
  BOOST_TEST_REQUIRE(drawing.figure.panels.size() == 4u);
  BOOST_TEST(drawing.figure.columns == 2);
  const plots::LinePanel& families = line_panel(drawing.figure, 3);
  BOOST_TEST_REQUIRE(families.series.size() == 8u);  // 4 families × simulation and theory
  BOOST_TEST(families.series[0].name == "module A, π1");
  BOOST_TEST(families.series[0].csv_name == "a_A_pi1");
  BOOST_TEST(families.series[0].y.back() == 0.8);
  BOOST_TEST(families.series[7].name == "module B, π3");
  BOOST_TEST((families.series[2].hue == plots::Hue::pi1));  // module B keeps the dense classes' colours
  // A single-module run has no such panel.
  BOOST_TEST(drawing::draw(LearningCurvesSpec{}, {ramp(3, 0.0), ramp(3, 0.1), {}, {}}, kLabels).figure.panels.size() == 3u);
}
