#pragma once
// Text as gnuplot reads it: quoted strings and numbers (private to the plots library).
#include <cmath>
#include <fmt/format.h>
#include <string>
#include <string_view>

namespace dln::plots::detail {

// A double-quoted gnuplot string: backslash and '"' escaped, line breaks as \n (gnuplot only expands
// escapes inside double quotes, which titles need for their second line).
inline std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + '"';
}

// A number for a data block: enough digits for any plot, and "NaN" (which gnuplot skips, leaving a
// gap in a line) for anything non-finite.
inline std::string number(double value) {
  return std::isfinite(value) ? fmt::format("{:.9g}", value) : std::string("NaN");
}

}  // namespace dln::plots::detail
