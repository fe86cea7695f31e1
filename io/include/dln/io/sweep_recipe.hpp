#pragma once
// The sweep recipe of `dln sweep` (configs/sweeps/*.toml), read strictly: unknown keys, wrong types and
// bad values are dln::InvalidInput("recipe", "<file>:<line>:<column>: …").
//
//   command = "simulate"            # the base command (one of `commands`)
//   seeds = 4                       # runs per grid point, each with --seed task_seed(seed, task); 0/absent: none
//   seed = 0                        # the base seed
//   max_tasks = 10000               # refuse larger grids
//   [fixed]                         # flags every task gets: name = value
//   init = "random"
//   [grid]                          # flags swept: a list, or a range
//   lr = [0.01, 0.02]
//   k1 = { from = 1, to = 4 }               # integers from..to, step 1 (or `step = s`)
//   r = { from = 0.5, to = 1.0, count = 3 } # count evenly spaced numbers, both ends included
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "dln/sweep/plan.hpp"

namespace dln::io {

struct SweepRecipe {
  sweep::Definition definition;  // validated
  std::filesystem::path file;
  // "<file>:<line>:<column>" of each [fixed] and [grid] key, for errors about the flag it names.
  std::map<std::string, std::string> where;
};

SweepRecipe read_sweep_recipe(const std::filesystem::path& file, const std::vector<std::string>& commands);

}  // namespace dln::io
