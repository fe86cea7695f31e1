// Figure kind "systematicity-map": how far the converged dense network is from systematic, over the
// per-item copies k1 and scale r. The read-out is the share of the compositional outputs' weight that
// sits on the per-item inputs, ‖ΓxΩy‖ / ‖W[Ωy, :]‖ = ΓxΩy / √(ΩxΩy² + ΓxΩy²) of the min-norm solution
// (THEORY §6): 0 for a systematic map, → 1 as the per-item inputs take over.
#include <algorithm>
#include <fmt/format.h>

#include "dln/analytic.hpp"
#include "figures_recipe.hpp"

namespace dln::cli::figures {

namespace {

class SystematicityMap : public FigureRecipe {
public:
  using FigureRecipe::FigureRecipe;

  std::vector<int> n1, k1;
  int n2 = 1, k2 = 1;
  std::vector<double> r;
  bool log_r = true;
  bool print_values = true;

  static double non_systematic_share(const analytic::DatasetSpec& spec) {
    return analytic::systematicity(
        analytic::asymptotic_quadrants(analytic::architecture_modes(spec, analytic::Architecture::dense)));
  }

  analytic::DatasetSpec spec(int n1_value, int k1_value, double r_value) const {
    return {n1_value, n2, k1_value, k2, r_value, {}};
  }

  BuiltFigure build() const override {
    BuiltFigure built;
    built.figure.name = info.name;
    built.figure.columns = 2;
    for (int n : n1) {
      plots::HeatmapPanel panel;
      panel.title = fmt::format("n1 = {} (P = {})", n, std::uint64_t{1} << n);
      panel.x_label = "k1 (copies of the per-item input block)";
      panel.y_label = "r (scale of the per-item blocks)";
      panel.value_label = "‖ΓxΩy‖ / ‖W[Ωy, :]‖ at convergence";
      panel.x.assign(k1.begin(), k1.end());
      panel.y = r;
      for (double r_value : r)
        for (int k : k1) panel.value.push_back(non_systematic_share(spec(n, k, r_value)));
      panel.value_range = plots::Range{0.0, 1.0};
      panel.log_y = log_r;
      panel.print_values = print_values;
      built.figure.panels.push_back(std::move(panel));
    }
    const std::string settings =
        fmt::format("the min-norm map Y X⁺ that training converges to; n2 = {}, k2 = {}; 0 = systematic", n2, k2);
    built.figure.title = info.title + "\n" + settings;
    built.figure.note = fmt::format("recipe {}\n{}", info.file.string(), settings);
    built.parameters = {{"n1", n1}, {"n2", n2}, {"k1", k1}, {"k2", k2}, {"r", r}, {"arch", "dense"}};
    return built;
  }
};

bool increasing(const auto& values) {
  return std::adjacent_find(values.begin(), values.end(), [](auto a, auto b) { return a >= b; }) == values.end();
}

}  // namespace

std::unique_ptr<FigureRecipe> parse_systematicity_map(RecipeInfo info, TableReader& top) {
  auto recipe = std::make_unique<SystematicityMap>(std::move(info));
  TableReader grid = top.table("grid");
  recipe->n1 = grid.integers("n1");
  recipe->n2 = grid.integer("n2", 1);
  recipe->k2 = grid.integer("k2", 1);
  recipe->k1 = grid.integers("k1");
  recipe->r = grid.numbers("r");
  recipe->log_r = grid.boolean("log_r", true);
  recipe->print_values = grid.boolean("print_values", true);
  if (recipe->n1.empty()) grid.fail("n1", "must list at least one n1 (one panel each)");
  if (recipe->n2 < 1) grid.fail("n2", fmt::format("must be ≥ 1 (the map is about the compositional outputs), got {}", recipe->n2));
  if (recipe->k1.empty() || !increasing(recipe->k1)) grid.fail("k1", "must be a non-empty, strictly increasing list");
  if (!increasing(recipe->r)) grid.fail("r", "must be strictly increasing");
  // Every grid point must be a valid dataset (n2 ≤ n1, k1 ≥ 0, r finite and > 0, …).
  for (int n : recipe->n1)
    for (int k : recipe->k1)
      for (double r : recipe->r) grid.checked([&] { recipe->spec(n, k, r).validate(); });
  grid.finish();
  return recipe;
}

}  // namespace dln::cli::figures
