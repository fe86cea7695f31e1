#include "dln/symbolic/readouts.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>

#include "dln/analytic/invalid_input.hpp"
#include "dln/symbolic/radicals.hpp"
#include "dln/symbolic/report.hpp"

namespace dln::symbolic {

using GiNaC::ex;

namespace {

constexpr const char* kFamilyReadouts[] = {"s", "lambda", "asymptote", "t_half", "a"};
constexpr const char* kGlobalReadouts[] = {"OxOy", "GxOy", "OxGy", "GxGy", "systematicity"};

ex family_readout(const SymbolicFamily& f, const std::string& what) {
  if (what == "s") return f.s;
  if (what == "lambda") return f.lambda;
  if (what == "asymptote") return asymptote(f);
  if (what == "t_half") return half_rise_time(f);
  return flow_trajectory(f);  // "a"
}

}  // namespace

Quadrants squared_quadrant_asymptotes(const std::vector<SymbolicFamily>& families) {
  std::vector<ex> multiplicities, strengths;
  for (const auto& f : families) {
    multiplicities.push_back(f.multiplicity);
    strengths.push_back(asymptote(f));
  }
  return squared_quadrant_norms(families, multiplicities, strengths);
}

std::vector<std::string> readout_names(analytic::Architecture arch) {
  std::vector<std::string> names;
  for (const auto& f : symbolic_families(arch))
    for (const char* what : kFamilyReadouts) names.push_back(std::string(what) + ":" + f.label);
  for (const char* name : kGlobalReadouts) names.emplace_back(name);
  return names;
}

ex readout(analytic::Architecture arch, const std::string& name, const std::string& flag) {
  const auto families = symbolic_families(arch);
  for (const auto& f : families)
    for (const char* what : kFamilyReadouts)
      if (name == std::string(what) + ":" + f.label) return family_readout(f, what);
  const Quadrants squared = squared_quadrant_asymptotes(families);
  const Quadrants norms = quadrant_norms(squared);
  if (name == "OxOy") return norms.OxOy;
  if (name == "GxOy") return norms.GxOy;
  if (name == "OxGy") return norms.OxGy;
  if (name == "GxGy") return norms.GxGy;
  if (name == "systematicity") return systematicity(squared);
  throw InvalidInput(flag, fmt::format("must name read-outs of the {} architecture, among {}; got '{}'",
                                       analytic::to_string(arch), fmt::join(readout_names(arch), ", "), name));
}

const GiNaC::possymbol& strength_symbol(const std::string& label) {
  static std::map<std::string, GiNaC::possymbol> symbols;
  auto it = symbols.find(label);
  if (it == symbols.end()) {
    std::string name = "a_" + label;
    for (char& c : name)
      if (c == ':') c = '_';
    const std::string tex = "a_{" + latex_label(label) + "}";
    it = symbols.emplace(label, GiNaC::possymbol(name, tex)).first;
  }
  return it->second;
}

ex sensitivity(const ex& readout_expression, const GiNaC::symbol& parameter) {
  return simplest_form(total_derivative(readout_expression, parameter));
}

}  // namespace dln::symbolic
