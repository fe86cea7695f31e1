#include "dln/modules/sample_objective.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "dln/analytic/dataset.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/init.hpp"
#include "dln/modules/latent_basis.hpp"
#include "dln/numeric/init.hpp"

namespace dln::modules {

namespace {

bool writes_answer(Block b) { return b != Block::gamma; }
bool writes_items(Block b) { return b != Block::omega; }

Eigen::MatrixXd columns(const Eigen::MatrixXd& matrix, const std::vector<int>& patterns) {
  Eigen::MatrixXd result(matrix.rows(), static_cast<Eigen::Index>(patterns.size()));
  for (std::size_t i = 0; i < patterns.size(); ++i) result.col(static_cast<Eigen::Index>(i)) = matrix.col(patterns[i]);
  return result;
}

}  // namespace

Eigen::MatrixXd module_rows(const ModuleSpec& module, const Eigen::MatrixXd& block) {
  const Eigen::Index items = block.rows() - 1;
  Eigen::MatrixXd rows((writes_answer(module.output) ? 1 : 0) + (writes_items(module.output) ? items : 0), block.cols());
  if (writes_answer(module.output)) rows.row(0) = block.row(0);
  if (writes_items(module.output)) rows.bottomRows(items) = block.bottomRows(items);
  return rows;
}

SampleData::SampleData(const Description& description, std::vector<int> chosen) : patterns(std::move(chosen)) {
  const RuleDataset& data = description.dataset;
  const auto P = static_cast<int>(data.patterns());
  std::vector<int> sorted = patterns;
  std::sort(sorted.begin(), sorted.end());
  if (sorted.empty() || sorted.front() < 0 || sorted.back() >= P ||
      std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
    throw InvalidInput("train", fmt::format("must list distinct patterns in [0, P − 1 = {}], at least one", P - 1));
  // Dense over S: the inputs (n1 + k1·P rows) once per module, the targets (1 + k2·P rows) once per rule, and the
  // activations and errors of a step, of the same sizes.
  const double columns_held = static_cast<double>(patterns.size());
  const double entries = 2.0 * columns_held *
                         (static_cast<double>(description.modules.size()) * (data.n1 + data.k1 * data.P()) +
                          data.rules * (1.0 + data.k2 * data.P()));
  if (entries > numeric::kMaxWeightEntries)
    throw InvalidInput("n1", fmt::format("n1 = {} needs {:.3g} matrix entries ({:.3g} GB) for the dense samples over {} "
                                         "patterns; limit {:.0e}: use a smaller n1, k1 or k2",
                                         data.n1, entries, entries * 8e-9, patterns.size(), numeric::kMaxWeightEntries));
  const Eigen::MatrixXd X = columns(analytic::input_matrix(data.single_rule(0)), patterns);
  for (const auto& module : description.modules) {
    const Eigen::Index first = module.input == Block::gamma ? data.n1 : 0;
    const Eigen::Index rows = module.input == Block::all ? X.rows() : module.input == Block::omega ? data.n1 : X.rows() - data.n1;
    inputs.push_back(X.middleRows(first, rows));
  }
  for (int rho = 0; rho < data.rules; ++rho)
    targets.push_back(columns(analytic::output_matrix(data.single_rule(rho)), patterns));
}

SampleObjective::SampleObjective(Description description, std::vector<int> patterns)
    : full_(std::move(description)), data_(full_.description(), std::move(patterns)) {}

Eigen::MatrixXd SampleObjective::module_output(const State& weights, int m) const {
  const auto& w = weights[static_cast<std::size_t>(m)];
  if (!description().modules[static_cast<std::size_t>(m)].deep()) return w.W1 * data_.inputs[static_cast<std::size_t>(m)];
  return w.W2 * (w.W1 * data_.inputs[static_cast<std::size_t>(m)]);
}

std::vector<Eigen::MatrixXd> SampleObjective::errors(const State& weights, const Eigen::MatrixXd& gates) const {
  const Description& d = description();
  std::vector<Eigen::MatrixXd> E = data_.targets;
  for (int m = 0; m < d.size(); ++m) {
    const ModuleSpec& module = d.modules[static_cast<std::size_t>(m)];
    const Eigen::MatrixXd out = module_output(weights, m);
    const Eigen::Index items = E.front().rows() - 1;
    for (int rho = 0; rho < d.dataset.rules; ++rho) {
      const double g = gates(m, rho);
      if (g == 0.0) continue;
      if (writes_answer(module.output)) E[static_cast<std::size_t>(rho)].row(0) -= g * out.row(0);
      if (writes_items(module.output)) E[static_cast<std::size_t>(rho)].bottomRows(items) -= g * out.bottomRows(items);
    }
  }
  return E;
}

SampleObjective::Losses SampleObjective::losses(const State& weights, const Eigen::MatrixXd& gates) const {
  const RuleDataset& data = description().dataset;
  const double n = static_cast<double>(data_.patterns.size());
  Losses result;
  const auto E = errors(weights, gates);
  for (int rho = 0; rho < data.rules; ++rho) {
    const auto& e = E[static_cast<std::size_t>(rho)];
    result.rule.push_back(e.squaredNorm() / (2.0 * n));
    result.total += data.rule_prior(rho) * result.rule.back();
    result.answer += data.rule_prior(rho) * e.row(0).squaredNorm() / (2.0 * n);
  }
  return result;
}

double SampleObjective::loss(const State& weights, const Eigen::MatrixXd& gates) const {
  return losses(weights, gates).total;
}

double SampleObjective::descent(const State& weights, const Eigen::MatrixXd& gates, State& descent) const {
  const Description& d = description();
  const double n = static_cast<double>(data_.patterns.size());
  const auto E = errors(weights, gates);
  descent.resize(weights.size());
  double total = 0.0;
  for (int rho = 0; rho < d.dataset.rules; ++rho)
    total += d.dataset.rule_prior(rho) * E[static_cast<std::size_t>(rho)].squaredNorm() / (2.0 * n);
  for (int m = 0; m < d.size(); ++m) {
    const auto mi = static_cast<std::size_t>(m);
    const ModuleSpec& module = d.modules[mi];
    // Ē_m = Σ_ρ π_ρ g_m(ρ) (Y_ρ − Ŷ_ρ)[O_m, S]/|S|; τ dW1/dt = W2ᵀ Ē_m X_mᵀ, τ dW2/dt = Ē_m (W1 X_m)ᵀ.
    Eigen::MatrixXd Ebar = Eigen::MatrixXd::Zero(module_rows(module, E.front()).rows(), static_cast<Eigen::Index>(data_.patterns.size()));
    for (int rho = 0; rho < d.dataset.rules; ++rho)
      if (gates(m, rho) != 0.0)
        Ebar += (d.dataset.rule_prior(rho) * gates(m, rho) / n) * module_rows(module, E[static_cast<std::size_t>(rho)]);
    if (!module.deep()) {
      descent[mi].W1 = Ebar * data_.inputs[mi].transpose();
      descent[mi].W2.resize(0, 0);
    } else {
      descent[mi].W1 = weights[mi].W2.transpose() * Ebar * data_.inputs[mi].transpose();
      descent[mi].W2 = Ebar * (weights[mi].W1 * data_.inputs[mi]).transpose();
    }
  }
  return total;
}

Eigen::MatrixXd SampleObjective::gate_drive(const State& weights, const Eigen::MatrixXd& gates) const {
  const Description& d = description();
  const double n = static_cast<double>(data_.patterns.size());
  const auto E = errors(weights, gates);
  Eigen::MatrixXd drive(d.size(), d.dataset.rules);
  for (int m = 0; m < d.size(); ++m) {
    const Eigen::MatrixXd out = module_output(weights, m);
    for (int rho = 0; rho < d.dataset.rules; ++rho)  // h = π_ρ ⟨(Y_ρ − Ŷ_ρ)[O_m], W_m X_m⟩/|S|
      drive(m, rho) = d.dataset.rule_prior(rho) / n *
                      module_rows(d.modules[static_cast<std::size_t>(m)], E[static_cast<std::size_t>(rho)]).cwiseProduct(out).sum();
  }
  return drive;
}

Readout SampleObjective::measure(const State& weights, const Eigen::MatrixXd& gates, int t) const {
  Readout row = full_.measure_weights(weights, gates, t);
  const Losses l = losses(weights, gates);
  row.loss = l.total;
  row.rule_loss = l.rule;
  return row;
}

namespace {

std::vector<int> complement(const Description& d, const std::vector<int>& train) {
  std::vector<bool> seen(static_cast<std::size_t>(d.dataset.patterns()), false);
  for (int c : train)
    if (c >= 0 && c < static_cast<int>(seen.size())) seen[static_cast<std::size_t>(c)] = true;
  std::vector<int> rest;
  for (std::size_t c = 0; c < seen.size(); ++c)
    if (!seen[c]) rest.push_back(static_cast<int>(c));
  if (rest.empty())
    throw InvalidInput("train", fmt::format("leaves no pattern to test on: list fewer than P = {}", seen.size()));
  return rest;
}

}  // namespace

HeldOutObjective::HeldOutObjective(const Description& description, const std::vector<int>& train)
    : train_(description, train), test_(description, complement(description, train)) {}

Readout HeldOutObjective::measure(const State& weights, const Eigen::MatrixXd& gates, int t) const {
  Readout row = train_.measure(weights, gates, t);
  const SampleObjective::Losses test = test_.losses(weights, gates);
  row.test_loss = test.total;
  row.test_answer_loss = test.answer;
  return row;
}

}  // namespace dln::modules
