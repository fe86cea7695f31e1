#include "dln/symbolic/formulas.hpp"

#include <cmath>
#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"
#include "dln/symbolic/exact_spectrum.hpp"
#include "dln/symbolic/format.hpp"
#include "dln/symbolic/radicals.hpp"
#include "dln/symbolic/readouts.hpp"

namespace dln::symbolic {

using GiNaC::ex;

namespace {

// The value of a formula at the request's setting and time.
double value_at(const ex& e, const FormulaRequest& request) {
  return to_decimal(e.subs(request.setting.values()).subs(parameters().t == request.t));
}

std::string setting_text(const FormulaRequest& request) {
  const ExactSetting& s = request.setting;
  return fmt::format("n1={} n2={} k1={} k2={} r={} lr={} a0={} t={}", s.n1, s.n2, s.k1, s.k2, to_text(s.r),
                     to_text(s.lr), to_text(s.a0), to_text(request.t));
}

Section family_section(const SymbolicFamily& f, const FormulaRequest& request) {
  const long long multiplicity = multiplicity_at(f, request.setting);
  const bool present = multiplicity > 0;
  const std::string condition = presence_condition(f.presence);
  Section section{f.label, fmt::format("{} (multiplicity {}{})", f.label, to_text(f.multiplicity),
                                        condition.empty() ? "" : "; present when " + condition), {}};
  const std::string tex = latex_label(f.label);
  const auto add = [&](std::string name, std::string latex_name, const ex& formula, std::string note = "") {
    const double value = present ? value_at(formula, request) : NAN;
    section.entries.push_back({std::move(name), std::move(latex_name), formula, value, std::move(note)});
  };
  section.entries.push_back({"multiplicity", "m_{" + tex + "}", f.multiplicity, static_cast<double>(multiplicity),
                             present ? "" : "absent at this setting"});
  add("s", "s_{" + tex + "}", f.s);
  add("lambda", "\\lambda_{" + tex + "}", f.lambda);
  add("asymptote", "a^*_{" + tex + "}", asymptote(f));
  add("a(t)", "a_{" + tex + "}(t)", flow_trajectory(f), "gradient flow from a(0) = a0");
  const GiNaC::possymbol a("a");
  section.entries.push_back({"a(t+1)", "a_{" + tex + "}(t+1)", discrete_step(f, a), NAN,
                             "one full-batch GD step from a(t) = a, aligned weights"});
  const bool rises = present && rises_through_half(f, request.setting);
  section.entries.push_back({"t_half", "t_{1/2," + tex + "}", half_rise_time(f),
                             rises ? value_at(half_rise_time(f), request) : NAN,
                             rises || !present ? "" : "a0 >= a*/2 here: already past half-rise"});
  return section;
}

// ‖W_{R,C}‖ as functions of the families' strengths a_<family>, evaluated with each at a(t) (0 when absent).
Section quadrant_section(const std::vector<SymbolicFamily>& families, const FormulaRequest& request) {
  std::vector<ex> multiplicities, strengths;
  GiNaC::exmap at_t;
  for (const auto& f : families) {
    multiplicities.push_back(f.multiplicity);
    strengths.push_back(strength_symbol(f.label));
    at_t[strength_symbol(f.label)] = multiplicity_at(f, request.setting) > 0 ? flow_trajectory(f) : ex(0);
  }
  const Quadrants norms = quadrant_norms(squared_quadrant_norms(families, multiplicities, strengths));
  Section section{"quadrant_norms", "quadrant norms in the strengths a_<family> (values at a(t))", {}};
  const auto add = [&](const char* name, const char* tex, const ex& formula) {
    section.entries.push_back({name, tex, formula, value_at(formula.subs(at_t), request), ""});
  };
  add("OxOy", "\\|\\Omega_x\\Omega_y\\|", norms.OxOy);
  add("GxOy", "\\|\\Gamma_x\\Omega_y\\|", norms.GxOy);
  add("OxGy", "\\|\\Omega_x\\Gamma_y\\|", norms.OxGy);
  add("GxGy", "\\|\\Gamma_x\\Gamma_y\\|", norms.GxGy);
  return section;
}

// The formulas with every family present; the values from the exact spectrum, where absent families drop out.
Section asymptote_section(const std::vector<SymbolicFamily>& families, const ExactSpectrum& exact) {
  const Quadrants squared = squared_quadrant_asymptotes(families);
  const Quadrants norms = quadrant_norms(squared);
  const Quadrants& values = exact.quadrant_asymptotes;
  return {"quadrant_asymptotes",
          "quadrant asymptotes and systematicity at convergence (formulas for k1·k2 > 0; values at the setting)",
          {{"OxOy", "\\|\\Omega_x\\Omega_y\\|^*", norms.OxOy, to_decimal(values.OxOy), ""},
           {"GxOy", "\\|\\Gamma_x\\Omega_y\\|^*", norms.GxOy, to_decimal(values.GxOy), ""},
           {"OxGy", "\\|\\Omega_x\\Gamma_y\\|^*", norms.OxGy, to_decimal(values.OxGy), ""},
           {"GxGy", "\\|\\Gamma_x\\Gamma_y\\|^*", norms.GxGy, to_decimal(values.GxGy), ""},
           {"systematicity", "\\mathrm{sys}^*", systematicity(squared), to_decimal(exact.systematicity),
            "share of the compositional outputs' weight on per-item inputs"}}};
}

Section stability_section(const FormulaRequest& request) {
  Section section{"gd_stability", "GD stability: lr < 2/(P·max sharpness) over these candidates", {}};
  const auto at_setting = sharpness_candidates(request.arch, &request.setting);
  for (const auto& c : sharpness_candidates(request.arch, nullptr)) {
    double value = NAN;
    for (const auto& present : at_setting)
      if (present.output_mode == c.output_mode && present.input_direction == c.input_direction)
        value = to_decimal(present.sharpness);
    section.entries.push_back({fmt::format("sharpness[{}, {}]", c.output_mode, c.input_direction),
                               fmt::format("\\lambda_{{\\text{{{}}}}}(a^*_{{{}}} + a^*_{{\\text{{{}}}}})",
                                           c.input_direction, latex_label(c.output_mode), c.input_direction),
                               c.sharpness, value, std::isnan(value) ? "absent at this setting" : ""});
  }
  return section;
}

std::string latex_escaped(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '_' ? std::string("\\_") : std::string(1, c);
  return out;
}

Section derivative_section(const FormulaRequest& request) {
  Section section{"derivatives", "derivatives (total: through P = 2^n1, L1, L2)", {}};
  for (const std::string& name : request.derive) {
    const ex of = readout(request.arch, name, "derive");
    for (const std::string& by : request.wrt) {
      const GiNaC::symbol& x = parameter_named(by, "wrt");
      const ex derivative = sensitivity(of, x);
      section.entries.push_back({fmt::format("d {}/d {}", name, by),
                                 fmt::format("\\frac{{\\partial\\,\\texttt{{{}}}}}{{\\partial {}}}", latex_escaped(name),
                                             to_latex(x)),
                                 derivative, value_at(derivative, request), ""});
    }
  }
  return section;
}

}  // namespace

Report formula_report(const FormulaRequest& request) {
  Report report;
  report.title = fmt::format("closed forms in the parameters, {} (P = 2^n1, L1 = P + k1·r², L2 = P + k2·r², "
                             "η = P·lr = 1/τ); decimals at {}",
                             analytic::to_string(request.arch), setting_text(request));
  if (!request.derive.empty()) {
    report.sections.push_back(derivative_section(request));
    return report;
  }
  const auto families = symbolic_families(request.arch);
  for (const auto& f : families) report.sections.push_back(family_section(f, request));
  report.sections.push_back(quadrant_section(families, request));
  const ExactSpectrum exact = exact_spectrum(request.setting, request.arch);
  report.sections.push_back(asymptote_section(families, exact));
  report.sections.push_back(stability_section(request));
  if (exact.stability)
    report.notes.push_back(fmt::format("at this setting: sharpness[{}, {}] binds, lr < {} ≈ {:.17g}",
                                       exact.stability->output_mode, exact.stability->input_direction,
                                       to_text(exact.stability->critical_lr), to_decimal(exact.stability->critical_lr)));
  return report;
}

}  // namespace dln::symbolic
