#include "progress_bar.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <unistd.h>

namespace dln::cli {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
constexpr int kBarCells = 30;

}  // namespace

ProgressBar::ProgressBar(std::ostream& out, std::string label, std::string unit, std::int64_t total, bool enabled)
    : out_(out), label_(std::move(label)), unit_(std::move(unit)), total_(std::max<std::int64_t>(total, 1)),
      enabled_(enabled), start_(Clock::now()) {}

ProgressBar::~ProgressBar() {
  if (drawn_) out_ << '\r' << std::string(width_, ' ') << '\r' << std::flush;
}

bool ProgressBar::wanted(bool quiet) { return !quiet && isatty(STDERR_FILENO) == 1; }

std::string ProgressBar::eta(double elapsed_seconds, double fraction) {
  if (!(fraction > 0.0) || fraction >= 1.0) return "";
  const auto left = static_cast<long long>(std::llround(elapsed_seconds * (1.0 - fraction) / fraction));
  if (left < 60) return fmt::format("ETA {} s", left);
  if (left < 3600) return fmt::format("ETA {} min {:02} s", left / 60, left % 60);
  return fmt::format("ETA {} h {:02} min", left / 3600, left % 3600 / 60);
}

void ProgressBar::update(std::int64_t done) {
  if (!enabled_) return;
  const Clock::time_point now = Clock::now();
  if (drawn_ && now - last_draw_ < kRedrawInterval && done < total_) return;
  last_draw_ = now;
  draw(done);
}

void ProgressBar::draw(std::int64_t done) {
  const double fraction = std::clamp(static_cast<double>(done) / static_cast<double>(total_), 0.0, 1.0);
  const int filled = static_cast<int>(fraction * kBarCells);
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  const std::string left = eta(elapsed, fraction);
  const std::string line =
      fmt::format("{} [{}{}] {:3.0f}%  {}/{} {}  {:.1f} s{}", label_, std::string(static_cast<std::size_t>(filled), '#'),
                  std::string(static_cast<std::size_t>(kBarCells - filled), '.'), 100 * fraction, done, total_, unit_,
                  elapsed, left.empty() ? "" : "  " + left);
  // Spaces over whatever a longer earlier line left.
  out_ << '\r' << line << std::string(width_ > line.size() ? width_ - line.size() : 0, ' ') << std::flush;
  width_ = std::max(width_, line.size());
  drawn_ = true;
}

}  // namespace dln::cli
