#include "dln/plots/render.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>

#include "dln/plots/series_csv.hpp"
#include "run_program.hpp"

namespace dln::plots {

namespace fs = std::filesystem;

namespace {

fs::path partial(const fs::path& target) {
  fs::path p = target;
  p += ".partial";
  return p;
}

void write_file(const fs::path& path, const std::string& content) {
  errno = 0;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  if (!out)
    throw RenderError(fmt::format("cannot write '{}': {}", path.string(),
                                  errno != 0 ? std::strerror(errno) : "the stream failed"));
}

// Whether the image ends as a whole file of its format does: gnuplot does not always notice a failed write
// (a full disk), and a truncated PNG must not be renamed into place. PNG: the IEND chunk closes the file;
// PDF: the %%EOF marker; SVG: the closing </svg> tag.
bool complete_image(const fs::path& image, Format format) {
  std::ifstream in(image, std::ios::binary);
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  const std::streamoff tail_size = std::min<std::streamoff>(size, 1024);
  std::string tail(static_cast<std::size_t>(tail_size), '\0');
  in.seekg(size - tail_size);
  in.read(tail.data(), tail_size);
  if (!in) return false;
  switch (format) {
    case Format::png: return tail.ends_with(std::string("IEND\xae\x42\x60\x82", 8));
    case Format::pdf: return tail.find("%%EOF") != std::string::npos;
    case Format::svg: return tail.find("</svg>") != std::string::npos;
  }
  return false;
}

// A single-quoted gnuplot string (no escapes are expanded there; a quote is doubled).
std::string single_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// The last lines of gnuplot's output: its error message and the script line it points at.
std::string tail(const std::string& output, std::size_t max_chars = 1200) {
  std::string text = output.size() > max_chars ? "…" + output.substr(output.size() - max_chars) : output;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// Removes the temporary files unless they have been renamed (on success `keep` is set).
struct Scratch {
  std::vector<fs::path> files;
  bool keep = false;
  ~Scratch() {
    if (keep) return;
    std::error_code ignored;
    for (const auto& f : files) fs::remove(f, ignored);
  }
};

}  // namespace

RenderedFigure render(const Figure& figure, const fs::path& directory, const RenderOptions& options) {
  figure.validate();
  RenderedFigure out;
  out.script = directory / (figure.name + ".gp");
  out.csv = directory / (figure.name + ".csv");
  out.image = directory / fmt::format("{}.{}", figure.name, extension(options.format));

  Scratch scratch{{partial(out.csv), partial(out.script), partial(out.image)}};
  write_file(partial(out.csv), series_csv(figure));
  write_file(partial(out.script), gnuplot_script(figure, options.format));

  const std::string outfile = fs::absolute(partial(out.image)).string();
  const auto run = detail::run_program(
      {options.gnuplot, "-e", "outfile = " + single_quoted(outfile), partial(out.script).string()},
      partial(directory / (figure.name + ".gnuplot.log")));
  if (!run.started)
    throw RenderError(fmt::format("cannot run '{}' for figure '{}': {} (is gnuplot installed? Debian: "
                                  "apt-get install gnuplot-nox)",
                                  options.gnuplot, figure.name, run.start_error));
  if (run.signal != 0)
    throw RenderError(fmt::format("{} was killed by signal {} while drawing '{}'", options.gnuplot, run.signal,
                                  figure.name));
  if (run.exit_status != 0)
    throw RenderError(fmt::format("{} failed on the script of figure '{}' (exit status {}):\n{}", options.gnuplot,
                                  figure.name, run.exit_status, tail(run.output)));
  std::error_code ec;
  const auto size = fs::file_size(partial(out.image), ec);
  if (ec || size == 0)
    throw RenderError(fmt::format("{} exited normally but wrote {} image for figure '{}'{}", options.gnuplot,
                                  ec ? "no" : "an empty", figure.name,
                                  run.output.empty() ? "" : ":\n" + tail(run.output)));

  if (!complete_image(partial(out.image), options.format))
    throw RenderError(fmt::format("{} wrote an incomplete {} image for figure '{}' (is the disk full?)",
                                  options.gnuplot, extension(options.format), figure.name));

  // The image last: a figure is never present without the script and data that made it.
  fs::rename(partial(out.csv), out.csv);
  fs::rename(partial(out.script), out.script);
  fs::rename(partial(out.image), out.image);
  scratch.keep = true;
  out.gnuplot_messages = tail(run.output);
  return out;
}

}  // namespace dln::plots
