#include "experiment_tables.hpp"

#include <fmt/format.h>
#include <string>
#include <vector>

#include "dln/analytic/invalid_input.hpp"
#include "dln/io/matrix_file.hpp"
#include "dln/io/module_description.hpp"

namespace dln::io {

namespace {

// Bad input at the recipe key that a Spec's parameter path names (experiments/section.hpp):
// "section.key" is [section] key, "section.N.key" the N-th [[section]]'s key, and a bare "key" sits in
// the kind's own table `home` ("" for the top level).
[[noreturn]] void fail_at_path(TableReader& top, const std::string& home, const InvalidInput& e) {
  std::vector<std::string> parts;
  for (std::size_t begin = 0, dot = 0; dot != std::string::npos; begin = dot + 1) {
    dot = e.parameter().find('.', begin);
    parts.push_back(e.parameter().substr(begin, dot == std::string::npos ? std::string::npos : dot - begin));
  }
  const std::string key = TableReader::recipe_key(parts.back());
  if (parts.size() == 3) top.tables(parts[0]).at(std::stoul(parts[1]) - 1).fail(key, e.what());
  if (parts.size() == 2) top.table(parts[0]).fail(key, e.what());
  if (home.empty()) top.fail(key, e.what());
  top.table(home).fail(key, e.what());
}

template <class Spec>
experiments::Spec validated(Spec spec, TableReader& top, const std::string& home) {
  try {
    spec.validate();
  } catch (const InvalidInput& e) {
    fail_at_path(top, home, e);
  }
  return spec;
}

std::uint64_t seed(TableReader& table) {
  const int value = table.integer("seed", 0);
  if (value < 0) table.fail("seed", fmt::format("must be ≥ 0, got {}", value));
  return static_cast<std::uint64_t>(value);
}

// A choice between two names, the first the default.
bool first_of(TableReader& table, std::string_view key, const std::string& first, const std::string& second) {
  const std::string value = table.text(key, first);
  if (value != first && value != second)
    table.fail(key, fmt::format("must be {} or {}, got '{}'", first, second, value));
  return value == first;
}

// n1, n2, k1, k2, r, each defaulting to the paper's dataset.
analytic::DatasetSpec read_dataset(TableReader& table) {
  const analytic::DatasetSpec defaults;
  return {table.integer("n1", defaults.n1), table.integer("n2", defaults.n2), table.integer("k1", defaults.k1),
          table.integer("k2", defaults.k2), table.number("r", defaults.r), {}};
}

}  // namespace

experiments::Spec read_learning_curves(TableReader& top) {
  experiments::LearningCurvesSpec spec;

  TableReader dataset = top.table("dataset");
  spec.dataset = read_dataset(dataset);
  spec.dataset.keep = dataset.integers("keep", std::vector<int>{});
  dataset.finish();

  TableReader training = top.table("training");
  const std::string arch = training.text("arch", "dense"), rule = training.text("rule", "gd");
  training::Rule parsed_rule = training::Rule::gd;
  training.checked([&] {
    spec.arch = analytic::parse_architecture(arch);
    parsed_rule = training::parse_rule(rule);
  });
  // lr and epochs default to docs/theory.md §8's table for the rule.
  auto& options = spec.training = training::SimulationOptions::for_rule(parsed_rule);
  options.lr = training.number("lr", options.lr);
  options.epochs = training.integer("epochs", options.epochs);
  if (parsed_rule == training::Rule::sgd) options.batch = training.integer("batch");
  if (training.has("gamma")) options.gamma = training.number("gamma");
  if (training.has("nu")) options.nu = training.number("nu");
  spec.seeds = training.integer("seeds", spec.seeds);
  training.finish();

  TableReader init = top.table("init");
  const bool random = first_of(init, "kind", "random", "aligned");
  spec.init.kind = random ? training::InitOptions::Kind::random : training::InitOptions::Kind::aligned;
  spec.init.hidden = init.integer("hidden", spec.init.hidden);
  if (random) spec.init.scale = init.number("scale", spec.init.scale);
  else spec.init.a0 = init.number("a0", spec.init.a0);
  if (spec.uses_seed()) spec.seed = seed(init);
  init.finish();

  TableReader theory = top.table("theory");
  spec.theory_time = first_of(theory, "time", "discrete", "flow") ? analytic::TimeModel::discrete
                                                                  : analytic::TimeModel::flow;
  theory.finish();
  return validated(std::move(spec), top, "");
}

experiments::Spec read_systematicity_map(TableReader& top) {
  experiments::SystematicityMapSpec spec;
  TableReader grid = top.table("grid");
  spec.n1 = grid.integers("n1");
  spec.n2 = grid.integer("n2", spec.n2);
  spec.k2 = grid.integer("k2", spec.k2);
  spec.k1 = grid.integers("k1");
  spec.r = grid.numbers("r");
  spec.log_r = grid.boolean("log_r", spec.log_r);
  spec.print_values = grid.boolean("print_values", spec.print_values);
  grid.finish();
  return validated(std::move(spec), top, "grid");
}

experiments::Spec read_module_curves(TableReader& top) {
  experiments::ModuleCurvesSpec spec;
  TableReader dataset = top.table("dataset");
  spec.dataset = read_rule_dataset(dataset);
  dataset.finish();

  TableReader run = top.table("run");
  spec.presets = run.texts("presets");
  spec.hidden = run.integer("hidden", spec.hidden);
  spec.lr = run.number("lr", spec.lr);
  spec.epochs = run.integer("epochs", spec.epochs);
  spec.random_init = !first_of(run, "init", "aligned", "random");
  if (spec.random_init) {
    spec.init_scale = run.number("scale", spec.init_scale);
    spec.seed = seed(run);
  } else {
    spec.a0 = run.number("a0", spec.a0);
  }
  spec.theory_time = first_of(run, "time", "discrete", "flow") ? analytic::TimeModel::discrete
                                                               : analytic::TimeModel::flow;
  spec.view = first_of(run, "view", "quadrants", "loss") ? experiments::ModuleCurvesView::quadrants
                                                         : experiments::ModuleCurvesView::loss;
  run.finish();
  return validated(std::move(spec), top, "run");
}

experiments::Spec read_systematicity_race(TableReader& top) {
  experiments::SystematicityRaceSpec spec;
  TableReader race = top.table("race");
  spec.n1 = race.integer("n1", spec.n1);
  spec.k1 = race.integer("k1", spec.k1);
  spec.k2 = race.integer("k2", spec.k2);
  spec.r = race.number("r", spec.r);
  spec.a0 = race.numbers("a0");
  spec.gate_ratio = race.numbers("gate_ratio");
  spec.hidden = race.integer("hidden", spec.hidden);
  spec.lr = race.number("lr", spec.lr);
  spec.epochs = race.integer("epochs", spec.epochs);
  race.finish();
  return validated(std::move(spec), top, "race");
}

experiments::Spec read_shared_modules(TableReader& top) {
  experiments::SharedModulesSpec spec;
  TableReader dataset = top.table("dataset");
  spec.dataset = read_rule_dataset(dataset);
  dataset.finish();
  TableReader race = top.table("race");
  spec.a0 = race.numbers("a0");
  spec.hidden = race.integer("hidden", spec.hidden);
  spec.lr = race.number("lr", spec.lr);
  spec.epochs = race.integer("epochs", spec.epochs);
  race.finish();
  return validated(std::move(spec), top, "race");
}

experiments::Spec read_held_out_routing(TableReader& top) {
  experiments::HeldOutRoutingSpec spec;
  TableReader dataset = top.table("dataset");
  spec.dataset = read_rule_dataset(dataset);
  dataset.finish();
  TableReader run = top.table("held_out");
  spec.train = run.integers("train", spec.train);
  if (run.has("presets")) spec.presets = run.texts("presets");
  spec.hidden = run.integer("hidden", spec.hidden);
  spec.lr = run.number("lr", spec.lr);
  spec.epochs = run.integer("epochs", spec.epochs);
  spec.record_every = run.integer("record_every", spec.record_every);
  spec.init_scale = run.number("init_scale", spec.init_scale);
  spec.logit_noise = run.number("logit_noise", spec.logit_noise);
  spec.router_lr_ratio = run.number("router_lr_ratio", spec.router_lr_ratio);
  spec.seeds = run.integer("seeds", spec.seeds);
  run.finish();
  return validated(std::move(spec), top, "held_out");
}

experiments::Spec read_module_scale(TableReader& top) {
  experiments::ModuleScaleSpec spec;
  TableReader dataset = top.table("dataset");
  spec.k1 = dataset.integer("k1", spec.k1);
  spec.k2 = dataset.integer("k2", spec.k2);
  spec.r = dataset.number("r", spec.r);
  spec.rules = dataset.integer("rules", spec.rules);
  dataset.finish();
  TableReader scale = top.table("scale");
  spec.n1_theory = scale.integers("n1_theory");
  spec.n1_simulated = scale.integers("n1_simulated", std::vector<int>{});
  spec.eta = scale.number("eta", spec.eta);
  spec.epochs = scale.integer("epochs", spec.epochs);
  spec.a0 = scale.number("a0", spec.a0);
  scale.finish();
  return validated(std::move(spec), top, "scale");
}

experiments::Spec read_learned_routing(TableReader& top) {
  experiments::LearnedRoutingSpec spec;
  TableReader dataset = top.table("dataset");
  spec.dataset = read_rule_dataset(dataset);
  dataset.finish();
  TableReader routing = top.table("routing");
  spec.hidden = routing.integer("hidden", spec.hidden);
  spec.lr = routing.number("lr", spec.lr);
  spec.epochs = routing.integer("epochs", spec.epochs);
  spec.record_every = routing.integer("record_every", spec.record_every);
  spec.temperature = routing.number("temperature", spec.temperature);
  spec.logit_noise = routing.number("logit_noise", spec.logit_noise);
  if (routing.has("ratios")) spec.ratios = routing.numbers("ratios");
  if (routing.has("init_scales")) spec.init_scales = routing.numbers("init_scales");
  spec.seeds = routing.integer("seeds", spec.seeds);
  spec.curve_ratio = routing.number("curve_ratio", spec.curve_ratio);
  spec.curve_scale = routing.number("curve_scale", spec.curve_scale);
  if (routing.has("per_sample_ratios")) spec.per_sample_ratios = routing.numbers("per_sample_ratios");
  if (routing.has("controls")) {
    const std::vector<int> flat = routing.integers("controls");  // k1, k2, k1, k2, …
    if (flat.size() % 2 != 0) routing.fail("controls", "must list (k1, k2) pairs: an even number of integers");
    spec.controls.clear();
    for (std::size_t i = 0; i < flat.size(); i += 2) spec.controls.emplace_back(flat[i], flat[i + 1]);
  }
  const std::string view = routing.text("view", "metrics");
  if (view == "metrics") spec.view = experiments::LearnedRoutingView::metrics;
  else if (view == "functional") spec.view = experiments::LearnedRoutingView::functional;
  else routing.fail("view", fmt::format("must be \"metrics\" or \"functional\", got \"{}\"", view));
  routing.finish();
  return validated(std::move(spec), top, "routing");
}

experiments::Spec read_full_rank(TableReader& top) {
  experiments::FullRankSpec spec;
  TableReader draws = top.table("draws");
  spec.n1 = draws.integers("n1");
  spec.monte_carlo.samples = draws.integer("samples", 10'000);
  spec.monte_carlo.seed = seed(draws);
  spec.monte_carlo.confidence = draws.number("confidence", 0.95);
  spec.original_test = draws.boolean("original_test", true);
  spec.draws = spec.monte_carlo.samples > 0;  // samples = 0: exact counts only
  draws.finish();
  return validated(std::move(spec), top, "draws");
}

experiments::Spec read_generalization(TableReader& top) {
  experiments::GeneralizationSpec spec;
  validation::GeneralizeOptions& o = spec.training;

  TableReader training = top.table("training");
  const std::string arch = training.text("arch", "dense");
  training.checked([&] { o.arch = analytic::parse_architecture(arch); });
  o.train = training.integers("train", std::vector<int>{0, 1, 2});
  o.lr = training.number("lr", o.lr);
  o.epochs = training.integer("epochs", o.epochs);
  o.hidden = training.integer("hidden", o.hidden);
  o.init_scale = training.number("scale", o.init_scale);
  o.seed = seed(training);
  o.seeds = training.integer("seeds", o.seeds);
  training.finish();

  for (TableReader& table : top.tables("configuration")) {
    experiments::GeneralizationConfiguration c;
    c.dataset = read_dataset(table);
    c.input_features = table.boolean("input_features", true);
    c.label = table.text("label", experiments::default_label(c.dataset, c.input_features));
    table.finish();
    spec.configurations.push_back(std::move(c));
  }
  return validated(std::move(spec), top, "");
}

experiments::Spec read_validation_suite(TableReader& top) {
  experiments::ValidationSuiteSpec spec;
  TableReader summary = top.table("summary");
  spec.quick = summary.boolean("quick", spec.quick);
  summary.finish();
  return validated(std::move(spec), top, "summary");
}

namespace {

// A [table] of a ReLU run on the dataset space: its dataset and training keys (keys as the command line's
// flags, so that an error's parameter names its key).
void read_relu_run(TableReader& table, nonlinear::JarvisOptions& o, bool with_train) {
  const analytic::DatasetSpec defaults;
  o.spec.n1 = table.integer("n1", defaults.n1);
  o.spec.n2 = table.integer("n2", defaults.n2);
  o.spec.k1 = table.integer("k1", defaults.k1);
  o.spec.k2 = table.integer("k2", defaults.k2);
  o.spec.r = table.number("r", defaults.r);
  if (with_train) o.train = table.integers("train");
  o.lr = table.number("lr", o.lr);
  o.epochs = table.integer("epochs", o.epochs);
  o.batch = table.integer("batch", o.batch);
  o.hidden = table.integer("hidden", o.hidden);
  o.init_scale = table.number("scale", o.init_scale);
  o.seed = seed(table);
  o.seeds = table.integer("seeds", o.seeds);
  table.finish();
}

}  // namespace

experiments::Spec read_relu_dataset(TableReader& top) {
  experiments::ReluDatasetSpec spec;
  TableReader all = top.table("all_patterns");
  read_relu_run(all, spec.all_patterns, false);
  TableReader held = top.table("held_out");
  read_relu_run(held, spec.held_out, true);
  return validated(std::move(spec), top, "");
}

experiments::Spec read_relu_fashion(TableReader& top) {
  experiments::ReluFashionSpec spec;
  nonlinear::CompositeDataOptions& d = spec.data;
  TableReader data = top.table("data");
  d.data = data.text("data", std::string(nonlinear::kFashionDirectory));
  d.train_images = data.integer("train-images", d.train_images);
  d.test_images = data.integer("test-images", d.test_images);
  d.pool = data.integer("pool", d.pool);
  d.held_out_fraction = data.number("held-out-fraction", d.held_out_fraction);
  const int split_seed = data.integer("split-seed", 0);
  if (split_seed < 0) data.fail("split-seed", fmt::format("must be ≥ 0, got {}", split_seed));
  d.split_seed = static_cast<std::uint64_t>(split_seed);
  d.eval_samples = data.integer("eval-samples", d.eval_samples);
  data.finish();
  nonlinear::ImageNetworkOptions& n = spec.network;
  TableReader network = top.table("network");
  n.hidden = network.integer("hidden", n.hidden);
  n.lr = network.number("lr", n.lr);
  n.batch = network.integer("batch", n.batch);
  n.epochs = network.integer("epochs", n.epochs);
  n.init_scale = network.number("scale", n.init_scale);
  n.seed = seed(network);
  n.seeds = network.integer("seeds", n.seeds);
  network.finish();
  return validated(std::move(spec), top, "");
}

// [data] x, y: files relative to the recipe's directory (so that the shipped recipes find the shipped
// examples/data both in the source tree and in an installed prefix).
experiments::Spec read_data_curves(TableReader& top) {
  experiments::DataCurvesSpec spec;
  TableReader data = top.table("data");
  Eigen::MatrixXd* matrices[] = {&spec.X, &spec.Y};
  for (int i = 0; i < 2; ++i) {
    const char* key = i == 0 ? "x" : "y";
    const std::string name = data.text(key);
    spec.files.push_back(name);
    data.checked([&] { *matrices[i] = read_matrix(top.file().parent_path() / name, key); });
  }
  data.finish();
  TableReader training = top.table("training");
  spec.lr = training.number("lr", spec.lr);
  spec.epochs = training.integer("epochs", spec.epochs);
  spec.a0 = training.number("a0", spec.a0);
  spec.hidden = training.integer("hidden", spec.hidden);
  training.finish();
  TableReader theory = top.table("theory");
  spec.theory_time = first_of(theory, "time", "discrete", "flow") ? analytic::TimeModel::discrete
                                                                  : analytic::TimeModel::flow;
  theory.finish();
  return validated(std::move(spec), top, "");
}

}  // namespace dln::io
