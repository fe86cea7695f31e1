#pragma once
// dln::numeric — the objectives (full-batch mean and minibatch sum) with their structured gradients,
// architectures as gradient-flow systems with Boost.Odeint integration, initial weights, and the data's
// structured products they share.
#include "dln/numeric/data_side.hpp"
#include "dln/numeric/init.hpp"
#include "dln/numeric/integrate.hpp"
#include "dln/numeric/minibatch_objective.hpp"
#include "dln/numeric/objective.hpp"
