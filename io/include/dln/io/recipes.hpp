#pragma once
// The figure recipes of `dln figures` (configs/*.toml): one TOML file per figure, naming the kind of
// experiment, its Spec's values and how to label it. Read strictly (table_reader.hpp); every Spec is
// validated once, and an error points at the recipe key of the offending value.
#include <filesystem>
#include <string>
#include <vector>

#include "dln/experiments/experiment.hpp"

namespace dln::io {

// What every recipe has, whatever its kind.
struct RecipeInfo {
  std::string name;  // the file stem: the figure's name and --only value
  std::filesystem::path file;
  std::string kind, title, caption;
  int order = 100;  // gallery position: by order, then by name
};

struct Recipe {
  RecipeInfo info;
  experiments::Spec experiment;  // validated
};

// Every *.toml in `directory`, parsed and checked, in gallery order. Throws dln::InvalidInput("recipes", …)
// for an unreadable directory, a TOML syntax error, an unknown kind or key, or a value out of range.
std::vector<Recipe> read_recipes(const std::filesystem::path& directory);

// The kinds a recipe's `kind` may name, comma-separated.
std::string recipe_kinds();

}  // namespace dln::io
