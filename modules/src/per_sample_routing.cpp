#include "dln/modules/per_sample_routing.hpp"

#include <algorithm>
#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <fmt/format.h>
#include <random>

#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/specialisation.hpp"
#include "epoch_loop.hpp"

namespace dln::modules {

namespace {

bool softmax_gated(const Description& d, int m) { return d.modules[static_cast<std::size_t>(m)].gate.kind == GateKind::softmax; }

Description rule_level(Description description) {
  if (!description.routes_per_sample())
    throw InvalidInput("routing", "the per-sample engine needs routing = \"per-sample\" (the modular preset)");
  description.routing = Routing::rule;
  return description;
}

bool all_finite(const State& state, const Router& router) {
  return modules::all_finite(state) &&
         std::all_of(router.readout.begin(), router.readout.end(), [](const auto& w) { return w.allFinite(); }) &&
         router.bias.allFinite();
}

}  // namespace

Router initial_router(const Description& description, double sigma, std::uint64_t seed, Eigen::MatrixXd bias) {
  if (!std::isfinite(sigma) || sigma < 0.0)
    throw InvalidInput("init-scale", fmt::format("must be a finite number ≥ 0, got {}", sigma));
  constexpr std::uint32_t kScoreStream = 0x73636f72;  // "scor": apart from the weights' and the logits' streams
  std::seed_seq sequence{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32), kScoreStream};
  std::mt19937_64 engine(sequence);
  boost::random::normal_distribution<double> normal(0.0, sigma > 0.0 ? sigma : 1.0);
  Router router{{}, std::move(bias)};
  for (int m = 0; m < description.size(); ++m) {
    Eigen::VectorXd w;
    if (softmax_gated(description, m)) {
      w = Eigen::VectorXd::Zero(description.modules[static_cast<std::size_t>(m)].hidden);
      if (sigma > 0.0)
        for (Eigen::Index i = 0; i < w.size(); ++i) w(i) = normal(engine);
    }
    router.readout.push_back(std::move(w));
  }
  return router;
}

PerSampleObjective::PerSampleObjective(Description description, std::vector<int> patterns)
    : description_((description.validate(), std::move(description))),
      data_(description_, std::move(patterns)),
      rule_level_(rule_level(description_)) {}

struct PerSampleObjective::Pass {
  std::vector<Eigen::MatrixXd> hidden;  // H_m = W1^m X_m (h × |S|; a shallow module: empty)
  std::vector<Eigen::MatrixXd> output;  // Y_m = W2^m H_m or W X_m, module m's rows
  std::vector<Eigen::MatrixXd> gates;   // per rule, M × |S|
  std::vector<Eigen::MatrixXd> errors;  // per rule, Y_ρ − Ŷ_ρ on S (every output row)
};

PerSampleObjective::Pass PerSampleObjective::forward(const State& weights, const Router& router) const {
  const Description& d = description_;
  const auto n = static_cast<Eigen::Index>(data_.patterns.size());
  const Eigen::MatrixXd rule_gates = gate_matrix(d);  // the constant and ground-truth modules' gates
  Pass pass;
  for (int m = 0; m < d.size(); ++m) {
    const auto mi = static_cast<std::size_t>(m);
    if (d.modules[mi].deep()) {
      pass.hidden.push_back(weights[mi].W1 * data_.inputs[mi]);
      pass.output.push_back(weights[mi].W2 * pass.hidden.back());
    } else {
      pass.hidden.emplace_back();
      pass.output.push_back(weights[mi].W1 * data_.inputs[mi]);
    }
  }
  for (int rho = 0; rho < d.dataset.rules; ++rho) {
    Eigen::MatrixXd g(d.size(), n);
    Eigen::MatrixXd scores(d.size(), n);
    for (int m = 0; m < d.size(); ++m) {
      const auto mi = static_cast<std::size_t>(m);
      if (softmax_gated(d, m))
        scores.row(m) = ((router.readout[mi].transpose() * pass.hidden[mi]).array() + router.bias(m, rho)) / d.temperature;
      else
        g.row(m).setConstant(rule_gates(m, rho));
    }
    for (Eigen::Index c = 0; c < n; ++c) {  // softmax over the softmax-gated modules, max subtracted first
      double top = -INFINITY, sum = 0.0;
      for (int m = 0; m < d.size(); ++m)
        if (softmax_gated(d, m)) top = std::max(top, scores(m, c));
      for (int m = 0; m < d.size(); ++m)
        if (softmax_gated(d, m)) sum += (g(m, c) = std::exp(scores(m, c) - top));
      for (int m = 0; m < d.size(); ++m)
        if (softmax_gated(d, m)) g(m, c) /= sum;
    }
    Eigen::MatrixXd e = data_.targets[static_cast<std::size_t>(rho)];
    const Eigen::Index items = e.rows() - 1;
    for (int m = 0; m < d.size(); ++m) {
      const auto mi = static_cast<std::size_t>(m);
      const Eigen::MatrixXd gated = pass.output[mi] * g.row(m).asDiagonal();
      if (d.modules[mi].output != Block::gamma) e.row(0) -= gated.row(0);
      if (d.modules[mi].output != Block::omega) e.bottomRows(items) -= gated.bottomRows(items);
    }
    pass.gates.push_back(std::move(g));
    pass.errors.push_back(std::move(e));
  }
  return pass;
}

std::vector<Eigen::MatrixXd> PerSampleObjective::gates(const State& weights, const Router& router) const {
  return forward(weights, router).gates;
}

Eigen::MatrixXd PerSampleObjective::mean_gates(const std::vector<Eigen::MatrixXd>& gates) const {
  Eigen::MatrixXd mean(description_.size(), description_.dataset.rules);
  for (int rho = 0; rho < description_.dataset.rules; ++rho) mean.col(rho) = gates[static_cast<std::size_t>(rho)].rowwise().mean();
  return mean;
}

PerSampleObjective::Losses PerSampleObjective::losses(const State& weights, const Router& router) const {
  return losses(forward(weights, router));
}

PerSampleObjective::Losses PerSampleObjective::losses(const Pass& pass) const {
  const RuleDataset& data = description_.dataset;
  const double n = static_cast<double>(data_.patterns.size());
  Losses result;
  for (int rho = 0; rho < data.rules; ++rho) {
    const Eigen::MatrixXd& e = pass.errors[static_cast<std::size_t>(rho)];
    result.rule.push_back(e.squaredNorm() / (2.0 * n));
    result.total += data.rule_prior(rho) * result.rule.back();
    result.answer += data.rule_prior(rho) * e.row(0).squaredNorm() / (2.0 * n);
  }
  return result;
}

double PerSampleObjective::descent(const State& weights, const Router& router, State& descent, Router& router_descent) const {
  const Description& d = description_;
  const double n = static_cast<double>(data_.patterns.size());
  const Pass pass = forward(weights, router);
  descent.resize(weights.size());
  router_descent.readout.assign(router.readout.size(), Eigen::VectorXd());
  router_descent.bias = Eigen::MatrixXd::Zero(d.size(), d.dataset.rules);
  double loss = 0.0;
  for (int rho = 0; rho < d.dataset.rules; ++rho)
    loss += d.dataset.rule_prior(rho) * pass.errors[static_cast<std::size_t>(rho)].squaredNorm() / (2.0 * n);

  // With α_ρ = π_ρ/|S| and e = Y − Ŷ (so −∂L/∂ŷ = α_ρ·e):
  //   drive    H_m(c, ρ) = −∂L/∂g_m(c, ρ) = α_ρ ⟨e_{cρ}[O_m], y_m(c)⟩,
  //   score    D_m(c, ρ) = −∂L/∂ℓ_m(c, ρ) = (1/T)·g_m·(H_m − Σ_{m' softmax} g_{m'} H_{m'}) (softmax Jacobian),
  //   output   Ē_m(:, c) = −∂L/∂y_m(c) = Σ_ρ α_ρ g_m(c, ρ) e_{cρ}[O_m],
  //   hidden   −∂L/∂h_m(c) = W2ᵀ Ē_m(:, c) + w_m Σ_ρ D_m(c, ρ),
  // so −∂L/∂W2 = Ē_m H_mᵀ, −∂L/∂W1 = (W2ᵀ Ē_m + w_m dᵀ) X_mᵀ with d(c) = Σ_ρ D_m(c, ρ), −∂L/∂w_m = H_m d and
  // −∂L/∂θ_{mρ} = Σ_c D_m(c, ρ).
  const auto columns = static_cast<Eigen::Index>(data_.patterns.size());
  std::vector<Eigen::MatrixXd> score_descent;  // D per rule, M × |S|
  for (int rho = 0; rho < d.dataset.rules; ++rho) {
    const auto r = static_cast<std::size_t>(rho);
    const double alpha = d.dataset.rule_prior(rho) / n;
    const Eigen::MatrixXd& g = pass.gates[r];
    Eigen::MatrixXd drive(d.size(), columns);
    for (int m = 0; m < d.size(); ++m)
      drive.row(m) = alpha * module_rows(d.modules[static_cast<std::size_t>(m)], pass.errors[r])
                                 .cwiseProduct(pass.output[static_cast<std::size_t>(m)])
                                 .colwise()
                                 .sum();
    Eigen::RowVectorXd mean_drive = Eigen::RowVectorXd::Zero(columns);
    for (int m = 0; m < d.size(); ++m)
      if (softmax_gated(d, m)) mean_drive += g.row(m).cwiseProduct(drive.row(m));
    Eigen::MatrixXd D = Eigen::MatrixXd::Zero(d.size(), columns);
    for (int m = 0; m < d.size(); ++m)
      if (softmax_gated(d, m)) D.row(m) = g.row(m).cwiseProduct(drive.row(m) - mean_drive) / d.temperature;
    router_descent.bias.col(rho) = D.rowwise().sum();
    score_descent.push_back(std::move(D));
  }
  for (int m = 0; m < d.size(); ++m) {
    const auto mi = static_cast<std::size_t>(m);
    const ModuleSpec& module = d.modules[mi];
    Eigen::MatrixXd Ebar = Eigen::MatrixXd::Zero(pass.output[mi].rows(), columns);
    for (int rho = 0; rho < d.dataset.rules; ++rho) {
      const auto r = static_cast<std::size_t>(rho);
      Ebar += module_rows(module, pass.errors[r]) * (d.dataset.rule_prior(rho) / n * pass.gates[r].row(m)).asDiagonal();
    }
    if (!module.deep()) {
      descent[mi].W1 = Ebar * data_.inputs[mi].transpose();
      descent[mi].W2.resize(0, 0);
      continue;
    }
    Eigen::MatrixXd back = weights[mi].W2.transpose() * Ebar;  // −∂L/∂H_m
    if (softmax_gated(d, m)) {
      Eigen::RowVectorXd total = Eigen::RowVectorXd::Zero(columns);
      for (const auto& D : score_descent) total += D.row(m);
      back += router.readout[mi] * total;
      router_descent.readout[mi] = pass.hidden[mi] * total.transpose();
    }
    descent[mi].W1 = back * data_.inputs[mi].transpose();
    descent[mi].W2 = Ebar * pass.hidden[mi].transpose();
  }
  return loss;
}

Readout PerSampleObjective::measure(const State& weights, const Router& router, int t) const {
  const Pass pass = forward(weights, router);  // one pass feeds the gates and the losses
  const std::vector<Eigen::MatrixXd>& per_sample = pass.gates;
  const Eigen::MatrixXd mean = mean_gates(per_sample);
  Readout row = rule_level_.measure_weights(weights, mean, t);
  const Losses l = losses(pass);
  row.loss = l.total;
  row.rule_loss = l.rule;  // the gates, routing metrics and load are the mean gates' (rule_level_.measure_weights)
  Eigen::MatrixXd every_sample(description_.size(), static_cast<Eigen::Index>(per_sample.size()) * per_sample.front().cols());
  for (std::size_t r = 0; r < per_sample.size(); ++r)
    every_sample.middleCols(static_cast<Eigen::Index>(r) * per_sample[r].cols(), per_sample[r].cols()) = per_sample[r];
  row.routing_entropy = routing_entropy(every_sample);
  return row;
}

PerSampleRun run_per_sample_gd(const PerSampleObjective& train, const PerSampleObjective* test, State weights,
                               Router router, const RunOptions& options) {
  options.validate();
  const Description& d = train.description();
  const double eta = step_size(d.dataset, options.lr), eta_router = d.router_lr_ratio * eta;
  PerSampleRun result{empty_trajectory(d), {}, {}};
  State descent;
  Router router_descent;
  const auto advance = [&] {
    train.descent(weights, router, descent, router_descent);
    for (std::size_t m = 0; m < weights.size(); ++m) {
      weights[m].W1 += eta * descent[m].W1;
      weights[m].W2 += eta * descent[m].W2;  // both empty for a shallow module
      if (router.readout[m].size() > 0) router.readout[m] += eta_router * router_descent.readout[m];
    }
    router.bias += eta_router * router_descent.bias;
  };
  const auto measure = [&](int t) {
    Readout row = train.measure(weights, router, t);
    if (test) {
      const PerSampleObjective::Losses held_out = test->losses(weights, router);
      row.test_loss = held_out.total;
      row.test_answer_loss = held_out.answer;
    }
    return row;
  };
  epoch_loop(
      options, result.trajectory, advance, [&] { return all_finite(weights, router); }, measure,
      [&] {
        result.final_state = weights;
        result.final_router = router;
      });
  return result;
}

}  // namespace dln::modules
