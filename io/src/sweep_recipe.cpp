#include "dln/io/sweep_recipe.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <set>
#include <toml++/toml.h>

#include "dln/analytic/invalid_input.hpp"

namespace dln::io {

namespace {

std::string where(const std::filesystem::path& file, const toml::node& node) {
  return fmt::format("{}:{}:{}", file.string(), node.source().begin.line, node.source().begin.column);
}

[[noreturn]] void fail(const std::filesystem::path& file, const toml::node& node, const std::string& message) {
  throw InvalidInput("recipe", where(file, node) + ": " + message);
}

// A flag's value as the command line spells it: integers as integers, numbers in the shortest form that
// reads back to the same double, strings as they are.
std::string flag_value(const std::filesystem::path& file, const std::string& key, const toml::node& node) {
  if (const auto* i = node.as_integer()) return std::to_string(i->get());
  if (const auto* d = node.as_floating_point()) {
    if (!std::isfinite(d->get())) fail(file, node, key + " must be finite");
    return fmt::format("{}", d->get());
  }
  if (const auto* s = node.as_string()) {
    if (s->get().empty() || s->get().find_first_of(",\n") != std::string::npos)
      fail(file, node, key + " must be a non-empty string without commas or newlines (it is a CSV cell)");
    return s->get();
  }
  fail(file, node, key + " must be a number, an integer or a string");
}

// {from, to[, step]} of integers, or {from, to, count} of numbers.
std::vector<std::string> range_values(const std::filesystem::path& file, const std::string& key,
                                      const toml::table& range) {
  for (const auto& [name, value] : range)
    if (name != "from" && name != "to" && name != "step" && name != "count")
      fail(file, value, fmt::format("grid.{}.{} is not a range key; accepted: from, to, step, count", key, name.str()));
  const auto* from = range.get("from");
  const auto* to = range.get("to");
  if (!from || !to) fail(file, range, fmt::format("grid.{} needs from and to", key));
  if (const auto* count = range.get("count")) {
    if (range.contains("step")) fail(file, *count, fmt::format("grid.{}: give step or count, not both", key));
    const auto n = count->value<std::int64_t>();
    const auto a = from->value<double>(), b = to->value<double>();
    if (!n || *n < 1) fail(file, *count, fmt::format("grid.{}.count must be an integer ≥ 1", key));
    if (!a || !b || !std::isfinite(*a) || !std::isfinite(*b)) fail(file, *from, fmt::format("grid.{}: from and to must be finite numbers", key));
    if (*n == 1 && *a != *b) fail(file, *count, fmt::format("grid.{}: count = 1 needs from = to", key));
    std::vector<std::string> values;
    for (std::int64_t i = 0; i < *n; ++i)
      values.push_back(fmt::format("{}", *n == 1 ? *a : *a + (*b - *a) * static_cast<double>(i) / static_cast<double>(*n - 1)));
    return values;
  }
  const auto a = from->as_integer(), b = to->as_integer();
  if (!a || !b) fail(file, *from, fmt::format("grid.{}: an integer range needs integer from and to (or give count)", key));
  std::int64_t step = 1;
  if (const auto* s = range.get("step")) {
    if (!s->as_integer() || s->as_integer()->get() < 1) fail(file, *s, fmt::format("grid.{}.step must be an integer ≥ 1", key));
    step = s->as_integer()->get();
  }
  if (b->get() < a->get()) fail(file, *from, fmt::format("grid.{}: from = {} > to = {} is an empty range", key, a->get(), b->get()));
  if ((b->get() - a->get()) / step >= 1'000'000) fail(file, *from, fmt::format("grid.{}: more than a million values", key));
  std::vector<std::string> values;
  for (std::int64_t v = a->get(); v <= b->get(); v += step) values.push_back(std::to_string(v));
  return values;
}

}  // namespace

SweepRecipe read_sweep_recipe(const std::filesystem::path& file, const std::vector<std::string>& commands) {
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    throw InvalidInput("recipe", fmt::format("{}:{}:{}: {}", file.string(), e.source().begin.line,
                                             e.source().begin.column, e.description()));
  }
  SweepRecipe recipe;
  recipe.file = file;
  auto& d = recipe.definition;
  const std::string accepted = "command, seeds, seed, max_tasks, [fixed], [grid]";
  for (const auto& [key, value] : root) {
    const std::string name(key.str());
    if (name == "command") {
      const auto* s = value.as_string();
      if (!s || std::find(commands.begin(), commands.end(), s->get()) == commands.end())
        fail(file, value, fmt::format("command must be one of {}", fmt::join(commands, ", ")));
      d.command = s->get();
    } else if (name == "seeds" || name == "max_tasks") {
      const auto* i = value.as_integer();
      if (!i) fail(file, value, name + " must be an integer");
      if (name == "seeds" && (i->get() < 0 || i->get() > 1'000'000)) fail(file, value, "seeds must be in 0..1000000");
      if (name == "max_tasks" && i->get() < 1) fail(file, value, "max_tasks must be ≥ 1");
      (name == "seeds" ? d.seeds = static_cast<int>(i->get()) : d.max_tasks = i->get());
    } else if (name == "seed") {
      const auto* i = value.as_integer();
      if (!i || i->get() < 0) fail(file, value, "seed must be an integer ≥ 0");
      d.base_seed = static_cast<std::uint64_t>(i->get());
    } else if (name == "fixed" || name == "grid") {
      const auto* table = value.as_table();
      if (!table) fail(file, value, fmt::format("{} must be a table ([{}])", name, name));
      // In the file's order (toml++ keeps keys sorted): the first grid axis varies slowest.
      std::vector<std::pair<std::string, const toml::node*>> entries;
      for (const auto& [flag_key, flag_node] : *table) entries.emplace_back(std::string(flag_key.str()), &flag_node);
      std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        const auto &pa = a.second->source().begin, &pb = b.second->source().begin;
        return std::pair(pa.line, pa.column) < std::pair(pb.line, pb.column);
      });
      for (const auto& [flag, node] : entries) {
        const toml::node& flag_node = *node;
        recipe.where[flag] = where(file, flag_node);
        if (name == "fixed") {
          d.fixed.emplace_back(flag, flag_value(file, "fixed." + flag, flag_node));
          continue;
        }
        sweep::Axis axis{flag, {}};
        if (const auto* list = flag_node.as_array()) {
          for (const auto& element : *list) axis.values.push_back(flag_value(file, "grid." + flag, element));
          if (axis.values.empty()) fail(file, flag_node, fmt::format("grid.{} is an empty list: give at least one value", flag));
        } else if (const auto* range = flag_node.as_table()) {
          axis.values = range_values(file, flag, *range);
        } else {
          fail(file, flag_node, fmt::format("grid.{} must be a list or a range {{from, to[, step | count]}}", flag));
        }
        d.grid.push_back(std::move(axis));
      }
    } else {
      fail(file, value, fmt::format("unknown key {}; accepted: {}", name, accepted));
    }
  }
  if (d.command.empty())
    throw InvalidInput("recipe", fmt::format("{}: top level: command is required (one of {})", file.string(), fmt::join(commands, ", ")));
  try {
    d.validate();
  } catch (const InvalidInput& e) {
    throw InvalidInput("recipe", fmt::format("{}: {}", file.string(), e.what()));
  }
  return recipe;
}

}  // namespace dln::io
