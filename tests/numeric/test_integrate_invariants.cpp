// What gradient flow (docs/theory.md §4) guarantees from any init, checked on integrated random inits:
// the balance W1W1ᵀ − W2ᵀW2 is conserved, the map converges to the min-norm solution on the data's
// input space (docs/theory.md §6), and the part of W1 on the input null space never moves.
#define BOOST_TEST_MODULE integrate_invariants
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>

#include "dln/analytic.hpp"
#include "dln/numeric.hpp"
#include "module_blocks.hpp"

using namespace dln;
using analytic::Architecture;
using analytic::Block;

namespace {


Eigen::MatrixXd module_input(const analytic::DatasetSpec& spec, const analytic::ModuleLayout& layout) {
  const Eigen::MatrixXd X = analytic::input_matrix(spec);
  const auto [first, count] = test::block_span(layout.input, spec.n1, X.rows());
  return X.middleRows(first, count);
}

// Orthonormal bases of the column space of X_m (inputs the data reaches) and of its complement, the
// null space of X_mᵀ, from a full SVD.
struct InputSpaces {
  Eigen::MatrixXd data, null;
};
InputSpaces input_spaces(const Eigen::MatrixXd& X) {
  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(X, Eigen::ComputeFullU);
  const Eigen::Index rank = svd.rank();
  return {svd.matrixU().leftCols(rank), svd.matrixU().rightCols(X.rows() - rank)};
}

Eigen::MatrixXd module_map(const analytic::ModuleLayout& layout, const analytic::ModuleWeights& w) {
  return layout.deep ? Eigen::MatrixXd(w.W2 * w.W1) : w.W1;
}

double state_norm(const analytic::NetworkWeights& weights) {
  double squared = 0.0;
  for (const auto& w : weights) squared += w.W1.squaredNorm() + w.W2.squaredNorm();
  return std::sqrt(squared);
}

double entries(const analytic::NetworkWeights& weights) {
  double n = 0.0;
  for (const auto& w : weights) n += static_cast<double>(w.W1.size() + w.W2.size());
  return n;
}

// Dopri5 makes 6 right-hand-side evaluations per step, accepted or rejected (the 7th stage is the next
// step's first).
double steps(const numeric::IntegrationResult& result) { return static_cast<double>(result.rhs_evaluations) / 6.0; }

const std::vector<analytic::DatasetSpec> kSettings = {{3, 1, 3, 1, 1.0, {}}, {3, 0, 2, 1, 1.0, {}},
                                                      {3, 2, 2, 2, 0.5, {0, 2}}};

}  // namespace

// τ d(W1W1ᵀ)/dt = W2ᵀE W1ᵀ + W1 EᵀW2 = τ d(W2ᵀW2)/dt, so the balance I = W1W1ᵀ − W2ᵀW2 of every deep
// module is constant along the flow while each term grows from O(σ²) to O(1). The flow conserves I
// exactly, so its numerical drift is the sum over steps of ∇I·(local error) with no amplification:
// ‖ΔI‖ ≤ N·2√2·M·(√n·atol + rtol·2M) for N steps, n entries, weight norm ≤ M and the per-entry error
// bound atol + rtol·(|w| + dt|ẇ|) of an accepted step (dt‖ẇ‖ ≤ M: no step moves the weights by more
// than their size). From σ = 0.01 the weight norm grows monotonically toward the solution
// (d‖w‖²/dt = 4η⟨W, Σyx − WΣx⟩ ≥ 0 while every mode is below its asymptote), so M is the final norm.
// A drift that is an integration error must also shrink with rtol: ∝ rtol (test_integrate), so ≥ 10×
// for 100× smaller rtol, half the expected order in log. A wrong gradient breaks conservation by O(1).
BOOST_AUTO_TEST_CASE(balance_is_conserved) {
  for (const auto& spec : kSettings)
    for (auto arch : {Architecture::dense, Architecture::split, Architecture::segregated}) {
      BOOST_TEST_CONTEXT("n1 n2 k1 k2 = " << spec.n1 << spec.n2 << spec.k1 << spec.k2 << ", "
                                           << analytic::to_string(arch)) {
        const numeric::Objective objective(spec, arch);
        const auto initial = numeric::random_init(spec, arch, 7, 0.01, 42);
        double drift[2] = {0.0, 0.0};
        const double rtols[2] = {1e-8, 1e-10};
        for (int k = 0; k < 2; ++k) {
          numeric::IntegrationOptions options;
          options.rtol = rtols[k];
          options.atol = 1e-4 * rtols[k];
          const auto result = numeric::integrate_flow(objective, initial, options);
          BOOST_REQUIRE((result.trajectory.status == analytic::RunStatus::ok));
          double grown = 0.0;
          for (std::size_t m = 0; m < initial.size(); ++m) {
            const auto &w0 = initial[m], &w = result.final_weights[m];
            const Eigen::MatrixXd I0 = w0.W1 * w0.W1.transpose() - w0.W2.transpose() * w0.W2;
            const Eigen::MatrixXd I = w.W1 * w.W1.transpose() - w.W2.transpose() * w.W2;
            drift[k] = std::max(drift[k], (I - I0).norm());
            grown = std::max(grown, (w.W1 * w.W1.transpose() - w0.W1 * w0.W1.transpose()).norm());
          }
          const double M = state_norm(result.final_weights);
          const double bound = steps(result) * 2.0 * std::sqrt(2.0) * M *
                               (std::sqrt(entries(initial)) * options.atol + options.rtol * 2.0 * M);
          BOOST_TEST_MESSAGE("rtol " << rtols[k] << ": drift " << drift[k] << ", bound " << bound << ", W1W1ᵀ moved "
                                     << grown);
          BOOST_TEST(drift[k] <= bound);
          BOOST_TEST(grown >= 0.1);  // the terms did move: the check is not vacuous
        }
        BOOST_TEST(drift[0] >= 10.0 * drift[1]);
      }
    }
}

// From a small random init every module's map converges to its min-norm solution on the inputs the
// data reaches (Y X⁺ there; docs/theory.md §6, §7), measured by the quadrant norms of W·Π_data against
// analytic::asymptotic_quadrants, while W1 (W for shallow) on the null space of X_mᵀ keeps its initial
// value exactly: its gradient is (…)·X_mᵀ, whose rows lie in the column space of X_m.
//
// Epochs: in the linear phase a mode grows as a0·e^(2st/τ) and, once risen, |a − a*| ≈ (a*²/a0)·e^(−2st/τ)
// (docs/theory.md §5, deep flow), so |a − a*| ≤ ε after t = (τ/2s)·ln(a*²/(a0 ε)); shallow modes need
// t = (τ/λ)·ln(|a0 − a*|/ε). We take the slowest mode, ε = 1e-9 and 50% more time, for the a0 estimate
// of a random init is approximate (docs/theory.md §5). What cannot converge is O(σ²): the products of two
// untrained O(σ) weight parts (spare hidden units, outputs with no target), ≲ hidden·σ² ≈ 1e-7 — so
// quadrants agree to 1e-6.
//
// Null space: each step adds to W1 a combination of gradients whose null-space part is rounding, so
// ‖Δ(W1 N)‖ ≤ 10·N·ε·max‖W1‖ over N steps (ε the machine epsilon, 10 for the few operations per step).
BOOST_AUTO_TEST_CASE(converges_to_min_norm_map_on_data_space) {
  constexpr double sigma = 1e-4, epsilon = 1e-9, lr = 0.02;
  constexpr int hidden = 12;  // ≥ the rank of every module's target (8 for dense at n1 = 3)
  for (const auto& spec : kSettings)
    for (auto arch : {Architecture::dense, Architecture::split, Architecture::segregated, Architecture::shallow}) {
      BOOST_TEST_CONTEXT("n1 n2 k1 k2 = " << spec.n1 << spec.n2 << spec.k1 << spec.k2 << ", "
                                           << analytic::to_string(arch)) {
        const numeric::Objective objective(spec, arch);
        const auto& modes = objective.modes();
        const auto initial = numeric::random_init(spec, arch, hidden, sigma, 7);
        const auto a0 = analytic::effective_initial_strengths(modes, initial);
        const double tau = 1.0 / (spec.P() * lr);
        double t_converged = 0.0;
        for (std::size_t i = 0; i < modes.families.size(); ++i) {
          const auto& f = modes.families[i];
          for (double start : a0[i]) {
            const double a_star = f.asymptote();
            t_converged = std::max(t_converged, f.deep ? tau / (2 * f.s) * std::log(a_star * a_star / (start * epsilon))
                                                       : tau / f.lambda * std::log(std::abs(start - a_star) / epsilon));
          }
        }
        numeric::IntegrationOptions options;
        options.lr = lr;
        options.epochs = static_cast<int>(std::ceil(1.5 * t_converged));
        const auto result = numeric::integrate_flow(objective, initial, options);
        BOOST_REQUIRE((result.trajectory.status == analytic::RunStatus::ok));

        // Assemble W·Π_data module by module and read its quadrants.
        const Eigen::MatrixXd X = analytic::input_matrix(spec), Y = analytic::output_matrix(spec);
        Eigen::MatrixXd W = Eigen::MatrixXd::Zero(Y.rows(), X.rows());
        const auto layouts = analytic::module_layouts(arch);
        for (std::size_t m = 0; m < layouts.size(); ++m) {
          const auto [r0, nr] = test::block_span(layouts[m].output, spec.n2, Y.rows());
          const auto [c0, nc] = test::block_span(layouts[m].input, spec.n1, X.rows());
          const InputSpaces spaces = input_spaces(module_input(spec, layouts[m]));
          W.block(r0, c0, nr, nc) =
              module_map(layouts[m], result.final_weights[m]) * spaces.data * spaces.data.transpose();

          const Eigen::MatrixXd null_before = initial[m].W1 * spaces.null;
          const Eigen::MatrixXd null_after = result.final_weights[m].W1 * spaces.null;
          const double rounding = 10.0 * steps(result) * std::numeric_limits<double>::epsilon() *
                                  std::max(initial[m].W1.norm(), result.final_weights[m].W1.norm());
          BOOST_TEST_MESSAGE("module " << m << ": null-space part " << null_before.norm() << ", moved "
                                       << (null_after - null_before).norm() << ", bound " << rounding);
          BOOST_TEST((null_after - null_before).norm() <= rounding);
          if (spaces.null.cols() > 0) BOOST_TEST(null_before.norm() >= 1e3 * rounding);  // not vacuous
        }
        const Eigen::Index n2 = spec.n2, n1 = spec.n1;
        const analytic::Quadrants expected = analytic::asymptotic_quadrants(modes);
        BOOST_TEST_MESSAGE("epochs " << options.epochs << ", OxOy " << W.topLeftCorner(n2, n1).norm() - expected.OxOy
                                     << ", GxGy " << W.bottomRightCorner(W.rows() - n2, W.cols() - n1).norm() - expected.GxGy);
        BOOST_TEST(std::abs(W.topLeftCorner(n2, n1).norm() - expected.OxOy) <= 1e-6);
        BOOST_TEST(std::abs(W.topRightCorner(n2, W.cols() - n1).norm() - expected.GxOy) <= 1e-6);
        BOOST_TEST(std::abs(W.bottomLeftCorner(W.rows() - n2, n1).norm() - expected.OxGy) <= 1e-6);
        BOOST_TEST(std::abs(W.bottomRightCorner(W.rows() - n2, W.cols() - n1).norm() - expected.GxGy) <= 1e-6);
      }
    }
}
