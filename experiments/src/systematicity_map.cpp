#include "dln/experiments/systematicity_map.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "dln/analytic.hpp"

namespace dln::experiments {

namespace {

bool increasing(const auto& values) {
  return std::adjacent_find(values.begin(), values.end(), [](auto a, auto b) { return a >= b; }) == values.end();
}

}  // namespace

double non_systematic_share(const analytic::DatasetSpec& dataset) {
  return analytic::systematicity(
      analytic::asymptotic_quadrants(analytic::architecture_modes(dataset, analytic::Architecture::dense)));
}

analytic::DatasetSpec SystematicityMapSpec::dataset(int n1_value, int k1_value, double r_value) const {
  return {n1_value, n2, k1_value, k2, r_value, {}};
}

void SystematicityMapSpec::validate() const {
  if (n1.empty()) throw InvalidInput("n1", "must list at least one n1 (one panel each)");
  if (n2 < 1) throw InvalidInput("n2", fmt::format("must be ≥ 1 (the map is about the compositional outputs), got {}", n2));
  if (k1.empty() || !increasing(k1)) throw InvalidInput("k1", "must be a non-empty, strictly increasing list");
  if (r.empty() || !increasing(r)) throw InvalidInput("r", "must be a non-empty, strictly increasing list");
  for (int n : n1)
    for (int k : k1)
      for (double r_value : r) dataset(n, k, r_value).validate();
}

SystematicityMapResult SystematicityMapSpec::run() const {
  SystematicityMapResult result;
  for (int n : n1) {
    SystematicityGrid grid{n, {}};
    for (double r_value : r)
      for (int k : k1) grid.share.push_back(non_systematic_share(dataset(n, k, r_value)));
    result.grids.push_back(std::move(grid));
  }
  return result;
}

}  // namespace dln::experiments
