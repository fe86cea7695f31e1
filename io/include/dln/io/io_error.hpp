#pragma once
// An environment failure (a full disk, a read-only or vanished directory, a permission): not the user's
// input and not a numerical outcome. The message names the file and the operating system's reason;
// dln exits with status 3.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace dln::io {

class IoError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// IoError("cannot <action> '<path>': <strerror(error)>").
[[noreturn]] void throw_io_error(std::string_view action, const std::filesystem::path& path, int error);

}  // namespace dln::io
