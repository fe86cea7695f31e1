#pragma once
// The figures of `dln figures`, one TOML recipe each (configs/*.toml): what to compute and how to label
// it. Recipes are read strictly — unknown keys, wrong types and out-of-range values are bad input that
// names the file, line and column — and all of them are checked before any figure is computed.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

#include "dln/analytic/invalid_input.hpp"
#include "dln/plots/figure.hpp"

namespace dln::cli::figures {

// One TOML table read strictly: every key must be consumed (finish() rejects the rest), and every
// error is dln::InvalidInput("recipes", "<file>:<line>:<column>: …").
class TableReader {
public:
  TableReader(const toml::table& table, std::filesystem::path file, std::string section);

  bool has(std::string_view key) const;
  // A required value (no fallback) or an optional one; integers are accepted where numbers are.
  double number(std::string_view key, std::optional<double> fallback = {});
  int integer(std::string_view key, std::optional<int> fallback = {});
  std::string text(std::string_view key, std::optional<std::string> fallback = {});
  bool boolean(std::string_view key, std::optional<bool> fallback = {});
  std::vector<double> numbers(std::string_view key);  // a non-empty array
  std::vector<int> integers(std::string_view key, std::optional<std::vector<int>> fallback = {});
  // A sub-table ([section]); an absent one reads as empty, so that every key in it takes its fallback.
  TableReader table(std::string_view key);
  // An array of tables ([[section]]), each read strictly; required and non-empty.
  std::vector<TableReader> tables(std::string_view key);
  // Throws for every key that was not read, listing the accepted ones.
  void finish() const;

  // Bad input at a key's value (or at the table, when the key is absent).
  [[noreturn]] void fail(std::string_view key, const std::string& message) const;
  // Runs a check that throws dln::InvalidInput(parameter, …) (DatasetSpec::validate and the like) and
  // re-throws its message at the recipe key of that parameter.
  template <class Check>
  void checked(Check&& check) const {
    try {
      check();
    } catch (const InvalidInput& e) {
      fail_at_parameter(e);
    }
  }

private:
  [[noreturn]] void fail_at_parameter(const InvalidInput& e) const;
  const toml::node* find(std::string_view key) const;
  std::string where(const toml::node* node) const;

  const toml::table& table_;
  std::filesystem::path file_;
  std::string section_;  // "" for the top level, else "[name]"
  std::set<std::string, std::less<>> read_;
  mutable std::set<std::string, std::less<>> asked_;  // every key looked up: the accepted ones
};

// What every recipe has, whatever its kind.
struct RecipeInfo {
  std::string name;  // the file stem: the figure's name and --only value
  std::filesystem::path file;
  std::string kind, title, caption;
  int order = 100;  // gallery position: by order, then by name
};

// A computed figure, ready to draw.
struct BuiltFigure {
  plots::Figure figure;
  std::string status = "ok";          // or a numerical outcome: "diverged" (what was computed is drawn)
  std::vector<std::string> warnings;  // for stderr: instability, where a run diverged
  std::vector<std::uint64_t> seeds;
  nlohmann::json parameters;  // everything the figure was computed from
  // Markdown shown under the figure in the gallery and kept beside it as <name>.md: the numbers a
  // figure cannot show exactly (a table of probabilities, final losses, a validation summary).
  std::string notes;
};

class FigureRecipe {
public:
  explicit FigureRecipe(RecipeInfo recipe_info) : info(std::move(recipe_info)) {}
  virtual ~FigureRecipe() = default;
  virtual BuiltFigure build() const = 0;
  RecipeInfo info;
};

// Every *.toml in `directory`, parsed and checked, in gallery order. Throws dln::InvalidInput("recipes", …)
// for an unreadable directory, a TOML syntax error, an unknown kind or key, or a value out of range.
std::vector<std::unique_ptr<FigureRecipe>> load_recipes(const std::filesystem::path& directory);

// The kinds of figure, one file each. `top` holds the recipe's top-level table with the common keys
// (kind, title, caption, order) already read.
std::unique_ptr<FigureRecipe> parse_learning_curves(RecipeInfo info, TableReader& top);
std::unique_ptr<FigureRecipe> parse_systematicity_map(RecipeInfo info, TableReader& top);
std::unique_ptr<FigureRecipe> parse_full_rank(RecipeInfo info, TableReader& top);
std::unique_ptr<FigureRecipe> parse_generalization(RecipeInfo info, TableReader& top);
std::unique_ptr<FigureRecipe> parse_validation(RecipeInfo info, TableReader& top);

}  // namespace dln::cli::figures
