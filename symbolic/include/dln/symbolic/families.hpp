#pragma once
// The mode families of every architecture with closed forms (docs/theory.md §3 and §7), as expressions in
// the parameters. This is an independent transcription of the tables: dln::analytic evaluates the same
// tables in doubles, and the tests hold the two to 1e-14 and both to the exact Y X⁺.
#include <ginac/ginac.h>
#include <string>
#include <vector>

#include "dln/analytic/architecture.hpp"
#include "dln/symbolic/parameters.hpp"

namespace dln::symbolic {

// When a family has modes besides its multiplicity being > 0.
enum class Presence { always, k2_positive, k1_and_k2_positive };

// Squared weight of a mode vector in each block (docs/theory.md §3, second table).
struct BlockWeights {
  GiNaC::ex omega, gamma;
};

struct SymbolicFamily {
  std::string label;  // "pi1", … for single-module architectures, "A:pi1", "B:pi3", … otherwise
  int module = 0;     // index into analytic::module_layouts(arch)
  bool deep = true;
  GiNaC::ex multiplicity, s, lambda;
  BlockWeights u, v;  // left (output side) and right (input side)
  Presence presence = Presence::always;
};

std::vector<SymbolicFamily> symbolic_families(analytic::Architecture arch);

// "k2 > 0", "k1·k2 > 0" or "" — the condition, besides multiplicity > 0, for the family to exist.
std::string presence_condition(Presence presence);

// The family's multiplicity at the setting: 0 when it is absent.
long long multiplicity_at(const SymbolicFamily& family, const ExactSetting& setting);

}  // namespace dln::symbolic
