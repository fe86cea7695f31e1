#pragma once
// A learning curve as dln reports it (theory, integration and simulation alike): one row per epoch,
// t = 0 being the initial state, with the columns of docs/conventions.md.
#include <array>
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

enum class RunStatus { ok, diverged, step_failure };
std::string_view to_string(RunStatus status);

struct Trajectory {
  std::vector<std::string> family_labels;  // only for architectures with more than one module
  std::vector<TrajectoryRow> rows;
  RunStatus status = RunStatus::ok;
  std::optional<int> failed_at;  // the first epoch that could not be computed, when status != ok
};

// The closed-form row for given family strengths.
TrajectoryRow readout_row(const ArchitectureModes& modes, int t, std::span<const FamilyStrength> strengths);

// "t,loss,a_pi1,a_pi2,a_pi3,OxOy,GxOy,OxGy,GxGy,systematicity,dist_S" then one a_<label> column per family,
// ':' → '_' (the systematicity read-outs come before the families so that their position does not depend
// on the architecture).
std::vector<std::string> csv_columns(const Trajectory& trajectory);
std::vector<double> csv_values(const TrajectoryRow& row);

}  // namespace dln::analytic
