#pragma once
// A task's outcome and the sweep's two tables: the long CSV (one row per task and epoch) and the
// summary (mean, sd and standard error over seeds per grid point and epoch). Both are functions of the
// results in task order only — no wall times — so every backend writes the same bytes.
#include <cstdint>
#include <string>
#include <vector>

#include "dln/sweep/plan.hpp"

namespace dln::sweep {

struct TaskResult {
  std::int64_t index = 0;
  std::string status = "ok";  // the run's manifest status: "ok", "diverged", …
  double wall_time_s = 0;     // manifest only, never in a table
  std::vector<std::string> columns;           // the run's CSV header
  std::vector<std::vector<std::string>> rows;  // its rows as written (17 significant digits)
};

// task, the grid's columns, seed, then the union of the runs' columns (in order of first appearance;
// a run without a column leaves it empty). `final_only`: only each task's last row.
std::string long_csv(const Definition& definition, const std::vector<TaskResult>& results, bool final_only);

// Reads a long CSV written by long_csv back into results (status and wall time are not in it).
std::vector<TaskResult> parse_long_csv(const Definition& definition, const std::string& csv);

// Per grid point and row position: the grid's columns, t, n (runs that reached it), then
// <column>_mean, <column>_sd, <column>_se for every other run column (sd with n − 1; empty when n < 2).
std::string summary_csv(const Definition& definition, const std::vector<TaskResult>& results);

// One result as text and back, for sending between MPI ranks.
std::string encode(const TaskResult& result);
TaskResult decode(const std::string& text);

}  // namespace dln::sweep
