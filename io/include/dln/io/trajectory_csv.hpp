#pragma once
// A learning curve as CSV (the columns of analytic::csv_columns, 17 significant digits), streamed row by
// row, and what the manifest says about its start and end.
#include <nlohmann/json.hpp>

#include "dln/analytic/theory.hpp"
#include "dln/analytic/trajectory.hpp"
#include "dln/io/sink.hpp"

namespace dln::io {

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
