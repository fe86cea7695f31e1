#pragma once
// The series of a figure as one long-format CSV, for re-analysis without the plotting code:
// `panel,series,role,x,y,value,low,high` — lines fill x,y (value empty; low,high the interval around y
// where the series has one; a reference line is one row with role "reference" and its level in y); heatmaps fill x,y,value (series, role, low and high empty). Numbers carry 17 significant digits so that they round-trip; non-finite ones are "nan".
#include <string>

#include "dln/plots/figure.hpp"

namespace dln::plots {

std::string series_csv(const Figure& figure);

}  // namespace dln::plots
