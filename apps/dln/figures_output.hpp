#pragma once
// What `dln figures` writes besides the figures themselves: a manifest per figure and the gallery.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "dln/plots/render.hpp"
#include "figures_recipe.hpp"
#include "output.hpp"

namespace dln::cli::figures {

// <name>.manifest.json beside the figure: recipe, parameters, seeds, status, wall time, the files
// drawn (the fields of every dln manifest). Written to a temporary name, then renamed.
void write_figure_manifest(const RunRecord& record, const FigureRecipe& recipe, const BuiltFigure& built,
                           const plots::RenderedFigure& rendered, double wall_seconds);

// <name>.md beside the figure with its notes (BuiltFigure::notes), written to a temporary name and renamed;
// an earlier one is removed when the figure has none, so that the gallery never shows stale numbers.
void write_figure_notes(const std::filesystem::path& directory, const FigureRecipe& recipe, const BuiltFigure& built);

// The gallery README.md: every recipe whose figure exists in `directory` in this format, in gallery
// order, with its caption, links to its script and data, and its notes (<name>.md) when it has some.
std::string gallery(const std::vector<FigureRecipe>& recipes, const std::filesystem::path& directory,
                    plots::Format format);

}  // namespace dln::cli::figures
