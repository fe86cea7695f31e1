#include "dln/analytic/modes.hpp"

#include <cmath>

namespace dln::analytic {

namespace {

struct Counts {
  std::int64_t kept, dropped, complement;
};

Counts counts(const DatasetSpec& spec) {
  return {spec.n2, spec.n1 - spec.n2, static_cast<std::int64_t>(spec.patterns()) - spec.n1};
}

// Dense classes, docs/theory.md §3 table and singular vectors.
std::array<ModeFamily, 3> dense_families(const DatasetSpec& spec, bool deep) {
  const double P = spec.P(), L1 = spec.L1(), L2 = spec.L2(), r2 = spec.r * spec.r;
  const Counts n = counts(spec);
  const VectorShape v_feature{std::sqrt(P / L1), std::sqrt(spec.k1 * r2 / L1)};
  const VectorShape v_complement{0.0, 1.0};
  const VectorShape u_kept{std::sqrt(P / L2), std::sqrt(spec.k2 * r2 / L2)};
  const VectorShape u_gamma{0.0, 1.0};
  const bool k2_present = spec.k2 > 0, both_present = spec.k1 > 0 && spec.k2 > 0;

  ModeFamily pi1{"pi1", 0, ModeClass::pi1, ModeBasis::kept_features, n.kept,
                 std::sqrt(L1 * L2) / P, L1 / P, deep, u_kept, v_feature, 1.0};
  ModeFamily pi2{"pi2", 0, ModeClass::pi2, ModeBasis::dropped_features, k2_present ? n.dropped : 0,
                 std::sqrt(L1 * spec.k2 * r2) / P, L1 / P, deep, u_gamma, v_feature, 1.0};
  ModeFamily pi3{"pi3", 0, ModeClass::pi3, ModeBasis::complement, both_present ? n.complement : 0,
                 std::sqrt(static_cast<double>(spec.k1) * spec.k2) * r2 / P, spec.k1 * r2 / P, deep,
                 u_gamma, v_complement, 1.0};
  return {pi1, pi2, pi3};
}

double dot(VectorShape a, VectorShape b) { return a.omega * b.omega + a.gamma * b.gamma; }

// Sets each family's overlap with the dense mode sharing its P-space.
void set_dense_overlaps(std::vector<ModeFamily>& families, const std::array<ModeFamily, 3>& dense) {
  for (auto& f : families) {
    const ModeFamily& d = dense[index_of(f.dense_class)];
    f.dense_overlap = dot(d.u, f.u) * dot(f.v, d.v);
  }
}

// docs/theory.md §7, split: A maps X → Ωy (one class, s = √(P·L1)/P, λ = L1/P); B maps X → Γy with the
// π2 singular value for all n1 features and π3 for the complement.
std::vector<ModeFamily> split_families(const DatasetSpec& spec, const std::array<ModeFamily, 3>& dense) {
  const double P = spec.P(), L1 = spec.L1();
  const Counts n = counts(spec);
  const bool k2_present = spec.k2 > 0;
  const VectorShape omega_only{1.0, 0.0}, gamma_only{0.0, 1.0};
  const ModeFamily& d2 = dense[1];
  return {
      {"A:pi1", 0, ModeClass::pi1, ModeBasis::kept_features, n.kept, std::sqrt(P * L1) / P, L1 / P,
       true, omega_only, dense[0].v, 0.0},
      {"B:pi1", 1, ModeClass::pi1, ModeBasis::kept_features, k2_present ? n.kept : 0, d2.s, d2.lambda,
       true, gamma_only, dense[0].v, 0.0},
      {"B:pi2", 1, ModeClass::pi2, ModeBasis::dropped_features, d2.multiplicity, d2.s, d2.lambda, true,
       gamma_only, d2.v, 0.0},
      {"B:pi3", 1, ModeClass::pi3, ModeBasis::complement, dense[2].multiplicity, dense[2].s,
       dense[2].lambda, true, gamma_only, dense[2].v, 0.0},
  };
}

// docs/theory.md §7, segregated: A maps Ωx → Ωy with Σx = I, Σyx = S (s = λ = 1); B maps Γx → Γy, where
// Σx = (r²/P)·(J_k1 ⊗ I_P) and Σyx = (r²/P)·(1_k2 1_k1ᵀ ⊗ I_P): every Walsh direction of R^P is a mode
// with s = √(k1k2)·r²/P and λ = k1r²/P.
std::vector<ModeFamily> segregated_families(const DatasetSpec& spec) {
  const double P = spec.P(), r2 = spec.r * spec.r;
  const Counts n = counts(spec);
  const bool b_present = spec.k1 > 0 && spec.k2 > 0;
  const double s_b = std::sqrt(static_cast<double>(spec.k1) * spec.k2) * r2 / P, lambda_b = spec.k1 * r2 / P;
  const VectorShape omega_only{1.0, 0.0}, gamma_only{0.0, 1.0};
  return {
      {"A:pi1", 0, ModeClass::pi1, ModeBasis::kept_features, n.kept, 1.0, 1.0, true, omega_only,
       omega_only, 0.0},
      {"B:pi1", 1, ModeClass::pi1, ModeBasis::kept_features, b_present ? n.kept : 0, s_b, lambda_b, true,
       gamma_only, gamma_only, 0.0},
      {"B:pi2", 1, ModeClass::pi2, ModeBasis::dropped_features, b_present ? n.dropped : 0, s_b, lambda_b,
       true, gamma_only, gamma_only, 0.0},
      {"B:pi3", 1, ModeClass::pi3, ModeBasis::complement, b_present ? n.complement : 0, s_b, lambda_b,
       true, gamma_only, gamma_only, 0.0},
  };
}

}  // namespace

std::array<ModeFamily, 3> dense_classes(const DatasetSpec& spec) { return dense_families(spec, true); }

ArchitectureModes architecture_modes(const DatasetSpec& spec, Architecture arch) {
  const auto dense = dense_families(spec, true);
  std::vector<ModeFamily> families;
  switch (arch) {
    case Architecture::dense: families.assign(dense.begin(), dense.end()); break;
    case Architecture::shallow: {
      const auto shallow = dense_families(spec, false);
      families.assign(shallow.begin(), shallow.end());
      break;
    }
    case Architecture::split: families = split_families(spec, dense); break;
    case Architecture::segregated: families = segregated_families(spec); break;
  }
  set_dense_overlaps(families, dense);
  return {arch, spec, families};
}

}  // namespace dln::analytic
