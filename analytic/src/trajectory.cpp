#include "dln/analytic/trajectory.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <fmt/format.h>
#include <utility>

namespace dln::analytic {

std::string_view to_string(RunStatus status) {
  switch (status) {
    case RunStatus::ok: return "ok";
    case RunStatus::diverged: return "diverged";
    case RunStatus::step_failure: return "step_failure";
    case RunStatus::stopped: return "stopped";
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

std::string family_column_name(std::string label) {
  std::replace(label.begin(), label.end(), ':', '_');
  return "a_" + label;
}

bool all_finite(const TrajectoryRow& row) {
  bool finite = true;
  for_each_column([&](Column, double value) { finite = finite && std::isfinite(value); }, row);
  return finite;
}

std::vector<std::string> csv_columns(const std::vector<std::string>& family_labels) {
  std::vector<std::string> columns{"t"};
  TrajectoryRow shape;
  shape.family_strength.resize(family_labels.size());
  std::size_t family = 0;
  for_each_column(
      [&](Column column, double) {
        columns.push_back(column.group == ColumnGroup::family ? family_column_name(family_labels[family++])
                                                              : std::string(column.name));
      },
      std::as_const(shape));
  return columns;
}

std::vector<std::string> csv_columns(const Trajectory& trajectory) { return csv_columns(trajectory.family_labels); }

std::vector<std::string> family_labels(const ArchitectureModes& modes) {
  std::vector<std::string> labels;
  if (module_layouts(modes.arch).size() > 1)
    for (const auto& family : modes.families) labels.push_back(family.label);
  return labels;
}

std::string Trajectory::brief_report() const {
  const std::string kept = rows.empty() ? std::string("no rows")
                                        : fmt::format("rows t = {}..{}", rows.front().t, rows.back().t);
  switch (status) {
    case RunStatus::ok:
      return fmt::format("ok: {}, final loss {:.6g}", kept, rows.empty() ? 0.0 : rows.back().loss);
    case RunStatus::stopped: return fmt::format("stopped by a row callback ({}); {} kept", reason, kept);
    case RunStatus::diverged:
    case RunStatus::step_failure:
      return fmt::format("{} at epoch {} ({}); {} kept", to_string(status), failed_at.value_or(-1), reason, kept);
  }
  return "?";
}

TrajectoryRecorder::TrajectoryRecorder(const ArchitectureModes& modes, RowCallback on_row, RowRetention retention)
    : on_row_(std::move(on_row)), retention_(retention) {
  trajectory_.family_labels = family_labels(modes);
}

bool TrajectoryRecorder::record(TrajectoryRow row) {
  assert(!ended());
  // Divergence: the first column, in schema order, that is not a finite number.
  std::string bad;
  std::size_t family = 0;
  for_each_column(
      [&](Column column, double value) {
        const bool is_family = column.group == ColumnGroup::family;
        if (bad.empty() && !std::isfinite(value))
          bad = is_family ? family_column_name(trajectory_.family_labels[family]) : std::string(column.name);
        family += is_family;
      },
      std::as_const(row));
  if (!bad.empty()) {
    fail(RunStatus::diverged, row.t, bad + " is not finite");
    return false;
  }
  auto& rows = trajectory_.rows;
  if (retention_ == RowRetention::ends && rows.size() == 2)
    rows.back() = std::move(row);
  else
    rows.push_back(std::move(row));
  if (on_row_ && on_row_(trajectory_.rows.back()) == RowAction::stop) {
    trajectory_.status = RunStatus::stopped;
    trajectory_.reason = fmt::format("after t = {}", trajectory_.rows.back().t);
    return false;
  }
  return true;
}

void TrajectoryRecorder::fail(RunStatus status, int t, std::string reason) {
  assert(status == RunStatus::diverged || status == RunStatus::step_failure);
  trajectory_.status = status;
  trajectory_.failed_at = t;
  trajectory_.reason = std::move(reason);
}

}  // namespace dln::analytic
