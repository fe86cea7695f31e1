#pragma once
// dln::plots — result series to figures: a figure description (figure.hpp) in one shared style
// (style.hpp) becomes a self-contained gnuplot script with inline data (script.hpp) and a CSV of the
// series (series_csv.hpp), rendered headless to PNG, PDF or SVG (render.hpp). Never calls a solver.
#include "dln/plots/figure.hpp"
#include "dln/plots/render.hpp"
#include "dln/plots/script.hpp"
#include "dln/plots/series_csv.hpp"
#include "dln/plots/style.hpp"
#include "dln/plots/trajectory_panels.hpp"
