#pragma once
// A figure as a self-contained gnuplot script: every series is an inline data block, so the script
// alone redraws (and can restyle) the figure without recomputing anything.
#include <string>
#include <string_view>

#include "dln/plots/figure.hpp"

namespace dln::plots {

// png (pngcairo) for viewing, pdf (pdfcairo) for papers, svg on request.
enum class Format { png, pdf, svg };
inline constexpr std::string_view kFormatNames = "png, pdf, svg";
std::string_view extension(Format format);  // "png", "pdf", "svg"
// Throws dln::InvalidInput("format", …) for anything but the names above.
Format parse_format(std::string_view name);

// The script for a valid figure (validate() first). It writes `<figure.name>.<ext>` next to itself —
// `gnuplot dir/name.gp` from any directory — unless the caller defines `outfile` first
// (`gnuplot -e "outfile='…'" name.gp`).
std::string gnuplot_script(const Figure& figure, Format format);

}  // namespace dln::plots
