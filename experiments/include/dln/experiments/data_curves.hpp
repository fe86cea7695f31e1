#pragma once
// Learning curves on a user's data (a dense network, docs/theory.md §5 on the data's numerical modes):
// full-batch GD from balanced weights aligned with the modes, beside the closed form from the same a0.
// The data must satisfy the closed forms' condition (Σx and Σyx sharing right singular vectors); the
// reader of a recipe loads the files, this Spec holds the matrices.
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "dln/analytic/data_modes.hpp"
#include "dln/analytic/data_theory.hpp"
#include "dln/analytic/dynamics.hpp"
#include "dln/experiments/report.hpp"

namespace dln::experiments {

struct DataCurvesResult {
  analytic::DataModes modes;
  analytic::DataCurve simulation, theory;  // t = 0..epochs, fewer where a run stopped
  Report report;
};

struct DataCurvesSpec {
  std::vector<std::string> files;  // X and Y as the recipe names them (for the labels and the manifest)
  Eigen::MatrixXd X, Y;            // samples as columns
  double lr = 0.02;                // per-pattern rate, η = P·lr
  int epochs = 300;
  double a0 = 1e-3;                // the initial strength of every mode
  int hidden = 50;
  analytic::TimeModel theory_time = analytic::TimeModel::discrete;

  // Throws dln::InvalidInput with parameter "data.<key>" (the files, the closed forms' condition) or
  // "training.<key>".
  void validate() const;
  // Expects a validated spec.
  DataCurvesResult run() const;
};

}  // namespace dln::experiments
