#pragma once
// A file that appears whole or not at all: written to <target>.partial beside the target, flushed to disk,
// then renamed over the target. The temporary file is removed on every failure path: by the destructor
// when commit() was not reached (an exception), and by the SIGINT/SIGTERM handler of
// remove_partial_files_on_signal() when the process is interrupted.
//
// Targets: a regular file or a new name in an existing directory. A symbolic link is followed (the file it
// points to is replaced, the link stays); any other existing file type — a device, a FIFO, a socket, a
// directory — is refused, never replaced.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "dln/io/sink.hpp"

namespace dln::io {

class AtomicFile : public Sink {
public:
  // Creates <target>.partial; throws IoError (with the OS reason) when it cannot, or when the target
  // exists and is not a regular file.
  explicit AtomicFile(const std::filesystem::path& target);
  ~AtomicFile() override;  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view text) override;
  // Flushes the temporary file to disk and closes it: everything that can fail for want of space is done.
  // Throws IoError.
  void finish();
  // Renames the temporary file over the target (after finish(), which it calls if needed). Throws IoError.
  void commit();

  // The file replaced on commit: the target, or what it links to.
  const std::filesystem::path& destination() const { return destination_; }

private:
  void flush_buffer();
  void discard() noexcept;

  std::filesystem::path destination_, temporary_;
  int fd_ = -1;
  int registry_slot_ = -1;
  std::string buffer_;
  bool committed_ = false;
};

// Writes `content` to `target` through an AtomicFile.
void write_file(const std::filesystem::path& target, std::string_view content);

// Removes `path` if it exists; throws IoError when it exists and cannot be removed.
void remove_file(const std::filesystem::path& path);

// <path>.partial, the temporary name of an AtomicFile writing to path.
std::filesystem::path partial_path(const std::filesystem::path& path);

// Installs SIGINT and SIGTERM handlers that remove the temporary files of the AtomicFiles being written,
// then end the process by the same signal (so that the exit status still says which). Call once, early.
void remove_partial_files_on_signal();

}  // namespace dln::io
