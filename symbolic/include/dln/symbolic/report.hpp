#pragma once
// What the symbolic commands print: titled sections of named expressions with their decimal values,
// rendered as aligned plain text or as a LaTeX `aligned` block (JSON is rendered by the app).
#include <ginac/ginac.h>
#include <limits>
#include <string>
#include <vector>

namespace dln::symbolic {

struct Entry {
  std::string name;        // "s", "asymptote", "OxOy", "d systematicity / d r", …
  std::string latex_name;  // "s_{\pi_1}", …
  GiNaC::ex expression;
  double value = std::numeric_limits<double>::quiet_NaN();  // the expression's value (at the setting)
  std::string note;        // "stable", "needs k2 > 0", …
};

struct Section {
  std::string key;    // machine name: "pi1", "quadrant_asymptotes", …
  std::string title;  // "pi1 (multiplicity 1)"
  std::vector<Entry> entries;
};

struct Report {
  std::string title;
  std::vector<Section> sections;
  std::vector<std::string> notes;  // lines printed after the sections
};

std::string render_text(const Report& report);
// One `aligned` environment per section, ready for a $$ … $$ block in Markdown.
std::string render_latex(const Report& report);

// LaTeX for a family label: "pi1" → \pi_1, "A:pi1" → \pi_1^{A}.
std::string latex_label(const std::string& label);

}  // namespace dln::symbolic
