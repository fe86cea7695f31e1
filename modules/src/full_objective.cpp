#include "dln/modules/full_objective.hpp"

#include <cassert>
#include <cmath>

#include "dln/modules/init.hpp"
#include "dln/modules/latent_basis.hpp"
#include "dln/modules/latent_readout.hpp"

namespace dln::modules {

namespace {

bool writes_answer(Block b) { return b != Block::gamma; }
bool writes_items(Block b) { return b != Block::omega; }

}  // namespace

// H_m = A_m·X[I_m] with A_m = W1 (deep) or W (shallow), the output factor B_m (W2 or I), and the pairwise
// products C(m, m') = B_mᵀ·(B_m' on the rows both write) and H_m·H_m'ᵀ.
struct FullObjective::Pass {
  std::vector<Eigen::MatrixXd> H, B;
  std::vector<std::vector<Eigen::MatrixXd>> C, HH;
};

FullObjective::FullObjective(Description description)
    : description_((check_full_engine_fits(description), std::move(description))),
      latent_(description_, {full_block(description_.dataset)}) {
  const RuleDataset& data = description_.dataset;
  for (const auto& module : description_.modules)
    inputs_.emplace_back(data.single_rule(0), module.input, numeric::Side::input);  // the inputs do not depend on the rule
  omega_ = analytic::omega_x(data.n1);
  P_ = data.P();
}

Eigen::MatrixXd FullObjective::output_factor(const State& weights, int m) const {
  const auto& module = description_.modules[static_cast<std::size_t>(m)];
  if (module.deep()) return weights[static_cast<std::size_t>(m)].W2;
  return Eigen::MatrixXd::Identity(output_rows(description_.dataset, module.output).size(),
                                   output_rows(description_.dataset, module.output).size());
}

FullObjective::Pass FullObjective::forward(const State& weights, const Eigen::MatrixXd& pair_weights) const {
  assert(static_cast<int>(weights.size()) == description_.size());
  const auto M = static_cast<std::size_t>(description_.size());
  Pass pass;
  for (std::size_t m = 0; m < M; ++m) {
    pass.H.push_back(inputs_[m].times(weights[m].W1));
    pass.B.push_back(output_factor(weights, static_cast<int>(m)));
  }
  pass.C.assign(M, std::vector<Eigen::MatrixXd>(M));
  pass.HH.assign(M, std::vector<Eigen::MatrixXd>(M));
  for (std::size_t m = 0; m < M; ++m)
    for (std::size_t n = 0; n < M; ++n) {
      const auto& a = description_.modules[m].output;
      const auto& b = description_.modules[n].output;
      const bool share_rows = (writes_answer(a) && writes_answer(b)) || (writes_items(a) && writes_items(b));
      if (!share_rows || pair_weights(static_cast<Eigen::Index>(m), static_cast<Eigen::Index>(n)) == 0.0) {
        pass.C[m][n] = Eigen::MatrixXd::Zero(pass.B[m].cols(), pass.B[n].cols());
        pass.HH[m][n] = Eigen::MatrixXd::Zero(pass.H[m].rows(), pass.H[n].rows());
        continue;
      }
      pass.C[m][n] = pass.B[m].transpose() * shared_rows(static_cast<int>(m), static_cast<int>(n), pass.B[n]);
      if (n < m && pair_weights(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(m)) != 0.0) pass.HH[m][n] = pass.HH[n][m].transpose();
      else pass.HH[m][n] = pass.H[m] * pass.H[n].transpose();
    }
  return pass;
}

Eigen::MatrixXd FullObjective::shared_rows(int m1, int m2, const Eigen::MatrixXd& B2) const {
  const auto& a = description_.modules[static_cast<std::size_t>(m1)];
  const auto& b = description_.modules[static_cast<std::size_t>(m2)];
  const OutputRows rows1 = output_rows(description_.dataset, a.output), rows2 = output_rows(description_.dataset, b.output);
  Eigen::MatrixXd result = Eigen::MatrixXd::Zero(rows1.size(), B2.cols());
  if (writes_answer(a.output) && writes_answer(b.output)) result.row(0) = B2.row(0);
  if (writes_items(a.output) && writes_items(b.output) && rows1.items > 0)
    result.bottomRows(rows1.items) = B2.bottomRows(rows2.items);
  return result;
}

Eigen::MatrixXd FullObjective::factor_times_target(const Eigen::MatrixXd& B, int m, const Eigen::RowVectorXd& answer,
                                                   double items) const {
  const auto& module = description_.modules[static_cast<std::size_t>(m)];
  const RuleDataset& data = description_.dataset;
  const auto P = static_cast<Eigen::Index>(data.patterns());
  Eigen::MatrixXd result = Eigen::MatrixXd::Zero(B.cols(), P);
  if (writes_answer(module.output)) result.noalias() += B.row(0).transpose() * answer;
  if (writes_items(module.output) && items != 0.0) {
    const Eigen::Index first = writes_answer(module.output) ? 1 : 0;
    for (int copy = 0; copy < data.k2; ++copy) result += (items * data.r) * B.middleRows(first + copy * P, P).transpose();
  }
  return result;
}

Eigen::RowVectorXd FullObjective::gated_answer(const Eigen::MatrixXd& gates, int m) const {
  const RuleDataset& data = description_.dataset;
  Eigen::RowVectorXd answer = Eigen::RowVectorXd::Zero(omega_.cols());
  for (int rho = 0; rho < data.rules; ++rho)
    answer += data.rule_prior(rho) * gates(m, rho) * omega_.row(data.queried_feature(rho));
  return answer;
}

double FullObjective::gated_prior(const Eigen::MatrixXd& gates, int m) const {
  double sum = 0.0;
  for (int rho = 0; rho < description_.dataset.rules; ++rho) sum += description_.dataset.rule_prior(rho) * gates(m, rho);
  return sum;
}

double FullObjective::loss_for(const Pass& pass, const Eigen::MatrixXd& pair_weights,
                               const std::vector<Eigen::RowVectorXd>& answers, const Eigen::VectorXd& items,
                               double target_norm) const {
  // (1/2P)[‖Y‖² − 2Σ_m ⟨B_mᵀ T̄_m, H_m⟩ + Σ_{m,m'} G_mm' ⟨C(m, m'), H_m H_m'ᵀ⟩]
  double sum = target_norm;
  const auto M = static_cast<std::size_t>(description_.size());
  for (std::size_t m = 0; m < M; ++m) {
    sum -= 2.0 * factor_times_target(pass.B[m], static_cast<int>(m), answers[m], items(static_cast<Eigen::Index>(m)))
                     .cwiseProduct(pass.H[m])
                     .sum();
    for (std::size_t n = 0; n < M; ++n)
      sum += pair_weights(static_cast<Eigen::Index>(m), static_cast<Eigen::Index>(n)) * pass.C[m][n].cwiseProduct(pass.HH[m][n]).sum();
  }
  return sum / (2.0 * P_);
}

double FullObjective::loss(const State& weights, const Eigen::MatrixXd& gates) const {
  const RuleDataset& data = description_.dataset;
  const Eigen::MatrixXd G = gates * data_prior_diagonal(data) * gates.transpose();
  const Pass pass = forward(weights, G);
  std::vector<Eigen::RowVectorXd> answers;
  Eigen::VectorXd items(description_.size());
  for (int m = 0; m < description_.size(); ++m) {
    answers.push_back(gated_answer(gates, m));
    items(m) = gated_prior(gates, m);
  }
  return loss_for(pass, G, answers, items, P_ * (1.0 + data.k2 * data.r * data.r));
}

std::vector<double> FullObjective::rule_losses(const State& weights, const Eigen::MatrixXd& gates) const {
  const RuleDataset& data = description_.dataset;
  const Pass pass = forward(weights, gates * gates.transpose());  // ≠ 0 wherever some rule's g gᵀ is
  std::vector<double> losses;
  for (int rho = 0; rho < data.rules; ++rho) {
    std::vector<Eigen::RowVectorXd> answers;
    for (int m = 0; m < description_.size(); ++m) answers.push_back(gates(m, rho) * omega_.row(data.queried_feature(rho)));
    const Eigen::VectorXd g = gates.col(rho);
    losses.push_back(loss_for(pass, g * g.transpose(), answers, g, P_ * (1.0 + data.k2 * data.r * data.r)));
  }
  return losses;
}

double FullObjective::descent(const State& weights, const Eigen::MatrixXd& gates, State& descent) const {
  const RuleDataset& data = description_.dataset;
  const Eigen::MatrixXd G = gates * data_prior_diagonal(data) * gates.transpose();
  const Pass pass = forward(weights, G);
  const auto M = static_cast<std::size_t>(description_.size());
  descent.resize(M);
  std::vector<Eigen::RowVectorXd> answers;
  Eigen::VectorXd items(description_.size());
  for (std::size_t m = 0; m < M; ++m) {
    const auto mi = static_cast<Eigen::Index>(m);
    answers.push_back(gated_answer(gates, static_cast<int>(m)));
    items(mi) = gated_prior(gates, static_cast<int>(m));
    // K_m = B_mᵀ Ē_m = B_mᵀ T̄_m − Σ_m' G_mm' C(m, m') H_m'   (Ē_m the gated error on m's rows)
    Eigen::MatrixXd K = factor_times_target(pass.B[m], static_cast<int>(m), answers[m], items(mi));
    for (std::size_t n = 0; n < M; ++n)
      if (G(mi, static_cast<Eigen::Index>(n)) != 0.0) K.noalias() -= G(mi, static_cast<Eigen::Index>(n)) * pass.C[m][n] * pass.H[n];
    // τ dW1/dt = W2ᵀ Ē_m X_mᵀ/P (shallow: τ dW/dt = Ē_m X_mᵀ/P)
    descent[m].W1 = inputs_[m].times_transpose(K) / P_;
    if (!description_.modules[m].deep()) {
      descent[m].W2.resize(0, 0);
      continue;
    }
    // τ dW2/dt = Ē_m H_mᵀ/P = [T̄_m H_mᵀ − Σ_m' G_mm' (B_m' on m's rows) H_m' H_mᵀ]/P
    const auto& module = description_.modules[m];
    Eigen::MatrixXd D = Eigen::MatrixXd::Zero(weights[m].W2.rows(), weights[m].W2.cols());
    const Eigen::Index first = writes_answer(module.output) ? 1 : 0;
    if (writes_answer(module.output)) D.row(0).noalias() = answers[m] * pass.H[m].transpose();
    if (writes_items(module.output) && items(mi) != 0.0) {
      const auto P = static_cast<Eigen::Index>(data.patterns());
      const Eigen::MatrixXd Ht = (items(mi) * data.r) * pass.H[m].transpose();
      for (int copy = 0; copy < data.k2; ++copy) D.middleRows(first + copy * P, P) = Ht;
    }
    for (std::size_t n = 0; n < M; ++n)
      if (G(mi, static_cast<Eigen::Index>(n)) != 0.0)
        D.noalias() -= G(mi, static_cast<Eigen::Index>(n)) * shared_rows(static_cast<int>(m), static_cast<int>(n), pass.B[n]) * pass.HH[n][m];
    descent[m].W2 = D / P_;
  }
  return loss_for(pass, G, answers, items, P_ * (1.0 + data.k2 * data.r * data.r));
}

Eigen::MatrixXd FullObjective::gate_drive(const State& weights, const Eigen::MatrixXd& gates) const {
  const Pass pass = forward(weights, Eigen::MatrixXd::Ones(description_.size(), description_.size()));
  const RuleDataset& data = description_.dataset;
  const int M = description_.size();
  Eigen::MatrixXd target_overlap(M, data.rules), S(M, M);  // ⟨B_mᵀT_ρ, H_m⟩ and ⟨C(m, n), H_m H_nᵀ⟩ (symmetric)
  for (int m = 0; m < M; ++m) {
    const auto mi = static_cast<std::size_t>(m);
    for (int rho = 0; rho < data.rules; ++rho)
      target_overlap(m, rho) =
          factor_times_target(pass.B[mi], m, omega_.row(data.queried_feature(rho)), 1.0).cwiseProduct(pass.H[mi]).sum();
    for (int n = 0; n < M; ++n)
      S(m, n) = pass.C[mi][static_cast<std::size_t>(n)].cwiseProduct(pass.HH[mi][static_cast<std::size_t>(n)]).sum();
  }
  Eigen::MatrixXd drive = target_overlap - S * gates;
  for (int rho = 0; rho < data.rules; ++rho) drive.col(rho) *= data.rule_prior(rho) / P_;
  return drive;
}

Readout FullObjective::measure(const State& weights, const Eigen::MatrixXd& gates, int t) const {
  Readout row = measure_weights(weights, gates, t);
  row.rule_loss = rule_losses(weights, gates);
  for (int rho = 0; rho < description_.dataset.rules; ++rho)
    row.loss += description_.dataset.rule_prior(rho) * row.rule_loss[static_cast<std::size_t>(rho)];
  return row;
}

Readout FullObjective::measure_weights(const State& weights, const Eigen::MatrixXd& gates, int t) const {
  const RuleDataset& data = description_.dataset;
  const auto M = static_cast<std::size_t>(description_.size());
  Readout row;
  row.t = t;
  read_routing(row, description_, gates);
  // Quadrant blocks of each module's map B_m·A_m (A_m = W1 or W): ⟨B_m[R]A_m[C], B_n[R]A_n[C]⟩ =
  // ⟨B_m[R]ᵀB_n[R], A_m[C]A_n[C]ᵀ⟩, h × h Gram matrices for deep modules.
  std::vector<Eigen::MatrixXd> B;
  for (std::size_t m = 0; m < M; ++m) B.push_back(output_factor(weights, static_cast<int>(m)));
  const auto row_block = [&](std::size_t m, int R) -> Eigen::MatrixXd {  // R: 0 = Ωy, 1 = Γy
    const Block out = description_.modules[m].output;
    const Eigen::Index first = writes_answer(out) ? 1 : 0;
    if (R == 0) return writes_answer(out) ? Eigen::MatrixXd(B[m].topRows(1)) : Eigen::MatrixXd(0, B[m].cols());
    return writes_items(out) ? Eigen::MatrixXd(B[m].bottomRows(B[m].rows() - first)) : Eigen::MatrixXd(0, B[m].cols());
  };
  const auto col_block = [&](std::size_t m, int C) -> Eigen::MatrixXd {  // C: 0 = Ωx, 1 = Γx
    const Block in = description_.modules[m].input;
    const Eigen::MatrixXd& A = weights[m].W1;
    const Eigen::Index omega = in != Block::gamma ? data.n1 : 0;
    if (C == 0) return Eigen::MatrixXd(A.leftCols(omega));
    return in != Block::omega ? Eigen::MatrixXd(A.rightCols(A.cols() - omega)) : Eigen::MatrixXd(A.rows(), 0);
  };
  // squared[m][n][R][C]; a pair no rule gates together (g_m(ρ)·g_n(ρ) = 0 for every ρ) enters no quadrant.
  const Eigen::MatrixXd together = gates * gates.transpose();
  // Each row block's and column block's Gram matrices once per pair (h × h), combined for the four quadrants.
  std::vector<std::array<Eigen::MatrixXd, 2>> rows(M), cols(M);
  for (std::size_t m = 0; m < M; ++m)
    for (int k = 0; k < 2; ++k) {
      rows[m][static_cast<std::size_t>(k)] = row_block(m, k);
      cols[m][static_cast<std::size_t>(k)] = col_block(m, k);
    }
  std::vector<std::vector<std::array<std::array<double, 2>, 2>>> squared(M, std::vector<std::array<std::array<double, 2>, 2>>(M));
  for (std::size_t m = 0; m < M; ++m)
    for (std::size_t n = m; n < M; ++n) {
      if (m != n && together(static_cast<Eigen::Index>(m), static_cast<Eigen::Index>(n)) == 0.0) continue;  // stays 0
      std::array<Eigen::MatrixXd, 2> row_gram, col_gram;  // empty where a block is
      for (std::size_t k = 0; k < 2; ++k) {
        if (rows[m][k].rows() > 0 && rows[n][k].rows() > 0) row_gram[k] = rows[m][k].transpose() * rows[n][k];
        if (cols[m][k].cols() > 0 && cols[n][k].cols() > 0) col_gram[k] = cols[m][k] * cols[n][k].transpose();
      }
      for (std::size_t R = 0; R < 2; ++R)
        for (std::size_t C = 0; C < 2; ++C) {
          const double value = row_gram[R].size() > 0 && col_gram[C].size() > 0 ? row_gram[R].cwiseProduct(col_gram[C]).sum() : 0.0;
          squared[m][n][R][C] = squared[n][m][R][C] = value;
        }
    }
  const auto quadrants = [&](const Eigen::VectorXd& g) {
    std::array<std::array<double, 2>, 2> q{};
    for (std::size_t m = 0; m < M; ++m)
      for (std::size_t n = 0; n < M; ++n)
        for (int R = 0; R < 2; ++R)
          for (int C = 0; C < 2; ++C) q[R][C] += g(static_cast<Eigen::Index>(m)) * g(static_cast<Eigen::Index>(n)) * squared[m][n][R][C];
    return quadrants_from_squares(q);
  };
  for (int rho = 0; rho < data.rules; ++rho) row.rule_quadrants.push_back(quadrants(gates.col(rho)));
  for (std::size_t m = 0; m < M; ++m) {
    row.module_quadrants.push_back(quadrants(Eigen::VectorXd::Unit(static_cast<Eigen::Index>(M), static_cast<Eigen::Index>(m))));
    row.intended_fraction.push_back(intended_fraction(description_.modules[m], squared[m][m]));
  }
  const Contributions contributions = latent_contributions(latent_, latent_.from_full(weights), gates);
  row.answer_contribution = contributions.answer;
  row.item_contribution = contributions.item;
  row.systematic_share = contributions.systematic_share;
  return row;
}

}  // namespace dln::modules
