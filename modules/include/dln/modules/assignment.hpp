#pragma once
// The linear assignment problem on a rectangular cost matrix: pick min(rows, cols) (row, column) pairs, no row or
// column twice, of least total cost. Mittal's Alignment metric needs it (docs/modules.md §6.1).
#include <vector>

#include <Eigen/Dense>

namespace dln::modules {

// For each row, the column assigned to it, or −1 for rows left unassigned (only when rows > cols).
// Shortest augmenting paths with potentials (the Hungarian method): O(min² · max). Costs must be finite.
std::vector<int> optimal_assignment(const Eigen::MatrixXd& cost);

}  // namespace dln::modules
