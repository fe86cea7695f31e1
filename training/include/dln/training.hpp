#pragma once
// dln::training — simulated training of actual weights: full-batch GD, minibatch SGD and the other learning
// rules of docs/theory.md §8 as update policies over numeric's objectives, seed ensembles, row callbacks
// that can stop a run.
#include "dln/training/ensemble.hpp"
#include "dln/training/options.hpp"
#include "dln/training/rule.hpp"
#include "dln/training/seed_statistics.hpp"
#include "dln/training/simulate.hpp"
#include "dln/training/update_policy.hpp"
