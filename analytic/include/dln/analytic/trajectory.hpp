#pragma once
// A learning curve as dln reports it (theory, integration and simulation alike): one row per epoch,
// t = 0 being the initial state, with the columns of for_each_column below.
#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dln/analytic/readout.hpp"

namespace dln::analytic {

struct TrajectoryRow {
  int t = 0;
  double loss = 0.0;
  std::array<double, 3> a_pi{};        // class means of u_jᵀ W v_j over the dense classes
  Quadrants quadrants;
  double systematicity = 0.0;  // GxOy/√(OxOy² + GxOy²), 0 without Ωy rows (analytic::systematicity)
  double dist_S = 0.0;         // ‖W[Ωy,Ωx] − S‖ (analytic::distance_to_selection)
  std::vector<double> family_strength;  // mean strength per family of a modular architecture (a_A_pi1, …)
};

// What a column after t holds; comparisons pick columns by group, never by position.
enum class ColumnGroup { loss, mode_strength, quadrant, systematicity, family };
struct Column {
  std::string_view name;  // the CSV header; empty for a family column, named a_<label> (family_column_name)
  ColumnGroup group;
};

// The columns of a row after t, in CSV order: the one definition of the trajectory schema. visit(column,
// field, fields…) is called once per column with that field of `row` and of each of `rows` (all of the same
// architecture, so with as many family columns). Rows may be const (read) or not (written).
template <class Visit, class Row, class... Rows>
void for_each_column(Visit&& visit, Row& row, Rows&... rows) {
  using enum ColumnGroup;
  visit(Column{"loss", loss}, row.loss, rows.loss...);
  visit(Column{"a_pi1", mode_strength}, row.a_pi[0], rows.a_pi[0]...);
  visit(Column{"a_pi2", mode_strength}, row.a_pi[1], rows.a_pi[1]...);
  visit(Column{"a_pi3", mode_strength}, row.a_pi[2], rows.a_pi[2]...);
  visit(Column{"OxOy", quadrant}, row.quadrants.OxOy, rows.quadrants.OxOy...);
  visit(Column{"GxOy", quadrant}, row.quadrants.GxOy, rows.quadrants.GxOy...);
  visit(Column{"OxGy", quadrant}, row.quadrants.OxGy, rows.quadrants.OxGy...);
  visit(Column{"GxGy", quadrant}, row.quadrants.GxGy, rows.quadrants.GxGy...);
  visit(Column{"systematicity", systematicity}, row.systematicity, rows.systematicity...);
  visit(Column{"dist_S", systematicity}, row.dist_S, rows.dist_S...);
  for (std::size_t i = 0; i < row.family_strength.size(); ++i)
    visit(Column{{}, family}, row.family_strength[i], rows.family_strength[i]...);
}

// "a_" + the family's label with ':' → '_' (a_A_pi1, …).
std::string family_column_name(std::string label);

// Whether every value of the row is a finite number.
bool all_finite(const TrajectoryRow& row);

// How a run ended. ok: every row; diverged: a weight or read-out left the finite numbers; step_failure: the
// integrator could not take a step; stopped: a row callback asked to stop.
enum class RunStatus { ok, diverged, step_failure, stopped };
std::string_view to_string(RunStatus status);

struct Trajectory {
  std::vector<std::string> family_labels;  // only for architectures with more than one module
  std::vector<TrajectoryRow> rows;
  RunStatus status = RunStatus::ok;
  std::optional<int> failed_at;  // the first epoch that could not be computed, when diverged or step_failure
  std::string reason;            // why the run ended early, in the words of whatever found it; empty when ok

  // One line, as Ceres' Summary::BriefReport: the status, the rows computed and why the run ended early,
  // e.g. "diverged at epoch 57 (loss is not finite); rows t = 0..56 kept".
  std::string brief_report() const;
};

// What a row callback tells the run after a row is recorded: go on, or stop there (status stopped, the
// rows so far kept).
enum class RowAction { proceed, stop };
using RowCallback = std::function<RowAction(const TrajectoryRow&)>;

// Which rows a run keeps in its Trajectory: every row (the default), or only its first and last — for a run
// whose rows a row callback writes out as they come (a streamed CSV), so that its memory does not grow with the
// epochs while the brief report and the manifest's final values still read the ends.
enum class RowRetention { all, ends };

// The labels of the family columns of a run on `modes`: one per family of an architecture with more than one
// module, none otherwise (single-module families are the a_pi columns already).
std::vector<std::string> family_labels(const ArchitectureModes& modes);

// Builds a run's trajectory row by row: the one place where a non-finite row ends a run as diverged and where
// a row callback can stop it. Theory, integration and simulation all record through it.
class TrajectoryRecorder {
public:
  // Labels the family columns of a modular architecture (as every learning curve of `modes` has them).
  explicit TrajectoryRecorder(const ArchitectureModes& modes, RowCallback on_row = {},
                              RowRetention retention = RowRetention::all);
  // Keeps the row unless one of its values is not finite (then: diverged at row.t, naming the column);
  // then asks on_row. False when the run must end here.
  bool record(TrajectoryRow row);
  // Ends the run at epoch t for a reason found outside the row (weights not finite, integrator failure).
  void fail(RunStatus status, int t, std::string reason);
  bool ended() const { return trajectory_.status != RunStatus::ok; }
  Trajectory& trajectory() { return trajectory_; }

private:
  Trajectory trajectory_;
  RowCallback on_row_;
  RowRetention retention_;
};

// The closed-form row for given family strengths.
TrajectoryRow readout_row(const ArchitectureModes& modes, int t, std::span<const FamilyStrength> strengths);

// "t" and the names of for_each_column: "t,loss,a_pi1,a_pi2,a_pi3,OxOy,GxOy,OxGy,GxGy,systematicity,dist_S",
// then one a_<label> column per family (the systematicity read-outs come before the families so that their
// position does not depend on the architecture).
std::vector<std::string> csv_columns(const std::vector<std::string>& family_labels);
std::vector<std::string> csv_columns(const Trajectory& trajectory);

}  // namespace dln::analytic
