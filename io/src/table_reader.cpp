#include "dln/io/table_reader.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <fmt/format.h>
#include <utility>

namespace dln::io {

namespace fs = std::filesystem;

namespace {

std::string_view type_name(const toml::node& node) {
  if (node.is_integer()) return "an integer";
  if (node.is_floating_point()) return "a number";
  if (node.is_string()) return "a string";
  if (node.is_boolean()) return "a boolean";
  if (node.is_array()) return "an array";
  if (node.is_table()) return "a table";
  return "a date or time";
}

}  // namespace

TableReader::TableReader(const toml::table& table, fs::path file, std::string section)
    : table_(table), file_(std::move(file)), section_(std::move(section)) {}

const toml::node* TableReader::find(std::string_view key) const {
  asked_.insert(std::string(key));
  return table_.get(key);
}

bool TableReader::has(std::string_view key) const { return find(key) != nullptr; }

std::string TableReader::where(const toml::node* node) const {
  // An absent key sits in its table, which the message names after this.
  if (!node) return section_.empty() ? file_.string() + ": top level" : file_.string();
  return fmt::format("{}:{}:{}", file_.string(), node->source().begin.line, node->source().begin.column);
}

void TableReader::fail(std::string_view key, const std::string& message) const {
  throw InvalidInput("recipes", fmt::format("{}: {}{}{} {}", where(table_.get(key)), section_,
                                            section_.empty() ? "" : " ", key, message));
}

std::string TableReader::recipe_key(const std::string& parameter) {
  return parameter == "init-scale" ? "scale" : parameter;
}

double TableReader::number(std::string_view key, std::optional<double> fallback) {
  const toml::node* node = find(key);
  if (!node) {
    if (!fallback) fail(key, "is required (a number)");
    return *fallback;
  }
  read_.insert(std::string(key));
  if (node->is_integer()) return static_cast<double>(node->as_integer()->get());
  if (node->is_floating_point()) return node->as_floating_point()->get();
  fail(key, fmt::format("must be a number, got {}", type_name(*node)));
}

int TableReader::integer(std::string_view key, std::optional<int> fallback) {
  const toml::node* node = find(key);
  if (!node) {
    if (!fallback) fail(key, "is required (an integer)");
    return *fallback;
  }
  read_.insert(std::string(key));
  if (!node->is_integer()) fail(key, fmt::format("must be an integer, got {}", type_name(*node)));
  const std::int64_t value = node->as_integer()->get();
  if (value < INT_MIN || value > INT_MAX) fail(key, fmt::format("= {} is out of range", value));
  return static_cast<int>(value);
}

std::string TableReader::text(std::string_view key, std::optional<std::string> fallback) {
  const toml::node* node = find(key);
  if (!node) {
    if (!fallback) fail(key, "is required (a string)");
    return *fallback;
  }
  read_.insert(std::string(key));
  if (!node->is_string()) fail(key, fmt::format("must be a string, got {}", type_name(*node)));
  return node->as_string()->get();
}

bool TableReader::boolean(std::string_view key, std::optional<bool> fallback) {
  const toml::node* node = find(key);
  if (!node) {
    if (!fallback) fail(key, "is required (true or false)");
    return *fallback;
  }
  read_.insert(std::string(key));
  if (!node->is_boolean()) fail(key, fmt::format("must be true or false, got {}", type_name(*node)));
  return node->as_boolean()->get();
}

std::vector<double> TableReader::numbers(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) fail(key, "is required (an array of numbers)");
  read_.insert(std::string(key));
  const toml::array* array = node->as_array();
  if (!array || array->empty()) fail(key, "must be a non-empty array of numbers");
  std::vector<double> values;
  for (const toml::node& element : *array) {
    if (element.is_integer()) values.push_back(static_cast<double>(element.as_integer()->get()));
    else if (element.is_floating_point()) values.push_back(element.as_floating_point()->get());
    else fail(key, fmt::format("must hold numbers only, found {}", type_name(element)));
  }
  return values;
}

std::vector<std::string> TableReader::texts(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) fail(key, "is required (an array of strings)");
  read_.insert(std::string(key));
  const toml::array* array = node->as_array();
  if (!array || array->empty()) fail(key, "must be a non-empty array of strings");
  std::vector<std::string> values;
  for (const toml::node& element : *array) {
    if (!element.is_string()) fail(key, fmt::format("must hold strings only, found {}", type_name(element)));
    values.push_back(element.as_string()->get());
  }
  return values;
}

std::vector<int> TableReader::integers(std::string_view key, std::optional<std::vector<int>> fallback) {
  const toml::node* node = find(key);
  if (!node) {
    if (!fallback) fail(key, "is required (an array of integers)");
    return *fallback;
  }
  read_.insert(std::string(key));
  const toml::array* array = node->as_array();
  if (!array) fail(key, fmt::format("must be an array of integers, got {}", type_name(*node)));
  std::vector<int> values;
  for (const toml::node& element : *array) {
    if (!element.is_integer()) fail(key, fmt::format("must hold integers only, found {}", type_name(element)));
    const std::int64_t value = element.as_integer()->get();
    if (value < INT_MIN || value > INT_MAX) fail(key, fmt::format("holds {}, out of range", value));
    values.push_back(static_cast<int>(value));
  }
  return values;
}

TableReader TableReader::table(std::string_view key) {
  static const toml::table empty;
  const toml::node* node = find(key);
  const std::string section = fmt::format("[{}]", key);
  if (!node) return TableReader(empty, file_, section);
  read_.insert(std::string(key));
  if (!node->is_table()) fail(key, fmt::format("must be a table ([{}]), got {}", key, type_name(*node)));
  return TableReader(*node->as_table(), file_, section);
}

std::vector<TableReader> TableReader::tables(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) fail(key, fmt::format("is required: one [[{}]] table or more", key));
  read_.insert(std::string(key));
  const toml::array* array = node->as_array();
  if (!array || array->empty() || !array->is_array_of_tables())
    fail(key, fmt::format("must be one [[{}]] table or more, got {}", key, type_name(*node)));
  std::vector<TableReader> readers;
  for (std::size_t i = 0; i < array->size(); ++i)
    readers.emplace_back(*array->get(i)->as_table(), file_, fmt::format("[[{}]] #{}", key, i + 1));
  return readers;
}

void TableReader::finish() const {
  for (const auto& [key, node] : table_) {
    if (read_.contains(key.str())) continue;
    std::string accepted;
    for (const auto& name : asked_) accepted += (accepted.empty() ? "" : ", ") + name;
    throw InvalidInput("recipes", fmt::format("{}:{}:{}: unknown key '{}'{}; accepted here: {}", file_.string(),
                                              key.source().begin.line, key.source().begin.column, key.str(),
                                              section_.empty() ? "" : " in " + section_, accepted));
  }
}

}  // namespace dln::io
