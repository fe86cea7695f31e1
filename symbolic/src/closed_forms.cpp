#include "dln/symbolic/closed_forms.hpp"

#include "dln/symbolic/radicals.hpp"

namespace dln::symbolic {

using GiNaC::ex;

ex asymptote(const SymbolicFamily& family) { return positive_sqrt(family.s * family.s / (family.lambda * family.lambda)); }

ex flow_trajectory(const SymbolicFamily& family) {
  const Parameters& p = parameters();
  const ex a_star = asymptote(family), eta_t = p.P * p.lr * p.t;  // t/τ
  if (family.deep) return a_star * p.a0 / (p.a0 + (a_star - p.a0) * GiNaC::exp(-2 * family.s * eta_t));
  return a_star + (p.a0 - a_star) * GiNaC::exp(-family.lambda * eta_t);
}

ex discrete_step(const SymbolicFamily& family, const ex& a) {
  const ex eta = parameters().P * parameters().lr;
  if (family.deep) return a * GiNaC::pow(1 + eta * (family.s - family.lambda * a), 2);
  return a + eta * (family.s - family.lambda * a);
}

ex half_rise_time(const SymbolicFamily& family) {
  const Parameters& p = parameters();
  const ex tau = 1 / (p.P * p.lr), a_star = asymptote(family);
  if (family.deep) return tau / (2 * family.s) * GiNaC::log(a_star / p.a0 - 1);
  return tau / family.lambda * GiNaC::log(2 * (1 - p.a0 / a_star));
}

bool rises_through_half(const SymbolicFamily& family, const ExactSetting& setting) {
  // a0 < a*/2 ⇔ 4·a0² < a*² (both > 0), decided in rationals.
  const ex a_star_squared = (family.s * family.s / (family.lambda * family.lambda)).subs(setting.values());
  return 4 * setting.a0 * setting.a0 < GiNaC::ex_to<GiNaC::numeric>(a_star_squared);
}

Quadrants squared_quadrant_norms(const std::vector<SymbolicFamily>& families, const std::vector<ex>& multiplicities,
                                 const std::vector<ex>& strengths) {
  Quadrants q{0, 0, 0, 0};
  for (std::size_t i = 0; i < families.size(); ++i) {
    const SymbolicFamily& f = families[i];
    const ex weight = multiplicities[i] * strengths[i] * strengths[i];
    q.OxOy += weight * f.u.omega * f.v.omega;
    q.GxOy += weight * f.u.omega * f.v.gamma;
    q.OxGy += weight * f.u.gamma * f.v.omega;
    q.GxGy += weight * f.u.gamma * f.v.gamma;
  }
  return q;
}

Quadrants quadrant_norms(const Quadrants& squared) {
  return {positive_sqrt(squared.OxOy), positive_sqrt(squared.GxOy), positive_sqrt(squared.OxGy),
          positive_sqrt(squared.GxGy)};
}

ex systematicity(const Quadrants& squared) {
  const ex omega_rows = (squared.OxOy + squared.GxOy).normal();
  if (omega_rows.is_zero()) return 0;
  return positive_sqrt(simplest_form(squared.GxOy / omega_rows));
}

namespace {

struct Direction {
  std::string label;
  ex lambda, asymptote;
};

// A family counts when it is present at the setting; in the parameters (no setting) every family counts.
bool counts(const SymbolicFamily& f, const ExactSetting* setting) {
  return setting == nullptr || multiplicity_at(f, *setting) > 0;
}

ex value_at(const ex& e, const ExactSetting* setting) {
  return setting == nullptr ? e : canonical_radicals(e.subs(setting->values()));
}

// The eigenvalues > 0 of a module's input covariance, each with the asymptote of the mode living there
// (0 for directions no mode of the module uses), as in dln::analytic's gd_stability.
std::vector<Direction> input_directions(analytic::Architecture arch, const std::vector<SymbolicFamily>& families,
                                        int module, const ExactSetting* setting) {
  const Parameters& p = parameters();
  const analytic::Block input = analytic::module_layouts(arch)[static_cast<std::size_t>(module)].input;
  std::vector<Direction> directions;
  if (input == analytic::Block::all) directions.push_back({"features", value_at(p.L1 / p.P, setting), 0});
  if (input == analytic::Block::omega) directions.push_back({"features", 1, 0});
  if (input != analytic::Block::omega && (setting == nullptr || setting->k1 > 0))
    directions.push_back({"per-item", value_at(p.k1 * p.r * p.r / p.P, setting), 0});
  for (const auto& f : families)
    if (f.module == module && counts(f, setting))
      directions.push_back({f.label, value_at(f.lambda, setting), value_at(asymptote(f), setting)});
  return directions;
}

}  // namespace

std::vector<SharpnessCandidate> sharpness_candidates(analytic::Architecture arch, const ExactSetting* setting) {
  const auto families = symbolic_families(arch);
  std::vector<SharpnessCandidate> candidates;
  const auto modules = analytic::module_layouts(arch).size();
  for (std::size_t m = 0; m < modules; ++m) {
    const auto directions = input_directions(arch, families, static_cast<int>(m), setting);
    for (const auto& i : families) {
      if (i.module != static_cast<int>(m) || !counts(i, setting)) continue;
      const ex a_i = value_at(asymptote(i), setting);
      for (const auto& j : directions) {
        const ex sharpness = i.deep ? j.lambda * (a_i + j.asymptote) : j.lambda;
        candidates.push_back({i.label, j.label, setting == nullptr ? sharpness : canonical_radicals(sharpness)});
      }
    }
  }
  return candidates;
}

}  // namespace dln::symbolic
