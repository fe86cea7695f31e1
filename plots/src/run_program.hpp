#pragma once
// Running a helper program (gnuplot) without a shell, so that no path needs shell quoting
// (private to the plots library).
#include <filesystem>
#include <string>
#include <vector>

namespace dln::plots::detail {

struct ProgramResult {
  bool started = false;
  std::string start_error;  // why it could not be started (e.g. not on PATH)
  int exit_status = -1;     // valid when it exited normally
  int signal = 0;           // non-zero when a signal ended it
  std::string output;       // stdout and stderr together
};

// Runs argv[0] (looked up on PATH) with stdin from /dev/null, stdout and stderr captured through
// `log` (a scratch file, removed afterwards).
ProgramResult run_program(const std::vector<std::string>& argv, const std::filesystem::path& log);

}  // namespace dln::plots::detail
