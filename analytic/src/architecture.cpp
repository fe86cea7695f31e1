#include "dln/analytic/architecture.hpp"

#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"

namespace dln::analytic {

std::vector<ModuleLayout> module_layouts(Architecture arch) {
  switch (arch) {
    case Architecture::dense: return {{"net", Block::all, Block::all, true}};
    case Architecture::shallow: return {{"net", Block::all, Block::all, false}};
    case Architecture::split:  // output modules: A predicts Ωy, B predicts Γy, both see all of X
      return {{"A", Block::all, Block::omega, true}, {"B", Block::all, Block::gamma, true}};
    case Architecture::segregated:  // A: Ωx → Ωy, B: Γx → Γy
      return {{"A", Block::omega, Block::omega, true}, {"B", Block::gamma, Block::gamma, true}};
  }
  return {};
}

std::string_view to_string(Architecture arch) {
  switch (arch) {
    case Architecture::dense: return "dense";
    case Architecture::split: return "split";
    case Architecture::segregated: return "segregated";
    case Architecture::shallow: return "shallow";
  }
  return "?";
}

Architecture parse_architecture(std::string_view name) {
  for (auto arch : {Architecture::dense, Architecture::split, Architecture::segregated, Architecture::shallow})
    if (name == to_string(arch)) return arch;
  throw InvalidInput("arch", fmt::format("must be one of {}, got '{}'", kArchitectureNames, name));
}

}  // namespace dln::analytic
