#include "cli_support.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <vector>

#include "dln/analytic/invalid_input.hpp"
#include "dln/io/output_target.hpp"

namespace dln::cli {

void DatasetFlags::add_to(CLI::App& app) {
  app.add_option("--n1", spec.n1, "compositional input features, P = 2^n1 patterns")->capture_default_str();
  app.add_option("--n2", spec.n2, "compositional output features (0 ≤ n2 ≤ n1)")->capture_default_str();
  app.add_option("--k1", spec.k1, "copies of the per-item block r·I on input")->capture_default_str();
  app.add_option("--k2", spec.k2, "copies of the per-item block r·I on output")->capture_default_str();
  app.add_option("--r", spec.r, "per-item scale r > 0")->capture_default_str();
  app.add_option("--keep", spec.keep, "the n2 feature indices copied to the output, e.g. 0,2 (default: 0..n2-1)")
      ->delimiter(',');
}

CLI::Validator one_of(std::string_view names) {
  std::vector<std::string> choices;
  for (std::size_t begin = 0; begin < names.size();) {
    const std::size_t comma = std::min(names.find(',', begin), names.size());
    choices.emplace_back(names.substr(begin, comma - begin));
    begin = names.find_first_not_of(' ', comma + 1);
  }
  return CLI::IsMember(choices, CLI::ignore_case);
}

void add_jobs_flag(CLI::App& app, int& jobs, std::string_view runs) {
  app.add_option("--jobs,-j", jobs, fmt::format("threads for the {}, 0 for every core; the output does not depend on it", runs))
      ->check(CLI::Range(0, kMaxJobs))
      ->capture_default_str();
}

std::string rows_kept(int failed_at) {
  return failed_at > 0 ? fmt::format("rows up to {} kept", failed_at - 1) : std::string("no rows kept");
}

void OutputFlags::add_to(CLI::App& app) {
  app.add_option("--out", path, "write to FILE (and FILE.manifest.json) instead of stdout");
  app.add_flag("--quiet,-q", quiet, "no warnings or progress on stderr");
}

void OutputFlags::check_writable() const {
  if (to_file()) io::check_output_target(path, flag);
}

}  // namespace dln::cli
