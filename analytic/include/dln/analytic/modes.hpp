#pragma once
// The singular-value modes of each architecture in closed form (docs/theory.md §3 and §7).
//
// Every mode vector, on either side, is one of two shapes in the module's own coordinates:
//   feature f:      omega·e_f (on the Ω rows)  +  gamma·(x_f/√P ⊗ 1_k)/√k   (on the k Γ copies)
//   complement q:                                gamma·(q ⊗ 1_k)/√k
// so a family of identical modes is described by a handful of numbers, never by P-sized vectors.
// The squared block weights of docs/theory.md §3's second table are omega² and gamma².
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dln/analytic/architecture.hpp"
#include "dln/analytic/dataset.hpp"

namespace dln::analytic {

enum class ModeClass { pi1, pi2, pi3 };  // π1 kept feature, π2 dropped feature, π3 per-item complement
inline constexpr std::array<std::string_view, 3> kModeClassNames = {"pi1", "pi2", "pi3"};
inline int index_of(ModeClass c) { return static_cast<int>(c); }

enum class ModeBasis { kept_features, dropped_features, complement };

struct VectorShape {
  double omega = 0.0;  // coefficient on e_f in the Ω block
  double gamma = 0.0;  // coefficient on the unit Γ-block vector
};

// A family of identical modes (same s, λ, vector shapes) of one module of an architecture.
struct ModeFamily {
  std::string label;         // "pi1" for single-module architectures, else "A:pi1", "B:pi3", …
  int module = 0;            // index into module_layouts(arch)
  ModeClass dense_class{};   // the dense class whose P-space this family lives in
  ModeBasis basis{};
  std::int64_t multiplicity = 0;  // 0 when the family is absent at this setting
  double s = 0.0;            // singular value of the module's Σyx
  double lambda = 0.0;       // eigenvalue of the module's Σx
  bool deep = true;
  VectorShape u, v;          // left (output side) and right (input side) vector shapes
  // (u_denseᵀ u)(vᵀ v_dense): what one mode of this family contributes, per unit strength, to the
  // projection u_jᵀ W v_j onto the matching dense mode j.
  double dense_overlap = 0.0;

  bool present() const { return multiplicity > 0; }
  double asymptote() const { return present() && lambda > 0.0 ? s / lambda : 0.0; }  // a* = s/λ
};

struct ArchitectureModes {
  Architecture arch{};
  DatasetSpec spec;
  std::vector<ModeFamily> families;  // fixed order and labels for an architecture, absent ones included
};

// The closed-form modes; the spec must be valid.
ArchitectureModes architecture_modes(const DatasetSpec& spec, Architecture arch);

// The dense network's three classes π1, π2, π3 (always all three; multiplicity 0 when absent).
std::array<ModeFamily, 3> dense_classes(const DatasetSpec& spec);

}  // namespace dln::analytic
