#include "sweep_output.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "dln/analytic/invalid_input.hpp"
#include "dln/io/atomic_file.hpp"
#include "dln/io/manifest.hpp"
#include "dln/io/output_target.hpp"

namespace dln::cli {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string hex(std::uint64_t value) { return fmt::format("{:016x}", value); }

json definition_json(const sweep::Definition& d) {
  json grid = json::array();
  for (const auto& axis : d.grid) grid.push_back({{"name", axis.name}, {"values", axis.values}});
  return {{"command", d.command}, {"fixed", d.fixed},     {"grid", grid},
          {"seeds", d.seeds},     {"seed", d.base_seed}, {"max_tasks", d.max_tasks}};
}

sweep::Definition definition_from(const json& j) {
  sweep::Definition d;
  d.command = j.at("command");
  d.fixed = j.at("fixed").get<std::vector<std::pair<std::string, std::string>>>();
  for (const auto& axis : j.at("grid")) d.grid.push_back({axis.at("name"), axis.at("values")});
  d.seeds = j.at("seeds");
  d.base_seed = j.at("seed");
  d.max_tasks = j.at("max_tasks");
  return d;
}

json tasks_json(const sweep::Definition& d, const std::vector<sweep::TaskResult>& results) {
  json tasks = json::array();
  for (const auto& result : results) {
    const auto task = sweep::make_task(d, result.index);
    json grid = json::object();
    for (std::size_t a = 0; a < d.grid.size(); ++a) grid[d.grid[a].name] = task.grid_values[a];
    json entry = {{"index", task.index}, {"grid", grid}, {"status", result.status}, {"wall_time_s", result.wall_time_s}};
    if (d.seeds > 0) entry["seed"] = task.seed;
    tasks.push_back(entry);
  }
  return tasks;
}

// Everything but the files: the recipe, its hash, the backend and each task's outcome and wall time, and the
// provenance of every dln manifest.
json manifest(const std::string& recipe_file, const sweep::Definition& d, const Backend& backend,
              sweep::TaskRange range, const std::vector<sweep::TaskResult>& results, bool final_only) {
  const auto not_ok = std::count_if(results.begin(), results.end(), [](const auto& r) { return r.status != "ok"; });
  json m{{"tool", "dln"},
          {"command", "sweep"},
          {"recipe", recipe_file},
          {"recipe_hash", hex(d.hash())},
          {"definition", definition_json(d)},
          {"backend", backend.name},
          {"workers", backend.workers},
          {"task_range", {range.begin, range.end}},
          {"task_count", d.task_count()},
          {"final_only", final_only},
          // A diverged task is a result: its rows stop where it stopped, and it is counted here.
          {"status", not_ok == 0 ? "ok" : fmt::format("{} of {} tasks not ok (see tasks)", not_ok, results.size())},
          {"tasks", tasks_json(d, results)}};
  io::add_provenance(m);
  return m;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InvalidInput("merge", fmt::format("cannot read '{}'", path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_tables(const fs::path& directory, const sweep::Definition& d, const std::vector<sweep::TaskResult>& results,
                  bool final_only, json manifest_json) {
  fs::create_directories(directory);
  // The manifest is the commit record (docs/conventions.md §3): an earlier one goes before its tables change.
  io::remove_file(directory / "sweep.manifest.json");
  io::write_file(directory / "sweep.csv", sweep::long_csv(d, results, final_only));
  io::write_file(directory / "sweep_summary.csv", sweep::summary_csv(d, results));
  manifest_json["files"] = {"sweep.csv", "sweep_summary.csv"};
  io::write_file(directory / "sweep.manifest.json", manifest_json.dump(2) + "\n");
}

}  // namespace

void check_output_directory(const std::string& directory) {
  std::error_code ec;
  if (fs::exists(directory, ec) && !fs::is_directory(directory, ec))
    throw InvalidInput("out", fmt::format("'{}' exists and is not a directory", directory));
  // An existing directory must take our files (a new one is created when the tables are written).
  if (fs::is_directory(directory, ec)) io::check_output_target(fs::path(directory) / "sweep.csv", "out");
}

void write_sweep(const io::SweepRecipe& recipe, const Backend& backend, sweep::TaskRange range,
                 const std::vector<sweep::TaskResult>& results, bool final_only, const std::string& directory) {
  const auto& d = recipe.definition;
  auto m = manifest(recipe.file.string(), d, backend, range, results, final_only);
  if (backend.name.find("shard") == std::string::npos) return write_tables(directory, d, results, final_only, m);
  fs::create_directories(directory);
  const std::string stem = fmt::format("shard-{:09}-{:09}", range.begin, range.end);
  io::remove_file(fs::path(directory) / (stem + ".manifest.json"));
  io::write_file(fs::path(directory) / (stem + ".csv"), sweep::long_csv(d, results, final_only));
  m["files"] = {stem + ".csv"};
  io::write_file(fs::path(directory) / (stem + ".manifest.json"), m.dump(2) + "\n");
}

void merge_shards(const std::string& directory) {
  std::vector<fs::path> manifests;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("shard-") && name.ends_with(".manifest.json")) manifests.push_back(entry.path());
  }
  if (ec) throw InvalidInput("merge", fmt::format("cannot read directory '{}': {}", directory, ec.message()));
  if (manifests.empty())
    throw InvalidInput("merge", fmt::format("no shard-*.manifest.json in '{}' (run dln sweep --shard k/K --out {})",
                                            directory, directory));
  std::sort(manifests.begin(), manifests.end());

  std::vector<json> shards;
  for (const auto& path : manifests) {
    try {
      shards.push_back(json::parse(read_file(path)));
    } catch (const json::exception& e) {
      throw InvalidInput("merge", fmt::format("'{}' is not a shard manifest: {}", path.string(), e.what()));
    }
  }
  const json& first = shards.front();
  const auto d = definition_from(first.at("definition"));
  if (hex(d.hash()) != first.at("recipe_hash"))
    throw InvalidInput("merge", fmt::format("'{}': its recipe does not match its recipe_hash", manifests[0].string()));
  const bool final_only = first.at("final_only");
  std::vector<std::pair<sweep::TaskRange, std::size_t>> ranges;
  for (std::size_t s = 0; s < shards.size(); ++s) {
    if (shards[s].at("recipe_hash") != first.at("recipe_hash"))
      throw InvalidInput("merge", fmt::format("'{}' is from another recipe (hash {}) than '{}' (hash {}): merge shards of "
                                              "one recipe only", manifests[s].string(),
                                              shards[s].at("recipe_hash").get<std::string>(), manifests[0].string(),
                                              first.at("recipe_hash").get<std::string>()));
    if (shards[s].at("final_only") != final_only)
      throw InvalidInput("merge", fmt::format("'{}' and '{}' differ in --final-only", manifests[s].string(),
                                              manifests[0].string()));
    ranges.push_back({{shards[s].at("task_range")[0], shards[s].at("task_range")[1]}, s});
  }
  std::sort(ranges.begin(), ranges.end(), [](const auto& a, const auto& b) { return a.first.begin < b.first.begin; });
  std::int64_t covered = 0;
  for (const auto& [range, s] : ranges) {
    if (range.begin != covered)
      throw InvalidInput("merge", fmt::format("tasks {}..{} are {} (shards must cover 0..{} exactly once)", covered,
                                              range.begin - 1, range.begin > covered ? "missing" : "in two shards",
                                              d.task_count() - 1));
    covered = range.end;
  }
  if (covered != d.task_count())
    throw InvalidInput("merge", fmt::format("tasks {}..{} are missing (shards must cover 0..{} exactly once)", covered,
                                            d.task_count() - 1, d.task_count() - 1));

  std::vector<sweep::TaskResult> results;
  for (const auto& [range, s] : ranges) {
    // The manifest lists every task; the table only those with rows (a run may stop before its first).
    std::map<std::int64_t, sweep::TaskResult> rows;
    for (auto& result : sweep::parse_long_csv(d, read_file(fs::path(directory) / shards[s].at("files")[0].get<std::string>())))
      rows[result.index] = std::move(result);
    for (const auto& task : shards[s].at("tasks")) {
      sweep::TaskResult result = std::move(rows[task.at("index").get<std::int64_t>()]);
      result.index = task.at("index");
      result.status = task.at("status");
      result.wall_time_s = task.at("wall_time_s");
      results.push_back(std::move(result));
    }
  }
  auto m = manifest(first.at("recipe"), d, Backend{"shards, merged", static_cast<int>(shards.size())},
                    {0, d.task_count()}, results, final_only);
  json parts = json::array();
  for (std::size_t s = 0; s < shards.size(); ++s)
    parts.push_back({{"manifest", manifests[s].filename().string()}, {"backend", shards[s].at("backend")},
                     {"workers", shards[s].at("workers")}, {"task_range", shards[s].at("task_range")}});
  m["shards"] = parts;
  write_tables(directory, d, results, final_only, m);
}

}  // namespace dln::cli
