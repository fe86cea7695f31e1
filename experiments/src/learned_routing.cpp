#include "dln/experiments/learned_routing.hpp"

#include <cmath>
#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/init.hpp"
#include "dln/modules/latent_objective.hpp"
#include "dln/modules/learned_routing.hpp"
#include "dln/modules/per_sample_routing.hpp"
#include "dln/modules/run.hpp"
#include "dln/parallel/ordered_pool.hpp"
#include "run_options.hpp"
#include "validate_dataset.hpp"

namespace dln::experiments {

modules::Description LearnedRoutingSpec::description(const modules::RuleDataset& data, double ratio, bool per_sample) const {
  modules::Description d = modules::preset(per_sample ? "modular" : "modular-op", data, hidden);
  d.temperature = temperature;
  d.router_lr_ratio = ratio;
  return d;
}

void LearnedRoutingSpec::validate() const {
  validate_dataset(dataset);
  if (dataset.rules < 2) throw InvalidInput("dataset.rules", "must be ≥ 2: one module per rule to route between");
  if (hidden < 1) throw InvalidInput("hidden", fmt::format("must be ≥ 1, got {}", hidden));
  const auto positive_list = [](const std::vector<double>& values, const char* key) {
    if (values.empty()) throw InvalidInput(key, "must be a non-empty list");
    for (double v : values)
      if (!std::isfinite(v) || v <= 0.0) throw InvalidInput(key, fmt::format("must hold finite numbers > 0, got {}", v));
  };
  positive_list(ratios, "ratios");
  positive_list(init_scales, "init_scales");
  if (!per_sample_ratios.empty()) {
    positive_list(per_sample_ratios, "per_sample_ratios");
    modules::PerSampleObjective(description(dataset, curve_ratio, true), {0});  // the dense samples fit
  }
  if (seeds < 1 || seeds > 1000) throw InvalidInput("seeds", fmt::format("must be an integer in [1, 1000], got {}", seeds));
  for (const auto& [k1, k2] : controls)
    if (k1 < 0 || k2 < 0 || k1 > dataset.k1 || k2 > dataset.k2)
      throw InvalidInput("controls", fmt::format("(k1, k2) pairs must lie in [0, {}] × [0, {}], got ({}, {})", dataset.k1,
                                                 dataset.k2, k1, k2));
  if (jobs < 0 || jobs > 1024) throw InvalidInput("jobs", fmt::format("must be an integer in [0, 1024], got {}", jobs));
  run_options(lr, epochs, record_every).validate();
  modules::initial_logits(description(dataset, curve_ratio), logit_noise, 0);  // σ_θ ≥ 0, finite
  description(dataset, curve_ratio).validate();                                // temperature, curve_ratio
}

namespace {

struct Run {
  modules::ReadoutTrajectory trajectory;
  RoutingOutcome outcome;
};

RoutingOutcome outcome_of(const modules::LatentObjective& latent, const modules::State& state, const Eigen::MatrixXd& gates,
                          double loss) {
  const modules::RuleDataset& data = latent.description().dataset;
  RoutingOutcome o;
  o.loss = loss;
  o.gates = gates;
  o.P = modules::routing_matrix(gates, data);
  o.gate_metrics = modules::specialisation_metrics(o.P);
  const Eigen::MatrixXd F = modules::functional_share(latent, state, gates);
  if ((F.cwiseAbs().rowwise().sum().array() > 0.0).all()) {
    o.P_functional = modules::functional_routing_matrix(F, data);
    o.functional_metrics = modules::specialisation_metrics(*o.P_functional);
  }
  o.cancellation = modules::cancellation_ratio(latent, state, gates);
  return o;
}

// One seed of one setting: exact GD of the latent weights (every latent: the random init is not aligned) and,
// when learned, of the logits.
Run run_one(const LearnedRoutingSpec& spec, const modules::Description& d, double init_scale, std::uint64_t seed,
            int record_every) {
  const modules::LatentObjective latent(d, {modules::full_block(d.dataset)});
  modules::RunOptions options = run_options(spec.lr, spec.epochs, record_every);
  options.initial_logits = modules::initial_logits(d, spec.logit_noise, seed);
  modules::RunResult result =
      modules::run_gd(latent, latent.from_full(modules::random_init(d, init_scale, seed)), std::move(options));
  Run run;
  if (!result.trajectory.rows.empty()) {
    const modules::Readout& last = result.trajectory.rows.back();
    run.outcome = outcome_of(latent, result.final_state, last.gates, last.loss);
  }
  run.trajectory = std::move(result.trajectory);
  return run;
}

// One seed of per-sample routing: full-weight GD of the weights, the score read-outs (N(0, σ²), the weights' scale)
// and the rule biases (the same logit init as Modular-op's). Gates and gate metrics are the mean gates' (exact).
Run run_per_sample(const LearnedRoutingSpec& spec, const modules::Description& d, double init_scale, std::uint64_t seed,
                   int record_every) {
  std::vector<int> every(static_cast<std::size_t>(d.dataset.patterns()));
  for (std::size_t c = 0; c < every.size(); ++c) every[c] = static_cast<int>(c);
  const modules::PerSampleObjective objective(d, every);
  const modules::RunOptions options = run_options(spec.lr, spec.epochs, record_every);
  modules::PerSampleRun result = modules::run_per_sample_gd(
      objective, nullptr, modules::random_init(d, init_scale, seed),
      modules::initial_router(d, init_scale, seed, modules::initial_logits(d, spec.logit_noise, seed)), options);
  Run run;
  if (!result.trajectory.rows.empty()) {
    const modules::Readout& last = result.trajectory.rows.back();
    run.outcome.loss = last.loss;
    run.outcome.gates = last.gates;
    run.outcome.P = modules::routing_matrix(last.gates, d.dataset);
    run.outcome.gate_metrics = modules::specialisation_metrics(run.outcome.P);
  }
  run.trajectory = std::move(result.trajectory);
  return run;
}

}  // namespace

LearnedRoutingResult LearnedRoutingSpec::run() const {
  struct Task {
    modules::RuleDataset data;
    double ratio, scale;
    bool per_sample;
    std::uint64_t seed;
  };
  std::vector<Task> tasks;
  LearnedRoutingResult result;
  for (double ratio : ratios)
    for (double scale : init_scales) result.table.push_back({ratio, scale, dataset.k1, dataset.k2, false, {}});
  for (const auto& [k1, k2] : controls) result.table.push_back({curve_ratio, curve_scale, k1, k2, false, {}});
  for (double ratio : per_sample_ratios) result.table.push_back({ratio, curve_scale, dataset.k1, dataset.k2, true, {}});
  for (const auto& setting : result.table) {
    modules::RuleDataset data = dataset;
    data.k1 = setting.k1;
    data.k2 = setting.k2;
    for (int s = 0; s < seeds; ++s)
      tasks.push_back({data, setting.ratio, setting.init_scale, setting.per_sample, static_cast<std::uint64_t>(s)});
  }
  // The curves: seed 0 at the curve setting, learned and ground truth (and per sample), rows every record_every epochs.
  const auto job = [&](std::size_t i) -> Run {
    if (i < tasks.size()) {  // end points only
      const Task& t = tasks[i];
      if (t.per_sample) return run_per_sample(*this, description(t.data, t.ratio, true), t.scale, t.seed, epochs);
      return run_one(*this, description(t.data, t.ratio), t.scale, t.seed, epochs);
    }
    if (i == tasks.size()) return run_one(*this, description(dataset, curve_ratio), curve_scale, 0, record_every);
    if (i == tasks.size() + 1)
      return run_one(*this, modules::preset("gt-modular", dataset, hidden), curve_scale, 0, record_every);
    return run_per_sample(*this, description(dataset, curve_ratio, true), curve_scale, 0, record_every);
  };
  const bool per_sample_curve = !per_sample_ratios.empty();
  parallel::OrderedPool pool(tasks.size() + (per_sample_curve ? 3 : 2), jobs, job);
  std::size_t next = 0;
  for (auto& setting : result.table)
    for (int s = 0; s < seeds; ++s) {
      Run run = pool.get(next++);
      if (run.trajectory.status != analytic::RunStatus::ok) {
        result.report.status = "diverged";
        result.report.warnings.push_back(fmt::format("{}ratio {:g}, σ {:g}, k1 = {}, k2 = {}, seed {}: {} at epoch {}",
                                                     setting.per_sample ? "per-sample routing, " : "", setting.ratio,
                                                     setting.init_scale, setting.k1, setting.k2, s,
                                                     analytic::to_string(run.trajectory.status),
                                                     run.trajectory.failed_at.value_or(-1)));
      }
      setting.seeds.push_back(std::move(run.outcome));
    }
  Run learned = pool.get(next++), ground_truth = pool.get(next++);
  result.learned = std::move(learned.trajectory);
  result.learned_end = std::move(learned.outcome);
  result.ground_truth = std::move(ground_truth.trajectory);
  if (per_sample_curve) result.per_sample = pool.get(next++).trajectory;
  for (int s = 0; s < seeds; ++s) result.report.seeds.push_back(static_cast<std::uint64_t>(s));
  return result;
}

}  // namespace dln::experiments
