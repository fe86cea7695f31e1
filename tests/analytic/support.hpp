#pragma once
// Shared by the analytic tests: the parameter grid, the dense matrices a module sees, and the
// explicit (P-sized) mode vectors of a family, built independently of the fast transforms.
#include <Eigen/Dense>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <string>
#include <vector>

#include "dln/analytic.hpp"

namespace dln::test {

using analytic::Block;
using analytic::DatasetSpec;

// n1 = 1..max_n1, n2 = 0..n1, k1, k2 ∈ 0..3, r ∈ {0.5, 1, 2}: every degenerate case of docs/theory.md §13
// (k1 = 0, k2 = 0, n2 = 0, n2 = n1, k1 = k2) is on it. At r = 1 each setting with 0 < n2 < n1 is also
// repeated with a non-default, unsorted `keep` (the last n2 features, listed in decreasing order), since
// which features are kept must change no spectrum or norm.
inline std::vector<DatasetSpec> dataset_grid(int max_n1 = 6) {
  std::vector<DatasetSpec> grid;
  for (int n1 = 1; n1 <= max_n1; ++n1)
    for (int n2 = 0; n2 <= n1; ++n2)
      for (int k1 = 0; k1 <= 3; ++k1)
        for (int k2 = 0; k2 <= 3; ++k2)
          for (double r : {0.5, 1.0, 2.0}) {
            grid.push_back({n1, n2, k1, k2, r, {}});
            if (r == 1.0 && n2 > 0 && n2 < n1) {
              DatasetSpec last = grid.back();
              for (int f = n1 - 1; f >= n1 - n2; --f) last.keep.push_back(f);
              grid.push_back(last);
            }
          }
  return grid;
}

inline std::string describe(const DatasetSpec& s) {
  return fmt::format("n1={} n2={} k1={} k2={} r={} keep={}", s.n1, s.n2, s.k1, s.k2, s.r, s.kept_features());
}

inline double max_abs(const Eigen::MatrixXd& m) { return m.size() > 0 ? m.cwiseAbs().maxCoeff() : 0.0; }

// [first, first + count) of the rows (or columns) of X or Y that a block covers: Ω rows come first,
// then the Γ copies.
struct Range {
  Eigen::Index first = 0, count = 0;
};
inline Range block_range(Eigen::Index omega_rows, Eigen::Index total_rows, Block block) {
  switch (block) {
    case Block::all: return {0, total_rows};
    case Block::omega: return {0, omega_rows};
    case Block::gamma: return {omega_rows, total_rows - omega_rows};
  }
  return {};
}

// The rows of X (n1 Ω rows) or Y (n2 Ω rows) that a module is connected to (docs/theory.md §7).
inline Eigen::MatrixXd block_rows(const Eigen::MatrixXd& M, Eigen::Index omega_rows, Block block) {
  const Range range = block_range(omega_rows, M.rows(), block);
  return M.middleRows(range.first, range.count);
}

// What one module trains on: X_m, Y_m and its own uncentred moments Σx_m = X_m X_mᵀ/P,
// Σyx_m = Y_m X_mᵀ/P.
struct ModuleData {
  Eigen::MatrixXd X, Y, sigma_x, sigma_yx;
};
inline ModuleData module_data(const DatasetSpec& spec, const analytic::ModuleLayout& layout) {
  ModuleData d;
  d.X = block_rows(analytic::input_matrix(spec), spec.n1, layout.input);
  d.Y = block_rows(analytic::output_matrix(spec), spec.n2, layout.output);
  d.sigma_x = d.X * d.X.transpose() / spec.P();
  d.sigma_yx = d.Y * d.X.transpose() / spec.P();
  return d;
}

// Explicit left (U) and right (V) vectors of a family, as columns, in its module's coordinates.
struct FamilyVectors {
  Eigen::MatrixXd U, V;
};
inline FamilyVectors family_vectors(const analytic::ArchitectureModes& modes, const analytic::ModeFamily& family) {
  const analytic::ModuleLayout layout = analytic::module_layouts(modes.arch)[static_cast<std::size_t>(family.module)];
  const auto walsh = analytic::walsh_indices(modes.spec, family.basis);
  return {analytic::mode_vectors(analytic::output_side(modes.spec, layout.output), family.u, walsh),
          analytic::mode_vectors(analytic::input_side(modes.spec, layout.input), family.v, walsh)};
}

}  // namespace dln::test
