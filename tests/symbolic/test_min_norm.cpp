// Proof (docs/theory.md §6–§7): the quadrant asymptotes of every architecture equal the quadrant norms of the
// min-norm solution — Y X⁺ for the dense, split and shallow networks, Y_m X_m⁺ per module for the segregated
// one — computed with GiNaC from the exact matrices X and Y (docs/theory.md §2) and an exact pseudo-inverse.
// With r a symbol for n1 ≤ 2 (identities in r, all k1, k2 ∈ {0, 1, 2}, all n2), and on a grid of exact
// rational r for n1 = 3. Squared norms are compared, which are rational: equality is exact, no tolerance.
#define BOOST_TEST_MODULE symbolic_min_norm
#include <boost/test/unit_test.hpp>

#include <array>

#include "support.hpp"

namespace {

using namespace dln;
using analytic::Block;
using GiNaC::ex;
using GiNaC::matrix;

struct Setting {
  int n1, n2, k1, k2;
  ex r;  // a symbol or a rational
};

// Ωx[f, c] = +1 if bit (n1−1−f) of (P−1−c) is 1, else −1 (docs/theory.md §2).
int omega_entry(int n1, int f, int c) {
  const int P = 1 << n1;
  return (((P - 1 - c) >> (n1 - 1 - f)) & 1) ? 1 : -1;
}

// [first, first + count) of the rows of X or Y a block covers: Ω rows first, then the Γ copies.
std::pair<unsigned, unsigned> rows_of(Block block, int omega_rows, int total_rows) {
  switch (block) {
    case Block::all: return {0U, static_cast<unsigned>(total_rows)};
    case Block::omega: return {0U, static_cast<unsigned>(omega_rows)};
    case Block::gamma: return {static_cast<unsigned>(omega_rows), static_cast<unsigned>(total_rows - omega_rows)};
  }
  return {0U, 0U};
}

// [Ω rows ; copies × r·I_P] with the Ω rows being the first `omega_rows` features.
matrix data_matrix(const Setting& s, int omega_rows, int copies) {
  const int P = 1 << s.n1;
  matrix M(static_cast<unsigned>(omega_rows + copies * P), static_cast<unsigned>(P));
  for (int f = 0; f < omega_rows; ++f)
    for (int c = 0; c < P; ++c) M(static_cast<unsigned>(f), static_cast<unsigned>(c)) = omega_entry(s.n1, f, c);
  for (int k = 0; k < copies; ++k)
    for (int c = 0; c < P; ++c) M(static_cast<unsigned>(omega_rows + k * P + c), static_cast<unsigned>(c)) = s.r;
  return M;
}

matrix rows(const matrix& M, std::pair<unsigned, unsigned> range) {
  return ex_to<matrix>(GiNaC::sub_matrix(M, range.first, range.second, 0, M.cols()));
}

// The Moore–Penrose inverse of a matrix of full column rank ((AᵀA)⁻¹Aᵀ) or full row rank (Aᵀ(AAᵀ)⁻¹): X and
// its blocks are always one of the two here (Γx = copies of r·I has full column rank; Ωx full row rank).
matrix pseudo_inverse(const matrix& A) {
  const matrix At = A.transpose();
  if (A.rows() >= A.cols()) return At.mul(A).inverse().mul(At);
  return At.mul(A.mul(At).inverse());
}

ex squared_norm(const matrix& M, std::pair<unsigned, unsigned> r, std::pair<unsigned, unsigned> c) {
  ex sum = 0;
  for (unsigned i = r.first; i < r.first + r.second; ++i)
    for (unsigned j = c.first; j < c.first + c.second; ++j) sum += M(i, j) * M(i, j);
  return sum;
}

// The four squared quadrant norms of the min-norm map of the architecture.
std::array<ex, 4> min_norm_quadrants(const Setting& s, analytic::Architecture arch) {
  const matrix X = data_matrix(s, s.n1, s.k1), Y = data_matrix(s, s.n2, s.k2);
  const int x_rows = static_cast<int>(X.rows()), y_rows = static_cast<int>(Y.rows());
  matrix W(Y.rows(), X.rows());
  for (const auto& layout : analytic::module_layouts(arch)) {
    const auto in = rows_of(layout.input, s.n1, x_rows), out = rows_of(layout.output, s.n2, y_rows);
    if (in.second == 0 || out.second == 0) continue;
    const matrix block = rows(Y, out).mul(pseudo_inverse(rows(X, in)));  // Y_m X_m⁺
    for (unsigned i = 0; i < out.second; ++i)
      for (unsigned j = 0; j < in.second; ++j) W(out.first + i, in.first + j) = block(i, j);
  }
  const auto oy = rows_of(Block::omega, s.n2, y_rows), gy = rows_of(Block::gamma, s.n2, y_rows);
  const auto ox = rows_of(Block::omega, s.n1, x_rows), gx = rows_of(Block::gamma, s.n1, x_rows);
  return {squared_norm(W, oy, ox), squared_norm(W, oy, gx), squared_norm(W, gy, ox), squared_norm(W, gy, gx)};
}

// The closed forms' squared quadrant asymptotes at the setting, r left as given (symbol or number).
std::array<ex, 4> closed_form_quadrants(const Setting& s, analytic::Architecture arch) {
  const auto& p = symbolic::parameters();
  const ex P = ex(1 << s.n1), r2 = s.r * s.r;
  const GiNaC::lst values{p.n1 == s.n1, p.n2 == s.n2, p.k1 == s.k1, p.k2 == s.k2, p.r == s.r, p.P == P,
                          p.L1 == P + s.k1 * r2, p.L2 == P + s.k2 * r2};
  symbolic::ExactSetting presence{s.n1, s.n2, s.k1, s.k2};  // multiplicities only (r, lr, a0 unused)
  const auto families = symbolic::symbolic_families(arch);
  std::vector<ex> multiplicities, strengths;
  for (const auto& f : families) {
    multiplicities.emplace_back(symbolic::multiplicity_at(f, presence));
    strengths.push_back(symbolic::asymptote(f));
  }
  const auto q = symbolic::squared_quadrant_norms(families, multiplicities, strengths);
  return {q.OxOy.subs(values), q.GxOy.subs(values), q.OxGy.subs(values), q.GxGy.subs(values)};
}

void check(const Setting& s) {
  for (auto arch : test::kArchitectures) {
    const auto expected = min_norm_quadrants(s, arch), closed = closed_form_quadrants(s, arch);
    for (std::size_t q = 0; q < 4; ++q)
      BOOST_TEST((closed[q] - expected[q]).normal().is_zero(),
                 analytic::to_string(arch) << " quadrant " << q << " n1=" << s.n1 << " n2=" << s.n2 << " k1=" << s.k1
                                           << " k2=" << s.k2 << " r=" << s.r << ": closed form " << closed[q]
                                           << ", Y X⁺ " << expected[q].normal());
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(identities_in_r_for_small_n1) {
  const GiNaC::possymbol r("r");
  for (int n1 = 1; n1 <= 2; ++n1)
    for (int n2 = 0; n2 <= n1; ++n2)
      for (int k1 = 0; k1 <= 2; ++k1)
        for (int k2 = 0; k2 <= 2; ++k2) check({n1, n2, k1, k2, r});
}

BOOST_AUTO_TEST_CASE(rational_grid_at_n1_3) {
  for (const ex& r : {ex(1) / 3, ex(4) / 5, ex(1), ex(3) / 2, ex(7) / 3})
    for (int n2 = 0; n2 <= 3; ++n2)
      for (int k1 = 0; k1 <= 2; ++k1)
        for (int k2 = 0; k2 <= 2; ++k2) check({3, n2, k1, k2, r});
}
