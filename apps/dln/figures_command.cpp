// dln figures: the paper's linear-network figures and more (docs/theory.md §12), one per TOML recipe in
// configs/, drawn through the plots library; each figure keeps its gnuplot script and data beside it,
// and a gallery README.md lists them all.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>

#include "cli_support.hpp"
#include "command.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/io/output_target.hpp"
#include "dln/parallel/ordered_pool.hpp"
#include "dln/plots.hpp"
#include "figures_output.hpp"
#include "figures_recipe.hpp"

namespace dln::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Creates the directory if needed and proves it writable before any figure is computed.
void prepare_outdir(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw InvalidInput("outdir", fmt::format("'{}' exists and is not a directory", dir.string()));
  fs::create_directories(dir, ec);
  if (ec) throw InvalidInput("outdir", fmt::format("cannot create '{}': {}", dir.string(), ec.message()));
  io::check_output_target(dir / "README.md", "outdir");
}

// An interrupted earlier run (killed while gnuplot was drawing) can leave its temporary files behind;
// those of the figures about to be drawn, and of the gallery, are removed so that the directory ends
// up holding whole files only.
void remove_leftovers(const fs::path& dir, const std::vector<const figures::FigureRecipe*>& selected) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string file = entry.path().filename().string();
    if (entry.path().extension() != ".partial") continue;
    const bool ours = file.starts_with("README.md.") || std::any_of(selected.begin(), selected.end(), [&](const auto* r) {
                        return file.starts_with(r->info.name + ".");
                      });
    if (ours) fs::remove(entry.path(), ec);
  }
}

// The shipped recipes: <directory of the dln binary>/../share/dln/configs, where `cmake --install` puts them and
// where the build copies configs/ (the build tree's bin/ and share/ mirror an installed prefix).
fs::path shipped_recipes() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path().parent_path() / "share" / "dln" / "configs";
}

struct Drawn {
  figures::BuiltFigure built;
  plots::RenderedFigure rendered;
  double seconds = 0.0;
};

class FiguresCommand : public Command {
public:
  explicit FiguresCommand(CLI::App& dln) {
    app = dln.add_subcommand("figures", "draw the figures of the recipes in configs/ (PNG, PDF or SVG) and a gallery");
    app->add_option("--outdir", outdir_, "directory for the figures, their scripts, data and README.md")
        ->capture_default_str();
    app->add_option("--only", only_, "draw only these figures (names of recipes, comma-separated)")->delimiter(',');
    app->add_option("--format", format_name_, "png (viewing), pdf (papers) or svg")
        ->transform(one_of(plots::kFormatNames))
        ->capture_default_str();
    app->add_option("--recipes", recipes_dir_, "directory of the figure recipes (*.toml)")->capture_default_str();
    app->add_flag("--quiet,-q", quiet_, "no progress lines or warnings, only the summary");
    app->add_flag("--list", list_, "list the figures of the recipes (name, kind, title) and draw nothing");
  }

  int run(RunRecord& record) override {
    const Clock::time_point start = Clock::now();
    const plots::Format format = plots::parse_format(format_name_);
    const auto recipes = io::read_recipes(recipes_dir_);
    const auto selected = select(recipes);
    if (list_) {
      for (const figures::FigureRecipe* recipe : selected)
        std::cout << fmt::format("{:<22} {:<18} {}\n", recipe->info.name, recipe->info.kind, recipe->info.title);
      return 0;
    }
    prepare_outdir(outdir_);
    remove_leftovers(outdir_, selected);

    // Figures are independent: compute and draw them on a pool as wide as the machine, report them in
    // gallery order.
    const RunRecord invocation = record;  // read by the jobs while `record` is being filled
    parallel::OrderedPool jobs(selected.size(), 0, [this, &selected, format, &invocation](std::size_t i) {
      const figures::FigureRecipe& recipe = *selected[i];
      const Clock::time_point begin = Clock::now();
      Drawn drawn;
      figures::uncommit_figure(outdir_, recipe);
      drawn.built = figures::build(recipe);
      drawn.rendered = plots::render(drawn.built.figure, outdir_, {format, "gnuplot"});
      drawn.seconds = seconds_since(begin);
      figures::write_figure_notes(outdir_, recipe, drawn.built);
      figures::write_figure_manifest(invocation, recipe, drawn.built, drawn.rendered, drawn.seconds);
      return drawn;
    });

    std::vector<std::string> problems;
    nlohmann::json drawn_figures = nlohmann::json::object();
    for (std::size_t i = 0; i < selected.size(); ++i) {
      const Drawn drawn = jobs.get(i);
      const std::string& name = selected[i]->info.name;
      if (!quiet_) {
        std::cout << fmt::format("[{:>{}}/{}] {:<22} {:5.2f} s  {}{}\n", i + 1, fmt::formatted_size("{}", selected.size()),
                                 selected.size(), name, drawn.seconds,
                                 drawn.rendered.image.string(),
                                 drawn.built.status == "ok" ? "" : "  (" + drawn.built.status + ")")
                  << std::flush;
        for (const auto& warning : drawn.built.warnings) std::cerr << fmt::format("warning: {}: {}\n", name, warning);
        if (!drawn.rendered.gnuplot_messages.empty())
          std::cerr << fmt::format("warning: {}: gnuplot said: {}\n", name, drawn.rendered.gnuplot_messages);
      }
      if (drawn.built.status != "ok") problems.push_back(fmt::format("{} ({})", name, drawn.built.status));
      record.seeds.insert(record.seeds.end(), drawn.built.seeds.begin(), drawn.built.seeds.end());
      drawn_figures[name] = {{"recipe", selected[i]->info.file.string()}, {"status", drawn.built.status}};
    }

    record.parameters = {{"outdir", outdir_},   {"format", format_name_}, {"recipes", recipes_dir_},
                         {"only", only_},       {"figures", drawn_figures}};
    record.status = problems.empty() ? "ok" : "diverged";
    record.announce = false;  // the summary below names the gallery
    const fs::path readme = fs::path(outdir_) / "README.md";
    emit(readme.string(), figures::gallery(recipes, outdir_, format), record);

    std::cout << fmt::format("dln figures: {} figure{} in {:.1f} s in {}/ (gallery: {})\n", selected.size(),
                             selected.size() == 1 ? "" : "s", seconds_since(start), outdir_, readme.string());
    if (problems.empty()) return 0;
    // A diverged run is drawn up to its last finite epoch; a failed validation is in the gallery's table.
    std::cerr << fmt::format("dln figures: problems in {}; each is drawn as far as it was computed (see the warnings "
                             "above and the gallery)\n",
                             fmt::join(problems, ", "));
    return 1;
  }

private:
  // The recipes named by --only (all when it is absent), in gallery order.
  std::vector<const figures::FigureRecipe*> select(const std::vector<figures::FigureRecipe>& recipes) const {
    std::vector<std::string> names;
    for (const auto& recipe : recipes) names.push_back(recipe.info.name);
    for (const auto& wanted : only_)
      if (std::find(names.begin(), names.end(), wanted) == names.end())
        throw InvalidInput("only", fmt::format("no figure named '{}'; the figures are: {} (recipes in {})", wanted,
                                               fmt::join(names, ", "), recipes_dir_));
    std::vector<const figures::FigureRecipe*> selected;
    for (const auto& recipe : recipes)
      if (only_.empty() || std::find(only_.begin(), only_.end(), recipe.info.name) != only_.end())
        selected.push_back(&recipe);
    return selected;
  }

  std::string outdir_ = "figures";
  std::vector<std::string> only_;
  std::string format_name_ = "png";
  std::string recipes_dir_ = shipped_recipes().string();
  bool quiet_ = false;
  bool list_ = false;
};

}  // namespace

std::unique_ptr<Command> make_figures_command(CLI::App& dln) { return std::make_unique<FiguresCommand>(dln); }

}  // namespace dln::cli
