#include "dln/analytic/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"

namespace dln::analytic {

namespace {

// The closed forms are built from r² (spectra, tr Σy) and products of two such terms (r⁴); above kMaxR one
// of them leaves the normal doubles (r = 1e200: r² = inf). Below kMinR the per-item modes drown in rounding:
// the gradient-flow solution reports a spurious divergence from r = 1e-25 (measured), r = 1e-170 gives r² = 0.
constexpr double kMinR = 1e-20;
constexpr double kMaxR = 1e60;

}  // namespace

void DatasetSpec::validate() const {
  if (n1 < 1 || n1 > kMaxN1)
    throw InvalidInput("n1", fmt::format("must be an integer in [1, {}] (P = 2^n1 patterns), got {}",
                                         kMaxN1, n1));
  if (n2 < 0 || n2 > n1)
    throw InvalidInput("n2", fmt::format("must be an integer in [0, n1 = {}], got {}", n1, n2));
  if (k1 < 0 || k1 > kMaxCopies)
    throw InvalidInput("k1", fmt::format("must be an integer in [0, {}], got {}", kMaxCopies, k1));
  if (k2 < 0 || k2 > kMaxCopies)
    throw InvalidInput("k2", fmt::format("must be an integer in [0, {}], got {}", kMaxCopies, k2));
  if (!std::isfinite(r) || r <= 0.0)
    throw InvalidInput("r", fmt::format("must be a finite number > 0, got {}", r));
  if (r < kMinR || r > kMaxR)
    throw InvalidInput("r", fmt::format("must be in [{}, {}] (r² and r⁴ enter the closed forms, which must not "
                                        "overflow or lose the per-item modes to rounding), got {}",
                                        kMinR, kMaxR, r));
  if (keep.empty()) return;
  if (static_cast<int>(keep.size()) != n2)
    throw InvalidInput("keep", fmt::format("must list exactly n2 = {} feature indices, got {}", n2,
                                           keep.size()));
  std::vector<int> sorted = keep;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (sorted[i] < 0 || sorted[i] >= n1)
      throw InvalidInput("keep", fmt::format("indices must be in [0, n1 - 1 = {}], got {}", n1 - 1,
                                             sorted[i]));
    if (i > 0 && sorted[i] == sorted[i - 1])
      throw InvalidInput("keep", fmt::format("indices must be distinct, {} is repeated", sorted[i]));
  }
}

std::vector<int> DatasetSpec::kept_features() const {
  std::vector<int> kept = keep;
  if (kept.empty())
    for (int f = 0; f < n2; ++f) kept.push_back(f);
  std::sort(kept.begin(), kept.end());
  return kept;
}

std::vector<int> DatasetSpec::dropped_features() const {
  std::vector<int> dropped;
  for (int f = 0; f < n1; ++f)
    if (output_row_of_feature(f) < 0) dropped.push_back(f);
  return dropped;
}

int DatasetSpec::output_row_of_feature(int f) const {
  const std::vector<int> kept = kept_features();
  const auto it = std::find(kept.begin(), kept.end(), f);
  return it == kept.end() ? -1 : static_cast<int>(it - kept.begin());
}

double omega_x_entry(int n1, int f, std::uint64_t c) {
  return ((c >> (n1 - 1 - f)) & 1U) ? -1.0 : 1.0;
}

Eigen::MatrixXd omega_x(int n1) {
  const auto P = static_cast<Eigen::Index>(std::uint64_t{1} << n1);
  Eigen::MatrixXd omega(n1, P);
  for (int f = 0; f < n1; ++f)
    for (Eigen::Index c = 0; c < P; ++c) omega(f, c) = omega_x_entry(n1, f, static_cast<std::uint64_t>(c));
  return omega;
}

namespace {
// [top ; r·I_P ; … copies times]
Eigen::MatrixXd stack_identity_copies(const Eigen::MatrixXd& top, int copies, double r) {
  const Eigen::Index P = top.cols();
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(top.rows() + copies * P, P);
  m.topRows(top.rows()) = top;
  for (int c = 0; c < copies; ++c)
    m.block(top.rows() + c * P, 0, P, P).diagonal().setConstant(r);
  return m;
}
}  // namespace

Eigen::MatrixXd input_matrix(const DatasetSpec& spec) {
  return stack_identity_copies(omega_x(spec.n1), spec.k1, spec.r);
}

Eigen::MatrixXd output_matrix(const DatasetSpec& spec) {
  const Eigen::MatrixXd omega = omega_x(spec.n1);
  const std::vector<int> kept = spec.kept_features();
  Eigen::MatrixXd omega_y(static_cast<Eigen::Index>(kept.size()), omega.cols());
  for (std::size_t i = 0; i < kept.size(); ++i) omega_y.row(static_cast<Eigen::Index>(i)) = omega.row(kept[i]);
  return stack_identity_copies(omega_y, spec.k2, spec.r);
}

}  // namespace dln::analytic
