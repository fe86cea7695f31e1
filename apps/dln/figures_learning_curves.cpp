// Figure kind "learning-curves" (THEORY §12 (a), (b)): a network trained from an actual init by one rule,
// against the closed-form backprop dynamics of the same architecture started from the effective
// per-mode a0 of that same init (THEORY §5) — mode strengths and quadrant norms against epoch.
#include <fmt/format.h>

#include "dln/analytic.hpp"
#include "dln/numeric/objective.hpp"
#include "dln/plots.hpp"
#include "dln/validation/ensemble.hpp"
#include "dln/validation/rule.hpp"
#include "dln/validation/simulate.hpp"
#include "figures_recipe.hpp"
#include "training_flags.hpp"

namespace dln::cli::figures {

namespace {

using validation::Rule;

std::string rule_label(Rule rule, const validation::SimulationOptions& options) {
  switch (rule) {
    case Rule::gd: return "full-batch GD";
    case Rule::sgd: return fmt::format("SGD (batch {})", options.batch);
    case Rule::hebbian: return fmt::format("Hebbian (ν = {:g})", options.nu_value());
    case Rule::anti_hebbian: return fmt::format("anti-Hebbian (ν = {:g})", options.nu_value());
    case Rule::contrastive_hebbian: return fmt::format("contrastive Hebbian (γ = {:g})", options.gamma_value());
    case Rule::predictive_coding: return fmt::format("predictive coding (γ = {:g})", options.gamma_value());
  }
  return "?";
}

class LearningCurves : public FigureRecipe {
public:
  using FigureRecipe::FigureRecipe;

  analytic::DatasetSpec spec;
  analytic::Architecture arch = analytic::Architecture::dense;
  Rule rule = Rule::gd;
  validation::SimulationOptions options;
  validation::InitOptions init;
  std::uint64_t seed = 0;
  analytic::TimeModel time = analytic::TimeModel::discrete;

  BuiltFigure build() const override {
    const numeric::Objective objective(spec, arch);
    const analytic::ArchitectureModes& modes = objective.modes();
    const analytic::NetworkWeights weights = validation::initial_weights(objective, init, seed);
    const analytic::Trajectory theory = analytic::theory_trajectory(
        modes, analytic::effective_initial_strengths(modes, weights), {options.lr, options.epochs, time});
    const analytic::Trajectory simulation = validation::simulate(objective, weights, options, seed);

    BuiltFigure built;
    if (const auto warning = validation::stability_warning(modes, options)) built.warnings.push_back(*warning);
    for (const auto& [trajectory, what] : {std::pair{&simulation, "the simulation"}, std::pair{&theory, "the theory"}})
      if (trajectory->status != analytic::RunStatus::ok) {
        built.status = std::string(analytic::to_string(trajectory->status));
        built.warnings.push_back(fmt::format("{} stopped at epoch {} ({}); the epochs before it are drawn", what,
                                             *trajectory->failed_at, built.status));
      }

    plots::LinePanel strengths = plots::mode_strength_panel(spec, &simulation, &theory);
    plots::LinePanel quadrants = plots::quadrant_panel(&simulation, &theory);
    const bool backprop = rule == Rule::gd || rule == Rule::sgd;
    for (plots::LinePanel* panel : {&strengths, &quadrants}) {
      panel->simulation_label = backprop ? "simulation" : "simulated";
      panel->theory_label = backprop ? "theory" : "backprop theory";
    }
    strengths.title = "(a) " + strengths.title;
    quadrants.title = "(b) " + quadrants.title;

    const std::string settings = settings_line();
    built.figure = {info.name, info.title + "\n" + settings, {strengths, quadrants}, 2,
                    fmt::format("recipe {}\n{}", info.file.string(), settings)};
    if (init.kind == validation::InitOptions::Kind::random || rule == Rule::sgd) built.seeds = {seed};
    built.parameters = parameters();
    return built;
  }

private:
  std::string settings_line() const {
    const double tau = 1.0 / (spec.P() * options.lr);
    const std::string init_text =
        init.kind == validation::InitOptions::Kind::random
            ? fmt::format("random init σ = {:g}, hidden {}, seed {}", init.scale, init.hidden, seed)
            : fmt::format("aligned init a0 = {:g}, hidden {}{}", init.a0, init.hidden,
                          rule == Rule::sgd ? fmt::format(", seed {}", seed) : "");
    return fmt::format("n1={} n2={} k1={} k2={} r={:g} · {}, lr {:g} (τ = {:.4g} epochs) · {}\n"
                       "theory: {} from each mode's a0 in this init",
                       spec.n1, spec.n2, spec.k1, spec.k2, spec.r, rule_label(rule, options), options.lr, tau,
                       init_text,
                       time == analytic::TimeModel::discrete ? "exact map of full-batch GD" : "gradient flow");
  }

  nlohmann::json parameters() const {
    nlohmann::json p = dataset_parameters(spec);
    p["arch"] = analytic::to_string(arch);
    p["rule"] = validation::to_string(rule);
    p["lr"] = options.lr;
    p["epochs"] = options.epochs;
    if (rule == Rule::sgd) p["batch"] = options.batch;
    if (validation::dense_only(rule)) {
      p["gamma"] = options.gamma_value();
      p["nu"] = options.nu_value();
    }
    p["hidden"] = init.hidden;
    if (init.kind == validation::InitOptions::Kind::random) {
      p["init"] = "random";
      p["init_scale"] = init.scale;
      p["seed"] = seed;
    } else {
      p["init"] = "aligned";
      p["a0"] = init.a0;
    }
    p["theory_time"] = time == analytic::TimeModel::discrete ? "discrete" : "flow";
    return p;
  }
};

}  // namespace

std::unique_ptr<FigureRecipe> parse_learning_curves(RecipeInfo info, TableReader& top) {
  auto recipe = std::make_unique<LearningCurves>(std::move(info));
  const analytic::DatasetSpec defaults;

  TableReader dataset = top.table("dataset");
  recipe->spec.n1 = dataset.integer("n1", defaults.n1);
  recipe->spec.n2 = dataset.integer("n2", defaults.n2);
  recipe->spec.k1 = dataset.integer("k1", defaults.k1);
  recipe->spec.k2 = dataset.integer("k2", defaults.k2);
  recipe->spec.r = dataset.number("r", defaults.r);
  recipe->spec.keep = dataset.integers("keep", std::vector<int>{});
  dataset.checked([&] { recipe->spec.validate(); });
  dataset.finish();

  TableReader training = top.table("training");
  const std::string arch = training.text("arch", "dense"), rule = training.text("rule", "gd");
  training.checked([&] {
    recipe->arch = analytic::parse_architecture(arch);
    recipe->rule = validation::parse_rule(rule);
  });
  // lr and epochs default to THEORY §8's table for the rule.
  auto& options = recipe->options = validation::SimulationOptions::for_rule(recipe->rule);
  options.lr = training.number("lr", options.lr);
  options.epochs = training.integer("epochs", options.epochs);
  if (recipe->rule == Rule::sgd) options.batch = training.integer("batch");
  if (training.has("gamma")) options.gamma = training.number("gamma");
  if (training.has("nu")) options.nu = training.number("nu");
  training.checked([&] { options.validate(recipe->spec, recipe->arch); });
  training.finish();

  TableReader init = top.table("init");
  const std::string kind = init.text("kind", "random");
  if (kind != "random" && kind != "aligned") init.fail("kind", fmt::format("must be random or aligned, got '{}'", kind));
  recipe->init.kind = kind == "random" ? validation::InitOptions::Kind::random : validation::InitOptions::Kind::aligned;
  recipe->init.hidden = init.integer("hidden", recipe->init.hidden);
  if (kind == "random") recipe->init.scale = init.number("scale", recipe->init.scale);
  else recipe->init.a0 = init.number("a0", recipe->init.a0);
  if (kind == "random" || recipe->rule == Rule::sgd) {  // the only two uses of a seed
    const int seed = init.integer("seed", 0);
    if (seed < 0) init.fail("seed", fmt::format("must be ≥ 0, got {}", seed));
    recipe->seed = static_cast<std::uint64_t>(seed);
  }
  init.checked([&] { recipe->init.validate(recipe->spec, recipe->arch); });
  init.finish();

  TableReader theory = top.table("theory");
  const std::string time = theory.text("time", "discrete");
  if (time != "discrete" && time != "flow") theory.fail("time", fmt::format("must be discrete or flow, got '{}'", time));
  recipe->time = time == "discrete" ? analytic::TimeModel::discrete : analytic::TimeModel::flow;
  theory.finish();
  return recipe;
}

}  // namespace dln::cli::figures
