#pragma once
// Values at convergence against a parameter (an init scale): simulated ones as points, predicted ones as a
// dashed curve through them.
#include <string>
#include <utility>
#include <vector>

#include "dln/plots/figure.hpp"

namespace dln::drawing {

inline plots::Series final_values(std::string name, plots::Role role, plots::Hue hue, const std::vector<double>& x,
                                  const std::vector<double>& y) {
  plots::Series s{std::move(name), role, hue, x, y};
  s.markers = role == plots::Role::simulation;
  return s;
}

}  // namespace dln::drawing
