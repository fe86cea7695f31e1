#pragma once
// The one `error:` line for a command line CLI11 could not parse (docs/conventions.md's tier-1 errors).
#include <CLI/CLI.hpp>
#include <string>

namespace dln::cli {

// CLI11's own message, except for a value that does not convert to its flag's type ("Could not convert:
// --n1 = abc"): that one says which kind of value the flag takes and repeats the flag's description,
// where its accepted range is written, and points to the subcommand's --help.
std::string parse_error_line(const CLI::App& dln, const CLI::ParseError& error);

// CLI11 reads "-3" into an unsigned flag (a seed) as 2^64 − 3, as strtoull does; this makes every
// unsigned flag of every subcommand refuse a sign instead. Call once all subcommands are defined.
void refuse_negative_unsigned(CLI::App& dln);

}  // namespace dln::cli
