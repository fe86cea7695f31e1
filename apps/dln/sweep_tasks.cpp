#include "sweep_tasks.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

#include "command.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "parse_error.hpp"

namespace dln::cli {

namespace {

namespace fs = std::filesystem;

struct BaseCommand {
  std::string name;
  std::unique_ptr<Command> (*make)(CLI::App&);
};

// Every subcommand whose output is a learning-curve table (a "t" column first) can be swept.
const std::vector<BaseCommand>& base_commands() {
  static const std::vector<BaseCommand> table = {
      {"theory", make_theory_command},
      {"integrate", make_integrate_command},
      {"simulate", make_simulate_command},
      {"generalize", make_generalize_command},
  };
  return table;
}

// A fresh `dln <command>` parser; its Command reads the parsed flags.
struct Parsed {
  CLI::App root{"dln", "dln"};
  std::unique_ptr<Command> command;
};

std::unique_ptr<Parsed> parser(const std::string& name) {
  auto parsed = std::make_unique<Parsed>();
  const auto& table = base_commands();
  const auto it = std::find_if(table.begin(), table.end(), [&](const auto& c) { return c.name == name; });
  parsed->command = it->make(parsed->root);
  refuse_negative_unsigned(parsed->root);
  refuse_empty_values(parsed->root);
  return parsed;
}

// parse_error_line's message without its "error: ", which main adds once.
std::string strip_error_prefix(std::string line) {
  return line.starts_with("error: ") ? line.substr(7) : line;
}

std::string describe(const sweep::Task& task) {
  return fmt::format("task {} ({})", task.index, fmt::join(task.arguments, " "));
}

// Parses `dln <command> <task arguments> <extra>`; a CLI11 error becomes bad input naming the task.
std::unique_ptr<Parsed> parse(const io::SweepRecipe& recipe, const sweep::Task& task,
                              const std::vector<std::string>& extra) {
  auto parsed = parser(recipe.definition.command);
  std::vector<std::string> arguments{recipe.definition.command};
  arguments.insert(arguments.end(), task.arguments.begin(), task.arguments.end());
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  std::reverse(arguments.begin(), arguments.end());  // CLI11 takes them last first
  try {
    parsed->root.parse(arguments);
  } catch (const CLI::ParseError& e) {
    throw InvalidInput("recipe", fmt::format("{}: {}: {}", recipe.file.string(), describe(task),
                                             strip_error_prefix(parse_error_line(parsed->root, e))));
  }
  return parsed;
}

bool has_jobs_flag(const std::string& command) {
  return parser(command)->command->app->get_option_no_throw("--jobs") != nullptr;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
  return fields;
}

}  // namespace

std::vector<std::string> sweep_base_commands() {
  std::vector<std::string> names;
  for (const auto& c : base_commands()) names.push_back(c.name);
  return names;
}

void check_tasks(const io::SweepRecipe& recipe) {
  const auto& d = recipe.definition;
  const auto probe = parser(d.command);
  auto check_flag = [&](const std::string& name) {
    if (!probe->command->app->get_option_no_throw("--" + name))
      throw InvalidInput("recipe", fmt::format("{}: {} is not a flag of dln {} (see dln {} --help)",
                                               recipe.where.at(name), name, d.command, d.command));
  };
  for (const auto& [name, value] : d.fixed) check_flag(name);
  for (const auto& axis : d.grid) check_flag(axis.name);
  for (std::int64_t i = 0; i < d.task_count(); ++i) parse(recipe, sweep::make_task(d, i), {});
}

sweep::TaskResult run_task(const io::SweepRecipe& recipe, const sweep::Task& task) {
  const auto started = std::chrono::steady_clock::now();
  const fs::path directory = fs::temp_directory_path() / fmt::format("dln-sweep-{}-{}", ::getpid(), task.index);
  fs::create_directories(directory);
  const fs::path table = directory / "run.csv";
  sweep::TaskResult result;
  result.index = task.index;
  try {
    // The sweep's workers are the parallelism: a task's own seeds run serially unless the recipe says otherwise.
    std::vector<std::string> extra{"--out", table.string(), "--quiet"};
    if (has_jobs_flag(recipe.definition.command) && !recipe.where.contains("jobs")) extra.insert(extra.end(), {"--jobs", "1"});
    auto parsed = parse(recipe, task, extra);
    RunRecord record;
    record.command = recipe.definition.command;
    try {
      parsed->command->run(record);  // exit 1 (diverged) keeps its rows and says so in its manifest
    } catch (const InvalidInput& e) {
      const auto where = recipe.where.find(e.parameter());
      throw InvalidInput("recipe", fmt::format("{}: {}: --{} {}", where != recipe.where.end() ? where->second
                                                                                               : recipe.file.string(),
                                               describe(task), e.parameter(), e.what()));
    }
    result.status = nlohmann::json::parse(read_file(table.string() + ".manifest.json")).at("status");
    std::istringstream csv(read_file(table));
    std::string line;
    if (std::getline(csv, line)) result.columns = split(line);
    while (std::getline(csv, line)) result.rows.push_back(split(line));
  } catch (...) {
    fs::remove_all(directory);
    throw;
  }
  fs::remove_all(directory);
  result.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace dln::cli
