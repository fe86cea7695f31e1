#pragma once
// Learning curves of several runs from different seeds, summarised per epoch as mean and standard deviation.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dln::nonlinear {

// values[t][k]: run value of column k after t epochs (t = 0 is the initial network).
using RunCurves = std::vector<std::vector<double>>;

struct SeedCurves {
  std::vector<std::string> columns;
  std::vector<std::vector<double>> mean, sd;  // [t][column]; sd with denominator runs − 1 (0 for one run)
  std::vector<std::uint64_t> seeds;
  // A run whose parameters became non-finite stops there; every curve then ends at the epoch before the first
  // such failure (the rows are the epochs all runs reached).
  std::optional<int> failed_at;
  std::optional<std::uint64_t> failed_seed;

  bool ok() const { return !failed_at; }
  std::size_t column(const std::string& name) const;  // index of a column; throws std::out_of_range
  const std::vector<double>& final_mean() const { return mean.back(); }
};

// Mean and sd over the runs of every column, for the epochs every run reached. runs[i] came from seeds[i]; a
// run shorter than `rows` (t = 0..epochs) stopped early, and the earliest such stop is failed_at/failed_seed.
SeedCurves summarize(std::vector<std::string> columns, const std::vector<RunCurves>& runs,
                     std::vector<std::uint64_t> seeds, std::size_t rows);

// 1 ≤ count ≤ kMaxSeeds and seed + count − 1 must not wrap: dln::InvalidInput("seeds", …) otherwise.
inline constexpr int kMaxSeeds = 1000;
void validate_seeds(std::uint64_t seed, int count);

}  // namespace dln::nonlinear
