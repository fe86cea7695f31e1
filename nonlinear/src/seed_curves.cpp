#include "dln/nonlinear/seed_curves.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <stdexcept>

#include "dln/analytic/invalid_input.hpp"

namespace dln::nonlinear {

std::size_t SeedCurves::column(const std::string& name) const {
  const auto it = std::find(columns.begin(), columns.end(), name);
  if (it == columns.end()) throw std::out_of_range("no column " + name);
  return static_cast<std::size_t>(it - columns.begin());
}

SeedCurves summarize(std::vector<std::string> columns, const std::vector<RunCurves>& runs,
                     std::vector<std::uint64_t> seeds, std::size_t rows) {
  SeedCurves curves;
  curves.columns = std::move(columns);
  curves.seeds = std::move(seeds);
  for (std::size_t i = 0; i < runs.size(); ++i)
    if (runs[i].size() < rows) {
      rows = runs[i].size();
      curves.failed_at = static_cast<int>(rows);
      curves.failed_seed = curves.seeds[i];
    }
  const auto n = static_cast<double>(runs.size());
  const std::size_t k_count = curves.columns.size();
  for (std::size_t t = 0; t < rows; ++t) {
    std::vector<double> mean(k_count, 0.0), var(k_count, 0.0), sd(k_count, 0.0);
    for (const RunCurves& run : runs)
      for (std::size_t k = 0; k < k_count; ++k) mean[k] += run[t][k] / n;
    for (const RunCurves& run : runs)
      for (std::size_t k = 0; k < k_count; ++k) var[k] += (run[t][k] - mean[k]) * (run[t][k] - mean[k]);
    if (runs.size() > 1)
      for (std::size_t k = 0; k < k_count; ++k) sd[k] = std::sqrt(var[k] / (n - 1.0));
    curves.mean.push_back(std::move(mean));
    curves.sd.push_back(std::move(sd));
  }
  return curves;
}

void validate_seeds(std::uint64_t seed, int count) {
  if (count < 1 || count > kMaxSeeds)
    throw InvalidInput("seeds", fmt::format("must be an integer in [1, {}], got {}", kMaxSeeds, count));
  if (seed > std::numeric_limits<std::uint64_t>::max() - static_cast<std::uint64_t>(count - 1))
    throw InvalidInput("seeds", fmt::format("seed {} + {} runs would pass 2^64 − 1", seed, count));
}

}  // namespace dln::nonlinear
