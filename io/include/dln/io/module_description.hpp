#pragma once
// A module description from TOML (docs/modules_engine.md), as `dln modules --modules FILE` takes it: an
// optional [dataset] table, an optional top-level temperature, and one [[module]] table per module. Read
// strictly (table_reader.hpp): unknown keys, wrong types and every bad value are refused with
// file:line:column (dln::InvalidInput("modules", …)).
#include <filesystem>

#include "dln/io/table_reader.hpp"
#include "dln/modules/description.hpp"

namespace dln::io {

modules::Description read_module_description(const std::filesystem::path& file);

// The multi-rule dataset's keys of a table (n1, k1, k2, r, rules, kappa, prior; defaults 3, 3, 1, 1.0, 1, the
// first R features, uniform), not validated: the caller validates what it builds.
modules::RuleDataset read_rule_dataset(TableReader& table);

}  // namespace dln::io
