#pragma once
// Distances between two learning curves, column by column (internal to the comparisons).
#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>

#include "dln/analytic/trajectory.hpp"

namespace dln::validation {

using analytic::ColumnGroup;
// Every column after t, family columns included.
inline constexpr std::initializer_list<ColumnGroup> kEveryColumn = {
    ColumnGroup::loss, ColumnGroup::mode_strength, ColumnGroup::quadrant, ColumnGroup::systematicity,
    ColumnGroup::family};

// max |a − b| over every row and over the columns of the given groups; infinite when the two curves do not
// have the same rows (one of them stopped early).
inline double max_abs_difference(const analytic::Trajectory& a, const analytic::Trajectory& b,
                                 std::initializer_list<ColumnGroup> groups = kEveryColumn) {
  if (a.rows.size() != b.rows.size()) return std::numeric_limits<double>::infinity();
  double deviation = 0.0;
  for (std::size_t t = 0; t < a.rows.size(); ++t)
    analytic::for_each_column(
        [&](analytic::Column column, double x, double y) {
          if (std::find(groups.begin(), groups.end(), column.group) != groups.end())
            deviation = std::max(deviation, std::abs(x - y));
        },
        a.rows[t], b.rows[t]);
  return deviation;
}

}  // namespace dln::validation
