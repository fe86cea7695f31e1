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

using Commands = std::vector<std::unique_ptr<Command>>;

struct BaseCommand {
  std::string name;  // as in a recipe's `command`: "simulate", "modules simulate", …
  Commands (*make)(CLI::App&);  // registers the command (a family registers all its members)
  std::size_t member = 0;       // which of the made commands runs
};

Commands one(std::unique_ptr<Command> command) {
  Commands commands;
  commands.push_back(std::move(command));
  return commands;
}

// Every subcommand whose output is a learning-curve table (a "t" column first) can be swept.
const std::vector<BaseCommand>& base_commands() {
  static const std::vector<BaseCommand> table = {
      {"theory", [](CLI::App& dln) { return one(make_theory_command(dln)); }},
      {"integrate", [](CLI::App& dln) { return one(make_integrate_command(dln)); }},
      {"simulate", [](CLI::App& dln) { return one(make_simulate_command(dln)); }},
      {"generalize", [](CLI::App& dln) { return one(make_generalize_command(dln)); }},
      // make_modules_commands makes theory, integrate and simulate, in that order.
      {"modules theory", make_modules_commands, 0},
      {"modules integrate", make_modules_commands, 1},
      {"modules simulate", make_modules_commands, 2},
  };
  return table;
}

// A fresh `dln <command>` parser; `command` (one of `all`, which keeps the family's flags alive) reads the
// parsed flags.
struct Parsed {
  CLI::App root{"dln", "dln"};
  Commands all;
  Command* command = nullptr;
};

std::unique_ptr<Parsed> parser(const std::string& name) {
  auto parsed = std::make_unique<Parsed>();
  const auto& table = base_commands();
  const auto it = std::find_if(table.begin(), table.end(), [&](const auto& c) { return c.name == name; });
  parsed->all = it->make(parsed->root);
  parsed->command = parsed->all.at(it->member).get();
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
  std::vector<std::string> arguments;  // "modules simulate" is two words on the command line
  std::istringstream words(recipe.definition.command);
  for (std::string word; words >> word;) arguments.push_back(word);
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
