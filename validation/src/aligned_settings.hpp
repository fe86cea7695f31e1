#pragma once
// The settings V2 and V3 run every architecture on: the paper's, a general one, and every degenerate
// case the original scripts crashed on (docs/theory.md §13).
#include <vector>

#include "dln/analytic/dataset.hpp"

namespace dln::validation {

inline std::vector<analytic::DatasetSpec> aligned_settings(bool quick) {
  if (quick) return {{3, 1, 3, 1, 1.0, {}}, {3, 2, 1, 2, 0.5, {0, 2}}, {3, 1, 0, 2, 1.0, {}}};
  return {{3, 1, 3, 1, 1.0, {}}, {3, 2, 1, 2, 0.5, {0, 2}}, {3, 1, 0, 2, 1.0, {}}, {3, 1, 2, 0, 1.5, {}},
          {3, 0, 2, 1, 1.0, {}}, {3, 3, 1, 1, 2.0, {}},     {3, 1, 2, 2, 1.0, {}}, {4, 2, 3, 1, 1.0, {1, 3}}};
}

// Enough hidden units for one unit per mode of any module (at most P modes).
inline int aligned_hidden(const analytic::DatasetSpec& spec) { return static_cast<int>(spec.patterns()) + spec.n1; }

}  // namespace dln::validation
