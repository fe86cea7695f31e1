#pragma once
// The figures of `dln figures`, one TOML recipe each (configs/*.toml, read by io/recipes.hpp): a recipe's
// experiment is run and drawn into a BuiltFigure, which figures_output.hpp writes.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dln/io/recipes.hpp"
#include "dln/plots/figure.hpp"

namespace dln::cli::figures {

using FigureRecipe = io::Recipe;

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

// Runs the recipe's experiment and draws its result.
BuiltFigure build(const FigureRecipe& recipe);

}  // namespace dln::cli::figures
