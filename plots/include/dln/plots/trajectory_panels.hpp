#pragma once
// The standard panels of a learning curve (docs/theory.md §12): (a) the mode strengths of the dense classes,
// (b) the four quadrant norms and (c) the loss against epoch, simulation and theory overlaid. Only reads
// trajectories.
#include <optional>

#include "dln/analytic/dataset.hpp"
#include "dln/analytic/trajectory.hpp"
#include "dln/plots/figure.hpp"

namespace dln::plots {

// Either trajectory may be null (a theory-only or simulation-only panel), not both. Classes absent at
// this setting (multiplicity 0) are left out rather than drawn as a flat zero.
LinePanel mode_strength_panel(const analytic::DatasetSpec& spec, const analytic::Trajectory* simulation,
                              const analytic::Trajectory* theory);
LinePanel quadrant_panel(const analytic::Trajectory* simulation, const analytic::Trajectory* theory);
// The mean strength of each family of a modular architecture (module A's π1, module B's π1, π2, π3 for
// split and segregated): how each module learns its share. Nothing for a single-module architecture.
std::optional<LinePanel> family_panel(const analytic::Trajectory* simulation, const analytic::Trajectory* theory);
// The loss on a logarithmic axis, where the plateaus between transitions and the approach to the floor read.
LinePanel loss_panel(const analytic::Trajectory* simulation, const analytic::Trajectory* theory);
// Each series carries the CLI's column name (Series::csv_name) and its theory curve hue markers, so that
// curves lying on each other (segregated ΓxΩy = ΩxΓy = 0) stay distinguishable.

}  // namespace dln::plots
