#pragma once
// dln::validation — the theory ↔ Odeint ↔ simulation comparisons of `dln validate` (V1…V8), and the
// held-out-combination experiment of docs/theory.md §10.
#include "dln/validation/comparison.hpp"
#include "dln/validation/generalize.hpp"
#include "dln/validation/paper_setting.hpp"
