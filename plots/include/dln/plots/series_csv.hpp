#pragma once
// The series of a figure as one long-format CSV, for re-analysis without the plotting code:
// `panel,series,role,x,y,value` — lines fill x,y (value empty); heatmaps fill x,y,value (series and
// role empty). Numbers carry 17 significant digits so that they round-trip; non-finite ones are "nan".
#include <string>

#include "dln/plots/figure.hpp"

namespace dln::plots {

std::string series_csv(const Figure& figure);

}  // namespace dln::plots
