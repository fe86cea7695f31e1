#include "dln/symbolic/families.hpp"

namespace dln::symbolic {

using GiNaC::ex;
using GiNaC::sqrt;

namespace {

using analytic::Architecture;

// docs/theory.md §3: the dense classes π1 (kept feature), π2 (dropped feature), π3 (per-item complement);
// π2's s = √(L1·k2·r²)/P is written r·√(L1·k2)/P (r > 0).
std::vector<SymbolicFamily> dense_families(bool deep) {
  const Parameters& p = parameters();
  const ex r2 = p.r * p.r;
  const BlockWeights v_feature{p.P / p.L1, p.k1 * r2 / p.L1}, v_complement{0, 1};
  const BlockWeights u_kept{p.P / p.L2, p.k2 * r2 / p.L2}, u_gamma{0, 1};
  return {
      {"pi1", 0, deep, p.n2, sqrt(p.L1 * p.L2) / p.P, p.L1 / p.P, u_kept, v_feature, Presence::always},
      {"pi2", 0, deep, p.n1 - p.n2, p.r * sqrt(p.L1 * p.k2) / p.P, p.L1 / p.P, u_gamma, v_feature,
       Presence::k2_positive},
      {"pi3", 0, deep, p.P - p.n1, sqrt(p.k1 * p.k2) * r2 / p.P, p.k1 * r2 / p.P, u_gamma, v_complement,
       Presence::k1_and_k2_positive},
  };
}

// docs/theory.md §7, split: A maps X → Ωy (s = √(P·L1)/P, λ = L1/P); B maps X → Γy with π2's singular value
// on all n1 features and π3's on the complement.
std::vector<SymbolicFamily> split_families() {
  const Parameters& p = parameters();
  const auto dense = dense_families(true);
  const SymbolicFamily &pi2 = dense[1], &pi3 = dense[2];
  const BlockWeights omega_only{1, 0}, gamma_only{0, 1};
  return {
      {"A:pi1", 0, true, p.n2, sqrt(p.P * p.L1) / p.P, p.L1 / p.P, omega_only, pi2.v, Presence::always},
      {"B:pi1", 1, true, p.n2, pi2.s, pi2.lambda, gamma_only, pi2.v, Presence::k2_positive},
      {"B:pi2", 1, true, p.n1 - p.n2, pi2.s, pi2.lambda, gamma_only, pi2.v, Presence::k2_positive},
      {"B:pi3", 1, true, p.P - p.n1, pi3.s, pi3.lambda, gamma_only, pi3.v, Presence::k1_and_k2_positive},
  };
}

// docs/theory.md §7, segregated: A maps Ωx → Ωy (Σx = I, Σyx = S: s = λ = 1); B maps Γx → Γy, where every
// direction of R^P is a mode with s = √(k1·k2)·r²/P and λ = k1·r²/P.
std::vector<SymbolicFamily> segregated_families() {
  const Parameters& p = parameters();
  const ex r2 = p.r * p.r;
  const ex s_b = sqrt(p.k1 * p.k2) * r2 / p.P, lambda_b = p.k1 * r2 / p.P;
  const BlockWeights omega_only{1, 0}, gamma_only{0, 1};
  return {
      {"A:pi1", 0, true, p.n2, 1, 1, omega_only, omega_only, Presence::always},
      {"B:pi1", 1, true, p.n2, s_b, lambda_b, gamma_only, gamma_only, Presence::k1_and_k2_positive},
      {"B:pi2", 1, true, p.n1 - p.n2, s_b, lambda_b, gamma_only, gamma_only, Presence::k1_and_k2_positive},
      {"B:pi3", 1, true, p.P - p.n1, s_b, lambda_b, gamma_only, gamma_only, Presence::k1_and_k2_positive},
  };
}

}  // namespace

std::vector<SymbolicFamily> symbolic_families(Architecture arch) {
  switch (arch) {
    case Architecture::dense: return dense_families(true);
    case Architecture::shallow: return dense_families(false);
    case Architecture::split: return split_families();
    case Architecture::segregated: return segregated_families();
  }
  return {};
}

std::string presence_condition(Presence presence) {
  switch (presence) {
    case Presence::always: return "";
    case Presence::k2_positive: return "k2 > 0";
    case Presence::k1_and_k2_positive: return "k1·k2 > 0";
  }
  return "";
}

long long multiplicity_at(const SymbolicFamily& family, const ExactSetting& setting) {
  const bool present = family.presence == Presence::always ||
                       (family.presence == Presence::k2_positive && setting.k2 > 0) ||
                       (family.presence == Presence::k1_and_k2_positive && setting.k1 > 0 && setting.k2 > 0);
  if (!present) return 0;
  return GiNaC::ex_to<GiNaC::numeric>(family.multiplicity.subs(setting.values())).to_long();
}

}  // namespace dln::symbolic
