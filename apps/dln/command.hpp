#pragma once
// One subcommand of dln: registers its flags on construction, runs after a successful parse.
#include <CLI/CLI.hpp>
#include <memory>
#include <vector>

#include "dln/io/manifest.hpp"
#include "dln/io/trajectory_csv.hpp"

namespace dln::cli {

// What every subcommand uses to write its output (dln::io).
using io::emit;
using io::final_readouts;
using io::RunRecord;
using io::trajectory_csv;

class Command {
public:
  virtual ~Command() = default;
  // Exit code: 0 done, 1 a numerical outcome or a failed validation (reported, output kept).
  // Bad input throws dln::InvalidInput, which main turns into exit code 2; an environment failure
  // (a full disk, a read-only directory) throws io::IoError, exit code 3.
  virtual int run(RunRecord& record) = 0;
  CLI::App* app = nullptr;
};

std::unique_ptr<Command> make_spectrum_command(CLI::App& dln);
std::unique_ptr<Command> make_dataset_command(CLI::App& dln);
std::unique_ptr<Command> make_formula_command(CLI::App& dln);
std::unique_ptr<Command> make_theory_command(CLI::App& dln);
std::unique_ptr<Command> make_integrate_command(CLI::App& dln);
std::unique_ptr<Command> make_simulate_command(CLI::App& dln);
std::unique_ptr<Command> make_fullrank_command(CLI::App& dln);
std::unique_ptr<Command> make_generalize_command(CLI::App& dln);
std::unique_ptr<Command> make_figures_command(CLI::App& dln);
std::unique_ptr<Command> make_validate_command(CLI::App& dln);
// `dln nonlinear dataset` and `dln nonlinear fashion`.
std::vector<std::unique_ptr<Command>> make_nonlinear_commands(CLI::App& dln);
std::unique_ptr<Command> make_sweep_command(CLI::App& dln);
// dln modules theory | integrate | simulate
std::vector<std::unique_ptr<Command>> make_modules_commands(CLI::App& dln);

}  // namespace dln::cli
