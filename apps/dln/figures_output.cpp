#include "figures_output.hpp"

#include <fmt/format.h>
#include <fstream>

#ifndef DLN_VERSION
#error "DLN_VERSION must be defined by the build"
#endif

namespace dln::cli::figures {

namespace fs = std::filesystem;

void write_figure_manifest(const RunRecord& record, const FigureRecipe& recipe, const BuiltFigure& built,
                           const plots::RenderedFigure& rendered, double wall_seconds) {
  const nlohmann::json manifest{
      {"tool", "dln"},
      {"version", DLN_VERSION},
      {"command", record.command},
      {"arguments", record.arguments},
      {"recipe", recipe.info.file.string()},
      {"kind", recipe.info.kind},
      {"parameters", built.parameters},
      {"seeds", built.seeds},
      {"status", built.status},
      {"wall_time_s", wall_seconds},
      {"files", {rendered.image.filename().string(), rendered.script.filename().string(),
                 rendered.csv.filename().string()}}};
  const fs::path target = rendered.image.parent_path() / (recipe.info.name + ".manifest.json");
  fs::path temporary = target;
  temporary += ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << manifest.dump(2) << "\n";
    out.close();
    if (!out) throw std::runtime_error(fmt::format("cannot write '{}'", temporary.string()));
  }
  fs::rename(temporary, target);
}

std::string gallery(const std::vector<std::unique_ptr<FigureRecipe>>& recipes, const fs::path& directory,
                    plots::Format format) {
  const auto ext = plots::extension(format);
  std::string text = fmt::format(
      "# dln figures\n\n"
      "Drawn by `dln figures` (dln {}) from the recipes in `configs/`, one TOML file per figure. Beside each\n"
      "figure: `<name>.gp`, a self-contained gnuplot script with the data inline (edit and rerun\n"
      "`gnuplot <name>.gp` to restyle without recomputing), `<name>.csv` with the same series, and\n"
      "`<name>.manifest.json` with every parameter and seed.\n\n"
      "Simulation: wide light solid lines; theory: dashed lines on top. Colours: π1 kept, π2 dropped, π3\n"
      "per-item mode classes; ΩxΩy, ΓxΩy, ΩxΓy, ΓxΓy quadrants of the network map — the same in every figure.\n",
      DLN_VERSION);
  for (const auto& recipe : recipes) {
    const std::string& name = recipe->info.name;
    if (!fs::exists(directory / fmt::format("{}.{}", name, ext))) continue;
    const std::string image = fmt::format("{}.{}", name, ext);
    text += fmt::format("\n## {}\n\n", recipe->info.title);
    text += format == plots::Format::pdf ? fmt::format("[{}]({})\n\n", image, image)
                                         : fmt::format("![{}]({})\n\n", recipe->info.title, image);
    text += fmt::format("{} — `{}`: [script]({}.gp), [data]({}.csv), [manifest]({}.manifest.json)\n",
                        recipe->info.caption, name, name, name, name);
  }
  return text;
}

}  // namespace dln::cli::figures
