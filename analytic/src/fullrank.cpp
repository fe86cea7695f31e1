#include "dln/analytic/fullrank.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <array>
#include <bit>
#include <boost/math/distributions/binomial.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <unordered_set>

#include "dln/analytic/dataset.hpp"
#include "dln/analytic/invalid_input.hpp"

namespace dln::analytic {

namespace {

// Integer vectors, carried in doubles because the Monte Carlo's inner loop runs twice as fast
// without integer division. Exact all the same: every value below is an integer of magnitude
// < 2^53, so +, −, × are exact, and so is a division whose true quotient is such an integer.
using Row = std::array<double, kMaxFullRankN1>;  // entries past n1 stay 0
using IntMatrix = Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic>;

// Row echelon form over the integers by fraction-free (Bareiss) elimination, in the order the rows
// arrive: reducing v by basis row i (pivot column c_i, pivot p_i, p_0 = 1) is
// v ← (p_i·v − v_{c_i}·b_i) / p_{i−1}, and the division is exact (Sylvester's identity). After i
// steps every entry is an (i+1)×(i+1) minor of the input rows, which Hadamard's inequality bounds
// by k^{k/2}·a^k for k×k minors with entries ≤ a. Codes (a = 1, k ≤ 12): ≤ 12^6 ≈ 3.0e6; the Gram
// matrices G, |G| of enumeration (a ≤ 16, k ≤ 4): ≤ 32^4 ≈ 1.0e6. One step's products then stay
// below 2·(3e6)² ≈ 2e13 < 2^53 ≈ 9.0e15.
class IntegerEchelon {
public:
  explicit IntegerEchelon(int columns) : columns_(static_cast<std::size_t>(columns)) {}

  // v reduced by the whole basis: zero in every pivot column, and zero exactly when v lies in the span.
  Row reduce(Row v) const {
    double previous_pivot = 1.0;
    for (int i = 0; i < rank_; ++i) {
      const auto c = pivots_[static_cast<std::size_t>(i)];
      const auto& b = rows_[static_cast<std::size_t>(i)];
      const double vc = v[c];
      for (std::size_t k = 0; k < columns_; ++k) v[k] = (b[c] * v[k] - vc * b[k]) / previous_pivot;
      previous_pivot = b[c];
    }
    return v;
  }

  // reduce(v) divided by the gcd of its entries, first nonzero entry positive. It spans
  // span(basis ∪ {v}) ∩ {pivot columns = 0}, a line, so two vectors extend the span to the same
  // subspace exactly when their directions are equal.
  Row direction(const Row& v) const {
    Row r = reduce(v);
    std::int64_t g = 0;
    for (const auto x : r) g = std::gcd(g, static_cast<std::int64_t>(x));
    if (g == 0) return r;
    if (*std::find_if(r.begin(), r.end(), [](double x) { return x != 0.0; }) < 0.0) g = -g;
    for (auto& x : r) x /= static_cast<double>(g);
    return r;
  }

  // Adds v to the basis unless it lies in the span.
  void insert(const Row& v) {
    const Row r = reduce(v);
    const auto pivot = std::find_if(r.begin(), r.end(), [](double x) { return x != 0.0; });
    if (pivot == r.end()) return;
    rows_[static_cast<std::size_t>(rank_)] = r;
    pivots_[static_cast<std::size_t>(rank_)] = static_cast<std::size_t>(pivot - r.begin());
    ++rank_;
  }

  int rank() const { return rank_; }

private:
  std::size_t columns_;
  std::array<Row, kMaxFullRankN1> rows_{};
  std::array<std::size_t, kMaxFullRankN1> pivots_{};
  int rank_ = 0;
};

int rank_of(const IntMatrix& m) {
  IntegerEchelon echelon(static_cast<int>(m.cols()));
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    Row r{};
    for (Eigen::Index k = 0; k < m.cols(); ++k) r[static_cast<std::size_t>(k)] = static_cast<double>(m(i, k));
    echelon.insert(r);
  }
  return echelon.rank();
}

// Code c: column c of Ωx (docs/theory.md §2).
Row code(int n1, std::uint64_t c) {
  Row r{};
  for (int f = 0; f < n1; ++f) r[static_cast<std::size_t>(f)] = omega_x_entry(n1, f, c);
  return r;
}

// binomial[n][k] = C(n, k) for n ≤ max_n, exact: C(64, 32) ≈ 1.8e18 < 2^64 (Boost's
// binomial_coefficient is floating point).
std::vector<std::vector<std::uint64_t>> pascal_triangle(int max_n) {
  std::vector<std::vector<std::uint64_t>> binomial(static_cast<std::size_t>(max_n) + 1);
  for (std::size_t n = 0; n < binomial.size(); ++n) {
    binomial[n].assign(n + 1, 1);
    for (std::size_t k = 1; k < n; ++k) binomial[n][k] = binomial[n - 1][k - 1] + binomial[n - 1][k];
  }
  return binomial;
}

// `method` and what to use beyond max_n1 go into the message.
void require_n1(int n1, int max_n1, const std::string& method) {
  if (n1 < 1 || n1 > max_n1)
    throw InvalidInput("n1", fmt::format("must be an integer in [1, {}] for {}, got {}", max_n1, method, n1));
}

const std::string kBeyondExact = fmt::format("(n1 = 7 has 834 900 flats); Monte Carlo covers n1 ≤ {}", kMaxFullRankN1);

// Rows j = n1..P from the successes per subset size j.
std::vector<ExactProbability> table(int n1, const std::vector<std::uint64_t>& successes) {
  const int P = 1 << n1;
  const auto binomial = pascal_triangle(P);
  std::vector<ExactProbability> rows;
  for (int j = n1; j <= P; ++j)
    rows.push_back({j, successes[static_cast<std::size_t>(j)], binomial[static_cast<std::size_t>(P)][static_cast<std::size_t>(j)]});
  return rows;
}

// Every subset of the P codes, its Gram matrix G = SᵀS = Σ x xᵀ (exact in int64), and whether it passes.
template <class Test>
std::vector<ExactProbability> count_subsets(int n1, Test passes) {
  require_n1(n1, kMaxEnumerationN1,
             fmt::format("enumeration (2^P subsets); counting over flats reaches n1 = {}", kMaxExactN1));
  const int P = 1 << n1;
  const IntMatrix omega = omega_x(n1).cast<std::int64_t>();  // codes as columns, n1 × P
  std::vector<std::uint64_t> successes(static_cast<std::size_t>(P) + 1, 0);
  for (std::uint32_t subset = 1; subset < (std::uint32_t{1} << P); ++subset) {
    IntMatrix G = IntMatrix::Zero(n1, n1);
    for (int c = 0; c < P; ++c)
      if (subset >> c & 1u) G.noalias() += omega.col(c) * omega.col(c).transpose();
    if (passes(G)) ++successes[static_cast<std::size_t>(std::popcount(subset))];
  }
  return table(n1, successes);
}

// A flat of the P codes: bit ℓ of `lines` set when the line {code ℓ, code P−1−ℓ = −code ℓ} lies in it.
struct Flat {
  std::uint64_t lines = 0;
  IntegerEchelon basis;
};

// All flats, in order of rank. The covers of a flat F are span(F ∪ {m}) for lines m ∉ F, and two
// lines give the same cover exactly when their directions against F's basis are equal
// (IntegerEchelon::direction); grouping the lines outside F by direction therefore lists each
// cover with its complete set of lines, no closure to compute.
std::vector<Flat> lattice_of_flats(int n1) {
  const int lines = 1 << (n1 - 1);
  std::vector<Row> line_codes;
  for (int l = 0; l < lines; ++l) line_codes.push_back(code(n1, static_cast<std::uint64_t>(l)));
  std::vector<Flat> flats{Flat{0, IntegerEchelon(n1)}};  // {0}
  std::size_t rank_begin = 0;
  for (int rank = 0; rank < n1; ++rank) {
    const std::size_t rank_end = flats.size();
    std::unordered_set<std::uint64_t> seen;
    for (std::size_t i = rank_begin; i < rank_end; ++i) {
      const Flat flat = flats[i];  // a copy: push_back below may move the vector
      std::map<Row, std::uint64_t> covers;
      for (int m = 0; m < lines; ++m)
        if (!(flat.lines >> m & 1u))
          covers[flat.basis.direction(line_codes[static_cast<std::size_t>(m)])] |= std::uint64_t{1} << m;
      for (const auto& [direction, added] : covers) {
        if (!seen.insert(flat.lines | added).second) continue;
        Flat cover{flat.lines | added, flat.basis};
        cover.basis.insert(line_codes[static_cast<std::size_t>(std::countr_zero(added))]);
        flats.push_back(cover);
      }
    }
    rank_begin = rank_end;
  }
  return flats;
}

}  // namespace

double ExactProbability::value() const {
  // Both counts are exact in long double's 64-bit significand (x86-64; quad on aarch64), so the
  // quotient is rounded twice at most: within one ulp of the true ratio.
  return static_cast<double>(static_cast<long double>(numerator) / static_cast<long double>(denominator));
}

std::vector<ExactProbability> full_rank_by_enumeration(int n1) {
  return count_subsets(n1, [n1](const IntMatrix& G) { return rank_of(G) == n1; });
}

std::vector<ExactProbability> abs_gram_by_enumeration(int n1) {
  return count_subsets(n1, [n1](const IntMatrix& G) { return rank_of(G.cwiseAbs()) == n1; });
}

std::vector<ExactProbability> full_rank_by_flats(int n1) {
  require_n1(n1, kMaxExactN1, "exact counting over the lattice of flats " + kBeyondExact);
  const int P = 1 << n1;
  const auto binomial = pascal_triangle(P);
  const auto flats = lattice_of_flats(n1);
  // exact_span[i][j] = f(F_i, j), the j-subsets of codes whose span is exactly F_i (header).
  std::vector<std::vector<std::uint64_t>> exact_span(flats.size());
  for (std::size_t i = 0; i < flats.size(); ++i) {
    const auto& flat = flats[i];
    // Σ_{G ⊊ F} f(G, j) counts j-subsets of F's codes, so it never exceeds C(2|F|, j): no wrap.
    std::vector<std::uint64_t> below(static_cast<std::size_t>(P) + 1, 0);
    for (std::size_t g = 0; g < i && flats[g].basis.rank() < flat.basis.rank(); ++g)
      if ((flats[g].lines & ~flat.lines) == 0)
        for (std::size_t j = 0; j < exact_span[g].size(); ++j) below[j] += exact_span[g][j];
    const auto& row = binomial[2 * static_cast<std::size_t>(std::popcount(flat.lines))];
    exact_span[i].resize(row.size());
    for (std::size_t j = 0; j < row.size(); ++j) exact_span[i][j] = row[j] - below[j];
  }
  auto top = exact_span.back();  // R^n1, the only flat of rank n1
  top.resize(static_cast<std::size_t>(P) + 1, 0);
  return table(n1, top);
}

std::vector<ExactProbability> full_rank_exact(int n1) {
  require_n1(n1, kMaxExactN1, "exact counting " + kBeyondExact);
  return n1 <= kMaxEnumerationN1 ? full_rank_by_enumeration(n1) : full_rank_by_flats(n1);
}

void MonteCarloOptions::validate() const {
  if (samples < 1 || samples > kMaxFullRankSamples)
    throw InvalidInput("samples", fmt::format("must be an integer in [1, {}] (per j), got {}", kMaxFullRankSamples,
                                              samples));
  if (!std::isfinite(confidence) || confidence <= 0.0 || confidence >= 1.0)
    throw InvalidInput("confidence", fmt::format("must be a number in (0, 1), got {}", confidence));
}

std::vector<MonteCarloEstimate> full_rank_monte_carlo(int n1, const MonteCarloOptions& options) {
  require_n1(n1, kMaxFullRankN1, "Monte Carlo");
  options.validate();
  const std::uint64_t P = std::uint64_t{1} << n1;
  std::vector<Row> codes;
  for (std::uint64_t c = 0; c < P; ++c) codes.push_back(code(n1, c));
  std::vector<bool> drawn(P, false);
  std::vector<std::uint64_t> taken;
  std::vector<MonteCarloEstimate> rows;
  for (std::uint64_t j = static_cast<std::uint64_t>(n1); j <= P; ++j) {
    std::mt19937_64 engine(options.seed + j);
    boost::random::uniform_int_distribution<std::uint64_t> pick(0, P - 1);
    std::int64_t successes = 0;
    for (std::int64_t s = 0; s < options.samples; ++s) {
      // The first j codes of a uniformly random order, drawn one by one (rejecting repeats) and
      // stopped early once they span: later codes cannot change the outcome. A draw is made only
      // while at most P/2 codes are held (more always span: by the Littlewood–Offord bound a
      // hyperplane holds at most P/2 codes), so it is accepted with probability ≥ 1/2.
      IntegerEchelon span(n1);
      taken.clear();
      while (taken.size() < j && span.rank() < n1) {
        const std::uint64_t c = pick(engine);
        if (drawn[c]) continue;
        drawn[c] = true;
        taken.push_back(c);
        span.insert(codes[c]);
      }
      for (const auto c : taken) drawn[c] = false;
      if (span.rank() == n1) ++successes;
    }
    const Interval interval = clopper_pearson(successes, options.samples, options.confidence);
    rows.push_back({static_cast<int>(j), successes, options.samples,
                    static_cast<double>(successes) / static_cast<double>(options.samples), interval.low,
                    interval.high});
    if (options.on_row) options.on_row(static_cast<int>(j));
  }
  return rows;
}

Interval clopper_pearson(std::int64_t successes, std::int64_t trials, double confidence) {
  using boost::math::binomial_distribution;
  // Boost's bounds are one-sided; a two-sided interval puts (1 − confidence)/2 in each tail. They
  // are exactly 0 at no successes and 1 at all successes.
  const double tail = (1.0 - confidence) / 2.0;
  const auto n = static_cast<double>(trials);
  const auto k = static_cast<double>(successes);
  return {binomial_distribution<>::find_lower_bound_on_p(n, k, tail),
          binomial_distribution<>::find_upper_bound_on_p(n, k, tail)};
}

}  // namespace dln::analytic
