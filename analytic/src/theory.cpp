#include "dln/analytic/theory.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"

namespace dln::analytic {

void TheoryOptions::validate() const {
  if (!std::isfinite(lr) || lr <= 0.0)
    throw InvalidInput("lr", fmt::format("must be a finite number > 0, got {}", lr));
  if (epochs < 0 || epochs > kMaxEpochs)
    throw InvalidInput("epochs", fmt::format("must be an integer in [0, {}], got {}", kMaxEpochs, epochs));
}

InitialStrengths uniform_initial_strengths(const ArchitectureModes& modes, double a0) {
  InitialStrengths strengths;
  for (const auto& family : modes.families)
    strengths.push_back(family.present() ? std::vector<double>{a0} : std::vector<double>{});
  return strengths;
}

Trajectory theory_trajectory(const ArchitectureModes& modes, const InitialStrengths& a0,
                             const TheoryOptions& options) {
  // Every nonzero starting value's curve (a start at 0 is a fixed point of the flow and of the discrete map and
  // adds nothing to the sums), advanced one epoch per row.
  const double eta = modes.spec.P() * options.lr;
  std::vector<std::vector<ModeCurve>> curves(modes.families.size());
  for (std::size_t i = 0; i < modes.families.size(); ++i) {
    const ModeFamily& family = modes.families[i];
    for (double start : a0[i])
      if (start != 0.0) curves[i].emplace_back(family.s, family.lambda, start, family.deep, options.time, eta);
  }
  auto strengths_at = [&](std::size_t t, std::vector<FamilyStrength>& out) {
    for (std::size_t i = 0; i < out.size(); ++i) {
      out[i] = {};
      for (auto& curve : curves[i]) {
        if (t > 0) curve.advance();
        const double a = curve.value();
        if (!std::isfinite(a)) return false;
        out[i].mean += a;
        out[i].mean_square += a * a;
      }
      const double count = std::max<double>(1.0, static_cast<double>(a0[i].size()));
      out[i].mean /= count;
      out[i].mean_square /= count;
    }
    return true;
  };
  return closed_form_rows(modes, options, strengths_at);
}

Trajectory closed_form_rows(const ArchitectureModes& modes, const TheoryOptions& options,
                            const std::function<bool(std::size_t t, std::vector<FamilyStrength>& out)>& strengths_at,
                            const std::function<Quadrants(std::size_t t)>& quadrants_at) {
  TrajectoryRecorder recorder(modes, options.on_row, options.retention);
  std::vector<FamilyStrength> strengths(modes.families.size());
  for (std::size_t t = 0; t <= static_cast<std::size_t>(options.epochs); ++t) {
    if (!strengths_at(t, strengths)) {
      recorder.fail(RunStatus::diverged, static_cast<int>(t), "a mode strength of the discrete map is not finite");
      break;
    }
    TrajectoryRow row = readout_row(modes, static_cast<int>(t), strengths);
    if (quadrants_at) {
      row.quadrants = quadrants_at(t);
      row.systematicity = systematicity(row.quadrants);
    }
    if (!recorder.record(std::move(row))) break;
  }
  return std::move(recorder.trajectory());
}

namespace {

// The eigenvalues > 0 of a module's input covariance Σx_m = X_m X_mᵀ/P, each paired with the asymptote
// of the mode living on those directions (0 where no mode does).
struct Direction {
  double lambda, asymptote;
};

std::vector<Direction> input_directions(const ArchitectureModes& modes, int module) {
  const DatasetSpec& spec = modes.spec;
  std::vector<Direction> directions;
  switch (module_layouts(modes.arch)[module].input) {
    case Block::all: directions.push_back({spec.L1() / spec.P(), 0.0}); break;  // the n1 feature directions
    case Block::omega: directions.push_back({1.0, 0.0}); break;                 // Ωx Ωxᵀ/P = I
    case Block::gamma: break;
  }
  if (module_layouts(modes.arch)[module].input != Block::omega && spec.k1 > 0)
    directions.push_back({spec.k1 * spec.r * spec.r / spec.P(), 0.0});
  for (const auto& family : modes.families)
    if (family.module == module && family.present()) directions.push_back({family.lambda, family.asymptote()});
  return directions;
}

}  // namespace

StabilityCheck gd_stability(const ArchitectureModes& modes, double lr) {
  const double eta = modes.spec.P() * lr;
  StabilityCheck check;
  check.lr = lr;
  const auto layouts = module_layouts(modes.arch);
  for (std::size_t m = 0; m < layouts.size(); ++m) {
    const int module = static_cast<int>(m);
    const auto directions = input_directions(modes, module);
    for (const auto& i : modes.families) {
      if (i.module != module || !i.present()) continue;
      for (const auto& j : directions) {
        // Deep: at the balanced minimum the Hessian splits into 2×2 blocks, one per output mode i and
        // input direction j, with top eigenvalue λ_j(a*_i + a*_j); GD is stable iff η·that < 2. For
        // i = j it is 2s_j, docs/theory.md §4's η·s < 1, but a large a*_i on a large-λ_j direction binds first
        // in many settings (up to 8.5× lower critical lr on the n1 ≤ 6 grid).
        // Shallow: the Hessian is Σx ⊗ I, stable iff η·λ_max < 2.
        const double value = i.deep ? 0.5 * eta * j.lambda * (i.asymptote() + j.asymptote) : 0.5 * eta * j.lambda;
        check.value = std::max(check.value, value);
      }
    }
  }
  return check;
}

double default_lr(const ArchitectureModes& modes) {
  return std::min(kPaperLr, 0.5 * gd_stability(modes, kPaperLr).critical_lr());
}

double StabilityCheck::critical_lr() const {
  return value > 0.0 ? lr * bound / value : std::numeric_limits<double>::infinity();
}

std::string StabilityCheck::describe() const {
  return fmt::format("lr = {} is above full-batch GD's stability limit here (lr < {:.4g}: η·sharpness/2 = {:.4g} ≥ 1 "
                     "at the minimum, η = P·lr)",
                     lr, critical_lr(), value);
}

}  // namespace dln::analytic
