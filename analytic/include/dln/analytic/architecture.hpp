#pragma once
// The architectures of docs/theory.md §7 and which blocks of X and Y each of their modules sees.
#include <string>
#include <string_view>
#include <vector>

namespace dln::analytic {

enum class Architecture { dense, split, segregated, shallow };

// Rows of X (input) or Y (output) a module is connected to.
enum class Block { all, omega, gamma };  // all = [Ω ; Γ], omega = Ωx or Ωy only, gamma = Γx or Γy only

struct ModuleLayout {
  std::string name;  // "net" for single-module architectures, "A"/"B" for the two modules
  Block input;
  Block output;
  bool deep;  // two layers W2·W1 (true) or one W (false)
};

std::vector<ModuleLayout> module_layouts(Architecture arch);

std::string_view to_string(Architecture arch);
// Throws dln::InvalidInput("arch", …) for an unknown name.
Architecture parse_architecture(std::string_view name);
inline constexpr std::string_view kArchitectureNames = "dense, split, segregated, shallow";

}  // namespace dln::analytic
