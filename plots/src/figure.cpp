#include "dln/plots/figure.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"

namespace dln::plots {

namespace {

[[noreturn]] void reject(const std::string& message) { throw InvalidInput("figure", message); }

bool plain_stem(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

void check_range(const std::optional<Range>& range, const std::string& where) {
  if (range && !(std::isfinite(range->low) && std::isfinite(range->high) && range->low < range->high))
    reject(fmt::format("{}: range [{}, {}] must be finite and increasing", where, range->low, range->high));
}

bool increasing_finite(const std::vector<double>& values) {
  return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); }) &&
         std::adjacent_find(values.begin(), values.end(), std::greater_equal<>()) == values.end();
}

void check(const LinePanel& panel, const std::string& where) {
  if (panel.series.empty()) reject(where + " has no series");
  for (const auto& s : panel.series) {
    if (s.x.size() != s.y.size())
      reject(fmt::format("{}: series '{}' has {} x but {} y values", where, s.name, s.x.size(), s.y.size()));
    if (s.x.empty()) reject(fmt::format("{}: series '{}' is empty", where, s.name));
    if (s.y_low.size() != s.y_high.size() || (!s.y_low.empty() && s.y_low.size() != s.x.size()))
      reject(fmt::format("{}: series '{}' has {} low and {} high interval ends for {} points", where, s.name,
                         s.y_low.size(), s.y_high.size(), s.x.size()));
    if (!std::all_of(s.x.begin(), s.x.end(), [](double v) { return std::isfinite(v); }))
      reject(fmt::format("{}: series '{}' has a non-finite x value", where, s.name));
    if (panel.log_x && !std::all_of(s.x.begin(), s.x.end(), [](double v) { return v > 0.0; }))
      reject(fmt::format("{}: series '{}' has x ≤ 0 on a logarithmic x axis", where, s.name));
  }
  for (const auto& line : panel.references)
    if (!std::isfinite(line.y)) reject(fmt::format("{}: reference line '{}' is not finite", where, line.label));
  check_range(panel.x_range, where + " x");
  check_range(panel.y_range, where + " y");
}

void check(const HeatmapPanel& panel, const std::string& where) {
  if (panel.x.empty() || panel.y.empty()) reject(where + " has an empty grid");
  if (!increasing_finite(panel.x) || !increasing_finite(panel.y))
    reject(where + ": grid centres must be finite and strictly increasing");
  if (panel.log_y && panel.y.front() <= 0.0) reject(where + ": a logarithmic y axis needs y > 0");
  if (panel.value.size() != panel.x.size() * panel.y.size())
    reject(fmt::format("{}: {} values for a {} × {} grid", where, panel.value.size(), panel.x.size(),
                       panel.y.size()));
  check_range(panel.value_range, where + " value");
}

}  // namespace

void Figure::validate() const {
  if (!plain_stem(name)) reject(fmt::format("name '{}' must be letters, digits, '-' or '_' only", name));
  if (panels.empty()) reject(fmt::format("'{}' has no panels", name));
  if (columns < 1) reject(fmt::format("'{}': columns must be ≥ 1, got {}", name, columns));
  for (std::size_t i = 0; i < panels.size(); ++i)
    std::visit([&](const auto& panel) { check(panel, fmt::format("'{}' panel {}", name, i + 1)); }, panels[i]);
}

}  // namespace dln::plots
