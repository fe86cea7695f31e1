#include "dln/modules/theory.hpp"

#include <bit>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <numeric>

#include "dln/analytic/invalid_input.hpp"
#include "dln/analytic/theory.hpp"
#include "dln/modules/latent_basis.hpp"
#include "dln/modules/latent_readout.hpp"

namespace dln::modules {

namespace {

// Relative tolerance of the mode checks: the correlations are sums of a few products of gates, priors and gains,
// exact to a few ulps when the modes are shared; a rotation shows up at O(1) relative size.
constexpr double kModeTolerance = 1e-10;

std::vector<LatentBlock> structure_blocks(const RuleDataset& data, bool complement_each) {
  std::vector<LatentBlock> blocks = aligned_blocks(data);
  if (!complement_each || blocks.size() < 2) return blocks;
  blocks.pop_back();
  for (std::uint64_t S = 0; S < data.patterns(); ++S)
    if (std::popcount(S) != 1) blocks.push_back({{S}, false, {{0, S}}, 1.0});
  return blocks;
}

// Groups of modules that interact in a block: G_mm' ≠ 0 and a shared output row (union–find by relabelling).
std::vector<std::vector<int>> interacting_groups(const LatentObjective& latent, int block, const Eigen::MatrixXd& G,
                                                 const std::vector<int>& present) {
  std::vector<int> label(present.size());
  std::iota(label.begin(), label.end(), 0);
  for (std::size_t i = 0; i < present.size(); ++i)
    for (std::size_t k = 0; k < i; ++k) {
      const int a = present[i], b = present[k];
      if (G(a, b) == 0.0 || latent.row_mask(block, a).cwiseProduct(latent.row_mask(block, b)).sum() == 0.0) continue;
      const int from = label[i], to = label[k];
      for (auto& l : label)
        if (l == from) l = to;
    }
  std::map<int, std::vector<int>> by_label;
  for (std::size_t i = 0; i < present.size(); ++i) by_label[label[i]].push_back(present[i]);
  std::vector<std::vector<int>> groups;
  for (auto& [l, group] : by_label) groups.push_back(std::move(group));
  return groups;
}

std::string names(const Description& d, const std::vector<int>& group) {
  std::string list;
  for (int m : group) list += (list.empty() ? "" : ", ") + d.modules[static_cast<std::size_t>(m)].name;
  return list;
}

}  // namespace

void TheoryOptions::validate() const {
  analytic::TheoryOptions{lr, epochs}.validate();
  if (!std::isfinite(a0) || a0 <= 0.0)
    throw InvalidInput("a0", fmt::format("must be a finite number > 0 (a mode at exactly 0 never grows), got {}", a0));
}

ModeStructure mode_structure(const Description& description, bool complement_each, bool joint) {
  description.validate();
  const RuleDataset& data = description.dataset;
  ModeStructure structure;
  structure.blocks = structure_blocks(data, complement_each);
  const LatentObjective latent(description, structure.blocks);
  const Eigen::MatrixXd gates = gate_matrix(description);
  const Eigen::MatrixXd G = gates * data_prior_diagonal(data) * gates.transpose();
  const int M = description.size();
  structure.hidden_needed.assign(static_cast<std::size_t>(M), 0);
  for (int b = 0; b < static_cast<int>(structure.blocks.size()); ++b) {
    // Gated target correlation of each module on its rows, T̄_m = Σ_ρ π_ρ g_m(ρ) T_ρ; its input gain is one
    // number per block (ν depends on the mask and on feature/complement only).
    std::vector<Eigen::MatrixXd> targets;
    std::vector<double> nu;
    std::vector<int> present;
    for (int m = 0; m < M; ++m) {
      Eigen::MatrixXd T = Eigen::MatrixXd::Zero(latent.row_mask(b, m).size(), static_cast<Eigen::Index>(structure.blocks[static_cast<std::size_t>(b)].latents.size()));
      for (int rho = 0; rho < data.rules; ++rho) T += data.rule_prior(rho) * gates(m, rho) * latent.target(b, rho);
      targets.push_back(latent.row_mask(b, m).asDiagonal() * T);
      nu.push_back(latent.gains(b, m).maxCoeff());
      if (nu.back() > 0.0 && latent.row_mask(b, m).sum() > 0.0) present.push_back(m);
    }
    std::vector<std::vector<int>> groups;
    if (joint) groups = interacting_groups(latent, b, G, present);
    else
      for (int m : present) groups.push_back({m});
    for (const auto& group : groups) {
      // A joint basis from a generic positive combination; every module of the group must be diagonal in it.
      Eigen::MatrixXd sum = Eigen::MatrixXd::Zero(targets.front().rows(), targets.front().cols());
      for (std::size_t i = 0; i < group.size(); ++i) sum += (1.0 + std::sqrt(2.0) * static_cast<double>(i) / 10.0) * targets[static_cast<std::size_t>(group[i])];
      const Eigen::JacobiSVD<Eigen::MatrixXd> svd(sum, Eigen::ComputeThinU | Eigen::ComputeThinV);
      const double scale = std::max(svd.singularValues().size() > 0 ? svd.singularValues()(0) : 0.0, 1e-300);
      Eigen::Index rank = 0;
      while (rank < svd.singularValues().size() && svd.singularValues()(rank) > kModeTolerance * scale) ++rank;
      if (rank == 0) continue;
      const Eigen::MatrixXd U = svd.matrixU().leftCols(rank), V = svd.matrixV().leftCols(rank);
      for (int m : group) {
        const Eigen::MatrixXd& T = targets[static_cast<std::size_t>(m)];
        const Eigen::MatrixXd D = U.transpose() * T * V;
        Eigen::MatrixXd off = D;
        off.diagonal().setZero();
        if ((T - U * D.diagonal().asDiagonal() * V.transpose()).cwiseAbs().maxCoeff() > kModeTolerance * scale ||
            off.cwiseAbs().maxCoeff() > kModeTolerance * scale)
          throw InvalidInput("modules", fmt::format("no closed form: modules {} share output rows but not their mode "
                                                    "directions (a coupled mode ODE, docs/modules.md §2 item 3 and §8); "
                                                    "use the latent or full-weight engine (dln modules simulate)",
                                                    names(description, group)));
      }
      for (Eigen::Index j = 0; j < rank; ++j) {
        RaceMode mode;
        mode.block = b;
        mode.u = U.col(j);
        mode.v = V.col(j);
        std::vector<double> sigma, gains;
        for (int m : group) {
          const double covered = latent.row_mask(b, m).cwiseProduct(mode.u).squaredNorm();
          if (covered < kModeTolerance) continue;
          if (covered < 1.0 - kModeTolerance)
            throw InvalidInput("modules", fmt::format("no closed form: module {} writes only part of a mode of modules {} "
                                                      "(its output direction would rotate, docs/modules.md §4.4); use the "
                                                      "latent or full-weight engine (dln modules simulate)",
                                                      description.modules[static_cast<std::size_t>(m)].name, names(description, group)));
          mode.modules.push_back(m);
          sigma.push_back(mode.u.dot(targets[static_cast<std::size_t>(m)] * mode.v));
          gains.push_back(nu[static_cast<std::size_t>(m)]);
          mode.race.deep.push_back(description.modules[static_cast<std::size_t>(m)].deep());
          structure.hidden_needed[static_cast<std::size_t>(m)] += structure.blocks[static_cast<std::size_t>(b)].multiplicity;
        }
        const auto n = static_cast<Eigen::Index>(mode.modules.size());
        mode.race.nu = Eigen::Map<const Eigen::VectorXd>(gains.data(), n);
        mode.race.sigma = Eigen::Map<const Eigen::VectorXd>(sigma.data(), n);
        mode.race.G.resize(n, n);
        for (Eigen::Index i = 0; i < n; ++i)
          for (Eigen::Index k = 0; k < n; ++k) mode.race.G(i, k) = G(mode.modules[static_cast<std::size_t>(i)], mode.modules[static_cast<std::size_t>(k)]);
        structure.modes.push_back(std::move(mode));
      }
    }
  }
  return structure;
}

std::vector<Eigen::VectorXd> aligned_contributions(const ModeStructure& structure, double a0) {
  std::vector<Eigen::VectorXd> c;
  for (const auto& mode : structure.modes) c.push_back(a0 * mode.race.nu);
  return c;
}

State aligned_state(const Description& description, const ModeStructure& structure,
                    const std::vector<Eigen::VectorXd>& contributions) {
  const LatentObjective latent(description, structure.blocks);
  const int M = description.size();
  State state;
  for (int b = 0; b < static_cast<int>(structure.blocks.size()); ++b)
    for (int m = 0; m < M; ++m) {
      const Eigen::VectorXd mask = latent.row_mask(b, m);
      std::vector<Eigen::Index> rows;
      for (Eigen::Index i = 0; i < mask.size(); ++i)
        if (mask(i) != 0.0) rows.push_back(i);
      std::vector<std::pair<std::size_t, Eigen::Index>> own;  // (mode, racer index)
      for (std::size_t j = 0; j < structure.modes.size(); ++j) {
        const auto& mode = structure.modes[j];
        if (mode.block != b) continue;
        for (std::size_t i = 0; i < mode.modules.size(); ++i)
          if (mode.modules[i] == m) own.emplace_back(j, static_cast<Eigen::Index>(i));
      }
      const auto latents = static_cast<Eigen::Index>(structure.blocks[static_cast<std::size_t>(b)].latents.size());
      const auto k = static_cast<Eigen::Index>(own.size()), out = static_cast<Eigen::Index>(rows.size());
      if (!description.modules[static_cast<std::size_t>(m)].deep()) {
        Eigen::MatrixXd V = Eigen::MatrixXd::Zero(out, latents);
        for (const auto& [j, i] : own) {
          const auto& mode = structure.modes[j];
          V += (contributions[j](i) / mode.race.nu(i)) * mode.u(rows) * mode.v.transpose();
        }
        state.push_back({V, Eigen::MatrixXd()});
        continue;
      }
      // Balanced: W1 = diag(√a)·Vᵀ, W2 = U·diag(√a), one hidden unit per mode.
      Eigen::MatrixXd V1 = Eigen::MatrixXd::Zero(k, latents), V2 = Eigen::MatrixXd::Zero(out, k);
      for (Eigen::Index h = 0; h < k; ++h) {
        const auto [j, i] = own[static_cast<std::size_t>(h)];
        const auto& mode = structure.modes[j];
        const double root = std::sqrt(std::max(0.0, contributions[j](i) / mode.race.nu(i)));
        V1.row(h) = root * mode.v.transpose();
        V2.col(h) = root * mode.u(rows);
      }
      state.push_back({V1, V2});
    }
  return state;
}

State aligned_full_weights(const Description& description, const ModeStructure& structure,
                           const std::vector<Eigen::VectorXd>& contributions) {
  const RuleDataset& data = description.dataset;
  const State blocks = aligned_state(description, structure, contributions);
  const LatentObjective block_objective(description, structure.blocks);
  const LatentObjective full(description, {full_block(data)});
  const auto P = static_cast<Eigen::Index>(data.patterns());
  const auto M = description.modules.size();
  State weights;
  for (std::size_t m = 0; m < M; ++m) {
    const auto& module = description.modules[m];
    const OutputRows rows = output_rows(data, module.output);
    // Block rows and latents → rows and columns of the full latent block.
    const auto place = [&](int b, Eigen::MatrixXd& V1, Eigen::MatrixXd& V2, const analytic::ModuleWeights& w, Eigen::Index unit) {
      const auto& block = structure.blocks[static_cast<std::size_t>(b)];
      const Eigen::VectorXd mask = block_objective.row_mask(b, static_cast<int>(m));
      std::vector<Eigen::Index> full_rows;
      Eigen::Index k = 0;
      for (Eigen::Index i = 0; i < mask.size(); ++i) {
        if (mask(i) == 0.0) continue;
        const Eigen::Index answer_rows = block.answer ? 1 : 0;
        if (i < answer_rows) full_rows.push_back(0);
        else {
          const auto [j, S] = block.items[static_cast<std::size_t>(i - answer_rows)];
          full_rows.push_back((rows.answer ? 1 : 0) + j * P + static_cast<Eigen::Index>(S));
        }
        ++k;
      }
      for (std::size_t i = 0; i < block.latents.size(); ++i) {
        const auto S = static_cast<Eigen::Index>(block.latents[i]);
        if (module.deep()) V1.block(unit, S, w.W1.rows(), 1) = w.W1.col(static_cast<Eigen::Index>(i));
        else
          for (Eigen::Index r = 0; r < k; ++r) V1(full_rows[static_cast<std::size_t>(r)], S) = w.W1(r, static_cast<Eigen::Index>(i));
      }
      if (module.deep())
        for (Eigen::Index r = 0; r < k; ++r) V2.block(full_rows[static_cast<std::size_t>(r)], unit, 1, w.W2.cols()) = w.W2.row(r);
    };
    Eigen::MatrixXd V1, V2;
    if (module.deep()) {
      V1 = Eigen::MatrixXd::Zero(module.hidden, P);
      V2 = Eigen::MatrixXd::Zero(rows.size(), module.hidden);
    } else {
      V1 = Eigen::MatrixXd::Zero(rows.size(), P);
    }
    Eigen::Index unit = 0;
    for (int b = 0; b < static_cast<int>(structure.blocks.size()); ++b) {
      const auto& w = blocks[static_cast<std::size_t>(b) * M + m];
      if (module.deep() && unit + w.W1.rows() > module.hidden)
        throw InvalidInput("hidden", fmt::format("aligned init of module {} needs hidden ≥ {:.0f}, got {}", module.name,
                                                 structure.hidden_needed[m], module.hidden));
      place(b, V1, V2, w, unit);
      if (module.deep()) unit += w.W1.rows();
    }
    weights.push_back(to_full(data, module, {V1, V2}));
  }
  return weights;
}

std::vector<Eigen::VectorXd> contributions_from_weights(const Description& description, const ModeStructure& structure,
                                                        const State& weights) {
  const RuleDataset& data = description.dataset;
  const LatentObjective blocks(description, structure.blocks);
  const LatentObjective full(description, {full_block(data)});
  const State v = full.from_full(weights);
  const auto P = static_cast<Eigen::Index>(data.patterns());
  std::vector<Eigen::VectorXd> result;
  for (const auto& mode : structure.modes) {
    const auto& block = structure.blocks[static_cast<std::size_t>(mode.block)];
    // The latents this block stands for: itself, or every complement latent for a representative block.
    std::vector<std::uint64_t> substitutes = {0};
    if (block.multiplicity > 1.0) {
      substitutes.clear();
      for (std::uint64_t S = 0; S < data.patterns(); ++S)
        if (std::popcount(S) != 1) substitutes.push_back(S);
    }
    Eigen::VectorXd c = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(mode.modules.size()));
    for (std::uint64_t substitute : substitutes) {
      const auto latent_of = [&](std::uint64_t S) { return block.multiplicity > 1.0 ? substitute : S; };
      Eigen::VectorXd vin = Eigen::VectorXd::Zero(P);  // the mode's input direction in the full latent block
      for (std::size_t i = 0; i < block.latents.size(); ++i)
        vin(static_cast<Eigen::Index>(latent_of(block.latents[i]))) = mode.v(static_cast<Eigen::Index>(i));
      for (std::size_t r = 0; r < mode.modules.size(); ++r) {
        const int m = mode.modules[r];
        const auto& module = description.modules[static_cast<std::size_t>(m)];
        // The mode's output direction on the module's full latent rows (answer, then items j-major).
        const OutputRows rows = output_rows(data, module.output);
        Eigen::VectorXd uout = Eigen::VectorXd::Zero(rows.size());
        const Eigen::Index block_answer = block.answer ? 1 : 0;
        if (block.answer && rows.answer) uout(0) = mode.u(0);
        if (rows.items > 0)
          for (std::size_t k = 0; k < block.items.size(); ++k) {
            const auto [j, S] = block.items[k];
            uout((rows.answer ? 1 : 0) + j * P + static_cast<Eigen::Index>(latent_of(S))) = mode.u(block_answer + static_cast<Eigen::Index>(k));
          }
        const auto& w = v[static_cast<std::size_t>(m)];
        const double a0 = module.deep() ? 0.25 * (w.W1 * vin + w.W2.transpose() * uout).squaredNorm()
                                        : uout.dot(w.W1 * vin);
        c(static_cast<Eigen::Index>(r)) += mode.race.nu(static_cast<Eigen::Index>(r)) * a0 / static_cast<double>(substitutes.size());
      }
    }
    result.push_back(c);
  }
  return result;
}

void require_fixed_routing(const Description& description) {
  if (description.routes_per_sample())
    throw InvalidInput("routing", "\"per-sample\" routing has no closed form (docs/modules.md §5.3): run full-weight GD "
                                  "(dln modules simulate --engine full)");
  if (description.learns_routing())
    throw InvalidInput("router_lr_ratio", "learned routing has no closed form (docs/modules.md §5.1): run it with "
                                          "dln modules integrate (the exact flow) or simulate (GD)");
}

ReadoutTrajectory theory_trajectory(const Description& description, const ModeStructure& structure,
                                    const TheoryOptions& options, std::vector<Eigen::VectorXd> initial) {
  options.validate();
  require_fixed_routing(description);
  if (options.check_hidden)
    for (std::size_t m = 0; m < description.modules.size(); ++m) {
      const auto& module = description.modules[m];
      if (module.deep() && module.hidden < structure.hidden_needed[m])
        throw InvalidInput(fmt::format("module[{}].hidden", m + 1),
                           fmt::format("the closed form of module {} needs hidden ≥ {:.0f} (one unit per mode from aligned "
                                       "init), got {}",
                                       module.name, structure.hidden_needed[m], module.hidden));
    }
  if (initial.empty()) initial = aligned_contributions(structure, options.a0);
  const double eta = step_size(description.dataset, options.lr);
  // c per mode and epoch.
  std::vector<std::vector<Eigen::VectorXd>> series;
  std::size_t rows = static_cast<std::size_t>(options.epochs) + 1;
  for (std::size_t j = 0; j < structure.modes.size(); ++j) {
    const Race& race = structure.modes[j].race;
    if (options.time == TimeModel::flow) {
      series.push_back(race_flow(race, initial[j], eta, options.epochs));
    } else {
      std::vector<Eigen::VectorXd> c = {initial[j]};
      while (c.size() < rows) {
        Eigen::VectorXd next = race_discrete_step(race, c.back(), eta);
        if (!next.allFinite()) break;
        c.push_back(std::move(next));
      }
      series.push_back(std::move(c));
    }
    rows = std::min(rows, series.back().size());
  }
  const LatentObjective latent(description, structure.blocks);
  const Eigen::MatrixXd gates = gate_matrix(description);
  ReadoutTrajectory trajectory = empty_trajectory(description);
  for (std::size_t t = 0; t < rows; ++t) {
    std::vector<Eigen::VectorXd> c;
    for (const auto& s : series) c.push_back(s[t]);
    trajectory.rows.push_back(latent.measure(aligned_state(description, structure, c), gates, static_cast<int>(t)));
  }
  if (rows < static_cast<std::size_t>(options.epochs) + 1) {
    trajectory.status = analytic::RunStatus::diverged;
    trajectory.failed_at = static_cast<int>(rows);
  }
  return trajectory;
}

}  // namespace dln::modules
