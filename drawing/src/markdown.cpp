#include "dln/drawing/draw.hpp"

#include <fmt/format.h>

#include "dln/training/seed_statistics.hpp"

namespace dln::drawing {

std::string markdown_cell(const std::string& text) {
  std::string escaped;
  for (char c : text) escaped += c == '|' ? std::string("\\|") : std::string(1, c);
  return escaped;
}

std::string mean_sd_cell(const std::vector<double>& values) {
  if (values.empty()) return "—";
  double mean = 0.0, squares = 0.0;
  int n = 0;
  for (double v : values) training::add_to_moments(v, ++n, mean, squares);
  return fmt::format("{:.3g} ± {:.2g}", mean, training::sample_sd(squares, n));
}

}  // namespace dln::drawing
