#pragma once
// What the exact (GiNaC) subcommands share: r, lr and a0 read as exact rationals from the text the user
// typed ("0.8" is 4/5, "3/2" is allowed), and --format text|latex|json.
#include <CLI/CLI.hpp>
#include <string>

#include "dln/analytic/dataset.hpp"
#include "dln/symbolic/parameters.hpp"
#include "dln/symbolic/report.hpp"

namespace dln::cli {

struct ExactFlags {
  std::string r_text = "1";  // as typed; filled in by a check on the dataset flags' --r
  std::string lr_text = "0.02", a0_text = "1e-6";
  std::string format = "text";

  // Adds --lr, --a0, --format and a check on the existing --r option. With `exact` given, all of them
  // apply only when that flag is set (they need it); without, always.
  void add_to(CLI::App& app, CLI::Option* exact = nullptr);
  // The exact setting: the integers from spec, r/lr/a0 parsed exactly. Throws dln::InvalidInput.
  symbolic::ExactSetting setting(const analytic::DatasetSpec& spec) const;
};

// The report as --format asks: text, a LaTeX aligned block, or JSON with the text, LaTeX and GiNaC forms of
// every expression and its decimal value.
std::string render_report(const symbolic::Report& report, const std::string& format);

}  // namespace dln::cli
