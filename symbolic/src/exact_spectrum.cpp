#include "dln/symbolic/exact_spectrum.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "dln/symbolic/format.hpp"
#include "dln/symbolic/radicals.hpp"

namespace dln::symbolic {

using GiNaC::ex;

namespace {

ex at(const ex& e, const ExactSetting& setting) { return canonical_radicals(e.subs(setting.values())); }

// Families sorted by half-rise time; those already past a*/2 come first. Two times are tied when they agree
// to 30 of the 40 digits to_decimal computes: tied families have the same s and a*, hence the same expression,
// and distinct ones differ far above that.
std::vector<std::vector<std::string>> learning_order(const std::vector<ExactFamily>& families) {
  std::vector<std::pair<double, const ExactFamily*>> timed;
  for (const auto& f : families)
    if (f.multiplicity > 0) timed.emplace_back(f.half_rise ? to_decimal(*f.half_rise) : -INFINITY, &f);
  std::stable_sort(timed.begin(), timed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::vector<std::string>> order;
  for (std::size_t i = 0; i < timed.size(); ++i) {
    const bool tied = i > 0 && (timed[i].first == timed[i - 1].first ||
                                (std::isfinite(timed[i].first) &&
                                 (*timed[i].second->half_rise - *timed[i - 1].second->half_rise).is_zero()));
    if (tied)
      order.back().push_back(timed[i].second->label);
    else
      order.push_back({timed[i].second->label});
  }
  return order;
}

std::optional<ExactStability> stability(const ExactSetting& setting, analytic::Architecture arch) {
  const auto candidates = sharpness_candidates(arch, &setting);
  if (candidates.empty()) return std::nullopt;
  const auto largest = std::max_element(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
    return to_decimal(a.sharpness) < to_decimal(b.sharpness);
  });
  ExactStability result;
  result.sharpness = largest->sharpness;
  result.critical_lr = canonical_radicals(2 / (setting.P() * largest->sharpness));
  result.at_lr = canonical_radicals(setting.P() * setting.lr * largest->sharpness / 2);
  result.stable = to_decimal(result.at_lr) < 1.0;
  result.output_mode = largest->output_mode;
  result.input_direction = largest->input_direction;
  return result;
}

Entry entry(std::string name, std::string latex_name, const ex& value, std::string note = "") {
  return {std::move(name), std::move(latex_name), value, to_decimal(value), std::move(note)};
}

}  // namespace

ExactSpectrum exact_spectrum(const ExactSetting& setting, analytic::Architecture arch) {
  ExactSpectrum result{arch, setting, {}, {}, 0, {}, {}};
  const auto families = symbolic_families(arch);
  std::vector<ex> multiplicities, strengths;
  for (const auto& f : families) {
    ExactFamily exact{f.label, multiplicity_at(f, setting), "", f.deep, 0, 0, 0, std::nullopt};
    if (exact.multiplicity > 0) {
      exact.s = at(f.s, setting);
      exact.lambda = at(f.lambda, setting);
      exact.asymptote = at(asymptote(f), setting);
      if (rises_through_half(f, setting)) exact.half_rise = at(half_rise_time(f), setting);
    } else {
      exact.absent_because = presence_condition(f.presence);
    }
    multiplicities.emplace_back(exact.multiplicity);
    strengths.push_back(exact.asymptote);
    result.families.push_back(exact);
  }
  const Quadrants squared = squared_quadrant_norms(families, multiplicities, strengths);
  const Quadrants at_setting{at(squared.OxOy, setting), at(squared.GxOy, setting), at(squared.OxGy, setting),
                             at(squared.GxGy, setting)};
  result.quadrant_asymptotes = quadrant_norms(at_setting);
  result.systematicity = systematicity(at_setting);
  result.learning_order = learning_order(result.families);
  result.stability = stability(setting, arch);
  return result;
}

Report to_report(const ExactSpectrum& spectrum) {
  const ExactSetting& s = spectrum.setting;
  Report report;
  report.title = fmt::format("exact closed forms, {}: n1={} n2={} k1={} k2={} r={}  P={}  lr={} a0={}",
                             analytic::to_string(spectrum.arch), s.n1, s.n2, s.k1, s.k2, to_text(s.r),
                             to_text(s.P()), to_text(s.lr), to_text(s.a0));
  for (const ExactFamily& f : spectrum.families) {
    const std::string tex = latex_label(f.label);
    if (f.multiplicity == 0) {
      report.notes.push_back(fmt::format("{}: absent at this setting (needs {} and multiplicity > 0)", f.label,
                                         f.absent_because.empty() ? "nothing else" : f.absent_because));
      continue;
    }
    Section section{f.label, fmt::format("{} (multiplicity {})", f.label, f.multiplicity), {}};
    section.entries.push_back(entry("s", "s_{" + tex + "}", f.s));
    section.entries.push_back(entry("lambda", "\\lambda_{" + tex + "}", f.lambda));
    section.entries.push_back(entry("asymptote", "a^*_{" + tex + "}", f.asymptote));
    if (f.half_rise)
      section.entries.push_back(entry("t_half", "t_{1/2," + tex + "}", *f.half_rise, "epochs, gradient flow"));
    else
      section.entries.push_back({"t_half", "t_{1/2," + tex + "}", 0, NAN, "a0 >= a*/2: already past half-rise"});
    report.sections.push_back(std::move(section));
  }
  const Quadrants& q = spectrum.quadrant_asymptotes;
  report.sections.push_back({"quadrant_asymptotes",
                             "quadrant asymptotes",
                             {entry("OxOy", "\\|\\Omega_x\\Omega_y\\|^*", q.OxOy),
                              entry("GxOy", "\\|\\Gamma_x\\Omega_y\\|^*", q.GxOy),
                              entry("OxGy", "\\|\\Omega_x\\Gamma_y\\|^*", q.OxGy),
                              entry("GxGy", "\\|\\Gamma_x\\Gamma_y\\|^*", q.GxGy),
                              entry("systematicity", "\\mathrm{sys}^*", spectrum.systematicity,
                                    "share of the compositional outputs' weight on per-item inputs, at convergence")}});
  if (spectrum.stability) {
    const ExactStability& st = *spectrum.stability;
    report.sections.push_back(
        {"gd_stability",
         "full-batch GD at the minimum: stable iff lr < critical_lr",
         {entry("sharpness", "\\max_{i,j} \\lambda_j(a^*_i + a^*_j)", st.sharpness,
                fmt::format("output mode {}, input direction {}", st.output_mode, st.input_direction)),
          entry("critical_lr", "\\mathrm{lr}_c", st.critical_lr),
          entry("eta_sharpness_over_2", "\\eta \\max/2", st.at_lr, st.stable ? "stable" : "unstable")}});
  }
  std::string order;
  for (const auto& group : spectrum.learning_order) {
    std::string names;
    for (const auto& label : group) names += (names.empty() ? "" : " = ") + label;
    order += (order.empty() ? "" : " < ") + names;
  }
  report.notes.push_back("learning order (half-rise times under gradient flow): " + order);
  return report;
}

}  // namespace dln::symbolic
