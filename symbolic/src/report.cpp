#include "dln/symbolic/report.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "dln/symbolic/format.hpp"

namespace dln::symbolic {

namespace {

// Columns on a terminal: UTF-8 code points (√, ·, ² are one column but several bytes).
std::size_t columns(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string padded(const std::string& s, std::size_t width) {
  return s + std::string(width > columns(s) ? width - columns(s) : 0, ' ');
}

std::string decimal(double value) { return fmt::format("{:.17g}", value); }

}  // namespace

std::string render_text(const Report& report) {
  std::string text = report.title + "\n";
  for (const Section& section : report.sections) {
    text += section.title + "\n";
    std::size_t name_width = 0, expression_width = 0;
    std::vector<std::string> expressions;
    for (const Entry& e : section.entries) {
      expressions.push_back(to_text(e.expression));
      name_width = std::max(name_width, columns(e.name));
      expression_width = std::max(expression_width, columns(expressions.back()));
    }
    for (std::size_t i = 0; i < section.entries.size(); ++i) {
      const Entry& e = section.entries[i];
      std::string line = "  " + padded(e.name, name_width) + " = ";
      const bool number = std::isfinite(e.value);
      line += number ? padded(expressions[i], expression_width) + " ≈ " + decimal(e.value) : expressions[i];
      if (!e.note.empty()) line += "  (" + e.note + ")";
      text += line + "\n";
    }
  }
  for (const std::string& note : report.notes) text += note + "\n";
  return text;
}

std::string render_latex(const Report& report) {
  std::string text = "% " + report.title + "\n";
  for (const Section& section : report.sections) {
    text += "% " + section.title + "\n\\begin{aligned}\n";
    for (std::size_t i = 0; i < section.entries.size(); ++i) {
      const Entry& e = section.entries[i];
      text += "  " + e.latex_name + " &= " + to_latex(e.expression);
      if (std::isfinite(e.value)) text += " \\approx " + fmt::format("{:.10g}", e.value);
      if (!e.note.empty()) text += " && \\text{" + e.note + "}";
      text += i + 1 < section.entries.size() ? " \\\\\n" : "\n";
    }
    text += "\\end{aligned}\n";
  }
  for (const std::string& note : report.notes) text += "% " + note + "\n";
  return text;
}

std::string latex_label(const std::string& label) {
  const auto colon = label.find(':');
  const std::string base = colon == std::string::npos ? label : label.substr(colon + 1);
  std::string tex = base.rfind("pi", 0) == 0 ? "\\pi_{" + base.substr(2) + "}" : "\\text{" + base + "}";
  if (colon != std::string::npos) tex += "^{" + label.substr(0, colon) + "}";
  return tex;
}

}  // namespace dln::symbolic
