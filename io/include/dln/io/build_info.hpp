#pragma once
// What built this binary, for the manifests: the version, the git commit of the source tree at build time
// ("<sha>-dirty" with uncommitted changes to tracked files, "unknown" outside git), the compiler and its flags.
#include <string>

namespace dln::io {

struct BuildInfo {
  std::string version, commit, compiler, flags, build_type;
};

const BuildInfo& build_info();

}  // namespace dln::io
