#pragma once
// The rule dataset of a module experiment's Spec, validated with its keys under "dataset." — the recipe's
// [dataset] table — so that a bad value is reported where the recipe holds it.
#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/rule_dataset.hpp"

namespace dln::experiments {

inline void validate_dataset(const modules::RuleDataset& dataset) {
  try {
    dataset.validate();
  } catch (const InvalidInput& e) {
    throw InvalidInput("dataset." + e.parameter(), e.what());
  }
}

}  // namespace dln::experiments
