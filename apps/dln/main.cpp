// dln: exact learning dynamics of linear networks and linear neural modules.
// Exit codes: 0 done; 1 a numerical outcome (divergence, step failure) or a failed validation;
// 2 bad input (one "error:" line on stderr, nothing written); 3 an environment failure (a file could not be
// written or a program not run: one "error:" line with the operating system's reason, nothing committed).
#include <CLI/CLI.hpp>
#include <exception>
#include <filesystem>
#include <iostream>
#include <new>
#include <unistd.h>

#include "command.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/io/atomic_file.hpp"
#include "dln/io/io_error.hpp"
#include "dln/plots/render.hpp"
#include "parse_error.hpp"

namespace {

enum ExitStatus { kBadInput = 2, kEnvironmentFailure = 3 };

// "dln: wrote FILE" belongs on a terminal only, and not after --quiet.
bool announce_files(const CLI::App& command) {
  const CLI::Option* quiet = command.get_option_no_throw("--quiet");
  return isatty(STDERR_FILENO) == 1 && (quiet == nullptr || quiet->count() == 0);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App dln{"dln — exact learning dynamics of linear networks and linear neural modules", "dln"};
  dln.set_version_flag("--version", DLN_VERSION);
  dln.require_subcommand(1);

  std::vector<std::unique_ptr<dln::cli::Command>> commands;
  commands.push_back(dln::cli::make_spectrum_command(dln));
  commands.push_back(dln::cli::make_dataset_command(dln));
  commands.push_back(dln::cli::make_formula_command(dln));
  commands.push_back(dln::cli::make_theory_command(dln));
  commands.push_back(dln::cli::make_integrate_command(dln));
  commands.push_back(dln::cli::make_simulate_command(dln));
  commands.push_back(dln::cli::make_fullrank_command(dln));
  commands.push_back(dln::cli::make_generalize_command(dln));
  commands.push_back(dln::cli::make_figures_command(dln));
  commands.push_back(dln::cli::make_validate_command(dln));
  for (auto& command : dln::cli::make_nonlinear_commands(dln)) commands.push_back(std::move(command));
  commands.push_back(dln::cli::make_sweep_command(dln));
  for (auto& command : dln::cli::make_modules_commands(dln)) commands.push_back(std::move(command));
  dln::cli::refuse_negative_unsigned(dln);
  dln::cli::refuse_empty_values(dln);

  try {
    dln.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return dln.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return dln.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return dln.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << dln::cli::parse_error_line(dln, e) << "\n";
    return kBadInput;
  }

  dln::io::remove_partial_files_on_signal();
  dln::cli::RunRecord record;
  record.arguments.assign(argv, argv + argc);
  for (auto& command : commands) {
    if (!command->app->parsed()) continue;
    record.command = dln::cli::command_name(*command->app);
    record.announce = announce_files(*command->app);
    try {
      return command->run(record);
    } catch (const dln::InvalidInput& e) {
      std::cerr << "error: --" << e.parameter() << " " << dln::cli::one_line(e.what()) << "\n";
      return kBadInput;
    } catch (const dln::io::IoError& e) {
      std::cerr << "error: " << dln::cli::one_line(e.what()) << "\n";
      return kEnvironmentFailure;
    } catch (const std::filesystem::filesystem_error& e) {
      std::cerr << "error: " << dln::cli::one_line(e.what()) << "\n";
      return kEnvironmentFailure;
    } catch (const dln::plots::RenderError& e) {
      std::cerr << "error: " << dln::cli::one_line(e.what()) << "\n";
      return kEnvironmentFailure;
    } catch (const std::bad_alloc&) {
      std::cerr << "error: out of memory (the size checks let this run through: please report it)\n";
      return kEnvironmentFailure;
    } catch (const std::exception& e) {
      std::cerr << "error: " << dln::cli::one_line(e.what()) << "\n";
      return kBadInput;
    }
  }
  return kBadInput;
}
