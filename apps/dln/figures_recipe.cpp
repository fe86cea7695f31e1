#include "figures_recipe.hpp"

#include <variant>

#include "dln/drawing/draw.hpp"
#include "dln/io/experiment_json.hpp"

namespace dln::cli::figures {

BuiltFigure build(const FigureRecipe& recipe) {
  return std::visit(
      [&](const auto& spec) {
        const auto result = spec.run();
        dln::drawing::Drawing drawing = dln::drawing::draw(
            spec, result, {recipe.info.name, recipe.info.title, "recipe " + recipe.info.file.string()});
        return BuiltFigure{std::move(drawing.figure), result.report.status, result.report.warnings,
                           result.report.seeds,       io::run_parameters(spec, result), std::move(drawing.notes)};
      },
      recipe.experiment);
}

}  // namespace dln::cli::figures
