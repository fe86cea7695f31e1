#include "dln/analytic/trajectory.hpp"

#include <algorithm>

namespace dln::analytic {

std::string_view to_string(RunStatus status) {
  switch (status) {
    case RunStatus::ok: return "ok";
    case RunStatus::diverged: return "diverged";
    case RunStatus::step_failure: return "step_failure";
  }
  return "?";
}

TrajectoryRow readout_row(const ArchitectureModes& modes, int t, std::span<const FamilyStrength> strengths) {
  TrajectoryRow row;
  row.t = t;
  row.loss = loss(modes, strengths);
  row.a_pi = dense_projections(modes, strengths);
  row.quadrants = quadrant_norms(modes, strengths);
  row.systematicity = systematicity(row.quadrants);
  row.dist_S = distance_to_selection(modes, strengths);
  if (module_layouts(modes.arch).size() > 1)  // single-module families are the a_pi columns already
    for (const auto& s : strengths) row.family_strength.push_back(s.mean);
  return row;
}

std::vector<std::string> csv_columns(const Trajectory& trajectory) {
  std::vector<std::string> columns{"t", "loss", "a_pi1", "a_pi2", "a_pi3", "OxOy", "GxOy", "OxGy", "GxGy",
                                       "systematicity", "dist_S"};
  for (std::string label : trajectory.family_labels) {
    std::replace(label.begin(), label.end(), ':', '_');
    columns.push_back("a_" + label);
  }
  return columns;
}

std::vector<double> csv_values(const TrajectoryRow& row) {
  std::vector<double> values{static_cast<double>(row.t), row.loss, row.a_pi[0], row.a_pi[1], row.a_pi[2],
                             row.quadrants.OxOy, row.quadrants.GxOy, row.quadrants.OxGy, row.quadrants.GxGy,
                             row.systematicity, row.dist_S};
  values.insert(values.end(), row.family_strength.begin(), row.family_strength.end());
  return values;
}

}  // namespace dln::analytic
