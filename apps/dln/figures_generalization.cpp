// Figure kind "generalization" (THEORY §10, §12): the held-out-combination experiment for several dataset
// configurations, one panel each — train and test loss of the compositional (Ωy) and per-item (Γy)
// outputs of the trained network (solid) against the losses of the min-norm map Y_T X_T⁺ that GD from
// a small init converges to (dashed). The panels share one y axis, so that configurations compare at a
// glance; the gallery notes list the final and min-norm losses.
#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>

#include "dln/validation/generalize.hpp"
#include "figures_recipe.hpp"
#include "training_flags.hpp"

namespace dln::cli::figures {

namespace {

struct Configuration {
  analytic::DatasetSpec spec;
  bool input_features = true;
  std::string label;  // "n1 n2 k1 k2 r" as THEORY §10 writes it, or the recipe's own
};

// One loss of SplitLosses, with the hue and name it is drawn with.
struct LossCurve {
  plots::Hue hue;
  double validation::SplitLosses::*member;
  bool gamma;  // a loss of the per-item outputs (absent when k2 = 0 or there is nothing per item)
};
constexpr std::array<LossCurve, 4> kLosses{{
    {plots::Hue::omega_train, &validation::SplitLosses::train_omega, false},
    {plots::Hue::omega_test, &validation::SplitLosses::test_omega, false},
    {plots::Hue::gamma_train, &validation::SplitLosses::train_gamma, true},
    {plots::Hue::gamma_test, &validation::SplitLosses::test_gamma, true},
}};

// Output blocks that exist: Ωy rows need n2 > 0, Γy rows k2 > 0.
bool present(const Configuration& c, const LossCurve& loss) { return loss.gamma ? c.spec.k2 > 0 : c.spec.n2 > 0; }

class Generalization : public FigureRecipe {
public:
  using FigureRecipe::FigureRecipe;

  std::vector<Configuration> configurations;
  validation::GeneralizeOptions training;  // everything but the dataset and input_features

  validation::GeneralizeOptions options(const Configuration& c) const {
    validation::GeneralizeOptions o = training;
    o.spec = c.spec;
    o.input_features = c.input_features;
    return o;
  }

  BuiltFigure build() const override {
    BuiltFigure built;
    built.figure.name = info.name;
    built.figure.columns = 3;
    built.notes = notes_header();
    double highest = 0.0;
    char letter = 'a';
    for (const Configuration& c : configurations) {
      const validation::GeneralizeResult result = validation::generalize(options(c));
      if (result.status != analytic::RunStatus::ok) {
        built.status = std::string(analytic::to_string(result.status));
        built.warnings.push_back(fmt::format("{}: a run stopped at epoch {} (seed {}); the epochs before it are drawn",
                                             c.label, *result.failed_at, *result.failed_seed));
      }
      built.seeds.insert(built.seeds.end(), result.seeds.begin(), result.seeds.end());
      plots::LinePanel panel = loss_panel(c, result, letter++);
      for (const auto& s : panel.series)
        for (double y : s.y)
          if (std::isfinite(y)) highest = std::max(highest, y);
      built.figure.panels.push_back(std::move(panel));
      built.notes += notes_row(c, result);
    }
    for (auto& panel : built.figure.panels)
      std::get<plots::LinePanel>(panel).y_range = plots::Range{0.0, highest > 0 ? 1.05 * highest : 1.0};

    const std::string settings = settings_line();
    built.figure.title = info.title + "\n" + settings;
    built.figure.note = fmt::format("recipe {}\n{}", info.file.string(), settings);
    built.parameters = parameters();
    return built;
  }

private:
  plots::LinePanel loss_panel(const Configuration& c, const validation::GeneralizeResult& result, char letter) const {
    plots::LinePanel panel;
    panel.title = fmt::format("({}) {}", letter, c.label);
    panel.x_label = "epoch";
    panel.y_label = "loss (Σ over samples, mean over rows)";
    panel.simulation_label = training.seeds > 1 ? fmt::format("trained (mean of {})", training.seeds) : "trained";
    panel.theory_label = "min-norm map";
    for (const LossCurve& loss : kLosses) {
      if (!present(c, loss)) continue;
      plots::Series trained{std::string(plots::hue_label(loss.hue)), plots::Role::simulation, loss.hue, {}, {}};
      for (const auto& row : result.rows) trained.x.push_back(row.t), trained.y.push_back(row.mean.*loss.member);
      const double limit = result.min_norm.*loss.member;
      plots::Series min_norm{trained.name, plots::Role::theory, loss.hue, {0.0, double(training.epochs)}, {limit, limit}};
      panel.series.push_back(std::move(trained));
      panel.series.push_back(std::move(min_norm));
    }
    return panel;
  }

  // Final values of the trained network (mean over the seeds) beside the min-norm map's test losses.
  static std::string notes_header() {
    return "\n| configuration | Ωy train | Ωy test | Ωy test, min-norm | Γy train | Γy test | Γy test, min-norm | "
           "systematicity | dist_S |\n|---|---|---|---|---|---|---|---|---|\n";
  }

  std::string notes_row(const Configuration& c, const validation::GeneralizeResult& result) const {
    const auto cell = [&](const LossCurve& loss, double value) {
      return present(c, loss) ? fmt::format("{:.4f}", value) : std::string("—");
    };
    const auto& last = result.rows.back();
    return fmt::format("| {} | {} | {} | {} | {} | {} | {} | {:.4f} | {:.4f} |\n", c.label,
                       cell(kLosses[0], last.mean.train_omega), cell(kLosses[1], last.mean.test_omega),
                       cell(kLosses[1], result.min_norm.test_omega), cell(kLosses[2], last.mean.train_gamma),
                       cell(kLosses[3], last.mean.test_gamma), cell(kLosses[3], result.min_norm.test_gamma),
                       last.readouts_mean.systematicity, last.readouts_mean.dist_S);
  }

  std::string settings_line() const {
    std::string train;
    for (int p : training.train) train += (train.empty() ? "" : ",") + std::to_string(p);
    return fmt::format("{} net trained on patterns {}, tested on the others · lr {:g}, hidden {}, random init σ = {:g}, "
                       "seed {}{}",
                       analytic::to_string(training.arch), train, training.lr, training.hidden, training.init_scale,
                       training.seed, training.seeds > 1 ? fmt::format(" (+{} more)", training.seeds - 1) : "");
  }

  nlohmann::json parameters() const {
    nlohmann::json list = nlohmann::json::array();
    for (const Configuration& c : configurations) {
      nlohmann::json p = dataset_parameters(c.spec);
      p["input_features"] = c.input_features;
      p["label"] = c.label;
      list.push_back(p);
    }
    return {{"configurations", list},     {"arch", analytic::to_string(training.arch)},
            {"train", training.train},    {"lr", training.lr},
            {"epochs", training.epochs},  {"hidden", training.hidden},
            {"init_scale", training.init_scale}, {"seed", training.seed},
            {"seeds", training.seeds}};
  }
};

}  // namespace

std::unique_ptr<FigureRecipe> parse_generalization(RecipeInfo info, TableReader& top) {
  auto recipe = std::make_unique<Generalization>(std::move(info));
  validation::GeneralizeOptions& o = recipe->training;

  TableReader training = top.table("training");
  const std::string arch = training.text("arch", "dense");
  training.checked([&] { o.arch = analytic::parse_architecture(arch); });
  o.train = training.integers("train", std::vector<int>{0, 1, 2});
  o.lr = training.number("lr", o.lr);
  o.epochs = training.integer("epochs", o.epochs);
  o.hidden = training.integer("hidden", o.hidden);
  o.init_scale = training.number("scale", o.init_scale);
  const int seed = training.integer("seed", 0);
  if (seed < 0) training.fail("seed", fmt::format("must be ≥ 0, got {}", seed));
  o.seed = static_cast<std::uint64_t>(seed);
  o.seeds = training.integer("seeds", o.seeds);

  const analytic::DatasetSpec defaults;
  int number = 0;
  for (TableReader& table : top.tables("configuration")) {
    ++number;
    Configuration c;
    c.spec.n1 = table.integer("n1", defaults.n1);
    c.spec.n2 = table.integer("n2", defaults.n2);
    c.spec.k1 = table.integer("k1", defaults.k1);
    c.spec.k2 = table.integer("k2", defaults.k2);
    c.spec.r = table.number("r", defaults.r);
    c.input_features = table.boolean("input_features", true);
    c.label = table.text("label", fmt::format("{} {} {} {} {:g}{}", c.spec.n1, c.spec.n2, c.spec.k1, c.spec.k2, c.spec.r,
                                              c.input_features ? "" : ", no Ωx inputs"));
    table.checked([&] { c.spec.validate(); });
    if (c.spec.n2 == 0 && c.spec.k2 == 0)
      table.fail("k2", "and n2 are both 0: the network has no outputs, so there is no loss to draw");
    // The training keys hold for every configuration (a pattern index must be < P of each): an error
    // is reported at the training key, naming the configuration it fails with.
    training.checked([&] {
      try {
        recipe->options(c).validate();
      } catch (const InvalidInput& e) {
        throw InvalidInput(e.parameter(), fmt::format("{} (with [[configuration]] #{})", e.what(), number));
      }
    });
    table.finish();
    recipe->configurations.push_back(std::move(c));
  }
  training.finish();
  return recipe;
}

}  // namespace dln::cli::figures
