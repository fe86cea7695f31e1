#include "dln/modules/readout.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace dln::modules {

namespace {

constexpr const char* kQuadrantNames[] = {"OxOy", "GxOy", "OxGy", "GxGy"};

void push_quadrants(std::vector<double>& values, const analytic::Quadrants& q) {
  values.insert(values.end(), {q.OxOy, q.GxOy, q.OxGy, q.GxGy});
}

}  // namespace

std::vector<std::string> csv_columns(const ReadoutTrajectory& trajectory) {
  std::vector<std::string> columns = {"t", "loss"};
  for (int rho = 0; rho < trajectory.rules; ++rho) columns.push_back(fmt::format("loss_r{}", rho));
  for (int rho = 0; rho < trajectory.rules; ++rho)
    for (const char* q : kQuadrantNames) columns.push_back(fmt::format("r{}_{}", rho, q));
  for (const auto& name : trajectory.module_names) {
    for (const char* q : kQuadrantNames) columns.push_back(fmt::format("{}_{}", name, q));
    for (const char* what : {"intended", "answer", "item"}) columns.push_back(fmt::format("{}_{}", name, what));
  }
  columns.push_back("systematic_share");
  if (!trajectory.rows.empty() && trajectory.rows.front().test_loss)
    columns.insert(columns.end(), {"test_loss", "test_answer_loss"});
  if (!trajectory.routed) return columns;
  for (const auto& name : trajectory.module_names)
    for (int rho = 0; rho < trajectory.rules; ++rho) columns.push_back(fmt::format("g_{}_r{}", name, rho));
  columns.insert(columns.end(), {"collapse_avg", "collapse_worst", "inverse_mi", "alignment"});
  if (static_cast<int>(trajectory.module_names.size()) == trajectory.rules) columns.push_back("adaptation");
  columns.push_back("routing_entropy");
  for (const auto& name : trajectory.module_names) columns.push_back("load_" + name);
  return columns;
}

std::vector<double> csv_values(const Readout& row) {
  std::vector<double> values = {static_cast<double>(row.t), row.loss};
  values.insert(values.end(), row.rule_loss.begin(), row.rule_loss.end());
  for (const auto& q : row.rule_quadrants) push_quadrants(values, q);
  for (std::size_t m = 0; m < row.module_quadrants.size(); ++m) {
    push_quadrants(values, row.module_quadrants[m]);
    values.insert(values.end(), {row.intended_fraction[m], row.answer_contribution[m], row.item_contribution[m]});
  }
  values.push_back(row.systematic_share);
  if (row.test_loss) values.insert(values.end(), {*row.test_loss, row.test_answer_loss.value_or(0.0)});
  if (!row.routing) return values;
  for (Eigen::Index m = 0; m < row.gates.rows(); ++m)  // module-major, as the columns
    for (Eigen::Index rho = 0; rho < row.gates.cols(); ++rho) values.push_back(row.gates(m, rho));
  const SpecialisationMetrics& r = *row.routing;
  values.insert(values.end(), {r.collapse_avg, r.collapse_worst, r.inverse_mutual_information, r.alignment});
  if (r.adaptation) values.push_back(*r.adaptation);
  values.push_back(row.routing_entropy);
  values.insert(values.end(), row.load.begin(), row.load.end());
  return values;
}

bool all_finite(const Readout& row) {
  const auto values = csv_values(row);
  return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

}  // namespace dln::modules
