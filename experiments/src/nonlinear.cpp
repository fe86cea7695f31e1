#include "dln/experiments/nonlinear.hpp"

#include <fmt/format.h>

#include "dln/analytic/mode_coordinates.hpp"
#include "dln/analytic/modes.hpp"
#include "dln/analytic/theory.hpp"
#include "dln/experiments/section.hpp"
#include "dln/numeric/init.hpp"

namespace dln::experiments {

namespace {

using analytic::Architecture;

void record(Report& report, const nonlinear::SeedCurves& curves, const std::string& what) {
  report.seeds.insert(report.seeds.end(), curves.seeds.begin(), curves.seeds.end());
  if (curves.ok()) return;
  report.status = "diverged";
  report.warnings.push_back(fmt::format("{}: a run diverged at epoch {} (seed {}); the epochs before it are drawn", what,
                                        *curves.failed_at, *curves.failed_seed));
}

// The linear network of the same architecture, σ, hidden width and seed: the exact map of full-batch GD from
// the effective a0 of its own random init (docs/theory.md §5).
analytic::Trajectory linear_theory(const nonlinear::JarvisOptions& o) {
  const analytic::ArchitectureModes modes = analytic::architecture_modes(o.spec, o.arch);
  const analytic::NetworkWeights weights = numeric::random_init(o.spec, o.arch, o.hidden, o.init_scale, o.seed);
  return analytic::theory_trajectory(modes, analytic::effective_initial_strengths(modes, weights),
                                     {o.lr, o.epochs, analytic::TimeModel::discrete});
}

validation::SplitLosses linear_min_norm(const nonlinear::JarvisOptions& o) {
  validation::GeneralizeOptions g;
  g.spec = o.spec;
  g.arch = o.arch;
  g.train = o.train;
  g.hidden = o.hidden;
  return validation::min_norm_losses(g);
}

}  // namespace

void ReluDatasetSpec::validate() const {
  within("all_patterns", [&] {
    if (!all_patterns.train.empty()) throw InvalidInput("train", "is not a key here: every pattern is trained");
    all_patterns.validate();
  });
  within("held_out", [&] {
    if (held_out.train.empty()) throw InvalidInput("train", "is required: the patterns trained on");
    held_out.validate();
    // The linear comparison of the same split.
    validation::GeneralizeOptions g;
    g.spec = held_out.spec;
    g.train = held_out.train;
    g.validate();
  });
}

ReluDatasetResult ReluDatasetSpec::run() const {
  ReluDatasetResult result;
  for (Architecture arch : {Architecture::dense, Architecture::split, Architecture::segregated}) {
    ReluDatasetArchitecture a;
    a.arch = arch;
    nonlinear::JarvisOptions all = all_patterns, held = held_out;
    all.arch = held.arch = arch;
    a.all_patterns = nonlinear::train_jarvis(all);
    record(result.report, a.all_patterns, fmt::format("{}, all patterns", analytic::to_string(arch)));
    a.linear = linear_theory(all);
    a.held_out = nonlinear::train_jarvis(held);
    record(result.report, a.held_out, fmt::format("{}, held out", analytic::to_string(arch)));
    a.min_norm = linear_min_norm(held);
    result.architectures.push_back(std::move(a));
  }
  return result;
}

void ReluFashionSpec::validate() const {
  within("data", [&] {
    nonlinear::CompositeDataOptions d = data;
    d.protocol = nonlinear::Protocol::held_out;  // the held-out fraction is used too
    d.validate();
  });
  within("network", [&] {
    nonlinear::ImageNetworkOptions n = network;
    n.arch = Architecture::split;  // the stricter check: hidden even
    n.validate(data.train_images);
  });
}

ReluFashionResult ReluFashionSpec::run() const {
  ReluFashionResult result;
  for (nonlinear::Protocol protocol : {nonlinear::Protocol::held_out, nonlinear::Protocol::new_instances}) {
    nonlinear::CompositeDataOptions d = data;
    d.protocol = protocol;
    const nonlinear::CompositeTask task = nonlinear::load_task(d);
    for (Architecture arch : {Architecture::dense, Architecture::split}) {
      nonlinear::ImageNetworkOptions n = network;
      n.arch = arch;
      ReluFashionRun run{protocol, arch, task.X_train.cols(), task.X_test.cols(), nonlinear::train_images(task, n)};
      record(result.report, run.curves,
             fmt::format("{}, {}", nonlinear::to_string(protocol), analytic::to_string(arch)));
      result.runs.push_back(std::move(run));
    }
  }
  return result;
}

}  // namespace dln::experiments
