#pragma once
// Shared by the numeric, training and validation tests: the architectures they sweep and row comparisons.
#include <algorithm>
#include <cmath>
#include <ostream>
#include <vector>

#include "row_values.hpp"
#include "dln/analytic.hpp"

namespace dln::analytic {
// Lets BOOST_TEST print a RunStatus when a comparison fails.
inline std::ostream& boost_test_print_type(std::ostream& out, RunStatus status) { return out << to_string(status); }
}  // namespace dln::analytic

namespace dln::test {

inline constexpr analytic::Architecture kArchitectures[] = {analytic::Architecture::dense, analytic::Architecture::split,
                                                            analytic::Architecture::segregated,
                                                            analytic::Architecture::shallow};

// Largest |difference| over every column (family columns included) of two rows, except that dist_S is
// compared through its square. The closed form gets ‖W[Ωy,Ωx] − S‖² as multiplicity·(c²⟨a²⟩ − 2c⟨a⟩ + 1),
// which near S (a → 1/c) is a difference of O(1) terms with an absolute roundoff of a few ε; its square root
// then carries an error of √ε ≈ 1e-8 that says nothing about the weights. The squares agree to roundoff.
inline double row_distance(analytic::TrajectoryRow a, analytic::TrajectoryRow b) {
  a.dist_S *= a.dist_S;
  b.dist_S *= b.dist_S;
  const auto x = test::row_values(a), y = test::row_values(b);
  if (x.size() != y.size()) return INFINITY;
  double d = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) d = std::max(d, std::abs(x[i] - y[i]));
  return d;
}

// Largest row_distance over two trajectories of the same length (∞ when the lengths differ).
inline double trajectory_distance(const analytic::Trajectory& a, const analytic::Trajectory& b) {
  if (a.rows.size() != b.rows.size()) return INFINITY;
  double d = 0.0;
  for (std::size_t t = 0; t < a.rows.size(); ++t) d = std::max(d, row_distance(a.rows[t], b.rows[t]));
  return d;
}

}  // namespace dln::test
