#include "dln/modules/specialisation.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <mutex>
#include <random>

#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/assignment.hpp"

namespace dln::modules {

namespace {

// Mittal's code adds this inside the log of the mutual information (docs/modules.md §6.1).
constexpr double kEps = 1e-8;
// Adaptation averages over numpy RandomState seeds 0..99 (docs/modules.md §6.1).
constexpr int kAdaptationSeeds = 100;

void check_non_negative(const Eigen::MatrixXd& A, const char* key, const char* what) {
  if (A.size() == 0) throw InvalidInput(key, fmt::format("the {} is empty", what));
  if (!A.allFinite() || (A.array() < 0.0).any())
    throw InvalidInput(key, fmt::format("the {} must have finite entries ≥ 0", what));
  if (!(A.sum() > 0.0)) throw InvalidInput(key, fmt::format("the {} must have a positive sum, got 0", what));
}

// ½·Σ|sort(p) − sort(u)|, each vector sorted on its own (docs/modules.md §6.1).
double sorted_distance(Eigen::VectorXd p, Eigen::VectorXd u) {
  std::sort(p.begin(), p.end());
  std::sort(u.begin(), u.end());
  return 0.5 * (p - u).cwiseAbs().sum();
}

// The Dirichlet mixes of seeds 0..99 as columns (R × 100): the same for every call with R rules, and drawing them
// (100 Mersenne Twisters seeded afresh) dominated a read-out row, so they are drawn once per R.
const Eigen::MatrixXd& adaptation_mixes(int R) {
  static std::mutex guard;
  static std::map<int, Eigen::MatrixXd> mixes;  // nodes never move: the returned reference stays valid
  const std::lock_guard lock(guard);
  auto [it, inserted] = mixes.try_emplace(R);
  if (inserted) {
    it->second.resize(R, kAdaptationSeeds);
    for (int seed = 0; seed < kAdaptationSeeds; ++seed) it->second.col(seed) = legacy_dirichlet(R, static_cast<std::uint32_t>(seed));
  }
  return it->second;
}

}  // namespace

Eigen::MatrixXd routing_matrix(const Eigen::MatrixXd& gates, const RuleDataset& data) {
  if (gates.cols() != data.rules)
    throw InvalidInput("gates", fmt::format("must be M × R with R = {} rule columns, got {} × {}", data.rules,
                                            gates.rows(), gates.cols()));
  check_non_negative(gates, "gates", "gate matrix");
  Eigen::MatrixXd P = gates.transpose();  // P[ρ, m] = π_ρ·g_m(ρ)
  for (int rho = 0; rho < data.rules; ++rho) P.row(rho) *= data.rule_prior(rho);
  return P / P.sum();
}

SpecialisationMetrics specialisation_metrics(const Eigen::MatrixXd& routing) {
  const auto R = routing.rows(), M = routing.cols();
  if (M < 2)
    throw InvalidInput("modules", fmt::format("the specialisation metrics need M ≥ 2 modules (Collapse divides by "
                                              "M − 1; a monolithic network routes nothing), got {}", M));
  if (R < 2)
    throw InvalidInput("rules", fmt::format("the specialisation metrics need R ≥ 2 rules (Inverse MI divides by "
                                            "log R), got {}", R));
  check_non_negative(routing, "routing", "routing matrix P");
  const Eigen::MatrixXd P = routing / routing.sum();
  const Eigen::VectorXd rule_mass = P.rowwise().sum(), load = P.colwise().sum().transpose();
  if ((rule_mass.array() <= 0.0).any())
    throw InvalidInput("routing", "every rule needs a positive row of P (p(m | ρ) is undefined otherwise)");

  SpecialisationMetrics result;
  const double m = static_cast<double>(M);
  result.collapse_avg = m / (m - 1.0) * (1.0 / m - load.array()).max(0.0).sum();
  result.collapse_worst = 1.0 - m * load.minCoeff();

  double mi = 0.0;  // Σ P·log(P/(p_ρ p_m + ε) + ε), ε inside the log as in Mittal's code
  for (Eigen::Index r = 0; r < R; ++r)
    for (Eigen::Index k = 0; k < M; ++k)
      mi += P(r, k) * std::log(P(r, k) / (rule_mass(r) * load(k) + kEps) + kEps);
  const double log_r = std::log(static_cast<double>(R));
  result.inverse_mutual_information = (log_r - mi) / log_r;

  // Alignment: Q[ρ, ·] = p(m | ρ); Π the best (partial) permutation on cost 1 − Q; Σ|Π − Q|/(2R).
  const Eigen::MatrixXd Q = rule_mass.cwiseInverse().asDiagonal() * P;
  const std::vector<int> column = optimal_assignment(Eigen::MatrixXd::Ones(R, M) - Q);
  Eigen::MatrixXd Pi = Eigen::MatrixXd::Zero(R, M);
  for (Eigen::Index r = 0; r < R; ++r)
    if (column[static_cast<std::size_t>(r)] >= 0) Pi(r, column[static_cast<std::size_t>(r)]) = 1.0;
  result.alignment = (Pi - Q).cwiseAbs().sum() / (2.0 * static_cast<double>(R));

  if (R == M) {  // Adaptation: the module usage u = Qᵀp under a Dirichlet rule mix p, against p itself
    double sum = 0.0;
    const Eigen::MatrixXd& mixes = adaptation_mixes(static_cast<int>(R));
    for (int seed = 0; seed < kAdaptationSeeds; ++seed) sum += sorted_distance(mixes.col(seed), Q.transpose() * mixes.col(seed));
    result.adaptation = sum / kAdaptationSeeds;
  }
  return result;
}

Eigen::VectorXd legacy_dirichlet(int R, std::uint32_t seed) {
  if (R < 1) throw InvalidInput("rules", fmt::format("a Dirichlet draw needs R ≥ 1 components, got {}", R));
  // numpy's RandomState(int) seeds MT19937 with init_genrand, which is std::mt19937's seeding. Its legacy double
  // takes two words, (a >> 5, b >> 6) → (a·2^26 + b)/2^53; its Gamma(1) is the exponential −log(1 − U); and its
  // legacy dirichlet multiplies the R draws by 1/Σ (not divides: the last bit differs).
  std::mt19937 generator(seed);
  Eigen::VectorXd draw(R);
  double total = 0.0;
  for (int j = 0; j < R; ++j) {
    const auto a = static_cast<std::uint32_t>(generator() >> 5), b = static_cast<std::uint32_t>(generator() >> 6);
    const double uniform = (a * 67108864.0 + b) / 9007199254740992.0;
    draw(j) = -std::log(1.0 - uniform);
    total += draw(j);
  }
  return draw * (1.0 / total);
}

double routing_entropy(const Eigen::MatrixXd& gates) {
  check_non_negative(gates, "gates", "gate matrix");
  double sum = 0.0;
  for (Eigen::Index rho = 0; rho < gates.cols(); ++rho) {
    const double mass = gates.col(rho).sum();
    if (!(mass > 0.0))
      throw InvalidInput("gates", fmt::format("rule {} has all gates 0: its routing distribution is undefined", rho));
    for (Eigen::Index m = 0; m < gates.rows(); ++m) {
      const double q = gates(m, rho) / mass;
      if (q > 0.0) sum -= q * std::log(q);  // 0·log 0 = 0
    }
  }
  return sum / static_cast<double>(gates.cols());
}

Eigen::VectorXd module_load(const Eigen::MatrixXd& P) { return P.colwise().sum().transpose(); }

}  // namespace dln::modules
