#pragma once
// What is read off a network whose map is Σ_j a_j u_j v_jᵀ: loss (docs/theory.md §5), the four quadrant
// norms (§6) and the projections onto the dense modes (the a_pi columns).
#include <array>
#include <span>

#include "dln/analytic/modes.hpp"

namespace dln::analytic {

struct Quadrants {
  double OxOy = 0.0, GxOy = 0.0, OxGy = 0.0, GxGy = 0.0;  // ‖W[Ωy,Ωx]‖, ‖W[Ωy,Γx]‖, ‖W[Γy,Ωx]‖, ‖W[Γy,Γx]‖
};

// The mode strengths of one family at one time: their mean and the mean of their squares
// (equal to mean² when every mode of the family has the same strength).
struct FamilyStrength {
  double mean = 0.0;
  double mean_square = 0.0;
};

// ‖W_{R,C}‖² = Σ_families multiplicity·⟨a²⟩·‖u^R‖²·‖v^C‖² (cross terms vanish).
Quadrants quadrant_norms(const ArchitectureModes& modes, std::span<const FamilyStrength> strengths);

// ‖ΓxΩy‖ / ‖W[Ωy, :]‖ = GxOy/√(OxOy² + GxOy²): the share of the compositional outputs' weights that reads the
// per-item inputs (docs/theory.md §6: 0 = systematic). Defined as 0 when the Ωy rows of W are zero — in particular
// when n2 = 0, where there is no compositional output to be unsystematic.
double systematicity(const Quadrants& quadrants);

// ‖W[Ωy,Ωx] − S‖ (Frobenius; S the n2 × n1 selection of the kept features, the ideal map of §6). A mode
// reaches W[Ωy,Ωx] only through the Ω parts of both its vectors, omega·e_f on each side, so only families with
// c = u.omega·v.omega ≠ 0 contribute — one family per architecture, with a kept-feature basis — and each of
// its modes puts c·a_f at the entry (row of f, f): ‖W[Ωy,Ωx] − S‖² = Σ_kept f (c·a_f − 1)²
// = multiplicity·[(c⟨a⟩ − 1)² + c²(⟨a²⟩ − ⟨a⟩²)].
double distance_to_selection(const ArchitectureModes& modes, std::span<const FamilyStrength> strengths);

// L = ½[tr Σy − Σ_j (2 s_j a_j − λ_j a_j²)].
double loss(const ArchitectureModes& modes, std::span<const FamilyStrength> strengths);

// Class mean of u_jᵀ W v_j over each dense class (0 for an absent class).
std::array<double, 3> dense_projections(const ArchitectureModes& modes,
                                        std::span<const FamilyStrength> strengths);

// Every family at its asymptote a* = s/λ.
std::vector<FamilyStrength> asymptotic_strengths(const ArchitectureModes& modes);

// The quadrants of the min-norm solution Y X⁺ (docs/theory.md §6), which every architecture converges to
// except the segregated one (which reaches ΓxΩy = 0).
Quadrants asymptotic_quadrants(const ArchitectureModes& modes);

}  // namespace dln::analytic
