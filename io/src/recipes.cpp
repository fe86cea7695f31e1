#include "dln/io/recipes.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <utility>

#include "dln/io/table_reader.hpp"
#include "experiment_tables.hpp"

namespace dln::io {

namespace fs = std::filesystem;

namespace {

using SpecReader = experiments::Spec (*)(TableReader&);

// The kinds of experiment a recipe's `kind` may name. A new kind is one Spec in experiments/, its
// drawing in figures/, its reader here (experiment_tables.cpp), and one recipe file in configs/.
constexpr std::pair<std::string_view, SpecReader> kKinds[] = {
    {"learning-curves", read_learning_curves},
    {"systematicity-map", read_systematicity_map},
    {"module-curves", read_module_curves},
    {"systematicity-race", read_systematicity_race},
    {"shared-modules", read_shared_modules},
    {"learned-routing", read_learned_routing},
    {"held-out-routing", read_held_out_routing},
    {"module-scale", read_module_scale},
    {"full-rank", read_full_rank},
    {"generalization", read_generalization},
    {"validation", read_validation_suite},
    {"relu-dataset", read_relu_dataset},
    {"relu-fashion", read_relu_fashion},
    {"data-curves", read_data_curves},
};

bool plain_stem(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

Recipe read_recipe(const fs::path& file) {
  toml::table document;
  try {
    document = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    throw InvalidInput("recipes", fmt::format("{}:{}:{}: TOML error: {}", file.string(), e.source().begin.line,
                                              e.source().begin.column, e.description()));
  }
  Recipe recipe;
  RecipeInfo& info = recipe.info;
  info.name = file.stem().string();
  info.file = file;
  if (!plain_stem(info.name))
    throw InvalidInput("recipes", fmt::format("{}: a recipe's file name is its figure's name and may hold letters, "
                                              "digits, '-' and '_' only",
                                              file.string()));
  if (info.name == "README")  // its notes would be README.md, the gallery
    throw InvalidInput("recipes", fmt::format("{}: 'README' is the gallery's name; name the recipe otherwise",
                                              file.string()));
  TableReader top(document, file, "");
  info.kind = top.text("kind");
  const auto kind = std::find_if(std::begin(kKinds), std::end(kKinds),
                                 [&](const auto& entry) { return entry.first == info.kind; });
  if (kind == std::end(kKinds)) top.fail("kind", fmt::format("'{}' is not a kind of figure ({})", info.kind, recipe_kinds()));
  info.title = top.text("title");
  info.caption = top.text("caption");
  info.order = top.integer("order", 100);
  recipe.experiment = kind->second(top);
  top.finish();
  return recipe;
}

}  // namespace

std::string recipe_kinds() {
  std::string names;
  for (const auto& [name, reader] : kKinds) names += (names.empty() ? "" : ", ") + std::string(name);
  return names;
}

std::vector<Recipe> read_recipes(const fs::path& directory) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec))
    throw InvalidInput("recipes", fmt::format("'{}' is not a directory of figure recipes (*.toml)", directory.string()));
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory, ec))
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  if (ec) throw InvalidInput("recipes", fmt::format("cannot list '{}': {}", directory.string(), ec.message()));
  if (files.empty()) throw InvalidInput("recipes", fmt::format("no *.toml recipes in '{}'", directory.string()));
  std::sort(files.begin(), files.end());

  std::vector<Recipe> recipes;
  for (const fs::path& file : files) recipes.push_back(read_recipe(file));
  std::stable_sort(recipes.begin(), recipes.end(), [](const Recipe& a, const Recipe& b) {
    return std::pair(a.info.order, a.info.name) < std::pair(b.info.order, b.info.name);
  });
  return recipes;
}

}  // namespace dln::io
