#pragma once
// dln::numeric — architectures as gradient-flow systems, Boost.Odeint integration, initial weights, and
// the data's structured products they share.
#include "dln/numeric/data_side.hpp"
#include "dln/numeric/init.hpp"
#include "dln/numeric/integrate.hpp"
#include "dln/numeric/objective.hpp"
