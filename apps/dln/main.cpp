// dln: exact learning dynamics of linear networks and linear neural modules.
// Exit codes: 0 done; 1 a numerical outcome (divergence, step failure) or a failed validation;
// 2 bad input (one "error:" line on stderr, nothing written).
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "command.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "parse_error.hpp"

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
    return 2;
  }

  dln::cli::RunRecord record;
  record.arguments.assign(argv, argv + argc);
  for (auto& command : commands) {
    if (!command->app->parsed()) continue;
    record.command = command->app->get_name();
    try {
      return command->run(record);
    } catch (const dln::InvalidInput& e) {
      std::cerr << "error: --" << e.parameter() << " " << e.what() << "\n";
      return 2;
    } catch (const std::exception& e) {
      std::cerr << "error: " << e.what() << "\n";
      return 2;
    }
  }
  return 2;
}
