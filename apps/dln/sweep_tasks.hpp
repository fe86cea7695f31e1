#pragma once
// What `dln sweep` runs: each task is one of dln's own subcommands, parsed and validated by that
// subcommand's flags exactly as on the command line, run in-process with its output captured.
#include <string>
#include <vector>

#include "dln/io/sweep_recipe.hpp"
#include "dln/sweep/backends.hpp"

namespace dln::cli {

// The base commands a sweep recipe may name. Adding one is one line in sweep_tasks.cpp's table.
std::vector<std::string> sweep_base_commands();

// Before any work: every [fixed]/[grid] key is a flag of the base command, and every task's arguments
// parse (types, choices). Throws dln::InvalidInput("recipe", "<file>:<line>:<column>: …").
void check_tasks(const io::SweepRecipe& recipe);

// Runs one task (thread-safe: each call builds its own command); a diverged run is a result with its
// status, bad input throws dln::InvalidInput naming the task and its recipe key.
sweep::TaskResult run_task(const io::SweepRecipe& recipe, const sweep::Task& task);

}  // namespace dln::cli
