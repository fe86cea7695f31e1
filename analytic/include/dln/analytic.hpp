#pragma once
// dln::analytic — the closed forms of docs/theory.md: dataset space, spectra and singular vectors of every
// architecture, mode trajectories, loss and quadrant norms. Depends on Eigen only.
#include "dln/analytic/architecture.hpp"
#include "dln/analytic/dataset.hpp"
#include "dln/analytic/dynamics.hpp"
#include "dln/analytic/init_prediction.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/analytic/mode_coordinates.hpp"
#include "dln/analytic/mode_vectors.hpp"
#include "dln/analytic/modes.hpp"
#include "dln/analytic/readout.hpp"
#include "dln/analytic/spectrum_check.hpp"
#include "dln/analytic/theory.hpp"
#include "dln/analytic/trajectory.hpp"
#include "dln/analytic/weights.hpp"
