#include "dln/experiments/held_out_routing.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/init.hpp"
#include "dln/modules/learned_routing.hpp"
#include "dln/modules/per_sample_routing.hpp"
#include "dln/modules/run.hpp"
#include "dln/modules/sample_objective.hpp"
#include "dln/parallel/ordered_pool.hpp"
#include "run_options.hpp"
#include "validate_dataset.hpp"

namespace dln::experiments {

namespace {

std::vector<int> tested(const modules::RuleDataset& data, const std::vector<int>& train) {
  std::vector<int> rest;
  for (int c = 0; c < static_cast<int>(data.patterns()); ++c)
    if (std::find(train.begin(), train.end(), c) == train.end()) rest.push_back(c);
  return rest;
}

}  // namespace

modules::Description HeldOutRoutingSpec::description(const std::string& preset) const {
  modules::Description d = modules::preset(preset, dataset, hidden);
  if (std::any_of(d.modules.begin(), d.modules.end(),
                  [](const modules::ModuleSpec& m) { return m.gate.kind == modules::GateKind::softmax; }))
    d.router_lr_ratio = router_lr_ratio;
  return d;
}

void HeldOutRoutingSpec::validate() const {
  validate_dataset(dataset);
  if (dataset.rules < 2) throw InvalidInput("dataset.rules", "must be ≥ 2: routing needs rules to route");
  if (presets.empty()) throw InvalidInput("presets", "must list at least one module preset");
  if (hidden < 1) throw InvalidInput("hidden", fmt::format("must be ≥ 1, got {}", hidden));
  if (!std::isfinite(init_scale) || init_scale <= 0.0)
    throw InvalidInput("init_scale", fmt::format("must be a finite number > 0, got {}", init_scale));
  if (!std::isfinite(router_lr_ratio) || router_lr_ratio < 0.0)
    throw InvalidInput("router_lr_ratio", fmt::format("must be a finite number ≥ 0, got {}", router_lr_ratio));
  if (seeds < 1 || seeds > 1000) throw InvalidInput("seeds", fmt::format("must be an integer in [1, 1000], got {}", seeds));
  if (jobs < 0 || jobs > 1024) throw InvalidInput("jobs", fmt::format("must be an integer in [0, 1024], got {}", jobs));
  run_options(lr, epochs, record_every).validate();
  for (const std::string& name : presets) {
    modules::Description d;
    try {
      d = description(name);
      d.validate();
    } catch (const InvalidInput& e) {
      throw InvalidInput("presets", fmt::format("\"{}\": {}", name, e.what()));
    }
    modules::initial_logits(d, logit_noise, 0);  // σ_θ ≥ 0, finite
    (void)modules::SampleData(d, train);        // the training patterns: distinct, in range; the samples fit
  }
  if (tested(dataset, train).empty())
    throw InvalidInput("train", fmt::format("leaves no pattern to test on: list fewer than P = {}", dataset.patterns()));
}

namespace {

// One seed of one routing: GD on the training patterns from N(0, σ²) weights (and read-outs), N(θ0, σ_θ²) logits.
modules::ReadoutTrajectory run_one(const HeldOutRoutingSpec& spec, const modules::Description& d, std::uint64_t seed,
                                   int record_every) {
  modules::RunOptions options = run_options(spec.lr, spec.epochs, record_every);
  const Eigen::MatrixXd logits = modules::initial_logits(d, spec.logit_noise, seed);
  const modules::State weights = modules::random_init(d, spec.init_scale, seed);
  if (d.routes_per_sample()) {
    const modules::PerSampleObjective train(d, spec.train), test(d, tested(d.dataset, spec.train));
    return modules::run_per_sample_gd(train, &test, weights, modules::initial_router(d, spec.init_scale, seed, logits),
                                      options)
        .trajectory;
  }
  options.initial_logits = logits;
  const modules::HeldOutObjective objective(d, spec.train);
  return modules::run_gd(objective, weights, options).trajectory;
}

}  // namespace

HeldOutRoutingResult HeldOutRoutingSpec::run() const {
  HeldOutRoutingResult result;
  const auto per_routing = static_cast<std::size_t>(seeds);
  // Task i: routing i / seeds, seed i % seeds; seed 0 keeps its rows every record_every epochs for the curves.
  const auto job = [&](std::size_t i) {
    const auto seed = static_cast<std::uint64_t>(i % per_routing);
    return run_one(*this, description(presets[i / per_routing]), seed, seed == 0 ? record_every : epochs);
  };
  parallel::OrderedPool pool(presets.size() * per_routing, jobs, job);
  for (std::size_t r = 0; r < presets.size(); ++r) {
    HeldOutRouting routing{presets[r], {}, {}};
    for (std::size_t s = 0; s < per_routing; ++s) {
      modules::ReadoutTrajectory trajectory = pool.get(r * per_routing + s);
      if (trajectory.status != analytic::RunStatus::ok) {
        result.report.status = "diverged";
        result.report.warnings.push_back(fmt::format("{}, seed {}: {} at epoch {}", presets[r], s,
                                                     analytic::to_string(trajectory.status),
                                                     trajectory.failed_at.value_or(-1)));
        continue;
      }
      routing.ends.push_back(trajectory.rows.back());
      if (s == 0) routing.curve = std::move(trajectory);
    }
    result.routings.push_back(std::move(routing));
  }
  // The rule-blind floor, from the test targets themselves (docs/modules.md §4.2 for every pattern).
  const modules::SampleData test(description(presets.front()), tested(dataset, train));
  const auto columns = test.targets.front().cols();
  for (Eigen::Index c = 0; c < columns; ++c) {
    double mean = 0.0, spread = 0.0;
    for (int rho = 0; rho < dataset.rules; ++rho) mean += dataset.rule_prior(rho) * test.targets[static_cast<std::size_t>(rho)](0, c);
    for (int rho = 0; rho < dataset.rules; ++rho)
      spread += dataset.rule_prior(rho) * std::pow(test.targets[static_cast<std::size_t>(rho)](0, c) - mean, 2);
    result.rule_blind_floor += 0.5 * spread / static_cast<double>(columns);
  }
  for (int s = 0; s < seeds; ++s) result.report.seeds.push_back(static_cast<std::uint64_t>(s));
  return result;
}

}  // namespace dln::experiments
