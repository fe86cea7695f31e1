#pragma once
// Specialisation metrics of routed modules (docs/modules.md §6).
//
// Gate-based (§6.1): Mittal, Bengio & Lajoie's rules × modules matrix P and their five metrics, exactly as their
// code defines them. For rule-level gates P needs no sampling: P[ρ, m] = π_ρ·g_m(ρ). Functional (§6.2): the share
// F[ρ, m] each module contributes to the answer of rule ρ, its routing matrix P_F, and the cancellation ratio C_ρ.
// Plus what mixture-of-experts users watch: routing entropy and per-module load.
//
// Shapes: gates are M × R (module rows, as gate_matrix gives); P, P_F and F are R × M (rule rows, as Mittal's).
#include <cstdint>
#include <optional>

#include <Eigen/Dense>

#include "dln/modules/latent_objective.hpp"
#include "dln/modules/rule_dataset.hpp"
#include "dln/modules/specialisation_metrics.hpp"

namespace dln::modules {

// P[ρ, m] = π_ρ·g_m(ρ), renormalised so that its entries sum to 1 (R × M).
// Throws InvalidInput("gates", …) unless gates is M × R with finite entries ≥ 0 and a positive sum.
Eigen::MatrixXd routing_matrix(const Eigen::MatrixXd& gates, const RuleDataset& data);


// Mittal's five metrics of an R × M routing matrix (renormalised to sum 1 first; Q = its rows normalised to
// p(m | ρ)). R ≠ M is allowed: Alignment then uses a partial permutation (min(R, M) pairs) and Adaptation is absent.
// Throws InvalidInput("modules", …) for M < 2 (Collapse divides by M − 1; Mittal leaves Monolithic out),
// ("rules", …) for R < 2 (Inverse MI divides by log R), ("routing", …) unless P is finite, ≥ 0 and every rule
// has positive mass.
SpecialisationMetrics specialisation_metrics(const Eigen::MatrixXd& P);

// numpy's legacy np.random.RandomState(seed).dirichlet(np.ones(R)), bit for bit (docs/modules.md §6.3): the draws
// behind Adaptation. Throws InvalidInput("rules", …) for R < 1.
Eigen::VectorXd legacy_dirichlet(int R, std::uint32_t seed);

// F[ρ, m] = g_m(ρ)·(V2 V1 Λ)_m[answer row, queried feature κ(ρ)] (R × M): module m's part of rule ρ's answer
// coefficient; Σ_m F[ρ, m] → 1 at zero loss. Modules that do not write Ωy give 0.
Eigen::MatrixXd functional_share(const LatentObjective& objective, const State& state, const Eigen::MatrixXd& gates);

// P_F[ρ, m] = π_ρ·|F[ρ, m]|/Σ_m′|F[ρ, m′]|, renormalised to sum 1: the routing matrix of what modules compute, for
// specialisation_metrics. Throws InvalidInput("functional-share", …) for a rule no module answers (a zero row).
Eigen::MatrixXd functional_routing_matrix(const Eigen::MatrixXd& F, const RuleDataset& data);

// C_ρ = Σ_m ‖g_m(ρ)·A_m‖ / ‖Σ_m g_m(ρ)·A_m‖ ≥ 1, A_m = module m's answer row over every latent of every block (a
// block of multiplicity k counts k times in the squared norms). 1 iff no module cancels another's cross-talk;
// 1 when every term is 0 (nothing to cancel); +∞ when the terms cancel exactly.
Eigen::VectorXd cancellation_ratio(const LatentObjective& objective, const State& state, const Eigen::MatrixXd& gates);

// Mean over the rules of the entropy (nats) of the gate distribution g(ρ)/Σ_m g_m(ρ): log M for uniform routing,
// 0 for one module per rule. Throws InvalidInput("gates", …) unless entries are finite, ≥ 0, each rule's sum > 0.
double routing_entropy(const Eigen::MatrixXd& gates);

// p_m = Σ_ρ P[ρ, m]: the share of the traffic each module carries (sums to 1 for a routing matrix).
Eigen::VectorXd module_load(const Eigen::MatrixXd& P);

}  // namespace dln::modules
