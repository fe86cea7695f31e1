#include "dln/modules/sample_sgd.hpp"

#include <algorithm>

#include "dln/analytic/dataset.hpp"
#include "dln/modules/init.hpp"
#include "dln/modules/latent_basis.hpp"
#include "dln/modules/learned_routing.hpp"

namespace dln::modules {

SampleSgd::SampleSgd(Description description)
    : description_((check_full_engine_fits(description), std::move(description))),
      omega_(analytic::omega_x(description_.dataset.n1)) {
  for (const auto& module : description_.modules)
    inputs_.emplace_back(description_.dataset.single_rule(0), module.input, numeric::Side::input);
}

void SampleSgd::step(State& weights, Eigen::MatrixXd& logits, std::span<const Eigen::Index> batch, double lr) const {
  const RuleDataset& data = description_.dataset;
  const auto P = static_cast<Eigen::Index>(data.patterns());
  const auto B = static_cast<Eigen::Index>(batch.size());
  const Eigen::MatrixXd gates = gate_matrix(description_, logits);
  std::vector<Eigen::Index> patterns(batch.size());
  Eigen::VectorXi rule(B);
  Eigen::RowVectorXd weight(B);  // R·π_ρ of each sample
  for (Eigen::Index i = 0; i < B; ++i) {
    rule(i) = static_cast<int>(batch[static_cast<std::size_t>(i)] / P);
    patterns[static_cast<std::size_t>(i)] = batch[static_cast<std::size_t>(i)] % P;
    weight(i) = data.rules * data.rule_prior(rule(i));
  }
  const numeric::Batch columns(patterns);
  // The error Y_B − Ŷ_B in the full output layout (answer row 0, then the k2·P item rows); a module writes the
  // contiguous rows [first, first + size) of it.
  Eigen::MatrixXd E = Eigen::MatrixXd::Zero(1 + data.k2 * P, B);
  for (Eigen::Index i = 0; i < B; ++i) {
    E(0, i) = omega_(data.queried_feature(rule(i)), patterns[static_cast<std::size_t>(i)]);
    for (int copy = 0; copy < data.k2; ++copy) E(1 + copy * P + patterns[static_cast<std::size_t>(i)], i) = data.r;
  }
  const auto M = static_cast<std::size_t>(description_.size());
  std::vector<Eigen::MatrixXd> hidden(M), output(M);  // H_m = W1·X_B[I_m] (deep), W_m·X_B[I_m] on m's rows
  std::vector<Eigen::RowVectorXd> gate(M);            // g_m(ρ_i) per sample
  const auto first_row = [](Block out) -> Eigen::Index { return out == Block::gamma ? 1 : 0; };
  for (std::size_t m = 0; m < M; ++m) {
    const ModuleSpec& module = description_.modules[m];
    gate[m].resize(B);
    for (Eigen::Index i = 0; i < B; ++i) gate[m](i) = gates(static_cast<Eigen::Index>(m), rule(i));
    if (module.deep()) {
      hidden[m] = inputs_[m].gather(weights[m].W1, columns);
      output[m].noalias() = weights[m].W2 * hidden[m];
    } else {
      output[m] = inputs_[m].gather(weights[m].W1, columns);
    }
    E.middleRows(first_row(module.output), output[m].rows()) -= output[m] * gate[m].asDiagonal();
  }
  // −∂ℓ_s/∂g_m(ρ) = ⟨e_s[O_m], (W_m x_s)⟩, summed over the batch's samples of rule ρ with weight R·π_ρ.
  Eigen::MatrixXd drive = Eigen::MatrixXd::Zero(description_.size(), data.rules);
  for (std::size_t m = 0; m < M; ++m) {
    const ModuleSpec& module = description_.modules[m];
    const auto Em = E.middleRows(first_row(module.output), output[m].rows());
    if (description_.learns_routing()) {
      const Eigen::RowVectorXd overlap = Em.cwiseProduct(output[m]).colwise().sum();
      for (Eigen::Index i = 0; i < B; ++i) drive(static_cast<Eigen::Index>(m), rule(i)) += weight(i) * overlap(i);
    }
    // Ē_m = Σ_s R·π_ρ g_m(ρ) e_s[O_m] e_sᵀ: W1 += lr·W2ᵀĒ_m X_Bᵀ, W2 += lr·Ē_m H_mᵀ (shallow: W += lr·Ē_m X_Bᵀ).
    const Eigen::MatrixXd Ebar = Em * weight.cwiseProduct(gate[m]).asDiagonal();
    if (!module.deep()) {
      inputs_[m].add_times_transpose(Ebar, columns, lr, weights[m].W1);
      continue;
    }
    const Eigen::MatrixXd D = weights[m].W2.transpose() * Ebar;  // from the old W2
    weights[m].W2.noalias() += lr * Ebar * hidden[m].transpose();
    inputs_[m].add_times_transpose(D, columns, lr, weights[m].W1);
  }
  if (description_.learns_routing()) logits += (description_.router_lr_ratio * lr) * logit_descent(description_, gates, drive);
}

void SampleSgd::epoch(State& weights, Eigen::MatrixXd& logits, std::span<const Eigen::Index> order, std::size_t batch,
                      double lr) const {
  for (std::size_t start = 0; start < order.size(); start += batch)
    step(weights, logits, order.subspan(start, std::min(batch, order.size() - start)), lr);
}

}  // namespace dln::modules
