#pragma once
// The two standard panels of a learning curve (docs/theory.md §12): (a) the mode strengths of the dense classes
// and (b) the four quadrant norms against epoch, simulation and theory overlaid. Only reads trajectories.
#include "dln/analytic/dataset.hpp"
#include "dln/analytic/trajectory.hpp"
#include "dln/plots/figure.hpp"

namespace dln::plots {

// Either trajectory may be null (a theory-only or simulation-only panel), not both. Classes absent at
// this setting (multiplicity 0) are left out rather than drawn as a flat zero.
LinePanel mode_strength_panel(const analytic::DatasetSpec& spec, const analytic::Trajectory* simulation,
                              const analytic::Trajectory* theory);
LinePanel quadrant_panel(const analytic::Trajectory* simulation, const analytic::Trajectory* theory);

}  // namespace dln::plots
