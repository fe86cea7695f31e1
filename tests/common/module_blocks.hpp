#pragma once
// Test helpers shared by the module test suites: where a module's blocks sit in the full X and Y.
#include <Eigen/Dense>
#include <utility>

#include "dln/analytic/architecture.hpp"

namespace dln::test {

// Rows (of Y, or of X for inputs) that a module block covers: [first, first + count), where `omega` is
// the number of Ω rows (n2 for Y, n1 for X) and `total` all rows.
inline std::pair<Eigen::Index, Eigen::Index> block_span(analytic::Block block, Eigen::Index omega, Eigen::Index total) {
  switch (block) {
    case analytic::Block::all: return {0, total};
    case analytic::Block::omega: return {0, omega};
    case analytic::Block::gamma: return {omega, total - omega};
  }
  return {0, 0};
}

// max |m_ij|, 0 for an empty matrix (Eigen's maxCoeff asserts on one; modules may have no rows).
inline double max_abs(const Eigen::MatrixXd& m) { return m.size() == 0 ? 0.0 : m.cwiseAbs().maxCoeff(); }

}  // namespace dln::test
