#pragma once
// The series of a figure as one long-format CSV, for re-analysis without the plotting code:
// `panel,series,role,x,y,value,low,high,panel_title` — lines fill x,y (value empty; low,high the interval around
// y where the series has one; a reference line is one row with role "reference" and its level in y); heatmaps
// fill x,y,value (series, role, low and high empty). A series is named by the CLI's column name where it has
// one (Series::csv_name: GxOy, not ΓxΩy), and every row carries its panel's title on one line. Numbers carry
// 17 significant digits so that they round-trip; non-finite ones are "nan".
#include <string>

#include "dln/plots/figure.hpp"

namespace dln::plots {

std::string series_csv(const Figure& figure);

}  // namespace dln::plots
