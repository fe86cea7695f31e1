#include "dln/io/experiment_json.hpp"

namespace dln::analytic {

void to_json(nlohmann::json& json, const DatasetSpec& spec) {
  json = {{"n1", spec.n1}, {"n2", spec.n2}, {"k1", spec.k1}, {"k2", spec.k2}, {"r", spec.r},
          {"keep", spec.kept_features()}, {"P", spec.patterns()}};
}

}  // namespace dln::analytic

namespace dln::experiments {

void to_json(nlohmann::json& json, const LearningCurvesSpec& spec) {
  json = spec.dataset;
  const training::SimulationOptions& training = spec.training;
  json["arch"] = analytic::to_string(spec.arch);
  json["rule"] = training::to_string(training.rule);
  json["lr"] = training.lr;
  json["epochs"] = training.epochs;
  if (training.rule == training::Rule::sgd) json["batch"] = training.batch;
  if (training::dense_only(training.rule)) {
    json["gamma"] = training.gamma_value();
    json["nu"] = training.nu_value();
  }
  json["hidden"] = spec.init.hidden;
  if (spec.init.kind == training::InitOptions::Kind::random) {
    json["init"] = "random";
    json["init_scale"] = spec.init.scale;
    json["seed"] = spec.seed;
  } else {
    json["init"] = "aligned";
    json["a0"] = spec.init.a0;
  }
  json["theory_time"] = spec.theory_time == analytic::TimeModel::discrete ? "discrete" : "flow";
  if (spec.seeds > 1) json["seeds"] = spec.seeds;
}

void to_json(nlohmann::json& json, const GeneralizationSpec& spec) {
  nlohmann::json list = nlohmann::json::array();
  for (const GeneralizationConfiguration& c : spec.configurations) {
    nlohmann::json p = c.dataset;
    p["input_features"] = c.input_features;
    p["label"] = c.label;
    list.push_back(p);
  }
  const validation::GeneralizeOptions& training = spec.training;
  json = {{"configurations", list},      {"arch", analytic::to_string(training.arch)},
          {"train", training.train},     {"lr", training.lr},
          {"epochs", training.epochs},   {"hidden", training.hidden},
          {"init_scale", training.init_scale}, {"seed", training.seed},
          {"seeds", training.seeds}};
}

void to_json(nlohmann::json& json, const FullRankSpec& spec) {
  json = {{"n1", spec.n1},
          {"samples", spec.monte_carlo.samples},
          {"seed", spec.monte_carlo.seed},
          {"confidence", spec.monte_carlo.confidence},
          {"original_test", spec.original_test}};
}

void to_json(nlohmann::json& json, const SystematicityMapSpec& spec) {
  json = {{"n1", spec.n1}, {"n2", spec.n2}, {"k1", spec.k1}, {"k2", spec.k2}, {"r", spec.r}, {"arch", "dense"}};
}

void to_json(nlohmann::json& json, const ModuleCurvesSpec& spec) {
  const modules::RuleDataset& d = spec.dataset;
  json = {{"n1", d.n1},       {"k1", d.k1},         {"k2", d.k2},       {"r", d.r},
          {"rules", d.rules}, {"kappa", d.queried_features()}, {"prior", d.rule_priors()},   {"P", d.patterns()},
          {"presets", spec.presets}, {"hidden", spec.hidden}, {"lr", spec.lr}, {"epochs", spec.epochs},
          {"theory_time", spec.theory_time == analytic::TimeModel::discrete ? "discrete" : "flow"}};
  if (spec.random_init) {
    json["init"] = "random";
    json["init_scale"] = spec.init_scale;
    json["seed"] = spec.seed;
  } else {
    json["init"] = "aligned";
    json["a0"] = spec.a0;
  }
}

void to_json(nlohmann::json& json, const SystematicityRaceSpec& spec) {
  json = {{"n1", spec.n1},         {"k1", spec.k1},         {"k2", spec.k2},
          {"r", spec.r},           {"rules", 1},            {"a0", spec.a0},
          {"gate_ratio", spec.gate_ratio}, {"hidden", spec.hidden}, {"lr", spec.lr},
          {"epochs", spec.epochs}};
}

void to_json(nlohmann::json& json, const SharedModulesSpec& spec) {
  const modules::RuleDataset& d = spec.dataset;
  json = {{"n1", d.n1},       {"k1", d.k1}, {"k2", d.k2},         {"r", d.r},
          {"rules", d.rules}, {"P", d.patterns()}, {"preset", "shared-plus-rules"},
          {"a0", spec.a0},    {"hidden", spec.hidden}, {"lr", spec.lr}, {"epochs", spec.epochs}};
}

void to_json(nlohmann::json& json, const ModuleScaleSpec& spec) {
  json = {{"k1", spec.k1},           {"k2", spec.k2},       {"r", spec.r},
          {"rules", spec.rules},     {"prior", "uniform"},  {"n1_theory", spec.n1_theory},
          {"n1_simulated", spec.n1_simulated}, {"eta", spec.eta}, {"lr", "eta/(R·P) at each n1"},
          {"epochs", spec.epochs},   {"init", "aligned"},   {"a0", spec.a0},
          {"hidden", "one unit per mode (GD: n1_simulated widths in the notes)"}, {"presets", {"gt-modular", "race", "monolithic"}}, {"theory_time", "discrete"}};
}

void to_json(nlohmann::json& json, const LearnedRoutingSpec& spec) {
  const modules::RuleDataset& d = spec.dataset;
  std::vector<std::vector<int>> controls;
  for (const auto& [k1, k2] : spec.controls) controls.push_back({k1, k2});
  json = {{"n1", d.n1},
          {"k1", d.k1},
          {"k2", d.k2},
          {"r", d.r},
          {"rules", d.rules},
          {"P", d.patterns()},
          {"preset", "modular-op"},
          {"hidden", spec.hidden},
          {"lr", spec.lr},
          {"eta", d.rules * d.P() * spec.lr},
          {"epochs", spec.epochs},
          {"record_every", spec.record_every},
          {"temperature", spec.temperature},
          {"logit_noise", spec.logit_noise},
          {"ratios", spec.ratios},
          {"init_scales", spec.init_scales},
          {"seeds", spec.seeds},
          {"curve_ratio", spec.curve_ratio},
          {"curve_scale", spec.curve_scale},
          {"controls", controls},
          {"per_sample_ratios", spec.per_sample_ratios},
          {"view", spec.view == LearnedRoutingView::metrics ? "metrics" : "functional"}};
}

void to_json(nlohmann::json& json, const HeldOutRoutingSpec& spec) {
  const modules::RuleDataset& d = spec.dataset;
  json = {{"n1", d.n1},
          {"k1", d.k1},
          {"k2", d.k2},
          {"r", d.r},
          {"rules", d.rules},
          {"kappa", d.queried_features()},
          {"prior", d.rule_priors()},
          {"P", d.patterns()},
          {"train", spec.train},
          {"presets", spec.presets},
          {"hidden", spec.hidden},
          {"lr", spec.lr},
          {"eta", d.rules * d.P() * spec.lr},
          {"epochs", spec.epochs},
          {"record_every", spec.record_every},
          {"init_scale", spec.init_scale},
          {"logit_noise", spec.logit_noise},
          {"router_lr_ratio", spec.router_lr_ratio},
          {"seeds", spec.seeds}};
}

void to_json(nlohmann::json& json, const ValidationSuiteSpec& spec) { json = {{"quick", spec.quick}}; }

namespace {
nlohmann::json relu_run(const nonlinear::JarvisOptions& o) {
  nlohmann::json p = o.spec;
  p.update(nlohmann::json{{"train", o.train}, {"lr", o.lr}, {"epochs", o.epochs}, {"batch", o.batch},
                          {"hidden", o.hidden}, {"init_scale", o.init_scale}, {"seed", o.seed}, {"seeds", o.seeds}});
  return p;
}
}  // namespace

void to_json(nlohmann::json& json, const ReluDatasetSpec& spec) {
  json = {{"architectures", {"dense", "split", "segregated"}},
          {"all_patterns", relu_run(spec.all_patterns)},
          {"held_out", relu_run(spec.held_out)}};
}

void to_json(nlohmann::json& json, const ReluFashionSpec& spec) {
  const auto& d = spec.data;
  const auto& n = spec.network;
  json = {{"data", d.data.string()},      {"protocols", {"held-out", "instances"}},
          {"architectures", {"dense", "split"}},
          {"train_images", d.train_images}, {"test_images", d.test_images},
          {"pool", d.pool},                 {"held_out_fraction", d.held_out_fraction},
          {"split_seed", d.split_seed},     {"eval_samples", d.eval_samples},
          {"hidden", n.hidden},             {"lr", n.lr},
          {"batch", n.batch},               {"epochs", n.epochs},
          {"init_scale", n.init_scale},     {"seed", n.seed},
          {"seeds", n.seeds}};
}

void to_json(nlohmann::json& json, const DataCurvesSpec& spec) {
  json = {{"data", spec.files},  {"lr", spec.lr},         {"epochs", spec.epochs},
          {"a0", spec.a0},       {"hidden", spec.hidden}, {"init", "aligned"},
          {"theory_time", spec.theory_time == analytic::TimeModel::discrete ? "discrete" : "flow"}};
}

}  // namespace dln::experiments

namespace dln::io {

nlohmann::json run_parameters(const experiments::ValidationSuiteSpec& spec,
                              const experiments::ValidationSuiteResult& result) {
  const validation::PaperSettingRun& run = result.paper_setting;
  nlohmann::json json = spec;
  json["n1"] = run.spec.n1;
  json["n2"] = run.spec.n2;
  json["k1"] = run.spec.k1;
  json["k2"] = run.spec.k2;
  json["r"] = run.spec.r;
  json["lr"] = run.lr;
  json["epochs"] = run.epochs;
  json["hidden"] = run.hidden;
  json["init_scale"] = run.init_scale;
  json["seed"] = run.seed;
  return json;
}

}  // namespace dln::io
