#pragma once
// A sweep's task list: every grid point × seed is one task with a fixed index, and the task's seed depends
// only on (base seed, task index), so that results never depend on how many workers ran them or where.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace dln::sweep {

// One swept parameter: the base command's flag name (without "--") and its values as the flag reads them.
struct Axis {
  std::string name;
  std::vector<std::string> values;
};

// What a sweep recipe says; readers (io/sweep_recipe.hpp) build one.
struct Definition {
  std::string command;                                    // the base command: "simulate", "theory", …
  std::vector<std::pair<std::string, std::string>> fixed;  // flags every task gets
  std::vector<Axis> grid;                                  // the first axis varies slowest
  int seeds = 0;               // runs per grid point, each with its own --seed; 0: no --seed is passed
  std::uint64_t base_seed = 0;
  std::int64_t max_tasks = 10000;  // the stated task limit

  // Throws dln::InvalidInput("recipe", …) for an empty grid or axis, a parameter given twice, a
  // sweep over --seed/--out, or more than max_tasks tasks.
  void validate() const;
  std::int64_t points() const;  // grid points (1 for a grid without axes)
  std::int64_t task_count() const { return points() * (seeds > 0 ? seeds : 1); }
  // FNV-1a of a canonical text of everything above: shards merge only with the same hash.
  std::uint64_t hash() const;
};

struct Task {
  std::int64_t index = 0;       // point · max(seeds, 1) + seed_index
  std::int64_t point = 0;
  int seed_index = 0;
  std::uint64_t seed = 0;       // task_seed(base_seed, index); unused when seeds = 0
  std::vector<std::string> grid_values;  // one per axis
  // The base command's arguments: fixed flags, grid flags, then --seed when the recipe has seeds.
  std::vector<std::string> arguments;
};

// SplitMix64 of base_seed + index: distinct, well-mixed seeds whatever the partition.
std::uint64_t task_seed(std::uint64_t base_seed, std::int64_t index);

// Task `index` of a validated definition, 0 ≤ index < task_count().
Task make_task(const Definition& definition, std::int64_t index);

// A half-open range of task indices [begin, end).
struct TaskRange {
  std::int64_t begin = 0, end = 0;
  std::int64_t size() const { return end - begin; }
};

// "i:j" (0-based, j exclusive) or shard "k/K" (1 ≤ k ≤ K, contiguous, sizes differing by at most one);
// throws dln::InvalidInput("task-range" / "shard", …) outside [0, task_count].
TaskRange parse_task_range(const std::string& text, std::int64_t task_count);
TaskRange parse_shard(const std::string& text, std::int64_t task_count);

}  // namespace dln::sweep
