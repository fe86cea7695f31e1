#include "dln/analytic/readout.hpp"

#include <algorithm>
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
  // A sum of squares, computed as a difference of two nearly equal terms once learnt: rounding can take it a
  // few ulps below 0 (−2e-16), which a loss cannot be and a log-scale plot cannot show. A NaN passes (std::max
  // would turn it into 0 and hide a divergence).
  const double loss = 0.5 * (modes.spec.trace_sigma_y() - learned);
  return loss < 0.0 ? 0.0 : loss;
}

double systematicity(const Quadrants& quadrants) {
  const double omega_rows = std::hypot(quadrants.OxOy, quadrants.GxOy);
  return omega_rows > 0.0 ? quadrants.GxOy / omega_rows : 0.0;
}

double distance_to_selection(const ArchitectureModes& modes, std::span<const FamilyStrength> strengths) {
  assert(strengths.size() == modes.families.size());
  double squared = 0.0;
  double reached = 0.0;  // kept features whose entry some family reaches; the others contribute (0 − 1)² each
  for (std::size_t i = 0; i < strengths.size(); ++i) {
    const ModeFamily& f = modes.families[i];
    const double c = f.u.omega * f.v.omega;
    if (!f.present() || c == 0.0) continue;
    assert(f.basis == ModeBasis::kept_features);
    // Σ_f (c·a_f − 1)² = m·[(c⟨a⟩ − 1)² + c²(⟨a²⟩ − ⟨a⟩²)]: the expanded c²⟨a²⟩ − 2c⟨a⟩ + 1 would cancel to
    // roundoff near c·a = 1 and its square root lose half the digits (1e-8); the spread term is exactly 0 for a
    // family sharing one strength.
    const auto m = static_cast<double>(f.multiplicity);
    const double mean = strengths[i].mean, spread = std::max(0.0, strengths[i].mean_square - mean * mean);
    squared += m * ((c * mean - 1.0) * (c * mean - 1.0) + c * c * spread);
    reached += m;
  }
  squared += modes.spec.n2 - reached;
  return std::sqrt(std::max(0.0, squared));  // rounding can take a vanishing square below 0
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
