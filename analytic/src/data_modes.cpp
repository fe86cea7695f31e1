// The numerical modes of a user's data (docs/theory.md §3) and the alignment test for the closed forms.
#include "dln/analytic/data_modes.hpp"

#include <charconv>
#include <fmt/format.h>
#include <vector>

#include "dln/analytic/invalid_input.hpp"

namespace dln::analytic {

namespace {

RowRange parse_range(std::string_view text, const char* name) {
  const std::size_t colon = text.find(':');
  RowRange range;
  const auto read = [&](std::string_view part, Eigen::Index& value) {
    const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    return ec == std::errc() && ptr == part.data() + part.size() && value >= 0;
  };
  if (colon == std::string_view::npos || !read(text.substr(0, colon), range.begin) ||
      !read(text.substr(colon + 1), range.end) || range.end <= range.begin)
    throw InvalidInput("blocks", fmt::format("{} range '{}' is not begin:end with 0 ≤ begin < end (half-open rows)",
                                             name, text));
  return range;
}

void check_pair(const RowRange& omega, const RowRange& gamma, Eigen::Index rows, const char* matrix) {
  for (const RowRange& r : {omega, gamma})
    if (r.end > rows)
      throw InvalidInput("blocks", fmt::format("{}:{} falls outside {}'s {} rows; accepted: 0 ≤ begin < end ≤ {}",
                                               r.begin, r.end, matrix, rows, rows));
  if (omega.begin < gamma.end && gamma.begin < omega.end)
    throw InvalidInput("blocks", fmt::format("the Ω rows {}:{} and Γ rows {}:{} of {} overlap; accepted: disjoint ranges",
                                             omega.begin, omega.end, gamma.begin, gamma.end, matrix));
}

double block_norm(const Eigen::MatrixXd& W, const RowRange& rows, const RowRange& cols) {
  return W.block(rows.begin, cols.begin, rows.end - rows.begin, cols.end - cols.begin).norm();
}

}  // namespace

DataBlocks parse_blocks(const std::string& text, Eigen::Index x_rows, Eigen::Index y_rows) {
  std::vector<std::string_view> parts;
  std::string_view rest(text);
  for (std::size_t comma; (comma = rest.find(',')) != std::string_view::npos; rest.remove_prefix(comma + 1))
    parts.push_back(rest.substr(0, comma));
  parts.push_back(rest);
  if (parts.size() != 4)
    throw InvalidInput("blocks", fmt::format("'{}' has {} ranges; accepted: four, Ωx,Γx,Ωy,Γy as begin:end row ranges "
                                             "(e.g. 0:3,3:11,0:1,1:9)", text, parts.size()));
  const DataBlocks blocks{parse_range(parts[0], "Ωx"), parse_range(parts[1], "Γx"), parse_range(parts[2], "Ωy"),
                          parse_range(parts[3], "Γy")};
  check_pair(blocks.omega_x, blocks.gamma_x, x_rows, "X");
  check_pair(blocks.omega_y, blocks.gamma_y, y_rows, "Y");
  return blocks;
}

DataModes data_modes(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Y) {
  if (X.cols() != Y.cols())
    throw InvalidInput("data", fmt::format("X has {} samples (columns) and Y has {}; accepted: the same count",
                                           X.cols(), Y.cols()));
  DataModes m;
  m.P = X.cols();
  m.sigma_x = X * X.transpose() / static_cast<double>(m.P);
  m.sigma_yx = Y * X.transpose() / static_cast<double>(m.P);
  const Eigen::BDCSVD<Eigen::MatrixXd> svd(m.sigma_yx, Eigen::ComputeThinU | Eigen::ComputeThinV);
  m.U = svd.matrixU();
  m.V = svd.matrixV();
  m.s = svd.singularValues();
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(m.sigma_x, Eigen::EigenvaluesOnly);
  m.eigen_x = eigen.eigenvalues().reverse();
  m.lambda.resize(m.s.size());
  const double norm_x = std::max(m.eigen_x.cwiseAbs().maxCoeff(), std::numeric_limits<double>::min());
  for (Eigen::Index j = 0; j < m.s.size(); ++j) {
    const Eigen::VectorXd v = m.V.col(j), xv = m.sigma_x * v;
    m.lambda(j) = v.dot(xv);
    if (m.s(j) > kModeTolerance * m.s(0)) {
      ++m.rank;
      m.misalignment = std::max(m.misalignment, (xv - m.lambda(j) * v).norm() / norm_x);
    }
  }
  return m;
}

Eigen::VectorXd DataModes::asymptote() const {
  Eigen::VectorXd a(s.size());
  for (Eigen::Index j = 0; j < s.size(); ++j) a(j) = lambda(j) > 0.0 ? s(j) / lambda(j) : 0.0;
  return a;
}

Quadrants block_quadrants(const Eigen::MatrixXd& W, const DataBlocks& b) {
  return {block_norm(W, b.omega_y, b.omega_x), block_norm(W, b.omega_y, b.gamma_x), block_norm(W, b.gamma_y, b.omega_x),
          block_norm(W, b.gamma_y, b.gamma_x)};
}

}  // namespace dln::analytic
