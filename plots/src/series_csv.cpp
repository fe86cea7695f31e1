#include "dln/plots/series_csv.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace dln::plots {

namespace {

std::string number(double value) { return std::isfinite(value) ? fmt::format("{:.17g}", value) : "nan"; }

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
std::string field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + '"';
}

// The panel's title on one line, as the CSV's panel_title.
std::string one_line(std::string title) {
  std::replace(title.begin(), title.end(), '\n', ' ');
  return field(title);
}

void rows(const LinePanel& panel, std::size_t index, std::string& csv) {
  const std::string title = one_line(panel.title);
  for (const Series& s : panel.series)
    for (std::size_t k = 0; k < s.x.size(); ++k)
      csv += fmt::format("{},{},{},{},{},,{},{},{}\n", index + 1, field(s.csv_name.empty() ? s.name : s.csv_name),
                         role_label(s.role), number(s.x[k]), number(s.y[k]), s.y_low.empty() ? "" : number(s.y_low[k]),
                         s.y_high.empty() ? "" : number(s.y_high[k]), title);
  for (const ReferenceLine& line : panel.references)
    csv += fmt::format("{},{},reference,,{},,,,{}\n", index + 1, field(line.label), number(line.y), title);
}

void rows(const HeatmapPanel& panel, std::size_t index, std::string& csv) {
  const std::string title = one_line(panel.title);
  for (std::size_t j = 0; j < panel.y.size(); ++j)
    for (std::size_t i = 0; i < panel.x.size(); ++i)
      csv += fmt::format("{},,,{},{},{},,,{}\n", index + 1, number(panel.x[i]), number(panel.y[j]),
                         number(panel.value[j * panel.x.size() + i]), title);
}

}  // namespace

std::string series_csv(const Figure& figure) {
  std::string csv = "panel,series,role,x,y,value,low,high,panel_title\n";
  for (std::size_t i = 0; i < figure.panels.size(); ++i)
    std::visit([&](const auto& panel) { rows(panel, i, csv); }, figure.panels[i]);
  return csv;
}

}  // namespace dln::plots
