#pragma once
// What every experiment's Result reports besides its numbers: whether it completed, why not, and the
// seeds it used (for the manifest).
#include <cstdint>
#include <string>
#include <vector>

namespace dln::experiments {

struct Report {
  // "ok", or the numerical outcome: "diverged" (what was computed before is kept), "validation failed".
  std::string status = "ok";
  std::vector<std::string> warnings;  // one line each: instability, where a run stopped
  std::vector<std::uint64_t> seeds;   // every seed the run drew from
  bool ok() const { return status == "ok"; }
};

}  // namespace dln::experiments
