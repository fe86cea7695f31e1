// The trajectory schema (analytic::for_each_column, csv_columns) and TrajectoryRecorder: a CSV written from
// the schema reads back into the same rows by header name, a non-finite row ends a run naming its column,
// and a row callback can stop a run.
#define BOOST_TEST_MODULE analytic_trajectory
#include <boost/test/unit_test.hpp>

#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "dln/analytic.hpp"

using namespace dln;
using analytic::Architecture;

namespace {

// A learning curve with every kind of column: the split architecture has family columns, and the
// a0 = 1e-3 flow makes every column move.
analytic::Trajectory split_curve(int epochs) {
  const auto modes = analytic::architecture_modes(analytic::DatasetSpec{}, Architecture::split);
  return analytic::theory_trajectory(modes, analytic::uniform_initial_strengths(modes, 1e-3), {0.02, epochs});
}

std::vector<std::string> split_line(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
  return fields;
}

}  // namespace

// The CSV as dln writes it (the header of csv_columns, then t and the for_each_column values at 17
// significant digits) parsed back by header name — not by position — gives the same rows bit for bit:
// names and values come from the same definition, in the same order, and 17 digits round-trip a double.
BOOST_AUTO_TEST_CASE(csv_schema_round_trips) {
  const analytic::Trajectory curve = split_curve(30);
  BOOST_TEST_REQUIRE(!curve.family_labels.empty());
  const std::vector<std::string> header = analytic::csv_columns(curve);
  BOOST_TEST(header.size() == 11 + curve.family_labels.size());
  BOOST_TEST((std::set<std::string>(header.begin(), header.end()).size() == header.size()));  // names unique
  BOOST_TEST(header.front() == "t");
  BOOST_TEST(header.back() == analytic::family_column_name(curve.family_labels.back()));

  std::string csv = fmt::format("{}\n", fmt::join(header, ","));
  for (const auto& row : curve.rows) {
    csv += fmt::format("{}", row.t);
    analytic::for_each_column([&](analytic::Column, double value) { csv += fmt::format(",{:.17g}", value); }, row);
    csv += '\n';
  }

  std::stringstream in(csv);
  std::string line;
  std::getline(in, line);
  std::map<std::string, std::size_t> position;
  for (const auto& name : split_line(line)) position.emplace(name, position.size());
  std::vector<analytic::TrajectoryRow> read;
  while (std::getline(in, line)) {
    const auto fields = split_line(line);
    BOOST_TEST_REQUIRE(fields.size() == header.size());
    const auto number = [&](const std::string& name) {
      double value = std::numeric_limits<double>::quiet_NaN();
      const std::string& text = fields.at(position.at(name));
      std::from_chars(text.data(), text.data() + text.size(), value);
      return value;
    };
    analytic::TrajectoryRow row;
    row.t = static_cast<int>(number("t"));
    row.family_strength.resize(curve.family_labels.size());
    std::size_t family = 0;
    analytic::for_each_column(
        [&](analytic::Column column, double& value) {
          value = number(column.group == analytic::ColumnGroup::family
                             ? analytic::family_column_name(curve.family_labels[family++])
                             : std::string(column.name));
        },
        row);
    read.push_back(row);
  }
  BOOST_TEST_REQUIRE(read.size() == curve.rows.size());
  for (std::size_t i = 0; i < read.size(); ++i) {
    BOOST_TEST(read[i].t == curve.rows[i].t);
    analytic::for_each_column([&](analytic::Column column, double a, double b) { BOOST_TEST(a == b, column.name); },
                              read[i], curve.rows[i]);
  }
}

// A row with a value that is not a finite number is not recorded: the run ends as diverged at that row's t,
// the reason naming the first such column, and the rows before it are kept.
BOOST_AUTO_TEST_CASE(recorder_ends_a_run_at_the_first_non_finite_column) {
  const analytic::Trajectory curve = split_curve(5);
  const auto modes = analytic::architecture_modes(analytic::DatasetSpec{}, Architecture::split);
  for (const bool in_family : {false, true}) {
    analytic::TrajectoryRecorder recorder(modes);
    BOOST_TEST(recorder.record(curve.rows[0]));
    BOOST_TEST(recorder.record(curve.rows[1]));
    analytic::TrajectoryRow bad = curve.rows[2];
    // Two bad values; the first in column order is named.
    (in_family ? bad.family_strength[1] : bad.quadrants.GxOy) = std::numeric_limits<double>::infinity();
    (in_family ? bad.family_strength.back() : bad.dist_S) = std::numeric_limits<double>::quiet_NaN();
    BOOST_TEST(!recorder.record(bad));
    const analytic::Trajectory& run = recorder.trajectory();
    BOOST_TEST((run.status == analytic::RunStatus::diverged));
    BOOST_TEST(run.failed_at.value_or(-1) == 2);
    BOOST_TEST(run.rows.size() == 2U);
    const std::string column = in_family ? analytic::family_column_name(curve.family_labels[1]) : "GxOy";
    BOOST_TEST(run.reason == column + " is not finite");
    BOOST_TEST(run.brief_report() == "diverged at epoch 2 (" + column + " is not finite); rows t = 0..1 kept");
  }
}

// A row callback sees every recorded row, and RowAction::stop ends the run after that row: status stopped,
// no failed_at, the rows up to it kept.
BOOST_AUTO_TEST_CASE(a_row_callback_can_stop_a_run) {
  const analytic::Trajectory curve = split_curve(10);
  const auto modes = analytic::architecture_modes(analytic::DatasetSpec{}, Architecture::split);
  std::vector<int> seen;
  analytic::TrajectoryRecorder recorder(modes, [&](const analytic::TrajectoryRow& row) {
    seen.push_back(row.t);
    return row.t == 3 ? analytic::RowAction::stop : analytic::RowAction::proceed;
  });
  std::size_t recorded = 0;
  while (recorded < curve.rows.size() && recorder.record(curve.rows[recorded])) ++recorded;
  const analytic::Trajectory& run = recorder.trajectory();
  BOOST_TEST((run.status == analytic::RunStatus::stopped));
  BOOST_TEST(!run.failed_at.has_value());
  BOOST_TEST((seen == std::vector<int>{0, 1, 2, 3}));
  BOOST_TEST(run.rows.size() == 4U);
  BOOST_TEST(run.brief_report() == "stopped by a row callback (after t = 3); rows t = 0..3 kept");
}
