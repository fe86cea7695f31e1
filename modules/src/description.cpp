#include "dln/modules/description.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/engine.hpp"

namespace dln::modules {

namespace {

inline constexpr int kMaxModules = 1000;
inline constexpr int kMaxHidden = 100'000;  // numeric::kMaxHidden

std::string key(std::size_t m, std::string_view name) { return fmt::format("module[{}].{}", m + 1, name); }

void validate_module(const ModuleSpec& module, std::size_t m, const RuleDataset& data) {
  if (module.name.empty()) throw InvalidInput(key(m, "name"), "must be a non-empty string");
  if (module.input == Block::gamma && data.k1 == 0)
    throw InvalidInput(key(m, "input"), "selects nothing: Γx has no rows when k1 = 0 (use \"omega\" or \"all\", or k1 ≥ 1)");
  if (module.output == Block::gamma && data.k2 == 0)
    throw InvalidInput(key(m, "output"),
                       "selects nothing: Γy has no rows when k2 = 0 (use \"omega\" or \"all\", or k2 ≥ 1)");
  if (module.hidden < 0 || module.hidden > kMaxHidden)
    throw InvalidInput(key(m, "hidden"),
                       fmt::format("must be an integer in [0, {}] (0 = shallow), got {}", kMaxHidden, module.hidden));
  const Gate& gate = module.gate;
  switch (gate.kind) {
    case GateKind::constant:
      if (!std::isfinite(gate.value) || gate.value < 0.0 || gate.value > 1.0)
        throw InvalidInput(key(m, "gate"), fmt::format("must be a finite number in [0, 1], got {}", gate.value));
      break;
    case GateKind::ground_truth:
      if (gate.rule < 0 || gate.rule >= data.rules)
        throw InvalidInput(key(m, "rule"), fmt::format("must be a rule index in [0, rules − 1 = {}], got {}",
                                                       data.rules - 1, gate.rule));
      break;
    case GateKind::softmax:
      if (static_cast<int>(gate.logits.size()) != data.rules)
        throw InvalidInput(key(m, "logits"), fmt::format("must list one logit per rule (rules = {}), got {}", data.rules,
                                                         gate.logits.size()));
      for (double l : gate.logits)
        if (!std::isfinite(l)) throw InvalidInput(key(m, "logits"), fmt::format("must be finite numbers, got {}", l));
      break;
  }
}

}  // namespace

void Description::validate() const {
  dataset.validate();
  if (modules.empty() || size() > kMaxModules)
    throw InvalidInput("module", fmt::format("needs between 1 and {} modules, got {}", kMaxModules, modules.size()));
  if (!std::isfinite(temperature) || temperature <= 0.0)
    throw InvalidInput("temperature", fmt::format("must be a finite number > 0, got {}", temperature));
  for (std::size_t m = 0; m < modules.size(); ++m) {
    validate_module(modules[m], m, dataset);
    for (std::size_t other = 0; other < m; ++other)
      if (modules[other].name == modules[m].name)
        throw InvalidInput(key(m, "name"), fmt::format("must be unique, \"{}\" is also module {}", modules[m].name, other + 1));
  }
  // A module whose gate is 0 on every rule has no output: it never learns and never predicts.
  if (!std::isfinite(router_lr_ratio) || router_lr_ratio < 0.0)
    throw InvalidInput("router_lr_ratio", fmt::format("must be a finite number ≥ 0 (0 = fixed logits), got {}", router_lr_ratio));
  const auto softmax_modules = std::count_if(modules.begin(), modules.end(),
                                             [](const ModuleSpec& m) { return m.gate.kind == GateKind::softmax; });
  if (learns_routing() && softmax_modules < 2)
    throw InvalidInput("router_lr_ratio", fmt::format("> 0 needs at least two softmax-gated modules to route between "
                                                      "(logits = [...] in their [[module]] tables), got {}",
                                                      softmax_modules));
  if (routes_per_sample()) {
    if (softmax_modules < 2)
      throw InvalidInput("routing", fmt::format("\"per-sample\" needs at least two softmax-gated modules to route between "
                                                "(logits = [...] in their [[module]] tables), got {}", softmax_modules));
    for (std::size_t m = 0; m < modules.size(); ++m)
      if (modules[m].gate.kind == GateKind::softmax && !modules[m].deep())
        throw InvalidInput(key(m, "hidden"), "must be ≥ 1 under per-sample routing: the gate's score reads the module's "
                                             "hidden layer (docs/modules.md §5.3)");
  }
  const Eigen::MatrixXd gates = gate_matrix(*this);
  for (std::size_t m = 0; m < modules.size(); ++m)
    if (gates.row(static_cast<Eigen::Index>(m)).maxCoeff() == 0.0)
      throw InvalidInput(key(m, "gate"), "is 0 on every rule: the module has no output (a gate must be > 0 on some rule)");
}

Eigen::MatrixXd logit_matrix(const Description& description) {
  Eigen::MatrixXd logits = Eigen::MatrixXd::Zero(description.size(), description.dataset.rules);
  for (int m = 0; m < description.size(); ++m) {
    const Gate& gate = description.modules[static_cast<std::size_t>(m)].gate;
    if (gate.kind == GateKind::softmax)
      logits.row(m) = Eigen::Map<const Eigen::RowVectorXd>(gate.logits.data(), description.dataset.rules);
  }
  return logits;
}

Eigen::MatrixXd gate_matrix(const Description& description) { return gate_matrix(description, logit_matrix(description)); }

Eigen::MatrixXd gate_matrix(const Description& description, const Eigen::MatrixXd& logits) {
  const int M = description.size(), R = description.dataset.rules;
  Eigen::MatrixXd gates = Eigen::MatrixXd::Zero(M, R);
  std::vector<Eigen::Index> softmax_modules;
  for (int m = 0; m < M; ++m) {
    const Gate& gate = description.modules[static_cast<std::size_t>(m)].gate;
    switch (gate.kind) {
      case GateKind::constant: gates.row(m).setConstant(gate.value); break;
      case GateKind::ground_truth: gates(m, gate.rule) = 1.0; break;
      case GateKind::softmax: softmax_modules.push_back(m); break;
    }
  }
  for (int rho = 0; rho < R && !softmax_modules.empty(); ++rho) {
    Eigen::VectorXd z(static_cast<Eigen::Index>(softmax_modules.size()));
    for (Eigen::Index i = 0; i < z.size(); ++i)
      z(i) = logits(softmax_modules[static_cast<std::size_t>(i)], rho) / description.temperature;
    const Eigen::VectorXd e = (z.array() - z.maxCoeff()).exp();
    for (Eigen::Index i = 0; i < z.size(); ++i) gates(softmax_modules[static_cast<std::size_t>(i)], rho) = e(i) / e.sum();
  }
  return gates;
}

namespace {

ModuleSpec module(std::string name, Block input, Block output, int hidden, Gate gate = {}) {
  return {std::move(name), input, output, hidden, std::move(gate)};
}

Gate ground_truth(int rule) { return {GateKind::ground_truth, 1.0, rule, {}}; }

}  // namespace

Description architecture_preset(analytic::Architecture arch, const analytic::DatasetSpec& spec, int hidden) {
  if (spec.n2 != 1)
    throw InvalidInput("n2", fmt::format("a module description has one answer row: n2 must be 1, got {}", spec.n2));
  Description d;
  d.dataset = {spec.n1, spec.k1, spec.k2, spec.r, 1, {spec.kept_features().front()}, {}};
  for (const auto& layout : analytic::module_layouts(arch))
    d.modules.push_back(module(layout.name, layout.input, layout.output, layout.deep ? hidden : 0));
  return d;
}

Description preset(std::string_view name, const RuleDataset& dataset, int hidden) {
  Description d;
  d.dataset = dataset;
  const int R = dataset.rules;
  if (name == "monolithic") {
    d.modules.push_back(module("net", Block::all, Block::all, hidden));
  } else if (name == "gt-modular") {
    for (int rho = 0; rho < R; ++rho)
      d.modules.push_back(module(fmt::format("rule{}", rho), Block::all, Block::all, hidden, ground_truth(rho)));
  } else if (name == "modular-op" || name == "modular") {
    d.routing = name == "modular" ? Routing::per_sample : Routing::rule;
    for (int rho = 0; rho < R; ++rho)
      d.modules.push_back(
          module(fmt::format("m{}", rho), Block::all, Block::all, hidden, {GateKind::softmax, 1.0, 0, std::vector<double>(static_cast<std::size_t>(R), 0.0)}));
  } else if (name == "gt-segregated") {
    for (int rho = 0; rho < R; ++rho)
      d.modules.push_back(module(fmt::format("rule{}", rho), Block::omega, Block::omega, hidden, ground_truth(rho)));
    d.modules.push_back(module("items", Block::gamma, Block::gamma, hidden));
  } else if (name == "shared-plus-rules") {
    d.modules.push_back(module("shared", Block::all, Block::all, hidden));
    for (int rho = 0; rho < R; ++rho)
      d.modules.push_back(module(fmt::format("rule{}", rho), Block::all, Block::all, hidden, ground_truth(rho)));
  } else if (name == "race") {
    d.modules.push_back(module("A", Block::omega, Block::omega, hidden));
    d.modules.push_back(module("B", Block::all, Block::omega, hidden));
    d.modules.push_back(module("C", Block::all, Block::gamma, hidden));
  } else {
    analytic::Architecture arch{};
    try {
      arch = analytic::parse_architecture(name);
    } catch (const InvalidInput&) {
      throw InvalidInput("preset", fmt::format("must be one of {}, got \"{}\"", kPresetNames, name));
    }
    if (dataset.rules != 1)
      throw InvalidInput("rules", fmt::format("the {} preset is a single-rule architecture: rules must be 1, got {}",
                                              name, dataset.rules));
    d.modules = architecture_preset(arch, dataset.single_rule(0), hidden).modules;
  }
  return d;
}

bool routes(const Description& description) {
  return description.dataset.rules >= 2 && description.size() >= 2 &&
         (gate_matrix(description).colwise().sum().array() > 0.0).all();
}

ReadoutTrajectory empty_trajectory(const Description& description) {
  ReadoutTrajectory trajectory;
  for (const auto& module : description.modules) trajectory.module_names.push_back(module.name);
  trajectory.rules = description.dataset.rules;
  trajectory.routed = routes(description);
  return trajectory;
}

std::string_view to_string(Block block) {
  switch (block) {
    case Block::all: return "all";
    case Block::omega: return "omega";
    case Block::gamma: return "gamma";
  }
  return "?";
}

std::string_view to_string(Routing routing) { return routing == Routing::rule ? "rule" : "per-sample"; }

std::string_view to_string(GateKind kind) {
  switch (kind) {
    case GateKind::constant: return "constant";
    case GateKind::ground_truth: return "ground-truth";
    case GateKind::softmax: return "softmax";
  }
  return "?";
}

}  // namespace dln::modules
