#pragma once
// A module experiment's schedule — lr (η = R·P·lr), epochs, a row every record_every epochs — as the
// modules::RunOptions that its Spec's validate() checks and its runs start from.
#include "dln/modules/run.hpp"

namespace dln::experiments {

inline modules::RunOptions run_options(double lr, int epochs, int record_every = 1) {
  modules::RunOptions options;
  options.lr = lr;
  options.epochs = epochs;
  options.record_every = record_every;
  return options;
}

}  // namespace dln::experiments
