#pragma once
// Where text output goes: standard output or a file being written (AtomicFile). Writers stream into a
// Sink row by row, so that a long trajectory is never held in memory as one string.
#include <functional>
#include <string_view>

namespace dln::io {

class Sink {
public:
  virtual ~Sink() = default;
  // Throws IoError when the text cannot be written.
  virtual void write(std::string_view text) = 0;
};

// Standard output; a failed write (a closed pipe, `> /dev/full`) throws IoError with the OS reason.
// Output that writes itself into a Sink (see emit()).
using Content = std::function<void(Sink&)>;

class StdoutSink : public Sink {
public:
  void write(std::string_view text) override;
  void flush();
};

}  // namespace dln::io
