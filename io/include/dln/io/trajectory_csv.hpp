#pragma once
// A learning curve as CSV (the columns of analytic::csv_columns, 17 significant digits), streamed row by
// row, and what the manifest says about its start and end.
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dln/analytic/theory.hpp"
#include "dln/analytic/trajectory.hpp"
#include "dln/io/sink.hpp"

namespace dln::io {

// Writes the header at construction and then one line per row, as a run computes them (a row callback), so
// that a long learning curve is written without being held.
class TrajectoryCsvWriter {
public:
  TrajectoryCsvWriter(Sink& out, const std::vector<std::string>& family_labels);
  void write(const analytic::TrajectoryRow& row);

private:
  Sink& out_;
  fmt::memory_buffer line_;
};

void write_trajectory_csv(Sink& out, const analytic::Trajectory& trajectory);

// The same as emit()'s content, streamed when written (the trajectory must outlive it).
Content trajectory_csv(const analytic::Trajectory& trajectory);

// Every column of the trajectory's last row by name ({"t": …, "loss": …, "a_pi1": …, …, "dist_S": …}) for the
// manifest's "final"; null without rows.
nlohmann::json final_readouts(const analytic::Trajectory& trajectory);

// The per-mode a0 a random init amounts to (analytic::effective_initial_strengths), per family label:
// {"pi1": {"modes": n, "mean": …, "min": …, "max": …, "values": [...]}}; "values" only for a family of at most
// 64 modes (π3 has 2^n1 − n1 − 1).
nlohmann::json initial_strengths_json(const analytic::ArchitectureModes& modes, const analytic::InitialStrengths& a0);

}  // namespace dln::io
