// The functional measures of docs/modules.md §6.2: what each module computes on the answer row, not how much
// traffic its gate lets through.
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/latent_basis.hpp"
#include "dln/modules/specialisation.hpp"

namespace dln::modules {

namespace {

void check_gates(const LatentObjective& objective, const Eigen::MatrixXd& gates) {
  const Description& d = objective.description();
  if (gates.rows() != d.size() || gates.cols() != d.dataset.rules || !gates.allFinite())
    throw InvalidInput("gates", fmt::format("must be a finite M × R = {} × {} matrix, got {} × {}", d.size(),
                                            d.dataset.rules, gates.rows(), gates.cols()));
}

// Module m's answer row in block b (empty when the block has no answer row or the module does not write Ωy).
Eigen::RowVectorXd answer_row(const LatentObjective& objective, const State& state, int b, int m) {
  const auto& block = objective.blocks()[static_cast<std::size_t>(b)];
  if (!block.answer || objective.description().modules[static_cast<std::size_t>(m)].output == Block::gamma) return {};
  return objective.module_map(b, m, state).row(0);
}

}  // namespace

Eigen::MatrixXd functional_share(const LatentObjective& objective, const State& state, const Eigen::MatrixXd& gates) {
  check_gates(objective, gates);
  const RuleDataset& data = objective.description().dataset;
  const int M = objective.description().size();
  Eigen::MatrixXd F = Eigen::MatrixXd::Zero(data.rules, M);
  for (int b = 0; b < static_cast<int>(objective.blocks().size()); ++b) {
    const auto& latents = objective.blocks()[static_cast<std::size_t>(b)].latents;
    for (int m = 0; m < M; ++m) {
      const Eigen::RowVectorXd A = answer_row(objective, state, b, m);
      if (A.size() == 0) continue;
      for (int rho = 0; rho < data.rules; ++rho)  // F[ρ, m] = g_m(ρ)·(V2V1Λ)_m[e_Ω, κ(ρ)]
        for (std::size_t i = 0; i < latents.size(); ++i)
          if (latents[i] == feature_latent(data.n1, data.queried_feature(rho)))
            F(rho, m) += gates(m, rho) * A(static_cast<Eigen::Index>(i));
    }
  }
  return F;
}

Eigen::MatrixXd functional_routing_matrix(const Eigen::MatrixXd& F, const RuleDataset& data) {
  if (F.rows() != data.rules || F.cols() < 1 || !F.allFinite())
    throw InvalidInput("functional-share", fmt::format("must be a finite R × M matrix with R = {}, got {} × {}",
                                                       data.rules, F.rows(), F.cols()));
  Eigen::MatrixXd P = F.cwiseAbs();
  for (int rho = 0; rho < data.rules; ++rho) {
    const double total = P.row(rho).sum();
    if (!(total > 0.0))
      throw InvalidInput("functional-share",
                         fmt::format("no module answers rule {} (F row all 0): its functional routing is undefined", rho));
    P.row(rho) *= data.rule_prior(rho) / total;  // P_F[ρ, m] = π_ρ·|F[ρ, m]|/Σ_m′|F[ρ, m′]|
  }
  return P / P.sum();
}

Eigen::VectorXd cancellation_ratio(const LatentObjective& objective, const State& state, const Eigen::MatrixXd& gates) {
  check_gates(objective, gates);
  const int R = objective.description().dataset.rules, M = objective.description().size();
  // ‖·‖² over all latents: a block of multiplicity k stands for k identical copies of its latents.
  Eigen::MatrixXd part_squares = Eigen::MatrixXd::Zero(R, M);  // ‖g_m(ρ)·A_m‖²
  Eigen::VectorXd sum_squares = Eigen::VectorXd::Zero(R);       // ‖Σ_m g_m(ρ)·A_m‖²
  for (int b = 0; b < static_cast<int>(objective.blocks().size()); ++b) {
    const auto& block = objective.blocks()[static_cast<std::size_t>(b)];
    if (!block.answer) continue;
    const Eigen::RowVectorXd zero = Eigen::RowVectorXd::Zero(static_cast<Eigen::Index>(block.latents.size()));
    std::vector<Eigen::RowVectorXd> rows;
    for (int m = 0; m < M; ++m) {
      const Eigen::RowVectorXd A = answer_row(objective, state, b, m);
      rows.push_back(A.size() == 0 ? zero : A);
    }
    for (int rho = 0; rho < R; ++rho) {
      Eigen::RowVectorXd sum = zero;
      for (int m = 0; m < M; ++m) {
        const Eigen::RowVectorXd part = gates(m, rho) * rows[static_cast<std::size_t>(m)];
        part_squares(rho, m) += block.multiplicity * part.squaredNorm();
        sum += part;
      }
      sum_squares(rho) += block.multiplicity * sum.squaredNorm();
    }
  }
  Eigen::VectorXd C(R);
  for (int rho = 0; rho < R; ++rho) {
    const double parts = part_squares.row(rho).cwiseSqrt().sum(), whole = std::sqrt(sum_squares(rho));
    C(rho) = parts == 0.0 ? 1.0 : whole == 0.0 ? std::numeric_limits<double>::infinity() : parts / whole;
  }
  return C;
}

}  // namespace dln::modules
