#pragma once
// dln::drawing — experiment Results → plots::Figure + Markdown notes (pure, unit-testable).
#include "dln/drawing/draw.hpp"
