#include "dln/io/atomic_file.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dln/io/io_error.hpp"
#include "target.hpp"

namespace dln::io {

namespace fs = std::filesystem;

void throw_io_error(std::string_view action, const fs::path& path, int error) {
  throw IoError(fmt::format("cannot {} '{}': {}", action, path.string(), std::strerror(error)));
}

namespace detail {

fs::path followed(const fs::path& target) {
  // Link by link, so that a dangling link leads to the name it points to (where the file will be created);
  // as many links as the kernel itself follows (40) before ELOOP.
  fs::path path = target;
  std::error_code ec;
  for (int links = 0; fs::is_symlink(fs::symlink_status(path, ec)); ++links) {
    if (links == 40) throw_io_error("follow the link", target, ELOOP);
    const fs::path next = fs::read_symlink(path, ec);
    if (ec) throw_io_error("follow the link", path, ec.value());
    path = next.is_absolute() ? next : path.parent_path() / next;
  }
  return path;
}

std::string file_kind(fs::file_type type) {
  switch (type) {
    case fs::file_type::directory: return "a directory";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    case fs::file_type::fifo: return "a FIFO";
    case fs::file_type::socket: return "a socket";
    default: return "not a regular file";
  }
}

}  // namespace detail

namespace {

// The temporary files being written, for the signal handler: fixed storage and lock-free atomics, the
// only things a handler may touch. A slot is free (0), being filled (1) or holds a path (2). A file that
// finds no free slot is still removed on every other failure path, and the next `dln figures` removes
// leftovers of its own.
constexpr int kSlots = 64;
struct Slot {
  std::atomic<int> state{0};
  char path[4096]{};
};
Slot slots[kSlots];
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler reads the slots");

int claim_slot(const fs::path& path) {
  const std::string text = path.string();
  if (text.size() >= sizeof(Slot::path)) return -1;
  for (int i = 0; i < kSlots; ++i) {
    int expected = 0;
    if (!slots[i].state.compare_exchange_strong(expected, 1)) continue;
    std::memcpy(slots[i].path, text.c_str(), text.size() + 1);
    slots[i].state.store(2);
    return i;
  }
  return -1;
}

void release_slot(int slot) {
  if (slot >= 0) slots[slot].state.store(0);
}

void remove_partial_files_and_reraise(int signal_number) {
  for (Slot& slot : slots)
    if (slot.state.load() == 2) ::unlink(slot.path);
  // SA_RESETHAND restored the default action: the re-raised signal ends the process once this returns.
  ::raise(signal_number);
}

constexpr std::size_t kBufferSize = 1 << 20;

}  // namespace

fs::path partial_path(const fs::path& path) {
  fs::path partial = path;
  partial += ".partial";
  return partial;
}

AtomicFile::AtomicFile(const fs::path& target)
    : destination_(detail::followed(target)), temporary_(partial_path(destination_)) {
  std::error_code ec;
  const fs::file_status existing = fs::status(destination_, ec);
  if (fs::exists(existing) && !fs::is_regular_file(existing))
    throw IoError(fmt::format("cannot write '{}': it is {}, and dln replaces only regular files", destination_.string(),
                              detail::file_kind(existing.type())));
  // A temporary file left by a killed run is ours to replace; O_EXCL then makes sure that what we open is a
  // new regular file (never a FIFO or a link someone put there).
  if (::unlink(temporary_.c_str()) != 0 && errno != ENOENT) throw_io_error("remove", temporary_, errno);
  registry_slot_ = claim_slot(temporary_);
  fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd_ < 0) {
    const int error = errno;
    release_slot(registry_slot_);
    throw_io_error("create", temporary_, error);
  }
  // A replaced file keeps its permissions.
  if (struct stat old{}; ::stat(destination_.c_str(), &old) == 0) ::fchmod(fd_, old.st_mode & 07777);
  buffer_.reserve(kBufferSize);
}

AtomicFile::~AtomicFile() {
  if (!committed_) discard();
}

void AtomicFile::write(std::string_view text) {
  buffer_.append(text);
  if (buffer_.size() >= kBufferSize) flush_buffer();
}

void AtomicFile::flush_buffer() {
  std::size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_io_error("write", temporary_, errno);
    done += static_cast<std::size_t>(n);
  }
  buffer_.clear();
}

void AtomicFile::finish() {
  if (fd_ < 0) return;
  flush_buffer();
  // On disk before the rename, so that a crash cannot leave the new name over an empty file.
  if (::fsync(fd_) != 0) throw_io_error("write", temporary_, errno);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) throw_io_error("write", temporary_, errno);
}

void AtomicFile::commit() {
  finish();
  if (::rename(temporary_.c_str(), destination_.c_str()) != 0) throw_io_error("rename into place", destination_, errno);
  committed_ = true;
  release_slot(registry_slot_);
}

void AtomicFile::discard() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(temporary_.c_str());
  release_slot(registry_slot_);
}

void write_file(const fs::path& target, std::string_view content) {
  AtomicFile file(target);
  file.write(content);
  file.commit();
}

void remove_file(const fs::path& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) throw_io_error("remove", path, errno);
}

void remove_partial_files_on_signal() {
  struct sigaction action {};
  action.sa_handler = remove_partial_files_and_reraise;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

}  // namespace dln::io
