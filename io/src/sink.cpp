#include "dln/io/sink.hpp"

#include <cerrno>
#include <cstdio>

#include "dln/io/io_error.hpp"

namespace dln::io {

void StdoutSink::write(std::string_view text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) throw_io_error("write", "standard output", errno);
}

void StdoutSink::flush() {
  if (std::fflush(stdout) != 0) throw_io_error("write", "standard output", errno);
}

}  // namespace dln::io
