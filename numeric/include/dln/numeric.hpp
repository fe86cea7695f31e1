#pragma once
// dln::numeric — architectures as gradient-flow systems, Boost.Odeint integration, initial weights.
#include "dln/numeric/init.hpp"
#include "dln/numeric/integrate.hpp"
#include "dln/numeric/objective.hpp"
