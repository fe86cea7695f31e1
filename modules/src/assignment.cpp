#include "dln/modules/assignment.hpp"

#include <limits>

namespace dln::modules {

namespace {

// Rows ≤ columns. Row i is added one at a time; a Dijkstra-like search over columns with reduced costs
// a(i, j) − u(i) − v(j) ≥ 0 finds the cheapest augmenting path from i to a free column, the potentials u, v are
// updated by the path's length (keeping every reduced cost ≥ 0 and the matched ones at 0), and the matching is
// flipped along the path. Columns are 1-based here; column 0 is the virtual start holding the new row.
std::vector<int> assign_rows_to_columns(const Eigen::MatrixXd& a) {
  const auto n = static_cast<int>(a.rows()), m = static_cast<int>(a.cols());
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> u(static_cast<std::size_t>(n) + 1, 0.0), v(static_cast<std::size_t>(m) + 1, 0.0);
  std::vector<int> row_of(static_cast<std::size_t>(m) + 1, 0);  // row (1-based) matched to column j, 0 = free
  std::vector<int> previous(static_cast<std::size_t>(m) + 1, 0);  // the column before j on the shortest path
  for (int i = 1; i <= n; ++i) {
    row_of[0] = i;
    int j0 = 0;
    std::vector<double> distance(static_cast<std::size_t>(m) + 1, inf);
    std::vector<bool> done(static_cast<std::size_t>(m) + 1, false);
    do {  // grow the shortest-path tree until it reaches a free column
      done[static_cast<std::size_t>(j0)] = true;
      const int i0 = row_of[static_cast<std::size_t>(j0)];
      double delta = inf;
      int j1 = 0;
      for (int j = 1; j <= m; ++j) {
        const auto J = static_cast<std::size_t>(j);
        if (done[J]) continue;
        const double reduced = a(i0 - 1, j - 1) - u[static_cast<std::size_t>(i0)] - v[J];
        if (reduced < distance[J]) distance[J] = reduced, previous[J] = j0;
        if (distance[J] < delta) delta = distance[J], j1 = j;
      }
      for (int j = 0; j <= m; ++j) {
        const auto J = static_cast<std::size_t>(j);
        if (done[J]) {
          u[static_cast<std::size_t>(row_of[J])] += delta;
          v[J] -= delta;
        } else {
          distance[J] -= delta;
        }
      }
      j0 = j1;
    } while (row_of[static_cast<std::size_t>(j0)] != 0);
    do {  // flip the matching along the path back to the start
      const int j1 = previous[static_cast<std::size_t>(j0)];
      row_of[static_cast<std::size_t>(j0)] = row_of[static_cast<std::size_t>(j1)];
      j0 = j1;
    } while (j0 != 0);
  }
  std::vector<int> column_of(static_cast<std::size_t>(n), -1);
  for (int j = 1; j <= m; ++j)
    if (row_of[static_cast<std::size_t>(j)] != 0) column_of[static_cast<std::size_t>(row_of[static_cast<std::size_t>(j)] - 1)] = j - 1;
  return column_of;
}

}  // namespace

std::vector<int> optimal_assignment(const Eigen::MatrixXd& cost) {
  if (cost.rows() <= cost.cols()) return assign_rows_to_columns(cost);
  // More rows than columns: assign the columns to rows, then read it back row-wise.
  const std::vector<int> row_of_column = assign_rows_to_columns(cost.transpose());
  std::vector<int> column_of(static_cast<std::size_t>(cost.rows()), -1);
  for (std::size_t j = 0; j < row_of_column.size(); ++j) column_of[static_cast<std::size_t>(row_of_column[j])] = static_cast<int>(j);
  return column_of;
}

}  // namespace dln::modules
