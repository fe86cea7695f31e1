// CSV and NPY v1.0 matrices (numpy.lib.format: magic "\x93NUMPY", version 1.0, a little-endian uint16
// header length, then a Python dict literal padded with spaces to a multiple of 64 bytes and ended by '\n').
#include "dln/io/matrix_file.hpp"

#include <bit>
#include <charconv>
#include <cctype>
#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <vector>

#include "dln/analytic/invalid_input.hpp"

namespace dln::io {

namespace {

static_assert(std::endian::native == std::endian::little, "NPY files are written as little-endian float64");

constexpr std::string_view kNpyMagic = "\x93NUMPY";

// what starts with "<line>:<column>: " for a place in a CSV file, which then reads file:line:column.
[[noreturn]] void fail(const std::string& parameter, const std::filesystem::path& file, const std::string& what) {
  const bool at_place = !what.empty() && std::isdigit(static_cast<unsigned char>(what.front()));
  throw InvalidInput(parameter, fmt::format("{}{}{}", file.string(), at_place ? ":" : ": ", what));
}

std::string read_all(const std::filesystem::path& file, const std::string& parameter) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) fail(parameter, file, "no such file");
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) fail(parameter, file, "cannot read its size: " + ec.message());
  if (size > kMaxMatrixFileBytes)
    fail(parameter, file, fmt::format("size {} bytes is too large for memory here; accepted: at most {} bytes", size,
                                      kMaxMatrixFileBytes));
  std::ifstream in(file, std::ios::binary);
  if (!in) fail(parameter, file, "cannot be opened");
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

Eigen::MatrixXd parse_csv(const std::string& text, const std::filesystem::path& file, const std::string& parameter) {
  std::vector<std::vector<double>> rows;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines separate nothing
    std::vector<double> row;
    std::size_t start = 0;
    for (int column = 1;; ++column) {
      const std::size_t end = std::min(line.find(',', start), line.size());
      std::string_view cell(line.data() + start, end - start);
      while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t')) cell.remove_prefix(1);
      while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t')) cell.remove_suffix(1);
      double value = 0.0;
      const auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
      const std::string where = fmt::format("{}:{}", number, column);
      if (ec != std::errc() || ptr != cell.data() + cell.size())
        fail(parameter, file, fmt::format("{}: '{}' is not a number; accepted: decimal numbers separated by commas",
                                          where, cell));
      if (!std::isfinite(value))
        fail(parameter, file, fmt::format("{}: {} is not finite; accepted: finite numbers", where, cell));
      row.push_back(value);
      if (end == line.size()) break;
      start = end + 1;
    }
    if (!rows.empty() && row.size() != rows.front().size())
      fail(parameter, file, fmt::format("{}:1: ragged: {} values where the first row has {}", number, row.size(),
                                        rows.front().size()));
    rows.push_back(std::move(row));
  }
  if (rows.empty()) fail(parameter, file, "no rows; accepted: a matrix with samples as columns");
  Eigen::MatrixXd matrix(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.front().size()));
  for (Eigen::Index i = 0; i < matrix.rows(); ++i)
    for (Eigen::Index j = 0; j < matrix.cols(); ++j) matrix(i, j) = rows[i][j];
  return matrix;
}

// The value of 'key': … in the NPY header dict, up to the next top-level ',' or '}'.
std::string header_value(const std::string& header, const std::string& key) {
  const std::size_t at = header.find("'" + key + "'");
  if (at == std::string::npos) return {};
  std::size_t start = header.find(':', at);
  if (start == std::string::npos) return {};
  ++start;
  int depth = 0;
  std::size_t end = start;
  for (; end < header.size(); ++end) {
    const char c = header[end];
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (depth == 0 && (c == ',' || c == '}')) break;
  }
  std::string value = header.substr(start, end - start);
  value.erase(0, value.find_first_not_of(' '));
  value.erase(value.find_last_not_of(' ') + 1);
  return value;
}

Eigen::MatrixXd parse_npy(const std::string& bytes, const std::filesystem::path& file, const std::string& parameter) {
  if (bytes.size() < 10 || bytes.compare(0, kNpyMagic.size(), kNpyMagic) != 0)
    fail(parameter, file, "not an NPY file (no \\x93NUMPY magic)");
  const auto major = static_cast<unsigned char>(bytes[6]);
  std::size_t header_length = 0, header_start = 0;
  if (major == 1) {
    header_length = static_cast<unsigned char>(bytes[8]) | static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8;
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) fail(parameter, file, "truncated NPY header");
    for (int i = 3; i >= 0; --i) header_length = header_length << 8 | static_cast<unsigned char>(bytes[8 + i]);
    header_start = 12;
  } else {
    fail(parameter, file, fmt::format("NPY version {} is not supported; accepted: 1.0, 2.0, 3.0", major));
  }
  if (bytes.size() < header_start + header_length) fail(parameter, file, "truncated NPY header");
  const std::string header = bytes.substr(header_start, header_length);
  const std::string descr = header_value(header, "descr"), order = header_value(header, "fortran_order"),
                    shape = header_value(header, "shape");
  if (descr != "'<f8'" && descr != "'f8'")
    fail(parameter, file, fmt::format("dtype {} is not supported; accepted: float64 ('<f8'), e.g. "
                                      "numpy.save(f, x.astype(numpy.float64))", descr));
  long rows = 0, cols = 0;
  if (std::sscanf(shape.c_str(), "(%ld, %ld)", &rows, &cols) != 2 || rows <= 0 || cols <= 0)
    fail(parameter, file, fmt::format("shape {} is not a non-empty 2-D matrix; accepted: (rows, samples)", shape));
  const std::size_t count = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
  if (bytes.size() - header_start - header_length != count * sizeof(double))
    fail(parameter, file, fmt::format("data has {} bytes where shape {} needs {}", bytes.size() - header_start - header_length,
                                      shape, count * sizeof(double)));
  std::vector<double> data(count);
  std::memcpy(data.data(), bytes.data() + header_start + header_length, count * sizeof(double));
  Eigen::MatrixXd matrix(rows, cols);
  if (order == "True")
    matrix = Eigen::Map<const Eigen::MatrixXd>(data.data(), rows, cols);
  else
    matrix = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(data.data(), rows, cols);
  for (std::size_t i = 0; i < count; ++i)
    if (!std::isfinite(data[i]))
      fail(parameter, file, fmt::format("entry {} (row-major) is {}; accepted: finite numbers", i, data[i]));
  return matrix;
}

}  // namespace

Eigen::MatrixXd read_matrix(const std::filesystem::path& file, const std::string& parameter) {
  const std::string extension = file.extension().string();
  if (extension != ".csv" && extension != ".npy")
    fail(parameter, file, "unknown extension; accepted: .csv or .npy (.npz is not read: no Debian-packaged "
                          "C++ library reads it, save each array with numpy.save)");
  const std::string content = read_all(file, parameter);
  return extension == ".npy" ? parse_npy(content, file, parameter) : parse_csv(content, file, parameter);
}

std::string npy_bytes(const Eigen::MatrixXd& matrix) {
  std::string header = fmt::format("{{'descr': '<f8', 'fortran_order': False, 'shape': ({}, {}), }}", matrix.rows(),
                                    matrix.cols());
  // magic (6) + version (2) + length (2) + header + '\n' is padded to a multiple of 64 bytes.
  const std::size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string bytes(kNpyMagic);
  bytes += '\x01';
  bytes += '\x00';
  bytes += static_cast<char>(header.size() & 0xff);
  bytes += static_cast<char>(header.size() >> 8);
  bytes += header;
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> row_major = matrix;
  bytes.append(reinterpret_cast<const char*>(row_major.data()), row_major.size() * sizeof(double));
  return bytes;
}

std::string csv_text(const Eigen::MatrixXd& matrix) {
  std::string text;
  for (Eigen::Index i = 0; i < matrix.rows(); ++i) {
    for (Eigen::Index j = 0; j < matrix.cols(); ++j) text += fmt::format("{}{:.17g}", j ? "," : "", matrix(i, j));
    text += '\n';
  }
  return text;
}

}  // namespace dln::io
