#pragma once
// Drawing a figure: its script and CSV are written beside the image, and gnuplot is run headless on
// the script. A failed or empty rendering is an error, never a silently missing figure.
#include <filesystem>
#include <stdexcept>
#include <string>

#include "dln/plots/figure.hpp"
#include "dln/plots/script.hpp"

namespace dln::plots {

struct RenderOptions {
  Format format = Format::png;
  std::string gnuplot = "gnuplot";  // the program, looked up on PATH
};

struct RenderedFigure {
  std::filesystem::path image, script, csv;
  std::string gnuplot_messages;  // what gnuplot printed although it succeeded (its warnings), if anything
};

// gnuplot missing, failing, or leaving an empty image; what() quotes gnuplot's own message.
class RenderError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Writes <directory>/<name>.gp, <name>.csv and <name>.<format> (the directory must exist). The three
// are first written under temporary names and renamed only once gnuplot has produced a non-empty
// image, so a failure leaves earlier versions untouched and no partial files behind.
// Throws dln::InvalidInput for an invalid figure, RenderError when drawing fails.
RenderedFigure render(const Figure& figure, const std::filesystem::path& directory, const RenderOptions& options);

}  // namespace dln::plots
