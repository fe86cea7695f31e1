#pragma once
// docs/theory.md §9: how many samples reveal the compositional structure. Draw j distinct patterns
// uniformly without replacement from the P = 2^n1 columns of Ωx (the rows of the P × n1 ±1 matrix S
// of all codes); success when G = SᵀS is full rank, i.e. when the j codes span R^n1.
//
// Exact probabilities, as count / C(P, j):
//  * by enumeration of all 2^P subsets (n1 ≤ 4: 65 536 subsets; n1 = 5 would be 2^32);
//  * by Möbius inversion over the lattice of flats (n1 ≤ 6). The P codes lie on P/2 lines ±x; a
//    flat is a subspace spanned by some of them, identified by the set of lines it holds. With
//    f(F, j) = #j-subsets whose span is exactly F, every j-subset of the 2|F| codes of F spans
//    exactly one flat G ⊆ F, so f(F, j) = C(2|F|, j) − Σ_{G ⊊ F} f(G, j), and the answer is
//    f(R^n1, j). Flats are generated rank by rank with exact integer elimination (no tolerance).
//    Limit: n1 = 6 has 12 364 flats and runs in well under a second; n1 = 7 has 834 900 flats,
//    so the sum over pairs G ⊊ F (~3.5·10^11 subset tests) and counts beyond 64 bits put it out of
//    reach: Monte Carlo covers 7 ≤ n1 ≤ 12.
// Monte Carlo: M samples per j, each a fresh uniform j-subset, with a Clopper–Pearson interval
// (95% by default). Any n1 ≤ 12; the cost grows like P·M (n1 = 12, M = 10^4: about a minute).
// The original script's test, det(|G|) ≠ 0 with |G| the elementwise absolute value, is kept to show
// where it goes wrong (it differs from the true probability from n1 = 4 on).
#include <cstdint>
#include <functional>
#include <vector>

namespace dln::analytic {

inline constexpr int kMaxFullRankN1 = 12;         // Monte Carlo; P = 4096 codes
inline constexpr int kMaxEnumerationN1 = 4;       // 2^P subsets
inline constexpr int kMaxExactN1 = 6;             // flats; C(64, 32) ≈ 1.8·10^18 < 2^64
// Per j. 10^6 samples pin p to ±0.001 (95% half-width ≤ 1/√M) and take hours at n1 = 12; more is
// a typo more often than a need.
inline constexpr std::int64_t kMaxFullRankSamples = 1'000'000;

// count of the C(P, j) j-subsets that pass the test.
struct ExactProbability {
  int j = 0;
  std::uint64_t numerator = 0;
  std::uint64_t denominator = 0;  // C(P, j), not reduced (docs/theory.md §9 writes 32/56)
  double value() const;           // within one ulp of numerator / denominator
};

// Rows j = n1..P. Each throws dln::InvalidInput("n1", …) outside its range, naming the method that
// applies instead.
std::vector<ExactProbability> full_rank_by_enumeration(int n1);  // 1 ≤ n1 ≤ kMaxEnumerationN1
std::vector<ExactProbability> full_rank_by_flats(int n1);        // 1 ≤ n1 ≤ kMaxExactN1
// Enumeration where it is feasible (it is the definition), flats beyond.
std::vector<ExactProbability> full_rank_exact(int n1);           // 1 ≤ n1 ≤ kMaxExactN1
// The original script's faulty test det(|G|) ≠ 0, by enumeration.
std::vector<ExactProbability> abs_gram_by_enumeration(int n1);   // 1 ≤ n1 ≤ kMaxEnumerationN1

struct MonteCarloOptions {
  std::int64_t samples = 10'000;  // per j
  std::uint64_t seed = 0;         // row j draws from std::mt19937_64(seed + j) (mod 2^64)
  double confidence = 0.95;       // two-sided, in (0, 1)
  std::function<void(int j)> on_row;  // called after each row j (a progress bar's hook); may be empty
  // Throws dln::InvalidInput("samples" / "confidence", …).
  void validate() const;
};

struct MonteCarloEstimate {
  int j = 0;
  std::int64_t successes = 0;
  std::int64_t samples = 0;
  double estimate = 0.0;  // successes / samples
  double low = 0.0;       // Clopper–Pearson interval at options.confidence
  double high = 1.0;
};

// Rows j = n1..P, 1 ≤ n1 ≤ kMaxFullRankN1. Each j has its own stream, so a row does not depend on
// which other rows are computed; draws are boost::random::uniform_int_distribution (identical
// across compilers), repeats rejected until j distinct codes are drawn or they already span R^n1.
std::vector<MonteCarloEstimate> full_rank_monte_carlo(int n1, const MonteCarloOptions& options);

struct Interval {
  double low = 0.0;
  double high = 1.0;
};
// Exact (Clopper–Pearson) two-sided binomial interval for successes out of trials.
Interval clopper_pearson(std::int64_t successes, std::int64_t trials, double confidence);

}  // namespace dln::analytic
