#pragma once
// Where a Spec's validation error sits: dln::InvalidInput's parameter becomes a path "section.key" or
// "section.N.key" (the N-th entry of a list, from 1), so that a reader of any form (a recipe's table,
// a command line) can point at the offending value.
#include <string>

#include "dln/analytic/invalid_input.hpp"

namespace dln::experiments {

// Runs check(); re-throws its dln::InvalidInput with the parameter prefixed by `section` ("dataset",
// "configuration.2").
template <class Check>
void within(const std::string& section, Check&& check) {
  try {
    check();
  } catch (const InvalidInput& e) {
    throw InvalidInput(section + "." + e.parameter(), e.what());
  }
}

// The key a parameter path ends in ("configuration.1.n2" → "n2"): its name where there are no sections,
// on a command line.
inline std::string innermost_key(const std::string& path) {
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

}  // namespace dln::experiments
