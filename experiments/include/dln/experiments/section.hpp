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

}  // namespace dln::experiments
