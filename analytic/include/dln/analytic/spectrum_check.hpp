#pragma once
// The closed-form spectrum (docs/theory.md §3) against Eigen's numerical SVD / eigendecomposition of the
// dense Σyx and Σx, when those matrices are small enough to build.
#include <Eigen/Dense>
#include <string>

#include "dln/analytic/dataset.hpp"

namespace dln::analytic {

struct SpectrumCheck {
  bool performed = false;
  std::string skipped_reason;  // why not, when !performed
  double max_abs_error = 0.0;  // over all singular values of Σyx and eigenvalues of Σx, sorted
};

// Dense Σx is (n1 + k1P)²: beyond this many rows/columns the check is skipped (and says so).
inline constexpr Eigen::Index kMaxCheckedDimension = 1100;

SpectrumCheck check_spectrum_numerically(const DatasetSpec& spec,
                                         Eigen::Index max_dimension = kMaxCheckedDimension);

// The closed-form values, sorted descending, padded with zeros to the matrices' sizes.
Eigen::VectorXd closed_form_singular_values(const DatasetSpec& spec);  // min(n2 + k2P, n1 + k1P) values
Eigen::VectorXd closed_form_eigenvalues(const DatasetSpec& spec);      // n1 + k1P values

}  // namespace dln::analytic
