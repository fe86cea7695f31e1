#pragma once
// What AtomicFile and check_output_target agree on about a target name.
#include <filesystem>
#include <string>

namespace dln::io::detail {

// The file a write to `target` replaces: `target` itself, or the file its symbolic link(s) point to.
std::filesystem::path followed(const std::filesystem::path& target);

// "a character device", "a FIFO", … for an existing target that is not a regular file.
std::string file_kind(std::filesystem::file_type type);

}  // namespace dln::io::detail
