#pragma once
// Distances between two learning curves, column by column (internal to the comparisons).
#include <limits>
#include <span>

#include "dln/analytic/trajectory.hpp"

namespace dln::validation {

// max |a − b| over every row and over the CSV columns [first, last) (t excluded by default); infinite
// when the two curves do not have the same rows (one of them stopped early).
inline double max_abs_difference(const analytic::Trajectory& a, const analytic::Trajectory& b,
                                 std::size_t first = 1, std::size_t last = std::numeric_limits<std::size_t>::max()) {
  if (a.rows.size() != b.rows.size()) return std::numeric_limits<double>::infinity();
  double deviation = 0.0;
  for (std::size_t t = 0; t < a.rows.size(); ++t) {
    const auto va = analytic::csv_values(a.rows[t]), vb = analytic::csv_values(b.rows[t]);
    for (std::size_t i = first; i < std::min({va.size(), vb.size(), last}); ++i)
      deviation = std::max(deviation, std::abs(va[i] - vb[i]));
  }
  return deviation;
}

// Column ranges of csv_values: the three a_pi from kFirstModeColumn, the four quadrants up to kEndOfQuadrants.
inline constexpr std::size_t kFirstModeColumn = 2, kEndOfQuadrants = 9;

}  // namespace dln::validation
