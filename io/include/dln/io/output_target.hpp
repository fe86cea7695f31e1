#pragma once
// The check every output flag gets before any work is done (--out, --report, --outdir's files): the
// directory exists, the name is not a directory, a device, a FIFO or a socket, and a file can actually be
// created there (a read-only disk or a missing permission is found now, not after an hour of computing).
#include <filesystem>
#include <string>

namespace dln::io {

// Throws dln::InvalidInput(flag, …) for a name that cannot be a data file (missing directory, a directory,
// a special file), IoError when the directory is not writable (with the OS reason).
void check_output_target(const std::filesystem::path& path, const std::string& flag);

}  // namespace dln::io
