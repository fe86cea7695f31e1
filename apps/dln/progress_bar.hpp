#pragma once
// A progress bar on stderr for long runs (docs/conventions.md: only when stderr is a terminal and --quiet is off),
// redrawn in place at most ten times a second with the time elapsed and an estimate of the time left, and
// erased when the run ends, so that what follows on the
// terminal — a warning, the summary — starts on a clean line.
#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace dln::cli {

class ProgressBar {
public:
  // Draws nothing when `enabled` is false. `total` units (rows), counted by update().
  ProgressBar(std::ostream& out, std::string label, std::string unit, std::int64_t total, bool enabled);
  ~ProgressBar();  // erases the bar
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // `done` units of `total` are complete. Cheap when it does not redraw.
  void update(std::int64_t done);

  // Whether a bar belongs on stderr: a terminal, and not --quiet.
  static bool wanted(bool quiet);

  // "ETA 30 s", "ETA 2 min 05 s", "ETA 1 h 02 min": the time left at the pace so far, elapsed·(1 − f)/f, after
  // `elapsed_seconds` for the fraction f done; "" before any progress or once done.
  static std::string eta(double elapsed_seconds, double fraction);

private:
  void draw(std::int64_t done);

  std::ostream& out_;
  std::string label_, unit_;
  std::int64_t total_;
  bool enabled_;
  bool drawn_ = false;
  std::size_t width_ = 0;  // of the last line drawn, to erase it
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace dln::cli
