#include "dln/drawing/draw.hpp"

namespace dln::drawing {

std::string markdown_cell(const std::string& text) {
  std::string escaped;
  for (char c : text) escaped += c == '|' ? std::string("\\|") : std::string(1, c);
  return escaped;
}

}  // namespace dln::drawing
