#pragma once
// TOML read strictly: unknown keys, wrong types and out-of-range values are bad input that names the
// file, line and column (dln::InvalidInput("recipes", "<file>:<line>:<column>: …")).
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

#include "dln/analytic/invalid_input.hpp"

namespace dln::io {

// One TOML table read strictly: every key must be consumed (finish() rejects the rest), and every
// error is dln::InvalidInput("recipes", "<file>:<line>:<column>: …").
class TableReader {
public:
  TableReader(const toml::table& table, std::filesystem::path file, std::string section);

  bool has(std::string_view key) const;
  const std::filesystem::path& file() const { return file_; }  // the recipe's file
  // A required value (no fallback) or an optional one; integers are accepted where numbers are.
  double number(std::string_view key, std::optional<double> fallback = {});
  int integer(std::string_view key, std::optional<int> fallback = {});
  std::string text(std::string_view key, std::optional<std::string> fallback = {});
  bool boolean(std::string_view key, std::optional<bool> fallback = {});
  std::vector<double> numbers(std::string_view key);  // a non-empty array
  std::vector<std::string> texts(std::string_view key);  // a non-empty array
  std::vector<int> integers(std::string_view key, std::optional<std::vector<int>> fallback = {});
  // A sub-table ([section]); an absent one reads as empty, so that every key in it takes its fallback.
  TableReader table(std::string_view key);
  // An array of tables ([[section]]), each read strictly; required and non-empty.
  std::vector<TableReader> tables(std::string_view key);
  // Throws for every key that was not read, listing the accepted ones.
  void finish() const;

  // Bad input at a key's value (or at the table, when the key is absent).
  [[noreturn]] void fail(std::string_view key, const std::string& message) const;
  // Runs a check that throws dln::InvalidInput(parameter, …) (parse_architecture and the like) and
  // re-throws its message at the recipe key of that parameter.
  template <class Check>
  void checked(Check&& check) const {
    try {
      check();
    } catch (const InvalidInput& e) {
      fail(recipe_key(e.parameter()), e.what());
    }
  }
  // The recipe key of a parameter as the library names it (the command line's spelling): the same
  // name, except σ of the random init, `scale`.
  static std::string recipe_key(const std::string& parameter);

private:
  const toml::node* find(std::string_view key) const;
  std::string where(const toml::node* node) const;

  const toml::table& table_;
  std::filesystem::path file_;
  std::string section_;  // "" for the top level, else "[name]"
  std::set<std::string, std::less<>> read_;
  mutable std::set<std::string, std::less<>> asked_;  // every key looked up: the accepted ones
};

}  // namespace dln::io
