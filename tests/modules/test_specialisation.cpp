// Specialisation metrics (docs/modules.md §6): Mittal's five from the routing matrix P, the optimal assignment
// behind Alignment, numpy's legacy Dirichlet stream behind Adaptation, the functional share F, the cancellation
// ratio C_ρ, routing entropy and module load.
#define BOOST_TEST_MODULE modules_specialisation
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>

#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/assignment.hpp"
#include "dln/modules/full_objective.hpp"
#include "dln/modules/init.hpp"
#include "dln/modules/latent_basis.hpp"
#include "dln/modules/specialisation.hpp"

using namespace dln;
using modules::SpecialisationMetrics;

namespace {

// M × R gates → Mittal's metrics under a uniform rule prior.
SpecialisationMetrics metrics_of(const Eigen::MatrixXd& gates) {
  modules::RuleDataset data;
  data.n1 = std::max<int>(3, static_cast<int>(gates.cols()));
  data.rules = static_cast<int>(gates.cols());
  return modules::specialisation_metrics(modules::routing_matrix(gates, data));
}

double assignment_cost(const Eigen::MatrixXd& cost, const std::vector<int>& column) {
  double total = 0.0;
  for (std::size_t r = 0; r < column.size(); ++r)
    if (column[r] >= 0) total += cost(static_cast<Eigen::Index>(r), column[r]);
  return total;
}

// Least cost over every injective pairing of min(rows, cols) rows and columns: all orderings of the longer side,
// its first min(rows, cols) entries paired with the shorter side in order.
double brute_force_cost(const Eigen::MatrixXd& cost) {
  const bool wide = cost.rows() <= cost.cols();
  const auto shorter = std::min(cost.rows(), cost.cols()), longer = std::max(cost.rows(), cost.cols());
  std::vector<Eigen::Index> order(static_cast<std::size_t>(longer));
  std::iota(order.begin(), order.end(), 0);
  double best = std::numeric_limits<double>::infinity();
  do {
    double total = 0.0;
    for (Eigen::Index k = 0; k < shorter; ++k)
      total += wide ? cost(k, order[static_cast<std::size_t>(k)]) : cost(order[static_cast<std::size_t>(k)], k);
    best = std::min(best, total);
  } while (std::next_permutation(order.begin(), order.end()));
  return best;
}

}  // namespace

// The Hungarian method against brute force on random costs, square up to 6 × 6 and rectangular both ways, plus
// integer costs full of ties. Costs are sums of ≤ 6 entries in [0, 1]: both sides round to within a few ulps of
// 6, so 1e-12 separates a wrong assignment (cost differences ≥ 1e-3 for these draws, 1 for integers) from rounding.
BOOST_AUTO_TEST_CASE(optimal_assignment_matches_brute_force) {
  std::mt19937_64 generator(12);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::uniform_int_distribution<int> small_integer(0, 2);
  const std::vector<std::pair<int, int>> shapes = {{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}, {6, 6}, {1, 4}, {2, 5},
                                                   {3, 6}, {4, 6}, {6, 3}, {5, 2}, {4, 1}, {6, 5}};
  for (const auto& [rows, cols] : shapes)
    for (int trial = 0; trial < 20; ++trial) {
      Eigen::MatrixXd cost(rows, cols);
      const bool ties = trial % 2 == 1;
      for (Eigen::Index i = 0; i < cost.size(); ++i)
        cost(i) = ties ? small_integer(generator) : uniform(generator);
      const std::vector<int> column = modules::optimal_assignment(cost);
      BOOST_TEST_REQUIRE(column.size() == static_cast<std::size_t>(rows));
      std::vector<int> used;
      for (int c : column)
        if (c >= 0) used.push_back(c);
      std::sort(used.begin(), used.end());
      BOOST_TEST(used.size() == static_cast<std::size_t>(std::min(rows, cols)));  // min(R, M) pairs …
      BOOST_TEST((std::adjacent_find(used.begin(), used.end()) == used.end()));      // … no column twice
      BOOST_TEST(std::abs(assignment_cost(cost, column) - brute_force_cost(cost)) < 1e-12);
    }
}

// numpy's legacy Dirichlet draws, bit for bit. Reference values from numpy 1.24.2 (Debian 12's python3-numpy):
//   /usr/bin/python3 -c "import numpy as np; print(repr(np.random.RandomState(SEED).dirichlet(np.ones(R)).tolist()))"
// repr prints the shortest decimal that round-trips, so == compares the exact doubles.
BOOST_AUTO_TEST_CASE(legacy_dirichlet_reproduces_numpy) {
  const auto same = [](const Eigen::VectorXd& drawn, const std::vector<double>& numpy) {
    BOOST_TEST_REQUIRE(drawn.size() == static_cast<Eigen::Index>(numpy.size()));
    for (std::size_t j = 0; j < numpy.size(); ++j) BOOST_TEST(drawn(static_cast<Eigen::Index>(j)) == numpy[j]);
  };
  same(modules::legacy_dirichlet(3, 0), {0.26751828776935993, 0.4221575685857106, 0.31032414364492955});
  same(modules::legacy_dirichlet(3, 99), {0.315943997988806, 0.18963125670487813, 0.4944247453063159});
  same(modules::legacy_dirichlet(2, 42), {0.13487081200849088, 0.8651291879915091});
  same(modules::legacy_dirichlet(8, 7),
       {0.009004544183253586, 0.17172130976156866, 0.06545302305237465, 0.1458183241009619, 0.43291516122276713,
        0.08771936812055196, 0.0788853537232249, 0.008482915835297079});
}

namespace {

// Every metric within `tolerance` of the expected one; Adaptation present exactly when expected.
void check_metrics(const SpecialisationMetrics& got, const SpecialisationMetrics& want, double tolerance) {
  BOOST_TEST(std::abs(got.collapse_avg - want.collapse_avg) < tolerance);
  BOOST_TEST(std::abs(got.collapse_worst - want.collapse_worst) < tolerance);
  BOOST_TEST(std::abs(got.inverse_mutual_information - want.inverse_mutual_information) < tolerance);
  BOOST_TEST(std::abs(got.alignment - want.alignment) < tolerance);
  BOOST_TEST_REQUIRE(got.adaptation.has_value() == want.adaptation.has_value());
  if (want.adaptation) BOOST_TEST(std::abs(*got.adaptation - *want.adaptation) < tolerance);
}

}  // namespace

// docs/modules.md §6.1's reference values (GT, uniform, collapsed onto one module; M = R). They are quoted rounded
// to 6 digits, so the tolerance is half a unit of the 6th digit, 5e-7. (The EPS inside the log moves GT's and
// uniform's Inverse MI away from 0 and 1 by ≈ R²·1e-8/log R ≤ 3.1e-7, within it.)
BOOST_AUTO_TEST_CASE(mittal_reference_values) {
  const std::vector<std::tuple<int, double, double>> cases = {
      {2, 0.256662, 0.243338}, {3, 0.280384, 0.409705}, {4, 0.300707, 0.505183}, {8, 0.335012, 0.673650}};
  for (const auto& [R, uniform_adapt, collapsed_adapt] : cases) {
    BOOST_TEST_CONTEXT("R = " << R) {
      const double aligned_uniform = (R - 1.0) / R;
      check_metrics(metrics_of(Eigen::MatrixXd::Identity(R, R)), {0.0, 0.0, 0.0, 0.0, 0.0}, 5e-7);
      check_metrics(metrics_of(Eigen::MatrixXd::Constant(R, R, 1.0 / R)), {0.0, 0.0, 1.0, aligned_uniform, uniform_adapt},
                    5e-7);
      Eigen::MatrixXd one_module = Eigen::MatrixXd::Zero(R, R);
      one_module.row(0).setOnes();
      check_metrics(metrics_of(one_module), {1.0, 1.0, 1.0, aligned_uniform, collapsed_adapt}, 5e-7);
    }
  }
}

// Unequal soft gates, where no symmetry helps, against Mittal's definitions transcribed in numpy/scipy
// (modules_reference metrics.py, scipy's linear_sum_assignment): per case
//   /usr/bin/python3 -c "import numpy as np, metrics as mt; print(mt.all_metrics(G, np.ones(R)/R))"
// with G the gate matrix below. Both sides evaluate the same formulas in a different order over ≤ 100 terms of
// size ≤ 1: 1e-13 is far above their rounding (~1e-15) and far below any difference of definition.
BOOST_AUTO_TEST_CASE(soft_gates_match_the_numpy_transcription) {
  Eigen::MatrixXd square(3, 3);
  square << 0.6, 0.1, 0.25, 0.3, 0.7, 0.15, 0.1, 0.2, 0.6;
  check_metrics(metrics_of(square),
                {0.0749999999999999, 0.09999999999999987, 0.8054326496025913, 0.3666666666666667, 0.15490642152205047},
                1e-13);
  // M = 4 modules, R = 3 rules: a partial permutation leaves one module out; Adaptation is not defined.
  Eigen::MatrixXd wide(4, 3);
  wide << 0.5, 0.1, 0.2, 0.2, 0.6, 0.1, 0.2, 0.2, 0.3, 0.1, 0.1, 0.4;
  check_metrics(metrics_of(wide), {0.0888888888888888, 0.19999999999999984, 0.8373759890967065, 0.5, std::nullopt},
                1e-13);
  // M = 2 modules, R = 4 rules: two rules stay unassigned.
  Eigen::MatrixXd tall(2, 4);
  tall << 0.9, 0.2, 0.5, 0.7, 0.1, 0.8, 0.5, 0.3;
  check_metrics(metrics_of(tall), {0.15000000000000002, 0.15000000000000002, 0.8921727426461477, 0.325, std::nullopt},
                1e-13);
}

// Module names carry no meaning: permuting the modules (columns of P) leaves every metric unchanged. Only the
// order of a few sums changes, so the metrics agree to rounding (1e-14 for values ≤ 1).
BOOST_AUTO_TEST_CASE(metrics_do_not_depend_on_module_order) {
  Eigen::MatrixXd gates(4, 4);
  gates << 0.4, 0.1, 0.3, 0.05, 0.3, 0.5, 0.1, 0.15, 0.2, 0.3, 0.5, 0.2, 0.1, 0.1, 0.1, 0.6;
  const auto base = metrics_of(gates);
  std::vector<int> order = {0, 1, 2, 3};
  int permutations = 0;
  while (std::next_permutation(order.begin(), order.end())) {
    Eigen::MatrixXd permuted(4, 4);
    for (int m = 0; m < 4; ++m) permuted.row(m) = gates.row(order[static_cast<std::size_t>(m)]);
    check_metrics(metrics_of(permuted), base, 1e-14);
    ++permutations;
  }
  BOOST_TEST(permutations == 23);
  BOOST_TEST(base.alignment > 0.1);  // a case where the assignment matters, not a fixed point of every metric
}

// P[ρ, m] = π_ρ·g_m(ρ)/Σ, by hand: prior (0.6, 0.4), gates (module rows) [[1, 0.5], [0, 0.5]] give π·g =
// [[0.6, 0], [0.2, 0.2]] of sum 1; the load is its column sums.
BOOST_AUTO_TEST_CASE(routing_matrix_weights_rules_by_their_prior) {
  modules::RuleDataset data;
  data.rules = 2;
  data.prior = {0.6, 0.4};
  Eigen::MatrixXd gates(2, 2);
  gates << 1.0, 0.5, 0.0, 0.5;
  const Eigen::MatrixXd P = modules::routing_matrix(gates, data);
  Eigen::MatrixXd expected(2, 2);
  expected << 0.6, 0.0, 0.2, 0.2;
  BOOST_TEST((P - expected).cwiseAbs().maxCoeff() < 1e-15);
  const Eigen::VectorXd load = modules::module_load(P);
  BOOST_TEST(std::abs(load(0) - 0.8) < 1e-15);
  BOOST_TEST(std::abs(load(1) - 0.2) < 1e-15);
}

// Routing entropy: log M for uniform gates, 0 for one module per rule (any scale: gates are normalised per rule).
BOOST_AUTO_TEST_CASE(routing_entropy_and_load_on_extremes) {
  for (int M : {2, 3, 5}) {
    BOOST_TEST(std::abs(modules::routing_entropy(Eigen::MatrixXd::Constant(M, 3, 0.7)) - std::log(M)) < 1e-15);
    Eigen::MatrixXd one_hot = Eigen::MatrixXd::Zero(M, 3);
    for (int rho = 0; rho < 3; ++rho) one_hot(rho % M, rho) = 1.0;
    BOOST_TEST(modules::routing_entropy(one_hot) == 0.0);
  }
  modules::RuleDataset data;  // R = 3, uniform prior
  const Eigen::VectorXd uniform_load = modules::module_load(modules::routing_matrix(Eigen::MatrixXd::Constant(4, 3, 0.25), data));
  BOOST_TEST((uniform_load.array() - 0.25).abs().maxCoeff() < 1e-15);
}

BOOST_AUTO_TEST_CASE(bad_input_is_refused_with_its_key) {
  const auto refused = [](auto&& call, const std::string& key) {
    try {
      call();
    } catch (const InvalidInput& e) {
      return e.parameter() == key;
    }
    return false;
  };
  modules::RuleDataset data;  // R = 3
  BOOST_TEST(refused([] { modules::specialisation_metrics(Eigen::MatrixXd::Constant(3, 1, 1.0)); }, "modules"));
  BOOST_TEST(refused([] { modules::specialisation_metrics(Eigen::MatrixXd::Constant(1, 3, 1.0)); }, "rules"));
  Eigen::MatrixXd bad = Eigen::MatrixXd::Constant(3, 3, 0.1);
  bad(1, 2) = -0.1;
  BOOST_TEST(refused([&] { modules::specialisation_metrics(bad); }, "routing"));
  bad(1, 2) = std::nan("");
  BOOST_TEST(refused([&] { modules::specialisation_metrics(bad); }, "routing"));
  BOOST_TEST(refused([] { modules::specialisation_metrics(Eigen::MatrixXd::Zero(3, 3)); }, "routing"));
  Eigen::MatrixXd unrouted_rule = Eigen::MatrixXd::Constant(3, 3, 0.1);
  unrouted_rule.row(2).setZero();
  BOOST_TEST(refused([&] { modules::specialisation_metrics(unrouted_rule); }, "routing"));
  BOOST_TEST(refused([&] { modules::routing_matrix(Eigen::MatrixXd::Constant(3, 2, 0.5), data); }, "gates"));
  BOOST_TEST(refused([&] { modules::routing_entropy(Eigen::MatrixXd::Zero(3, 3)); }, "gates"));
  Eigen::MatrixXd unanswered = Eigen::MatrixXd::Constant(3, 2, 0.5);
  unanswered.row(1).setZero();
  BOOST_TEST(refused([&] { modules::functional_routing_matrix(unanswered, data); }, "functional-share"));
}

namespace {

// GD on the latent weights (exact for any init, docs/modules.md §2) until the loss is below `target`.
modules::State train(const modules::LatentObjective& latent, modules::State v, const Eigen::MatrixXd& gates,
                     double lr, int max_steps, double target) {
  const double eta = modules::step_size(latent.description().dataset, lr);
  modules::State dv;
  for (int t = 0; t < max_steps; ++t) {
    if (latent.descent(v, gates, dv) < target) return v;
    for (std::size_t m = 0; m < v.size(); ++m) v[m].W1 += eta * dv[m].W1, v[m].W2 += eta * dv[m].W2;
  }
  return v;
}

}  // namespace

// Trained to (near) zero loss, each rule's answer coefficient on its queried feature is 1, and F splits it among
// the modules: the rule loss holds ½(1 − Σ_m F[ρ, m])², so |1 − Σ_m F[ρ, m]| ≤ √(2 L_ρ) (plus rounding, 1e-14).
// Under GT routing one module answers each rule, nothing can cancel (C_ρ = 1), and F[ρ, ρ] is that module's answer
// contribution as the full-weight engine reads it (Theorem 1: equal to ~1e-15; 1e-12 as in docs/modules.md §8).
// With a shared module beside the rule modules the answer is split and C_ρ ≥ 1 (the triangle inequality).
BOOST_AUTO_TEST_CASE(functional_share_sums_to_the_answer_at_zero_loss) {
  for (const char* name : {"gt-modular", "shared-plus-rules"}) {
    BOOST_TEST_CONTEXT(name) {
      const auto d = modules::preset(name, modules::RuleDataset{}, 8);
      const modules::LatentObjective latent(d, {modules::full_block(d.dataset)});
      const Eigen::MatrixXd gates = modules::gate_matrix(d);
      const auto v = train(latent, latent.from_full(modules::random_init(d, 0.1, 3)), gates, 0.02, 5000, 1e-20);
      const auto readout = latent.measure(v, gates, 0);
      BOOST_TEST(readout.loss < 1e-6);  // trained: the bound below is tight enough to mean something
      const Eigen::MatrixXd F = modules::functional_share(latent, v, gates);
      const Eigen::VectorXd C = modules::cancellation_ratio(latent, v, gates);
      for (int rho = 0; rho < d.dataset.rules; ++rho) {
        const double rule_loss = readout.rule_loss[static_cast<std::size_t>(rho)];
        BOOST_TEST(std::abs(1.0 - F.row(rho).sum()) <= std::sqrt(2.0 * rule_loss) + 1e-14);
        BOOST_TEST(C(rho) >= 1.0 - 1e-14);
      }
      if (std::string(name) == "gt-modular") {
        const modules::FullObjective full(d);
        modules::State w;
        for (int m = 0; m < d.size(); ++m)
          w.push_back(modules::to_full(d.dataset, d.modules[static_cast<std::size_t>(m)], v[static_cast<std::size_t>(m)]));
        const auto full_readout = full.measure(w, gates, 0);
        for (int rho = 0; rho < d.dataset.rules; ++rho) {
          BOOST_TEST(C(rho) == 1.0);
          BOOST_TEST(std::abs(F(rho, rho) - full_readout.answer_contribution[static_cast<std::size_t>(rho)]) < 1e-12);
          BOOST_TEST(F.row(rho).cwiseAbs().sum() == std::abs(F(rho, rho)));  // the other modules are gated off
        }
      } else {
        BOOST_TEST(C.minCoeff() > 1.05);  // the shared module's cross-talk is cancelled by the rule modules
      }
    }
  }
}

namespace {

// Two shallow modules writing Ωy only, A with gate 1 and B with gate `gate_b` on both rules, on n1 = 2, k1 = k2 = 1,
// r = 1, R = 2 (features: latent S = 2 is x_0, S = 1 is x_1; complement S = 0, 3).
modules::Description two_answer_modules(modules::Block input, double gate_b) {
  modules::Description d;
  d.dataset = {2, 1, 1, 1.0, 2, {}, {}};
  d.modules = {{"A", input, modules::Block::omega, 0, {modules::GateKind::constant, 1.0, 0, {}}},
               {"B", input, modules::Block::omega, 0, {modules::GateKind::constant, gate_b, 0, {}}}};
  return d;
}

}  // namespace

// Two Ωx → Ωy shallow modules on n1 = 2 (features: latent S = 2 is x_0, S = 1 is x_1; gain 1 on both), gates 1
// and ½ on both rules. Module A answers x_0 but leaks ½·x_1; module B writes −x_1, and its gate ½ cancels the leak:
//   rule ρ's answer row Σ_m g_m A_m = (x_0: 1, x_1: ½ − ½) = (1, 0), while Σ_m ‖g_m A_m‖ = √(1 + ¼) + ½.
// So C_ρ = (1 + √5)/2 on both rules. F: rule 0 (asks x_0) gets (1, 0); rule 1 (asks x_1) gets (½, −½), sum 0,
// and P_F gives rule 0 entirely to A and rule 1 half and half.
BOOST_AUTO_TEST_CASE(cancellation_ratio_of_a_hand_built_cancellation) {
  const auto d = two_answer_modules(modules::Block::omega, 0.5);
  const modules::LatentObjective latent(d, {modules::full_block(d.dataset)});
  modules::State v(2);  // one answer row over the latents S = 0, 1, 2, 3 (complement S = 0, 3 have gain 0)
  v[0].W1 = Eigen::RowVector4d(0.0, 0.5, 1.0, 0.0);
  v[1].W1 = Eigen::RowVector4d(0.0, -1.0, 0.0, 0.0);
  const Eigen::MatrixXd gates = modules::gate_matrix(d);
  const Eigen::VectorXd C = modules::cancellation_ratio(latent, v, gates);
  const double golden = (1.0 + std::sqrt(5.0)) / 2.0;
  BOOST_TEST(std::abs(C(0) - golden) < 1e-15);
  BOOST_TEST(std::abs(C(1) - golden) < 1e-15);
  Eigen::MatrixXd expected(2, 2);
  expected << 1.0, 0.0, 0.5, -0.5;
  BOOST_TEST((modules::functional_share(latent, v, gates) - expected).cwiseAbs().maxCoeff() < 1e-15);
  Eigen::MatrixXd expected_P(2, 2);  // π = ½: rule 0 → (½, 0), rule 1 → (¼, ¼)
  expected_P << 0.5, 0.0, 0.25, 0.25;
  BOOST_TEST((modules::functional_routing_matrix(expected, d.dataset) - expected_P).cwiseAbs().maxCoeff() < 1e-15);
}

// A block of multiplicity k stands for k identical latents: the full block with equal weights on the two
// complement latents (S = 0, 3 at n1 = 2) gives the same F and C as a block holding S = 0 once with multiplicity 2.
// Only the order of a few sums differs (1e-14 for values O(1)); the complement part is large enough (weights 0.8
// and 0.7 at gain β_x) that counting it once instead of twice would change C in the 2nd digit.
BOOST_AUTO_TEST_CASE(multiplicity_counts_in_the_cancellation_norms) {
  const auto d = two_answer_modules(modules::Block::all, 0.6);
  const Eigen::MatrixXd gates = modules::gate_matrix(d);
  const modules::LatentObjective full(d, {modules::full_block(d.dataset)});
  modules::State vf(2);
  vf[0].W1 = Eigen::RowVector4d(0.8, 0.3, 1.1, 0.8);  // latents S = 0, 1, 2, 3
  vf[1].W1 = Eigen::RowVector4d(-0.7, 0.9, -0.4, -0.7);
  modules::LatentBlock features{{2, 1}, true, {}, 1.0}, complement{{0}, true, {}, 2.0};
  const modules::LatentObjective grouped(d, {features, complement});
  modules::State vg(4);  // block-major: features (A, B), then complement (A, B)
  vg[0].W1 = Eigen::RowVector2d(1.1, 0.3), vg[1].W1 = Eigen::RowVector2d(-0.4, 0.9);
  vg[2].W1 = Eigen::RowVectorXd::Constant(1, 0.8), vg[3].W1 = Eigen::RowVectorXd::Constant(1, -0.7);
  const Eigen::VectorXd Cf = modules::cancellation_ratio(full, vf, gates), Cg = modules::cancellation_ratio(grouped, vg, gates);
  BOOST_TEST((Cf - Cg).cwiseAbs().maxCoeff() < 1e-14);
  BOOST_TEST((modules::functional_share(full, vf, gates) - modules::functional_share(grouped, vg, gates)).cwiseAbs().maxCoeff() < 1e-14);
  modules::LatentBlock once = complement;
  once.multiplicity = 1.0;
  const modules::LatentObjective undercounted(d, {features, once});
  BOOST_TEST((modules::cancellation_ratio(undercounted, vg, gates) - Cf).cwiseAbs().maxCoeff() > 1e-2);
}
