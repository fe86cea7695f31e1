// Figure kind "full-rank" (THEORY §9, §12): the probability that j distinct patterns drawn without
// replacement reveal the compositional structure (their n1 × n1 Gram matrix SᵀS is full rank), exact by
// counting, beside a Monte Carlo estimate with its Clopper–Pearson interval and — where it can be
// enumerated — the original script's faulty test det(|G|) ≠ 0. One panel per n1; the gallery notes hold
// the same numbers as a table, with the exact counts as fractions.
#include <fmt/format.h>
#include <optional>

#include "dln/analytic/fullrank.hpp"
#include "figures_recipe.hpp"

namespace dln::cli::figures {

namespace {

using analytic::ExactProbability;
using analytic::MonteCarloEstimate;

struct PanelData {
  int n1 = 0;
  std::vector<ExactProbability> exact, original;  // empty where out of reach
  std::vector<MonteCarloEstimate> monte_carlo;    // empty without samples
};

std::string fraction(const ExactProbability& p) { return fmt::format("{}/{} = {:.4f}", p.numerator, p.denominator, p.value()); }

class FullRank : public FigureRecipe {
public:
  using FigureRecipe::FigureRecipe;

  std::vector<int> n1;
  analytic::MonteCarloOptions monte_carlo;  // samples = 0: no estimate
  bool original_test = true;

  BuiltFigure build() const override {
    BuiltFigure built;
    built.figure.name = info.name;
    built.figure.columns = 2;
    for (int n : n1) {
      const PanelData data = compute(n);
      built.figure.panels.push_back(panel(data));
      built.notes += table(data);
    }
    const std::string settings =
        monte_carlo.samples > 0
            ? fmt::format("exact counts; Monte Carlo {} draws per j, seed {}, {:g}% Clopper–Pearson intervals",
                          monte_carlo.samples, monte_carlo.seed, 100 * monte_carlo.confidence)
            : std::string("exact counts");
    built.figure.title = info.title + "\n" + settings;
    built.figure.note = fmt::format("recipe {}\n{}", info.file.string(), settings);
    if (monte_carlo.samples > 0) built.seeds = {monte_carlo.seed};
    built.parameters = {{"n1", n1},
                        {"samples", monte_carlo.samples},
                        {"seed", monte_carlo.seed},
                        {"confidence", monte_carlo.confidence},
                        {"original_test", original_test}};
    return built;
  }

private:
  PanelData compute(int n) const {
    PanelData data;
    data.n1 = n;
    if (n <= analytic::kMaxExactN1) data.exact = analytic::full_rank_exact(n);
    if (original_test && n <= analytic::kMaxEnumerationN1) data.original = analytic::abs_gram_by_enumeration(n);
    if (monte_carlo.samples > 0) data.monte_carlo = analytic::full_rank_monte_carlo(n, monte_carlo);
    return data;
  }

  plots::LinePanel panel(const PanelData& data) const {
    const int P = 1 << data.n1;
    plots::LinePanel panel;
    panel.title = fmt::format("n1 = {} (P = {} patterns)", data.n1, P);
    panel.x_label = "patterns drawn, j";
    panel.y_label = "probability";
    // Half a step beyond the first and last j, so that their markers and bars are not cut.
    panel.x_range = plots::Range{data.n1 - 0.5, P + 0.5};
    panel.y_range = plots::Range{0.0, 1.05};
    panel.integer_x = true;
    panel.simulation_label = fmt::format("Monte Carlo, {:g}% CI", 100 * monte_carlo.confidence);
    panel.theory_label = "exact count";
    const std::string true_test = "SᵀS full rank";
    if (!data.monte_carlo.empty()) {
      plots::Series estimate{true_test, plots::Role::simulation, plots::Hue::neutral, {}, {}};
      for (const auto& m : data.monte_carlo) {
        estimate.x.push_back(m.j);
        estimate.y.push_back(m.estimate);
        estimate.y_low.push_back(m.low);
        estimate.y_high.push_back(m.high);
      }
      panel.series.push_back(std::move(estimate));
    }
    const auto exact_series = [](std::string name, plots::Hue hue, const std::vector<ExactProbability>& values) {
      plots::Series series{std::move(name), plots::Role::theory, hue, {}, {}};
      series.markers = true;
      for (const auto& p : values) series.x.push_back(p.j), series.y.push_back(p.value());
      return series;
    };
    if (!data.exact.empty()) panel.series.push_back(exact_series(true_test, plots::Hue::neutral, data.exact));
    if (!data.original.empty())
      panel.series.push_back(exact_series("det(|SᵀS|) ≠ 0 (original)", plots::Hue::contrast, data.original));
    return panel;
  }

  // A Markdown table per n1; '|' inside a cell is escaped.
  std::string table(const PanelData& data) const {
    std::string header = "| j |", rule = "|---|";
    if (!data.exact.empty()) header += " exact |", rule += "---|";
    if (!data.monte_carlo.empty())
      header += fmt::format(" Monte Carlo ({:g}% interval) |", 100 * monte_carlo.confidence), rule += "---|";
    if (!data.original.empty()) header += " original det(\\|SᵀS\\|) ≠ 0 test |", rule += "---|";
    std::string text = fmt::format("\n**n1 = {}** (P = {}):\n\n{}\n{}\n", data.n1, 1 << data.n1, header, rule);
    for (int j = data.n1; j <= 1 << data.n1; ++j) {
      const auto at = static_cast<std::size_t>(j - data.n1);
      text += fmt::format("| {} |", j);
      if (!data.exact.empty()) text += fmt::format(" {} |", fraction(data.exact[at]));
      if (!data.monte_carlo.empty()) {
        const MonteCarloEstimate& m = data.monte_carlo[at];
        text += fmt::format(" {:.4f} [{:.4f}, {:.4f}] |", m.estimate, m.low, m.high);
      }
      if (!data.original.empty()) text += fmt::format(" {} |", fraction(data.original[at]));
      text += "\n";
    }
    return text;
  }
};

}  // namespace

std::unique_ptr<FigureRecipe> parse_full_rank(RecipeInfo info, TableReader& top) {
  auto recipe = std::make_unique<FullRank>(std::move(info));
  TableReader draws = top.table("draws");
  recipe->n1 = draws.integers("n1");
  const int samples = draws.integer("samples", 10'000);
  const int seed = draws.integer("seed", 0);
  recipe->monte_carlo.confidence = draws.number("confidence", 0.95);
  recipe->original_test = draws.boolean("original_test", true);
  if (recipe->n1.empty()) draws.fail("n1", "must list at least one n1 (one panel each)");
  for (int n : recipe->n1) {
    if (n < 1 || n > analytic::kMaxFullRankN1)
      draws.fail("n1", fmt::format("must hold integers in [1, {}] (P = 2^n1 patterns), found {}",
                                   analytic::kMaxFullRankN1, n));
    if (n > analytic::kMaxExactN1 && samples == 0)
      draws.fail("n1", fmt::format("holds {}, beyond exact counting (n1 ≤ {}): set samples > 0 for a Monte Carlo "
                                   "estimate",
                                   n, analytic::kMaxExactN1));
  }
  if (samples < 0 || samples > analytic::kMaxFullRankSamples)
    draws.fail("samples", fmt::format("must be in [0, {}] (0: exact counts only), got {}",
                                      analytic::kMaxFullRankSamples, samples));
  if (seed < 0) draws.fail("seed", fmt::format("must be ≥ 0, got {}", seed));
  recipe->monte_carlo.samples = samples;
  recipe->monte_carlo.seed = static_cast<std::uint64_t>(seed);
  if (samples > 0) draws.checked([&] { recipe->monte_carlo.validate(); });
  draws.finish();
  return recipe;
}

}  // namespace dln::cli::figures
