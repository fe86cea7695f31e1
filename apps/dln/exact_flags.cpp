#include "exact_flags.hpp"

#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/symbolic/format.hpp"

namespace dln::cli {

void ExactFlags::add_to(CLI::App& app, CLI::Option* exact) {
  // --r stays a double for the dataset; in exact mode its text must be a rational, and a fraction p/q is
  // handed on as its decimal so that the double conversion accepts it.
  app.get_option("--r")->transform(CLI::Validator(
      [this, exact](std::string& value) -> std::string {
        r_text = value;
        if (exact != nullptr && exact->count() == 0) return "";
        try {
          value = fmt::format("{:.17g}", symbolic::to_decimal(symbolic::parse_rational(value, "r")));
        } catch (const InvalidInput& e) {
          return e.what();
        }
        return "";
      },
      "", "exact r"));
  const std::string when = exact != nullptr ? "with --exact: " : "";
  auto* lr = app.add_option("--lr", lr_text, when + "learning rate for t½ and the GD stability check, a rational "
                                                    "(decimal or p/q); τ = 1/(P·lr)")
                 ->capture_default_str();
  auto* a0 = app.add_option("--a0", a0_text, when + "initial mode strength for t½ and a(t), a rational")
                 ->capture_default_str();
  auto* fmt_option = app.add_option("--format", format, when + "output: text, latex or json")
                         ->transform(one_of("text, latex, json"))
                         ->capture_default_str();
  if (exact != nullptr)
    for (CLI::Option* option : {lr, a0, fmt_option}) option->needs(exact);
}

symbolic::ExactSetting ExactFlags::setting(const analytic::DatasetSpec& spec) const {
  symbolic::ExactSetting setting{spec.n1, spec.n2, spec.k1, spec.k2, symbolic::parse_rational(r_text, "r"),
                                 symbolic::parse_rational(lr_text, "lr"), symbolic::parse_rational(a0_text, "a0")};
  setting.validate();
  return setting;
}

std::string render_report(const symbolic::Report& report, const std::string& format) {
  if (format == "text") return symbolic::render_text(report);
  if (format == "latex") return symbolic::render_latex(report);
  using nlohmann::json;
  json out{{"title", report.title}, {"sections", json::array()}, {"notes", report.notes}};
  for (const auto& section : report.sections) {
    json entries = json::array();
    for (const auto& e : section.entries)
      entries.push_back({{"name", e.name},
                         {"text", symbolic::to_text(e.expression)},
                         {"latex", symbolic::to_latex(e.expression)},
                         {"ginac", symbolic::to_ginac(e.expression)},
                         {"value", std::isfinite(e.value) ? json(e.value) : json(nullptr)},
                         {"note", e.note}});
    out["sections"].push_back({{"key", section.key}, {"title", section.title}, {"entries", entries}});
  }
  return out.dump(2) + "\n";
}

}  // namespace dln::cli
