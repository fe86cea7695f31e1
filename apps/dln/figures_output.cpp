#include "figures_output.hpp"

#include <fmt/format.h>
#include <fstream>
#include <iterator>

#include "dln/io/atomic_file.hpp"

namespace dln::cli::figures {

namespace fs = std::filesystem;

namespace {

fs::path notes_path(const fs::path& directory, const std::string& name) { return directory / (name + ".md"); }

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

void uncommit_figure(const fs::path& directory, const FigureRecipe& recipe) {
  io::remove_file(directory / (recipe.info.name + ".manifest.json"));
}

void write_figure_manifest(const io::RunRecord& record, const FigureRecipe& recipe, const BuiltFigure& built,
                           const plots::RenderedFigure& rendered, double wall_seconds) {
  nlohmann::json files{rendered.image.filename().string(), rendered.script.filename().string(),
                       rendered.csv.filename().string()};
  if (!built.notes.empty()) files.push_back(recipe.info.name + ".md");
  nlohmann::json manifest{
      {"tool", "dln"},
      {"command", record.command},
      {"arguments", record.arguments},
      {"recipe", recipe.info.file.string()},
      {"recipe_text", slurp(recipe.info.file)},
      {"kind", recipe.info.kind},
      {"parameters", built.parameters},
      {"seeds", built.seeds},
      {"status", built.status},
      {"wall_time_s", wall_seconds},
      {"files", files}};
  io::add_provenance(manifest);
  io::write_file(rendered.image.parent_path() / (recipe.info.name + ".manifest.json"), manifest.dump(2) + "\n");
}

void write_figure_notes(const fs::path& directory, const FigureRecipe& recipe, const BuiltFigure& built) {
  const fs::path target = notes_path(directory, recipe.info.name);
  if (built.notes.empty()) {
    io::remove_file(target);
    return;
  }
  io::write_file(target, fmt::format("# {}\n{}", recipe.info.title, built.notes));
}

std::string gallery(const std::vector<FigureRecipe>& recipes, const fs::path& directory,
                    plots::Format format) {
  const auto ext = plots::extension(format);
  std::string text = fmt::format(
      "# dln figures\n\n"
      "Drawn by `dln figures` (dln {}) from the recipes in `configs/`, one TOML file per figure. Beside each\n"
      "figure: `<name>.gp`, a self-contained gnuplot script with the data inline (edit and rerun\n"
      "`gnuplot <name>.gp` to restyle without recomputing), `<name>.csv` with the same series, and\n"
      "`<name>.manifest.json` with every parameter and seed; the numbers a figure cannot show exactly (exact\n"
      "probabilities, final losses, the validation summary) are tables below it, kept as `<name>.md`.\n\n"
      "Simulation: wide light solid lines; theory: dashed lines on top. Colours: π1 kept, π2 dropped, π3\n"
      "per-item mode classes; ΩxΩy, ΓxΩy, ΩxΓy, ΓxΓy quadrants of the network map; Ωy and Γy train and test\n"
      "losses — the same in every figure.\n",
      DLN_VERSION);
  for (const auto& recipe : recipes) {
    const std::string& name = recipe.info.name;
    if (!fs::exists(directory / fmt::format("{}.{}", name, ext))) continue;
    const std::string image = fmt::format("{}.{}", name, ext);
    text += fmt::format("\n## {}\n\n", recipe.info.title);
    text += format == plots::Format::pdf ? fmt::format("[{}]({})\n\n", image, image)
                                         : fmt::format("![{}]({})\n\n", recipe.info.title, image);
    text += fmt::format("{} — `{}`: [script]({}.gp), [data]({}.csv), [manifest]({}.manifest.json)\n",
                        recipe.info.caption, name, name, name, name);
    // The notes file opens with its own title line; the gallery already has one.
    if (const fs::path notes = notes_path(directory, name); fs::exists(notes)) {
      const std::string body = slurp(notes);
      text += body.substr(std::min(body.size(), body.find('\n')));
    }
  }
  return text;
}

}  // namespace dln::cli::figures
