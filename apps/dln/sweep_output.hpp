#pragma once
// A sweep's files: sweep.csv (long), sweep_summary.csv (mean, sd, se over seeds) and sweep.manifest.json,
// or one shard-<i>-<j>.csv with its manifest per task range; every file whole or absent, the manifest last.
#include <string>
#include <vector>

#include "dln/io/sweep_recipe.hpp"
#include "dln/sweep/results.hpp"

namespace dln::cli {

struct Backend {
  std::string name;  // "threads", "mpi", "shard", "mpi shard"
  int workers = 1;
};

// Throws dln::InvalidInput("out", …) when `directory` exists and is not a directory, io::IoError when it exists
// and is not writable; called before any work.
void check_output_directory(const std::string& directory);

// The shard files when `range` is not the whole task list (or the backend is a shard), else the sweep's.
void write_sweep(const io::SweepRecipe& recipe, const Backend& backend, sweep::TaskRange range,
                 const std::vector<sweep::TaskResult>& results, bool final_only, const std::string& directory);

// `dln sweep merge DIR`: the shards' manifests must share one recipe hash and --final-only and cover
// every task exactly once (else dln::InvalidInput("merge", …), nothing written); writes the sweep's files.
void merge_shards(const std::string& directory);

}  // namespace dln::cli
