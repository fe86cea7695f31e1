#pragma once
// The one `error:` line for a command line CLI11 could not parse (docs/conventions.md's tier-1 errors).
#include <CLI/CLI.hpp>
#include <string>

namespace dln::cli {

// "theory", or "nonlinear dataset" for a nested subcommand: the words that run it after `dln`.
std::string command_name(const CLI::App& command);

// The message with its control characters escaped ("\n" for a newline): an error is one line on stderr, even
// when the value it quotes is not.
std::string one_line(const std::string& message);

// CLI11's own message, except for an unknown subcommand (named, with the list of subcommands) and a value that
// does not convert to its flag's type ("Could not convert: --n1 = abc"): that one says which kind of value the flag takes and repeats the flag's description,
// where its accepted range is written, and points to the subcommand's --help.
std::string parse_error_line(const CLI::App& dln, const CLI::ParseError& error);

// CLI11 reads an empty value ('') into a number as 0 and into a path as "": `--epochs ''` would run 0 epochs
// and `--out ''` write to stdout. This makes every option of every subcommand (nested ones too) that takes a value refuse an empty one. Call once
// all subcommands are defined.
void refuse_empty_values(CLI::App& dln);

// CLI11 reads "-3" into an unsigned flag (a seed) as 2^64 − 3, as strtoull does; this makes every
// unsigned flag of every subcommand (nested ones too) refuse a sign instead. Call once all subcommands are defined.
void refuse_negative_unsigned(CLI::App& dln);

}  // namespace dln::cli
