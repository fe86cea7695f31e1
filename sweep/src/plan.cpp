#include "dln/sweep/plan.hpp"

#include <charconv>
#include <fmt/format.h>
#include <set>

#include "dln/analytic/invalid_input.hpp"

namespace dln::sweep {

namespace {

// Flags a sweep sets itself: the seed of each task and where its output goes.
const std::set<std::string> kReserved = {"seed", "seeds", "out", "quiet", "help"};

std::int64_t parse_index(const std::string& text, const std::string& parameter, const std::string& form) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty())
    throw InvalidInput(parameter, fmt::format("'{}' is not of the form {}", text, form));
  return value;
}

}  // namespace

void Definition::validate() const {
  std::set<std::string> seen;
  auto check_name = [&](const std::string& name) {
    if (kReserved.contains(name))
      throw InvalidInput("recipe", fmt::format("'{}' is set by the sweep itself (seeds and seed for seeds, --out "
                                               "and --quiet per task); remove it", name));
    if (!seen.insert(name).second) throw InvalidInput("recipe", fmt::format("'{}' is given twice", name));
  };
  for (const auto& [name, value] : fixed) check_name(name);
  for (const Axis& axis : grid) {
    check_name(axis.name);
    if (axis.values.empty()) throw InvalidInput("recipe", fmt::format("grid.{} is empty: give at least one value", axis.name));
  }
  if (grid.empty()) throw InvalidInput("recipe", "the grid is empty: give at least one parameter in [grid]");
  if (seeds < 0) throw InvalidInput("recipe", fmt::format("seeds = {}: accepted 0 (no --seed) or more", seeds));
  if (max_tasks < 1) throw InvalidInput("recipe", fmt::format("max_tasks = {}: accepted ≥ 1", max_tasks));
  // Counted with a cap, so that a huge grid cannot overflow before it is refused.
  std::int64_t count = seeds > 0 ? seeds : 1;
  for (const Axis& axis : grid) {
    count *= static_cast<std::int64_t>(axis.values.size());
    if (count > max_tasks) break;
  }
  if (count > max_tasks)
    throw InvalidInput("recipe", fmt::format("the grid has more than max_tasks = {} tasks (grid points × seeds); "
                                             "split it or raise max_tasks", max_tasks));
}

std::int64_t Definition::points() const {
  std::int64_t count = 1;
  for (const Axis& axis : grid) count *= static_cast<std::int64_t>(axis.values.size());
  return count;
}

std::uint64_t Definition::hash() const {
  std::string text = fmt::format("command={}\nseeds={}\nseed={}\nmax_tasks={}\n", command, seeds, base_seed, max_tasks);
  for (const auto& [name, value] : fixed) text += fmt::format("fixed.{}={}\n", name, value);
  for (const Axis& axis : grid) text += fmt::format("grid.{}={}\n", axis.name, fmt::join(axis.values, "\x1f"));
  std::uint64_t h = 14695981039346656037ULL;  // FNV-1a, 64 bit
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return h;
}

std::uint64_t task_seed(std::uint64_t base_seed, std::int64_t index) {
  std::uint64_t z = base_seed + static_cast<std::uint64_t>(index) * 0x9E3779B97F4A7C15ULL + 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

Task make_task(const Definition& definition, std::int64_t index) {
  Task task;
  task.index = index;
  const int per_point = definition.seeds > 0 ? definition.seeds : 1;
  task.point = index / per_point;
  task.seed_index = static_cast<int>(index % per_point);
  for (const auto& [name, value] : definition.fixed) task.arguments.insert(task.arguments.end(), {"--" + name, value});
  // Mixed radix, the last axis fastest.
  task.grid_values.resize(definition.grid.size());
  std::int64_t rest = task.point;
  for (std::size_t a = definition.grid.size(); a-- > 0;) {
    const auto& values = definition.grid[a].values;
    task.grid_values[a] = values[static_cast<std::size_t>(rest % static_cast<std::int64_t>(values.size()))];
    rest /= static_cast<std::int64_t>(values.size());
  }
  for (std::size_t a = 0; a < definition.grid.size(); ++a)
    task.arguments.insert(task.arguments.end(), {"--" + definition.grid[a].name, task.grid_values[a]});
  if (definition.seeds > 0) {
    task.seed = task_seed(definition.base_seed, index);
    task.arguments.insert(task.arguments.end(), {"--seed", std::to_string(task.seed)});
  }
  return task;
}

TaskRange parse_task_range(const std::string& text, std::int64_t task_count) {
  const auto colon = text.find(':');
  const std::string form = "i:j (tasks i to j−1)";
  if (colon == std::string::npos) throw InvalidInput("task-range", fmt::format("'{}' is not of the form {}", text, form));
  const TaskRange range{parse_index(text.substr(0, colon), "task-range", form),
                        parse_index(text.substr(colon + 1), "task-range", form)};
  if (range.begin < 0 || range.begin >= range.end || range.end > task_count)
    throw InvalidInput("task-range", fmt::format("{} is outside the task list: accepted 0 ≤ i < j ≤ {}", text, task_count));
  return range;
}

TaskRange parse_shard(const std::string& text, std::int64_t task_count) {
  const auto slash = text.find('/');
  const std::string form = "k/K (shard k of K, 1 ≤ k ≤ K)";
  if (slash == std::string::npos) throw InvalidInput("shard", fmt::format("'{}' is not of the form {}", text, form));
  const std::int64_t k = parse_index(text.substr(0, slash), "shard", form);
  const std::int64_t shards = parse_index(text.substr(slash + 1), "shard", form);
  if (shards < 1 || k < 1 || k > shards || shards > task_count)
    throw InvalidInput("shard", fmt::format("{}: accepted 1 ≤ k ≤ K ≤ {} (the number of tasks)", text, task_count));
  // Shard k gets tasks [⌊(k−1)·n/K⌋, ⌊k·n/K⌋).
  return {(k - 1) * task_count / shards, k * task_count / shards};
}

}  // namespace dln::sweep
