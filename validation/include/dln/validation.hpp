#pragma once
// dln::validation — simulated training (full-batch GD, minibatch SGD, the other learning rules of
// docs/theory.md §8, seed ensembles), to be compared with the closed forms and the gradient-flow integration.
#include "dln/validation/ensemble.hpp"
#include "dln/validation/generalize.hpp"
#include "dln/validation/minibatch.hpp"
#include "dln/validation/paper_setting.hpp"
#include "dln/validation/rule.hpp"
#include "dln/validation/simulate.hpp"
