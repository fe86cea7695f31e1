#include "dln/io/output_target.hpp"

#include <cerrno>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include "dln/analytic/invalid_input.hpp"
#include "dln/io/atomic_file.hpp"
#include "dln/io/io_error.hpp"
#include "target.hpp"

namespace dln::io {

namespace fs = std::filesystem;

void check_output_target(const fs::path& path, const std::string& flag) {
  if (path.empty()) throw InvalidInput(flag, "must name a file, got ''");
  const fs::path destination = detail::followed(path);
  const fs::path directory = destination.has_parent_path() ? destination.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(directory, ec))
    throw InvalidInput(flag, fmt::format("directory '{}' does not exist (create it first)", directory.string()));
  if (const fs::file_status existing = fs::status(destination, ec); fs::exists(existing)) {
    if (fs::is_directory(existing))
      throw InvalidInput(flag, fmt::format("'{}' is a directory, expected a file name", path.string()));
    if (!fs::is_regular_file(existing))
      throw InvalidInput(flag, fmt::format("'{}' is {}; dln writes regular files only, replacing them whole "
                                           "(leave --{} out to write to standard output)",
                                           path.string(), detail::file_kind(existing.type()), flag));
  }
  // Create (and remove) the temporary file the write will use: the one test of writability that holds for
  // permissions, read-only mounts and ACLs alike. O_NONBLOCK: a FIFO left under that name must not hang us.
  const fs::path probe = partial_path(destination);
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0666);
  if (fd < 0) throw_io_error("create files in", directory, errno);
  ::close(fd);
  ::unlink(probe.c_str());
}

}  // namespace dln::io
