#pragma once
// Small read-out helpers shared by the engines.
#include <array>

#include "dln/analytic/readout.hpp"
#include "dln/modules/description.hpp"

namespace dln::modules {

// squares[R][C] = ‖W[R, C]‖² with R = 0 Ωy / 1 Γy and C = 0 Ωx / 1 Γx.
using QuadrantSquares = std::array<std::array<double, 2>, 2>;

analytic::Quadrants quadrants_from_squares(const QuadrantSquares& squares);

// φ_m = ‖W_m[O*, I*]‖²/‖W_m‖² (0 for a zero map). The intended block is Γx → Γy for a module that sees only Γx
// or writes only Γy (a per-item module), Ωx → Ωy otherwise (a rule or answer module).
double intended_fraction(const ModuleSpec& module, const QuadrantSquares& squares);

// diag(π): G = gates·diag(π)·gatesᵀ is the gate Gram matrix Σ_ρ π_ρ g(ρ)g(ρ)ᵀ.
Eigen::MatrixXd data_prior_diagonal(const RuleDataset& data);

}  // namespace dln::modules
