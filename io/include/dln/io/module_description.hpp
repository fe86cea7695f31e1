#pragma once
// A module description from TOML (docs/modules_engine.md), as `dln modules --modules FILE` takes it: an
// optional [dataset] table, an optional top-level temperature, and one [[module]] table per module. Read
// strictly (table_reader.hpp): unknown keys, wrong types and every bad value are refused with
// file:line:column (dln::InvalidInput("modules", …)).
#include <filesystem>

#include "dln/modules/description.hpp"

namespace dln::io {

modules::Description read_module_description(const std::filesystem::path& file);

}  // namespace dln::io
