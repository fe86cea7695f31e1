#pragma once
// What `dln figures` writes besides the figures themselves: a manifest per figure and the gallery.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "dln/plots/render.hpp"
#include "figures_recipe.hpp"
#include "dln/io/manifest.hpp"

namespace dln::cli::figures {

// Removes <name>.manifest.json before the figure is redrawn: the manifest is the figure's commit record,
// written last (write_figure_manifest), so that it never describes files of an interrupted drawing.
void uncommit_figure(const std::filesystem::path& directory, const FigureRecipe& recipe);

// <name>.manifest.json beside the figure: the recipe's path and full text, parameters, seeds, status, wall
// time, the files drawn and the provenance of every dln manifest. Written last, whole or not at all.
void write_figure_manifest(const io::RunRecord& record, const FigureRecipe& recipe, const BuiltFigure& built,
                           const plots::RenderedFigure& rendered, double wall_seconds);

// <name>.md beside the figure with its notes (BuiltFigure::notes), written to a temporary name and renamed;
// an earlier one is removed when the figure has none, so that the gallery never shows stale numbers.
void write_figure_notes(const std::filesystem::path& directory, const FigureRecipe& recipe, const BuiltFigure& built);

// The gallery README.md: every recipe whose figure exists in `directory` in this format, in gallery
// order, with its caption, links to its script and data, and its notes (<name>.md) when it has some.
std::string gallery(const std::vector<FigureRecipe>& recipes, const std::filesystem::path& directory,
                    plots::Format format);

}  // namespace dln::cli::figures
