#pragma once
// What every subcommand shares: the dataset flags, input checks, and where output goes.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "dln/analytic/dataset.hpp"

namespace dln::cli {

// --n1 --n2 --k1 --k2 --r --keep (defaults: the paper's 3 1 3 1 1, keep = first n2).
struct DatasetFlags {
  analytic::DatasetSpec spec;
  void add_to(CLI::App& app);
};

// A choice flag's accepted names ("a, b, c"), matched case-insensitively by CLI11 and replaced by their
// spelling here, so manifests and CSV keep one spelling; --help lists them and a wrong one is a parse error.
// Use with option->transform(...).
CLI::Validator one_of(std::string_view names);

// --jobs N (-j): threads for independent runs, 0 (the default) for every core, at most kMaxJobs; `runs` says
// what runs in parallel. The results never depend on it (dln::parallel::OrderedPool).
inline constexpr int kMaxJobs = 1024;
void add_jobs_flag(CLI::App& app, int& jobs, std::string_view runs);

// What a run that stopped at epoch `failed_at` kept: "rows up to 6 kept", or "no rows kept" when not even
// the initial state (t = 0) was finite.
std::string rows_kept(int failed_at);

// --out FILE: CSV/JSON to a file (with a manifest beside it) instead of stdout.
struct OutputFlags {
  std::string path;
  bool quiet = false;
  std::string flag = "out";  // the flag's name in error messages
  void add_to(CLI::App& app);
  bool to_file() const { return !path.empty(); }
  // Throws dln::InvalidInput("out", …) for a name that cannot be a data file, io::IoError when its directory
  // is not writable (io::check_output_target); called before any work.
  void check_writable() const;
};

}  // namespace dln::cli
