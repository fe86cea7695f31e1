#pragma once
// The closed forms of docs/theory.md §4–§6 as expressions in the parameters, one family at a time. They are
// valid for any setting: substitute ExactSetting::values() (and t) to get the exact numbers.
#include <ginac/ginac.h>
#include <string>
#include <vector>

#include "dln/symbolic/families.hpp"

namespace dln::symbolic {

// a* = s/λ, as √(s²/λ²) with square factors outside (√(L2/L1) for π1).
GiNaC::ex asymptote(const SymbolicFamily& family);

// a(t) under gradient flow from a(0) = a0, τ = 1/(P·lr) (§5):
//   deep     a*·a0 / (a0 + (a* − a0)·e^(−2·s·t/τ))
//   shallow  a* + (a0 − a*)·e^(−λ·t/τ)
GiNaC::ex flow_trajectory(const SymbolicFamily& family);

// One step of full-batch GD from aligned weights at strength a, η = P·lr (§5):
//   deep     a·(1 + η(s − λa))²        shallow  a + η(s − λa)
GiNaC::ex discrete_step(const SymbolicFamily& family, const GiNaC::ex& a);

// The time a(t) reaches a*/2 under the flow (§5): deep (τ/2s)·ln(a*/a0 − 1), shallow (τ/λ)·ln(2(1 − a0/a*)).
GiNaC::ex half_rise_time(const SymbolicFamily& family);
// Whether the flow from a0 crosses a*/2 at a time > 0, i.e. a0 < a*/2 (decided exactly at a setting).
bool rises_through_half(const SymbolicFamily& family, const ExactSetting& setting);

// The four quadrant norms ‖W[Ωy,Ωx]‖, ‖W[Ωy,Γx]‖, ‖W[Γy,Ωx]‖, ‖W[Γy,Γx]‖ (§6).
struct Quadrants {
  GiNaC::ex OxOy, GxOy, OxGy, GxGy;
};

// Squared norms for families at strengths a (one per family, every mode of a family at the same strength):
// ‖W_{R,C}‖² = Σ multiplicity·a²·‖u^R‖²·‖v^C‖², with `multiplicities` the families' multiplicities (symbolic,
// or the values at a setting with absent families at 0).
Quadrants squared_quadrant_norms(const std::vector<SymbolicFamily>& families,
                                 const std::vector<GiNaC::ex>& multiplicities,
                                 const std::vector<GiNaC::ex>& strengths);

// √ of each squared norm, square factors outside.
Quadrants quadrant_norms(const Quadrants& squared);

// ‖ΓxΩy‖/‖W[Ωy,:]‖ from the squared norms: √(GxOy²/(OxOy² + GxOy²)); 0 when the Ωy rows are zero.
GiNaC::ex systematicity(const Quadrants& squared);

// Linear stability of full-batch GD at the balanced minimum (the rule of dln::analytic's gd_stability):
// stable iff η·λ_j·(a*_i + a*_j) < 2 for every output mode i and input direction j of a deep module, and
// η·λ_j < 2 for a shallow one. Each candidate is one such sharpness, with the modes it pairs.
struct SharpnessCandidate {
  std::string output_mode;      // family label of i
  std::string input_direction;  // family label of j, or the empty input directions "features", "per-item"
  GiNaC::ex sharpness;          // λ_j(a*_i + a*_j) or λ_j
};
// The candidates at a setting (present families only, values exact), or in the parameters with every family
// taken as present (setting = nullptr).
std::vector<SharpnessCandidate> sharpness_candidates(analytic::Architecture arch, const ExactSetting* setting);

}  // namespace dln::symbolic
