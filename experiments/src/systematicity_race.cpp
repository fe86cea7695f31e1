#include "dln/experiments/systematicity_race.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/latent_objective.hpp"
#include "dln/modules/race.hpp"
#include "dln/modules/run.hpp"
#include "dln/modules/theory.hpp"
#include "run_options.hpp"

namespace dln::experiments {

namespace {

bool increasing(const std::vector<double>& values) {
  return std::adjacent_find(values.begin(), values.end(), [](double a, double b) { return !(a < b); }) == values.end();
}

// Where a converged race ends: A's share of the answer (docs/modules.md §6.2) and ΓxΩy of the answer row.
struct RaceEnd {
  double share = 0.0, gamma_x_omega_y = 0.0;
  bool converged = false;
};

// The latent gradient flow from balanced aligned init with every mode at a0 (cost independent of P).
RaceEnd integrated_race(const modules::Description& d, double a0, double lr, int epochs) {
  const modules::ModeStructure structure = modules::mode_structure(d, false, false);
  const modules::LatentObjective latent(d, structure.blocks);
  const modules::RunOptions options = run_options(lr, epochs);
  const modules::ReadoutTrajectory trajectory =
      modules::run_flow(latent, modules::aligned_state(d, structure, modules::aligned_contributions(structure, a0)),
                        options)
          .trajectory;
  const modules::Readout& last = trajectory.rows.back();
  // The loss at convergence is 0 (R = 1: every target is reachable); 1e-10 of the initial ½ means the answer
  // has settled to ~1e-5 of its size, below what a figure shows.
  const bool converged = trajectory.status == analytic::RunStatus::ok && last.loss < 1e-10;
  return {last.systematic_share, last.rule_quadrants.front().GxOy, converged};
}

modules::ModuleSpec module(const char* name, modules::Block input, modules::Block output, int hidden) {
  return {name, input, output, hidden, {}};
}

}  // namespace

modules::RuleDataset SystematicityRaceSpec::dataset() const { return {n1, k1, k2, r, 1, {}, {}}; }

modules::Description SystematicityRaceSpec::segregated_race() const {
  return modules::preset("race", dataset(), hidden);
}

modules::Description SystematicityRaceSpec::dense_race() const {
  using modules::Block;
  return {dataset(),
          {module("A", Block::omega, Block::omega, hidden), module("B", Block::all, Block::all, hidden)},
          1.0};
}

void SystematicityRaceSpec::validate() const {
  dataset().validate();
  if (k1 < 1 || r <= 0.0)
    throw InvalidInput("k1", "the race needs per-item inputs (k1 ≥ 1, r > 0): without them B′ is A");
  if (a0.empty() || !increasing(a0) || !(a0.front() > 0.0) || !(a0.back() <= 0.1))
    throw InvalidInput("a0", "must be a non-empty, strictly increasing list in (0, 0.1] (small init)");
  if (gate_ratio.empty() || !increasing(gate_ratio) || !(gate_ratio.front() > 0.0) || !std::isfinite(gate_ratio.back()))
    throw InvalidInput("gate_ratio", "must be a non-empty, strictly increasing list of finite numbers > 0");
  if (hidden < 2) throw InvalidInput("hidden", fmt::format("must be ≥ 2 (B's two modes), got {}", hidden));
  modules::TheoryOptions{lr, epochs}.validate();
}

SystematicityRaceResult SystematicityRaceSpec::run() const {
  const modules::RuleDataset data = dataset();
  SystematicityRaceResult result;
  result.boundary = std::sqrt(data.L1() / data.P());
  result.unsystematic_limit = std::sqrt(k1 * r * r * data.P()) / data.L1();
  const modules::Description segregated = segregated_race(), dense = dense_race();
  for (double a : a0) {
    const double share = modules::systematicity_race_share(data.P(), data.L1(), a, 1.0, 1.0);
    result.share_theory.push_back(share);
    result.gamma_x_omega_y_theory.push_back((1.0 - share) * result.unsystematic_limit);
    for (const auto& [description, share_out, gxoy_out] :
         {std::tuple(&segregated, &result.share_flow, &result.gamma_x_omega_y_flow),
          std::tuple(&dense, &result.share_dense, &result.gamma_x_omega_y_dense)}) {
      const RaceEnd end = integrated_race(*description, a, lr, epochs);
      share_out->push_back(end.share);
      gxoy_out->push_back(end.gamma_x_omega_y);
      if (!end.converged)
        result.report.warnings.push_back(
            fmt::format("the race {} at a0 = {:g} has not converged by epoch {}; raise epochs",
                        description == &dense ? "against dense B" : "A vs B′", a, epochs));
    }
  }
  for (double a : a0)
    for (double ratio : gate_ratio) {
      const double gate_a = std::min(1.0, ratio), gate_b = std::min(1.0, 1.0 / ratio);
      // race_final's scaled variable c̃_A = γ_A·c_A is A's part of the answer.
      result.phase.push_back(modules::systematicity_race_share(data.P(), data.L1(), a, gate_a, gate_b));
    }
  return result;
}

}  // namespace dln::experiments
