#pragma once
// A trajectory row as the numbers of its CSV line, t first, then the columns of analytic::for_each_column:
// for tests that compare whole rows.
#include <vector>

#include "dln/analytic/trajectory.hpp"

namespace dln::test {

inline std::vector<double> row_values(const analytic::TrajectoryRow& row) {
  std::vector<double> values{static_cast<double>(row.t)};
  analytic::for_each_column([&](analytic::Column, double value) { values.push_back(value); }, row);
  return values;
}

}  // namespace dln::test
