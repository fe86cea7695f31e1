#include "dln/modules/latent_objective.hpp"

#include <bit>
#include <cassert>
#include <fmt/format.h>
#include <map>

#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/latent_basis.hpp"
#include "dln/modules/latent_readout.hpp"

namespace dln::modules {

namespace {

bool writes_answer(Block b) { return b != Block::gamma; }
bool writes_items(Block b) { return b != Block::omega; }

}  // namespace

LatentBlock full_block(const RuleDataset& data) {
  LatentBlock block;
  for (std::uint64_t S = 0; S < data.patterns(); ++S) block.latents.push_back(S);
  for (int j = 0; j < data.k2; ++j)
    for (std::uint64_t S = 0; S < data.patterns(); ++S) block.items.emplace_back(j, S);
  return block;
}

std::vector<LatentBlock> aligned_blocks(const RuleDataset& data) {
  LatentBlock features;
  for (int f = 0; f < data.n1; ++f) {
    features.latents.push_back(feature_latent(data.n1, f));
    if (data.k2 > 0) features.items.emplace_back(0, feature_latent(data.n1, f));
  }
  std::vector<LatentBlock> blocks = {features};
  if (data.k2 > 0)  // complement latents have no answer target: without per-item outputs they have no rows
    blocks.push_back({{0}, false, {{0, 0}}, data.P() - data.n1});
  return blocks;
}

LatentObjective::LatentObjective(Description description, std::vector<LatentBlock> blocks)
    : description_(std::move(description)), blocks_(std::move(blocks)) {
  description_.validate();
  // Theorem 1 needs gates that are constant within a rule; per-sample gates couple the latents (docs/modules.md §5.3).
  if (description_.routes_per_sample())
    throw InvalidInput("routing", "\"per-sample\" gates vary within a rule: there is no latent reduction, closed form or "
                                  "flow for them (docs/modules.md §5.3); run full-weight GD (dln modules simulate --engine full)");
  for (const auto& block : blocks_) {
    gains_.emplace_back();
    for (const auto& module : description_.modules) {
      Eigen::VectorXd nu(static_cast<Eigen::Index>(block.latents.size()));
      for (std::size_t i = 0; i < block.latents.size(); ++i)
        nu(static_cast<Eigen::Index>(i)) = input_gain(description_.dataset, module.input, block.latents[i]).nu;
      gains_.back().push_back(nu);
    }
  }
}

LatentObjective::Rows LatentObjective::rows_of(int block, int m) const {
  const auto& b = blocks_[static_cast<std::size_t>(block)];
  const Block out = description_.modules[static_cast<std::size_t>(m)].output;
  return {b.answer && writes_answer(out), !b.items.empty() && writes_items(out)};
}

Eigen::Index LatentObjective::module_rows(int block, int m) const {
  const Rows rows = rows_of(block, m);
  return (rows.answer ? 1 : 0) + (rows.items ? static_cast<Eigen::Index>(blocks_[static_cast<std::size_t>(block)].items.size()) : 0);
}

Eigen::VectorXd LatentObjective::row_mask(int block, int m) const {
  const auto& b = blocks_[static_cast<std::size_t>(block)];
  const Rows rows = rows_of(block, m);
  const Eigen::Index answer_rows = b.answer ? 1 : 0;
  Eigen::VectorXd mask = Eigen::VectorXd::Zero(answer_rows + static_cast<Eigen::Index>(b.items.size()));
  if (rows.answer) mask(0) = 1.0;
  if (rows.items) mask.tail(static_cast<Eigen::Index>(b.items.size())).setOnes();
  return mask;
}

Eigen::MatrixXd LatentObjective::target(int block, int rho) const {
  const auto& b = blocks_[static_cast<std::size_t>(block)];
  const RuleDataset& data = description_.dataset;
  const Eigen::Index answer_rows = b.answer ? 1 : 0;
  Eigen::MatrixXd T = Eigen::MatrixXd::Zero(answer_rows + static_cast<Eigen::Index>(b.items.size()),
                                            static_cast<Eigen::Index>(b.latents.size()));
  const std::uint64_t queried = feature_latent(data.n1, data.queried_feature(rho));
  std::map<std::uint64_t, Eigen::Index> column;
  for (std::size_t i = 0; i < b.latents.size(); ++i) column[b.latents[i]] = static_cast<Eigen::Index>(i);
  if (b.answer && column.count(queried)) T(0, column[queried]) = 1.0;
  for (std::size_t k = 0; k < b.items.size(); ++k)
    if (b.items[k].first == 0 && column.count(b.items[k].second))
      T(answer_rows + static_cast<Eigen::Index>(k), column[b.items[k].second]) = data.beta_y();
  return T;
}

Eigen::MatrixXd LatentObjective::module_map(int block, int m, const State& state) const {
  const std::size_t index = static_cast<std::size_t>(block) * description_.modules.size() + static_cast<std::size_t>(m);
  const auto& v = state[index];
  const Eigen::VectorXd& nu = gains_[static_cast<std::size_t>(block)][static_cast<std::size_t>(m)];
  if (!description_.modules[static_cast<std::size_t>(m)].deep()) return v.W1 * nu.asDiagonal();
  return v.W2 * (v.W1 * nu.asDiagonal());
}

Eigen::MatrixXd LatentObjective::restrict(int block, int m, const Eigen::MatrixXd& block_rows) const {
  const Rows rows = rows_of(block, m);
  const Eigen::Index answer_rows = blocks_[static_cast<std::size_t>(block)].answer ? 1 : 0;
  Eigen::MatrixXd result(module_rows(block, m), block_rows.cols());
  if (rows.answer) result.row(0) = block_rows.row(0);
  if (rows.items) result.bottomRows(block_rows.rows() - answer_rows) = block_rows.bottomRows(block_rows.rows() - answer_rows);
  return result;
}

std::vector<Eigen::MatrixXd> LatentObjective::predictions(int block, const State& state, const Eigen::MatrixXd& gates,
                                                          std::vector<Eigen::MatrixXd>& maps) const {
  const RuleDataset& data = description_.dataset;
  const auto& b = blocks_[static_cast<std::size_t>(block)];
  const Eigen::Index answer_rows = b.answer ? 1 : 0;
  const Eigen::Index rows = answer_rows + static_cast<Eigen::Index>(b.items.size());
  maps.clear();
  for (int m = 0; m < description_.size(); ++m) maps.push_back(module_map(block, m, state));
  std::vector<Eigen::MatrixXd> Y(static_cast<std::size_t>(data.rules),
                                 Eigen::MatrixXd::Zero(rows, static_cast<Eigen::Index>(b.latents.size())));
  for (int m = 0; m < description_.size(); ++m) {
    const Rows r = rows_of(block, m);
    const Eigen::MatrixXd& F = maps[static_cast<std::size_t>(m)];
    for (int rho = 0; rho < data.rules; ++rho) {
      const double g = gates(m, rho);
      if (g == 0.0) continue;
      auto& Yr = Y[static_cast<std::size_t>(rho)];
      if (r.answer) Yr.row(0) += g * F.row(0);
      if (r.items) Yr.bottomRows(rows - answer_rows) += g * F.bottomRows(rows - answer_rows);
    }
  }
  return Y;
}

double LatentObjective::loss(const State& state, const Eigen::MatrixXd& gates) const {
  const RuleDataset& data = description_.dataset;
  double total = 0.0;
  std::vector<Eigen::MatrixXd> maps;
  for (int b = 0; b < static_cast<int>(blocks_.size()); ++b) {
    const auto Y = predictions(b, state, gates, maps);
    for (int rho = 0; rho < data.rules; ++rho)
      total += blocks_[static_cast<std::size_t>(b)].multiplicity * data.rule_prior(rho) * 0.5 *
               (target(b, rho) - Y[static_cast<std::size_t>(rho)]).squaredNorm();
  }
  return total;
}

double LatentObjective::descent(const State& state, const Eigen::MatrixXd& gates, State& descent) const {
  const RuleDataset& data = description_.dataset;
  const auto M = static_cast<std::size_t>(description_.size());
  assert(state.size() == blocks_.size() * M);
  descent.resize(state.size());
  double total = 0.0;
  std::vector<Eigen::MatrixXd> maps;
  for (int b = 0; b < static_cast<int>(blocks_.size()); ++b) {
    const auto Y = predictions(b, state, gates, maps);
    std::vector<Eigen::MatrixXd> errors;  // T_ρ − Ŷ_ρ
    for (int rho = 0; rho < data.rules; ++rho) {
      errors.push_back(target(b, rho) - Y[static_cast<std::size_t>(rho)]);
      total += blocks_[static_cast<std::size_t>(b)].multiplicity * data.rule_prior(rho) * 0.5 * errors.back().squaredNorm();
    }
    for (std::size_t m = 0; m < M; ++m) {
      // Ē_m = Σ_ρ π_ρ g_m(ρ) (T_ρ − Ŷ_ρ) on m's rows; τ V̇1 = V2ᵀ Ē Λ, τ V̇2 = Ē Λ V1ᵀ (shallow τ V̇ = Ē Λ).
      Eigen::MatrixXd E = Eigen::MatrixXd::Zero(errors.front().rows(), errors.front().cols());
      for (int rho = 0; rho < data.rules; ++rho)
        E += data.rule_prior(rho) * gates(static_cast<Eigen::Index>(m), rho) * errors[static_cast<std::size_t>(rho)];
      const Eigen::MatrixXd EL = restrict(b, static_cast<int>(m), E) * gains_[static_cast<std::size_t>(b)][m].asDiagonal();
      const auto& v = state[static_cast<std::size_t>(b) * M + m];
      auto& d = descent[static_cast<std::size_t>(b) * M + m];
      if (!description_.modules[m].deep()) {
        d.W1 = EL;
        d.W2.resize(0, 0);
      } else {
        d.W1 = v.W2.transpose() * EL;
        d.W2 = EL * v.W1.transpose();
      }
    }
  }
  return total;
}

Eigen::MatrixXd LatentObjective::gate_drive(const State& state, const Eigen::MatrixXd& gates) const {
  const RuleDataset& data = description_.dataset;
  const int M = description_.size();
  Eigen::MatrixXd drive = Eigen::MatrixXd::Zero(M, data.rules);
  std::vector<Eigen::MatrixXd> maps;
  for (int b = 0; b < static_cast<int>(blocks_.size()); ++b) {
    const auto Y = predictions(b, state, gates, maps);
    const double weight = blocks_[static_cast<std::size_t>(b)].multiplicity;
    for (int rho = 0; rho < data.rules; ++rho) {
      const Eigen::MatrixXd error = target(b, rho) - Y[static_cast<std::size_t>(rho)];
      for (int m = 0; m < M; ++m)
        drive(m, rho) += weight * data.rule_prior(rho) *
                         restrict(b, m, error).cwiseProduct(maps[static_cast<std::size_t>(m)]).sum();
    }
  }
  return drive;
}

State LatentObjective::from_full(const State& weights) const {
  State latent;
  for (int m = 0; m < description_.size(); ++m)
    latent.push_back(to_latent(description_.dataset, description_.modules[static_cast<std::size_t>(m)],
                               weights[static_cast<std::size_t>(m)]));
  return latent;
}

Readout LatentObjective::measure(const State& state, const Eigen::MatrixXd& gates, int t) const {
  const RuleDataset& data = description_.dataset;
  const auto M = static_cast<std::size_t>(description_.size());
  Readout row;
  row.t = t;
  read_routing(row, description_, gates);
  row.rule_loss.assign(static_cast<std::size_t>(data.rules), 0.0);
  std::vector<QuadrantSquares> rule_squares(static_cast<std::size_t>(data.rules), QuadrantSquares{}),
      module_squares(M, QuadrantSquares{});
  std::vector<Eigen::MatrixXd> maps;
  for (int b = 0; b < static_cast<int>(blocks_.size()); ++b) {
    const auto& block = blocks_[static_cast<std::size_t>(b)];
    const auto Y = predictions(b, state, gates, maps);
    for (int rho = 0; rho < data.rules; ++rho)
      row.rule_loss[static_cast<std::size_t>(rho)] +=
          block.multiplicity * 0.5 * (target(b, rho) - Y[static_cast<std::size_t>(rho)]).squaredNorm();
    // The map on the data span: W_m x = Σ_S (W_m n̂_S)(n̂_Sᵀ x), and n̂_{m,S} has ‖n̂[Ωx]‖ = gain.omega,
    // ‖n̂[Γx]‖ = gain.gamma along the orthonormal e_f and (z_S ⊗ 1)/√(k1P). So column S of the quadrant
    // [R, C] of Σ_m g_m W_m is Σ_m g_m (V2V1)[R rows, S]·gain_C(m, S) (docs/modules.md §6.2).
    const Eigen::Index answer_rows = block.answer ? 1 : 0, rows = answer_rows + static_cast<Eigen::Index>(block.items.size());
    const auto n = static_cast<Eigen::Index>(block.latents.size());
    std::vector<std::array<Eigen::MatrixXd, 2>> parts(M);  // [m][C]: m's rows of the block, with gain_C applied
    for (std::size_t m = 0; m < M; ++m) {
      Eigen::VectorXd omega(n), gamma(n);
      for (Eigen::Index i = 0; i < n; ++i) {
        const InputGain g = input_gain(data, description_.modules[m].input, block.latents[static_cast<std::size_t>(i)]);
        // maps include Λ: divide by ν to get V2V1, zero where ν = 0
        omega(i) = g.nu > 0.0 ? g.omega / g.nu : 0.0;
        gamma(i) = g.nu > 0.0 ? g.gamma / g.nu : 0.0;
      }
      const Rows r = rows_of(b, static_cast<int>(m));
      for (int C = 0; C < 2; ++C) {
        Eigen::MatrixXd embedded = Eigen::MatrixXd::Zero(rows, n);
        const Eigen::MatrixXd scaled = maps[m] * (C == 0 ? omega : gamma).asDiagonal();
        if (r.answer) embedded.row(0) = scaled.row(0);
        if (r.items) embedded.bottomRows(rows - answer_rows) = scaled.bottomRows(rows - answer_rows);
        parts[m][static_cast<std::size_t>(C)] = std::move(embedded);
      }
    }
    const auto add_squares = [&](QuadrantSquares& squares, const auto& weight_of) {
      for (int C = 0; C < 2; ++C) {
        Eigen::MatrixXd sum = Eigen::MatrixXd::Zero(rows, n);
        for (std::size_t m = 0; m < M; ++m)
          if (weight_of(m) != 0.0) sum += weight_of(m) * parts[m][static_cast<std::size_t>(C)];
        squares[0][C] += block.multiplicity * sum.topRows(answer_rows).squaredNorm();
        squares[1][C] += block.multiplicity * sum.bottomRows(rows - answer_rows).squaredNorm();
      }
    };
    for (int rho = 0; rho < data.rules; ++rho)
      add_squares(rule_squares[static_cast<std::size_t>(rho)],
                  [&](std::size_t m) { return gates(static_cast<Eigen::Index>(m), rho); });
    for (std::size_t m = 0; m < M; ++m) add_squares(module_squares[m], [&](std::size_t k) { return k == m ? 1.0 : 0.0; });
  }
  for (int rho = 0; rho < data.rules; ++rho) row.loss += data.rule_prior(rho) * row.rule_loss[static_cast<std::size_t>(rho)];
  for (const auto& s : rule_squares) row.rule_quadrants.push_back(quadrants_from_squares(s));
  for (std::size_t m = 0; m < M; ++m) {
    row.module_quadrants.push_back(quadrants_from_squares(module_squares[m]));
    row.intended_fraction.push_back(intended_fraction(description_.modules[m], module_squares[m]));
  }
  const Contributions contributions = latent_contributions(*this, state, gates);
  row.answer_contribution = contributions.answer;
  row.item_contribution = contributions.item;
  row.systematic_share = contributions.systematic_share;
  return row;
}

Contributions latent_contributions(const LatentObjective& objective, const State& state, const Eigen::MatrixXd& gates) {
  const Description& d = objective.description();
  const RuleDataset& data = d.dataset;
  const auto M = static_cast<std::size_t>(d.size());
  Contributions result;
  result.answer.assign(M, 0.0);
  result.item.assign(M, 0.0);
  std::vector<double> answer_weight(M, 0.0), item_weight(M, 0.0);
  std::vector<double> rule_total(static_cast<std::size_t>(data.rules), 0.0), rule_systematic(rule_total);
  for (int b = 0; b < static_cast<int>(objective.blocks().size()); ++b) {
    const auto& block = objective.blocks()[static_cast<std::size_t>(b)];
    std::map<std::uint64_t, Eigen::Index> column;
    for (std::size_t i = 0; i < block.latents.size(); ++i) column[block.latents[i]] = static_cast<Eigen::Index>(i);
    for (std::size_t m = 0; m < M; ++m) {
      const Eigen::MatrixXd F = objective.module_map(b, static_cast<int>(m), state);
      const bool answer = block.answer && writes_answer(d.modules[m].output);
      if (answer)
        for (int rho = 0; rho < data.rules; ++rho) {
          const auto it = column.find(feature_latent(data.n1, data.queried_feature(rho)));
          if (it == column.end()) continue;
          const double c = F(0, it->second), w = data.rule_prior(rho) * gates(static_cast<Eigen::Index>(m), rho);
          result.answer[m] += w * c;
          answer_weight[m] += w;
          rule_total[static_cast<std::size_t>(rho)] += gates(static_cast<Eigen::Index>(m), rho) * c;
          if (d.modules[m].input == Block::omega)
            rule_systematic[static_cast<std::size_t>(rho)] += gates(static_cast<Eigen::Index>(m), rho) * c;
        }
      if (!writes_items(d.modules[m].output) || block.items.empty()) continue;
      const Eigen::Index first = answer ? 1 : 0;
      for (std::size_t k = 0; k < block.items.size(); ++k) {
        const auto [j, S] = block.items[k];
        const auto it = column.find(S);
        if (j != 0 || std::popcount(S) == 1 || it == column.end()) continue;
        result.item[m] += block.multiplicity * F(first + static_cast<Eigen::Index>(k), it->second);
        item_weight[m] += block.multiplicity;
      }
    }
  }
  for (std::size_t m = 0; m < M; ++m) {
    if (answer_weight[m] > 0.0) result.answer[m] /= answer_weight[m];
    if (item_weight[m] > 0.0) result.item[m] /= item_weight[m];
  }
  for (int rho = 0; rho < data.rules; ++rho)
    if (rule_total[static_cast<std::size_t>(rho)] != 0.0)
      result.systematic_share +=
          data.rule_prior(rho) * rule_systematic[static_cast<std::size_t>(rho)] / rule_total[static_cast<std::size_t>(rho)];
  return result;
}

}  // namespace dln::modules
