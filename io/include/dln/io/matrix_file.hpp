#pragma once
// A user's data matrices (samples as columns, docs/theory.md §2) and trained weights, as CSV or NPY
// files. Reading is strict: a missing, ragged, non-numeric or non-finite file is bad input,
// dln::InvalidInput(parameter, "<file>[:<line>:<column>]: …"). NPY is format version 1.0
// (numpy.lib.format): little-endian float64, C or Fortran order, two dimensions.
#include <Eigen/Dense>
#include <filesystem>
#include <string>

namespace dln::io {

// Files larger than this are refused before reading (a dense P×P product of them would not fit anyway).
inline constexpr std::uintmax_t kMaxMatrixFileBytes = std::uintmax_t{1} << 30;

// A .csv (comma-separated numbers, one matrix row per line, no header) or .npy file.
Eigen::MatrixXd read_matrix(const std::filesystem::path& file, const std::string& parameter);

// The file's content: NPY v1.0 ('<f8', C order) or CSV with 17 significant digits.
std::string npy_bytes(const Eigen::MatrixXd& matrix);
std::string csv_text(const Eigen::MatrixXd& matrix);

}  // namespace dln::io
