#include "dln/analytic/readout.hpp"

#include <cassert>
#include <cmath>

namespace dln::analytic {

Quadrants quadrant_norms(const ArchitectureModes& modes, std::span<const FamilyStrength> strengths) {
  assert(strengths.size() == modes.families.size());
  double oo = 0.0, go = 0.0, og = 0.0, gg = 0.0;
  for (std::size_t i = 0; i < strengths.size(); ++i) {
    const ModeFamily& f = modes.families[i];
    if (!f.present()) continue;
    const double weight = static_cast<double>(f.multiplicity) * strengths[i].mean_square;
    const double uo = f.u.omega * f.u.omega, ug = f.u.gamma * f.u.gamma;
    const double vo = f.v.omega * f.v.omega, vg = f.v.gamma * f.v.gamma;
    oo += weight * uo * vo;
    go += weight * uo * vg;
    og += weight * ug * vo;
    gg += weight * ug * vg;
  }
  return {std::sqrt(oo), std::sqrt(go), std::sqrt(og), std::sqrt(gg)};
}

double loss(const ArchitectureModes& modes, std::span<const FamilyStrength> strengths) {
  assert(strengths.size() == modes.families.size());
  double learned = 0.0;
  for (std::size_t i = 0; i < strengths.size(); ++i) {
    const ModeFamily& f = modes.families[i];
    if (!f.present()) continue;
    learned += static_cast<double>(f.multiplicity) *
               (2.0 * f.s * strengths[i].mean - f.lambda * strengths[i].mean_square);
  }
  return 0.5 * (modes.spec.trace_sigma_y() - learned);
}

std::array<double, 3> dense_projections(const ArchitectureModes& modes,
                                        std::span<const FamilyStrength> strengths) {
  assert(strengths.size() == modes.families.size());
  // Each dense mode j receives one mode from each family living in its class (families of a class
  // have the same multiplicity), so the class mean is Σ_families overlap·⟨a⟩.
  std::array<double, 3> projection{0.0, 0.0, 0.0};
  for (std::size_t i = 0; i < strengths.size(); ++i) {
    const ModeFamily& f = modes.families[i];
    if (f.present()) projection[index_of(f.dense_class)] += f.dense_overlap * strengths[i].mean;
  }
  return projection;
}

std::vector<FamilyStrength> asymptotic_strengths(const ArchitectureModes& modes) {
  std::vector<FamilyStrength> strengths;
  for (const auto& f : modes.families) {
    const double a = f.asymptote();
    strengths.push_back({a, a * a});
  }
  return strengths;
}

Quadrants asymptotic_quadrants(const ArchitectureModes& modes) {
  return quadrant_norms(modes, asymptotic_strengths(modes));
}

}  // namespace dln::analytic
