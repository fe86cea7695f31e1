#include "dln/io/trajectory_csv.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <numeric>

namespace dln::io {

TrajectoryCsvWriter::TrajectoryCsvWriter(Sink& out, const std::vector<std::string>& family_labels) : out_(out) {
  out_.write(fmt::format("{}\n", fmt::join(analytic::csv_columns(family_labels), ",")));
}

void TrajectoryCsvWriter::write(const analytic::TrajectoryRow& row) {
  line_.clear();
  fmt::format_to(std::back_inserter(line_), "{}", row.t);
  analytic::for_each_column(
      [&](analytic::Column, double value) { fmt::format_to(std::back_inserter(line_), ",{:.17g}", value); }, row);
  line_.push_back('\n');
  out_.write({line_.data(), line_.size()});
}

void write_trajectory_csv(Sink& out, const analytic::Trajectory& trajectory) {
  TrajectoryCsvWriter csv(out, trajectory.family_labels);
  for (const auto& row : trajectory.rows) csv.write(row);
}

Content trajectory_csv(const analytic::Trajectory& trajectory) {
  return [&trajectory](Sink& out) { write_trajectory_csv(out, trajectory); };
}

nlohmann::json final_readouts(const analytic::Trajectory& trajectory) {
  if (trajectory.rows.empty()) return nullptr;
  const auto& last = trajectory.rows.back();
  const auto columns = analytic::csv_columns(trajectory);  // "t", then the columns in for_each_column's order
  nlohmann::json final{{"t", last.t}};
  std::size_t column = 1;
  analytic::for_each_column([&](analytic::Column, double value) { final[columns[column++]] = value; }, last);
  return final;
}

nlohmann::json initial_strengths_json(const analytic::ArchitectureModes& modes, const analytic::InitialStrengths& a0) {
  constexpr std::size_t kMaxListed = 64;
  nlohmann::json families = nlohmann::json::object();
  for (std::size_t i = 0; i < modes.families.size() && i < a0.size(); ++i) {
    const std::vector<double>& values = a0[i];
    if (values.empty()) continue;
    const auto [min, max] = std::minmax_element(values.begin(), values.end());
    nlohmann::json family{{"modes", values.size()},
                          {"mean", std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size())},
                          {"min", *min},
                          {"max", *max}};
    if (values.size() <= kMaxListed) family["values"] = values;
    families[modes.families[i].label] = family;
  }
  return families;
}

}  // namespace dln::io
