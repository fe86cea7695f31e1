// docs/theory.md §4–5: the exact discrete map a_{t+1} = a_t(1 + η(s − λa_t))² (deep) and
// a_t = a* + (a0 − a*)(1 − ηλ)^t (shallow) against full-batch gradient descent written out here on the
// dense matrices; the gradient-flow closed form against that map (first order in η); and the
// effective initial strengths of a random init against explicit mode vectors.
#define BOOST_TEST_MODULE analytic_discrete
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <utility>

#include "dln/numeric/init.hpp"
#include "support.hpp"

namespace {

using namespace dln;
using analytic::Architecture;
using analytic::DatasetSpec;
using analytic::TimeModel;

// Degenerate settings of docs/theory.md §13 next to generic ones (P ≤ 16 keeps the loop cheap).
const std::vector<DatasetSpec> kSettings = {
    {3, 1, 3, 1, 1.0, {}},      // the paper's default
    {3, 1, 0, 2, 1.0, {}},      // k1 = 0: no per-item input, π3 absent
    {3, 2, 2, 0, 1.0, {}},      // k2 = 0: π2 and π3 absent
    {3, 0, 2, 1, 0.5, {}},      // n2 = 0: π1 absent
    {3, 3, 1, 2, 2.0, {}},      // n2 = n1: π2 absent
    {2, 1, 2, 2, 1.5, {}},      // k1 = k2
    {4, 2, 1, 3, 0.5, {3, 1}},  // P = 16, non-default keep
};

constexpr std::array kArchitectures = {Architecture::dense, Architecture::split, Architecture::segregated,
                                       Architecture::shallow};

// One full-batch GD step on every module from the old weights: deep W1 += η W2ᵀE, W2 += η E W1ᵀ with
// E = Σyx − W2W1Σx; shallow W += η(Σyx − WΣx).
void gd_step(analytic::NetworkWeights& weights, const std::vector<test::ModuleData>& data,
             const std::vector<analytic::ModuleLayout>& layouts, double eta) {
  for (std::size_t m = 0; m < weights.size(); ++m) {
    auto& w = weights[m];
    if (!layouts[m].deep) {
      w.W1 += eta * (data[m].sigma_yx - w.W1 * data[m].sigma_x);
      continue;
    }
    const Eigen::MatrixXd E = data[m].sigma_yx - w.W2 * w.W1 * data[m].sigma_x;
    const Eigen::MatrixXd W1_old = w.W1;
    w.W1 += eta * w.W2.transpose() * E;
    w.W2 += eta * E * W1_old.transpose();
  }
}

Eigen::MatrixXd module_map(const analytic::ModuleWeights& w, bool deep) { return deep ? w.W2 * w.W1 : w.W1; }

// The whole network's map, rows of Y × columns of X, each module placed on the blocks it connects.
Eigen::MatrixXd network_map(const DatasetSpec& spec, const analytic::NetworkWeights& weights,
                            const std::vector<analytic::ModuleLayout>& layouts, Eigen::Index outputs,
                            Eigen::Index inputs) {
  Eigen::MatrixXd W = Eigen::MatrixXd::Zero(outputs, inputs);
  for (std::size_t m = 0; m < layouts.size(); ++m) {
    const test::Range rows = test::block_range(spec.n2, outputs, layouts[m].output);
    const test::Range cols = test::block_range(spec.n1, inputs, layouts[m].input);
    W.block(rows.first, cols.first, rows.count, cols.count) += module_map(weights[m], layouts[m].deep);
  }
  return W;
}

double mean_projection(const test::FamilyVectors& vectors, const Eigen::MatrixXd& W) {
  return (vectors.U.transpose() * W * vectors.V).diagonal().mean();
}

// Everything theory_trajectory reports, measured on explicit weights: loss (1/2P)‖Y − WX‖², the class
// means of u_jᵀ W v_j over the dense modes, the quadrant norms and, for modular architectures, each
// family's mean projection inside its own module.
class Measurement {
public:
  Measurement(const DatasetSpec& spec, Architecture arch)
      : spec_(spec), modes_(analytic::architecture_modes(spec, arch)), dense_(analytic::architecture_modes(spec, Architecture::dense)),
        layouts_(analytic::module_layouts(arch)), X_(analytic::input_matrix(spec)), Y_(analytic::output_matrix(spec)) {
    for (const auto& family : dense_.families)
      dense_vectors_.push_back(family.present() ? test::family_vectors(dense_, family) : test::FamilyVectors{});
    for (const auto& family : modes_.families)
      family_vectors_.push_back(family.present() ? test::family_vectors(modes_, family) : test::FamilyVectors{});
  }

  // Largest absolute difference between the measured quantities and the closed-form row.
  double difference(const analytic::NetworkWeights& weights, const analytic::TrajectoryRow& row) const {
    const Eigen::MatrixXd W = network_map(spec_, weights, layouts_, Y_.rows(), X_.rows());
    double diff = std::abs((Y_ - W * X_).squaredNorm() / (2.0 * spec_.P()) - row.loss);
    for (std::size_t c = 0; c < 3; ++c) {
      const double measured = dense_.families[c].present() ? mean_projection(dense_vectors_[c], W) : 0.0;
      diff = std::max(diff, std::abs(measured - row.a_pi[c]));
    }
    const Eigen::Index oy = spec_.n2, gy = W.rows() - oy, ox = spec_.n1, gx = W.cols() - ox;
    diff = std::max({diff, std::abs(W.block(0, 0, oy, ox).norm() - row.quadrants.OxOy),
                     std::abs(W.block(0, ox, oy, gx).norm() - row.quadrants.GxOy),
                     std::abs(W.block(oy, 0, gy, ox).norm() - row.quadrants.OxGy),
                     std::abs(W.block(oy, ox, gy, gx).norm() - row.quadrants.GxGy)});
    if (layouts_.size() > 1) {
      BOOST_TEST_REQUIRE(row.family_strength.size() == modes_.families.size());
      for (std::size_t i = 0; i < modes_.families.size(); ++i) {
        const auto& family = modes_.families[i];
        if (!family.present()) continue;
        const auto m = static_cast<std::size_t>(family.module);
        const double measured = mean_projection(family_vectors_[i], module_map(weights[m], layouts_[m].deep));
        diff = std::max(diff, std::abs(measured - row.family_strength[i]));
      }
    }
    return diff;
  }

  const analytic::ArchitectureModes& modes() const { return modes_; }
  const std::vector<analytic::ModuleLayout>& layouts() const { return layouts_; }

private:
  DatasetSpec spec_;
  analytic::ArchitectureModes modes_, dense_;
  std::vector<analytic::ModuleLayout> layouts_;
  Eigen::MatrixXd X_, Y_;
  std::vector<test::FamilyVectors> dense_vectors_, family_vectors_;
};

// Linear stability of full-batch GD, computed numerically. The deep update of §4 is GD with step η on
// L'(W1, W2) = ½tr(W2W1 Σx W1ᵀW2ᵀ) − tr(W2W1 Σyxᵀ); at a point where E = Σyx − W2W1Σx = 0 its Hessian
// is the quadratic form ‖(dW2 W1 + W2 dW1) Σx^{1/2}‖² = ‖J·(dW1, dW2)‖², so GD is linearly stable iff
// η·λ_max(JᵀJ) < 2. Shallow: the Hessian of ½tr(WΣxWᵀ) − tr(WΣyxᵀ) is Σx ⊗ I, stable iff η·λ_max(Σx) < 2.
// This returns λ_max (the sharpness) of one module at the balanced point W1 = diag(√a*)·Vᵀ,
// W2 = U·diag(√a*) built from the closed-form families (E = 0 there: test_spectrum shows the families
// are the whole SVD of Σyx), or 0 for a module without modes.
double module_sharpness(const analytic::ArchitectureModes& modes, int module, const Eigen::MatrixXd& sigma_x) {
  Eigen::MatrixXd U(0, 0), V(0, 0);
  std::vector<double> root;
  for (const auto& family : modes.families) {
    if (family.module != module || !family.present()) continue;
    const test::FamilyVectors vectors = test::family_vectors(modes, family);
    U.conservativeResize(vectors.U.rows(), U.cols() + vectors.U.cols());
    U.rightCols(vectors.U.cols()) = vectors.U;
    V.conservativeResize(vectors.V.rows(), V.cols() + vectors.V.cols());
    V.rightCols(vectors.V.cols()) = vectors.V;
    root.insert(root.end(), static_cast<std::size_t>(vectors.U.cols()), std::sqrt(family.asymptote()));
  }
  if (root.empty()) return 0.0;
  const bool deep = analytic::module_layouts(modes.arch)[static_cast<std::size_t>(module)].deep;
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(sigma_x);
  if (!deep) return eigen.eigenvalues().maxCoeff();
  const Eigen::Map<const Eigen::VectorXd> d(root.data(), static_cast<Eigen::Index>(root.size()));
  const Eigen::MatrixXd W1 = d.asDiagonal() * V.transpose(), W2 = U * d.asDiagonal();
  // Σx^{1/2}, with the roundoff-negative zero eigenvalues of the PSD Σx clamped (operatorSqrt would give NaN).
  const Eigen::MatrixXd sqrt_sigma = eigen.eigenvectors() * eigen.eigenvalues().cwiseMax(0.0).cwiseSqrt().asDiagonal() *
                                     eigen.eigenvectors().transpose();
  const Eigen::Index hidden = W1.rows(), in = W1.cols(), out = W2.rows();
  // Column of J for each weight: vec((dW2 W1 + W2 dW1) Σx^{1/2}), column-major, out × in.
  Eigen::MatrixXd J = Eigen::MatrixXd::Zero(out * in, hidden * (in + out));
  Eigen::Index col = 0;
  for (Eigen::Index h = 0; h < hidden; ++h)  // dW1 = e_h e_iᵀ → W2.col(h)·Σx^{1/2}.row(i)
    for (Eigen::Index i = 0; i < in; ++i, ++col)
      J.col(col) = (W2.col(h) * sqrt_sigma.row(i)).reshaped();
  const Eigen::MatrixXd W1_sqrt = W1 * sqrt_sigma;
  for (Eigen::Index k = 0; k < out; ++k)  // dW2 = e_k e_hᵀ → only row k, = W1.row(h)·Σx^{1/2}
    for (Eigen::Index h = 0; h < hidden; ++h, ++col)
      for (Eigen::Index i = 0; i < in; ++i) J(k + out * i, col) = W1_sqrt(h, i);
  const Eigen::MatrixXd gram = J.rows() <= J.cols() ? Eigen::MatrixXd(J * J.transpose()) : Eigen::MatrixXd(J.transpose() * J);
  return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(gram, Eigen::EigenvaluesOnly).eigenvalues().maxCoeff();
}

// The largest learning rate at which GD is linearly stable at the closed-form fixed point: every module
// must satisfy η·sharpness < 2, η = P·lr. Memoised: two test cases ask for the same settings.
double critical_lr(const analytic::ArchitectureModes& modes) {
  static std::map<std::string, double> known;
  const std::string key = test::describe(modes.spec) + " " + std::string(analytic::to_string(modes.arch));
  if (const auto it = known.find(key); it != known.end()) return it->second;
  const auto layouts = analytic::module_layouts(modes.arch);
  double sharpness = 0.0;
  for (std::size_t m = 0; m < layouts.size(); ++m)
    sharpness = std::max(sharpness, module_sharpness(modes, static_cast<int>(m),
                                                     test::module_data(modes.spec, layouts[m]).sigma_x));
  return known[key] = 2.0 / (modes.spec.P() * sharpness);
}

}  // namespace

// GD from the aligned init (numeric::aligned_init, every mode at a0 = 1e-3, two spare hidden units)
// follows the exact discrete map to 1e-12 at every epoch, in every read-out, for every architecture,
// at half the critical learning rate (η·sharpness = 1: linearly stable with margin, see critical_lr).
// Why 1e-12 holds: weights and read-outs are O(1) (a* ≤ 3), each epoch adds roundoff of a few ε times
// the ≤ 64-term sums (≲ 1e-14); while a mode grows from a0 the map multiplies a perturbation and the
// mode alike, so the *relative* error only accumulates linearly (200 epochs · ~1e-15), and near a* the
// map contracts (stable), so the total stays ~1e-13. Why it matters: the flow closed form differs from
// the same GD by O(η) ≳ 1e-2 here, ten orders of magnitude more, and a one-epoch offset by far more.
BOOST_AUTO_TEST_CASE(discrete_map_is_exact_for_full_batch_gd) {
  constexpr int kEpochs = 200;
  constexpr double kA0 = 1e-3;
  for (const auto& spec : kSettings) {
    for (const auto arch : kArchitectures) {
      BOOST_TEST_CONTEXT(test::describe(spec) << " " << analytic::to_string(arch)) {
        const Measurement measurement(spec, arch);
        const auto& modes = measurement.modes();
        const double lr = 0.5 * critical_lr(modes);
        const analytic::Trajectory theory = analytic::theory_trajectory(
            modes, analytic::uniform_initial_strengths(modes, kA0), {lr, kEpochs, TimeModel::discrete});
        BOOST_TEST_REQUIRE(analytic::to_string(theory.status) == "ok");
        BOOST_TEST_REQUIRE(theory.rows.size() == static_cast<std::size_t>(kEpochs) + 1);

        std::vector<test::ModuleData> data;
        for (const auto& layout : measurement.layouts()) data.push_back(test::module_data(spec, layout));
        auto weights = numeric::aligned_init(modes, static_cast<int>(spec.patterns()) + 2, kA0);
        double worst = 0.0;
        for (int t = 0; t <= kEpochs; ++t) {
          if (t > 0) gd_step(weights, data, measurement.layouts(), spec.P() * lr);
          worst = std::max(worst, measurement.difference(weights, theory.rows[static_cast<std::size_t>(t)]));
        }
        BOOST_TEST(worst <= 1e-12);
        // The run must actually learn something, or agreement would prove nothing.
        BOOST_TEST(theory.rows.front().loss - theory.rows.back().loss > 0.05);
      }
    }
  }
}

// docs/theory.md §4 and analytic::gd_stability ("linear stability of full-batch GD at a0 = a*"): the learning
// rate at which the library's check turns from stable to unstable (value = bound; the check is linear in
// lr) must be the true critical learning rate of full-batch GD at that fixed point, where η·sharpness
// reaches 2 (critical_lr). Checked on the whole grid up to n1 = 2 and on the settings above, for every
// architecture. Tolerance 1e-9 relative: both sides come from O(1) numbers, and the largest eigenvalue of
// the ≤ 1000² Gram matrix is accurate to ~1e-13 relative; a wrong criterion is off by a factor.
// Failures are collected so that one message lists how many settings disagree and the worst ones.
BOOST_AUTO_TEST_CASE(gd_stability_threshold_is_the_linear_stability_threshold) {
  std::vector<DatasetSpec> settings = test::dataset_grid(2);
  settings.insert(settings.end(), kSettings.begin(), kSettings.end());
  std::vector<std::pair<double, std::string>> wrong;  // (library / truth, description)
  int checked = 0;
  for (const auto& spec : settings) {
    for (const auto arch : kArchitectures) {
      const auto modes = analytic::architecture_modes(spec, arch);
      const analytic::StabilityCheck check = analytic::gd_stability(modes, 1.0);
      if (check.value == 0.0) continue;  // no mode to learn: nothing can go unstable
      ++checked;
      const double library = check.bound / check.value, truth = critical_lr(modes);
      if (!(std::abs(library / truth - 1.0) <= 1e-9))
        wrong.emplace_back(library / truth, fmt::format("{} {}: gd_stability's critical lr {:.6g}, true {:.6g}",
                                                        test::describe(spec), analytic::to_string(arch), library,
                                                        truth));
    }
  }
  std::sort(wrong.begin(), wrong.end(), std::greater<>());
  std::string worst;
  for (std::size_t i = 0; i < std::min<std::size_t>(wrong.size(), 8); ++i)
    worst += fmt::format("\n  ratio {:.4f}  {}", wrong[i].first, wrong[i].second);
  BOOST_TEST(wrong.empty(), wrong.size() << " of " << checked << " settings × architectures disagree; worst:" << worst);
}

// What the threshold is for: at 0.9 times the learning rate gd_stability calls critical, full-batch GD
// from the aligned init (a0 = 1e-3, plus i.i.d. N(0, 1e-8²) weights so that it is not confined to the
// mode manifold by exact zeros) must converge: after 3000 epochs the loss is within 1e-9 of the
// min-norm loss (a stable run gets there to roundoff, ~1e-15, well before; a diverging one is NaN or
// far off).
BOOST_AUTO_TEST_CASE(gd_converges_where_gd_stability_says_stable) {
  for (const auto& spec : kSettings) {
    for (const auto arch : kArchitectures) {
      BOOST_TEST_CONTEXT(test::describe(spec) << " " << analytic::to_string(arch)) {
        const auto modes = analytic::architecture_modes(spec, arch);
        const analytic::StabilityCheck check = analytic::gd_stability(modes, 1.0);
        if (check.value == 0.0) continue;
        const double lr = 0.9 * check.bound / check.value;
        const auto layouts = analytic::module_layouts(arch);
        std::vector<test::ModuleData> data;
        for (const auto& layout : layouts) data.push_back(test::module_data(spec, layout));
        const int hidden = static_cast<int>(spec.patterns()) + 2;
        auto weights = numeric::aligned_init(modes, hidden, 1e-3);
        const auto noise = numeric::random_init(spec, arch, hidden, 1e-8, 11);
        for (std::size_t m = 0; m < weights.size(); ++m) {
          weights[m].W1 += noise[m].W1;
          if (layouts[m].deep) weights[m].W2 += noise[m].W2;
        }
        for (int t = 0; t < 3000; ++t) gd_step(weights, data, layouts, spec.P() * lr);
        const Eigen::MatrixXd X = analytic::input_matrix(spec), Y = analytic::output_matrix(spec);
        const double final_loss =
            (Y - network_map(spec, weights, layouts, Y.rows(), X.rows()) * X).squaredNorm() / (2.0 * spec.P());
        const double min_loss = analytic::loss(modes, analytic::asymptotic_strengths(modes));
        BOOST_TEST(std::abs(final_loss - min_loss) <= 1e-9,
                   "at lr " << lr << " (gd_stability value " << 0.9 << "): final loss " << final_loss
                            << ", min-norm loss " << min_loss);
      }
    }
  }
}

namespace {

// max over t/τ on the coarse grid and over the a_pi columns of |flow − discrete|, at learning rate
// lr0/refine (refine times as many epochs, compared on every refine-th row).
double flow_discrete_gap(const analytic::ArchitectureModes& modes, double lr0, int epochs0, int refine) {
  const analytic::TheoryOptions flow{lr0 / refine, epochs0 * refine, TimeModel::flow};
  analytic::TheoryOptions discrete = flow;
  discrete.time = TimeModel::discrete;
  const auto a0 = analytic::uniform_initial_strengths(modes, 1e-3);
  const auto f = analytic::theory_trajectory(modes, a0, flow), d = analytic::theory_trajectory(modes, a0, discrete);
  BOOST_TEST_REQUIRE(f.rows.size() == d.rows.size());
  double gap = 0.0;
  for (int t = 0; t <= epochs0; ++t)
    for (std::size_t c = 0; c < 3; ++c) {
      const auto row = static_cast<std::size_t>(t * refine);
      gap = std::max(gap, std::abs(f.rows[row].a_pi[c] - d.rows[row].a_pi[c]));
    }
  return gap;
}

}  // namespace

// GD is a consistent first-order discretisation of gradient flow: the discrete map is the Euler step
// a + 2ηa(s − λa) (deep; shallow a + ηλ(a* − a)) plus O(η²), so at fixed t/τ the gap to the flow is
// C·η + O(η²) and halving lr halves it: ratio 2·(1 + O(η·s)). At lr0 = 0.01 (η·s_max ≈ 0.1 deep,
// η·λ_max ≈ 0.11 shallow) that correction is ≲ 10%, hence each ratio must lie in [1.8, 2.2]; an O(1)
// gap (wrong map, wrong time unit, one-epoch offset) gives a ratio ≈ 1, a second-order one ≈ 4.
BOOST_AUTO_TEST_CASE(flow_and_discrete_map_differ_by_first_order_in_lr) {
  for (const auto arch : {Architecture::dense, Architecture::shallow, Architecture::split}) {
    BOOST_TEST_CONTEXT(analytic::to_string(arch)) {
      const auto modes = analytic::architecture_modes(DatasetSpec{}, arch);
      const double g1 = flow_discrete_gap(modes, 0.01, 200, 1);
      const double g2 = flow_discrete_gap(modes, 0.01, 200, 2);
      const double g4 = flow_discrete_gap(modes, 0.01, 200, 4);
      BOOST_TEST_MESSAGE(analytic::to_string(arch) << ": gaps " << g1 << " " << g2 << " " << g4 << ", ratios "
                                                   << g1 / g2 << " " << g2 / g4);
      BOOST_TEST(g1 > 1e-4);  // the two models do differ at this lr
      BOOST_TEST(g1 / g2 >= 1.8);
      BOOST_TEST(g1 / g2 <= 2.2);
      BOOST_TEST(g2 / g4 >= 1.8);
      BOOST_TEST(g2 / g4 <= 2.2);
    }
  }
}

// docs/theory.md §5: a0_j = ¼‖W1 v_j + W2ᵀu_j‖² (deep) or u_jᵀ W v_j (shallow), computed by the library through
// fast transforms, equals the same formula with explicit vectors, for every mode of every family.
// Tolerance 1e-12·max(1, |a0|): both sides are sums of ≤ 64·10 products of O(1) numbers (σ = 0.3,
// hidden 10) in different orders, so they differ by ≲ 640·ε·(sum of |terms|) ≈ 1e-13 relative.
BOOST_AUTO_TEST_CASE(effective_initial_strengths_of_a_random_init) {
  for (const auto& spec : kSettings) {
    for (const auto arch : kArchitectures) {
      BOOST_TEST_CONTEXT(test::describe(spec) << " " << analytic::to_string(arch)) {
        const auto modes = analytic::architecture_modes(spec, arch);
        const auto weights = numeric::random_init(spec, arch, 10, 0.3, 20240917);
        const auto a0 = analytic::effective_initial_strengths(modes, weights);
        BOOST_TEST_REQUIRE(a0.size() == modes.families.size());
        for (std::size_t i = 0; i < modes.families.size(); ++i) {
          const auto& family = modes.families[i];
          BOOST_TEST_CONTEXT(family.label) {
            BOOST_TEST_REQUIRE(a0[i].size() == static_cast<std::size_t>(family.multiplicity));
            if (!family.present()) continue;
            const test::FamilyVectors vectors = test::family_vectors(modes, family);
            const auto& w = weights[static_cast<std::size_t>(family.module)];
            for (Eigen::Index j = 0; j < vectors.V.cols(); ++j) {
              const double expected =
                  family.deep ? 0.25 * (w.W1 * vectors.V.col(j) + w.W2.transpose() * vectors.U.col(j)).squaredNorm()
                              : vectors.U.col(j).dot(w.W1 * vectors.V.col(j));
              const double got = a0[i][static_cast<std::size_t>(j)];
              BOOST_TEST(std::abs(got - expected) <= 1e-12 * std::max(1.0, std::abs(expected)),
                         "mode " << j << ": expected " << expected << ", got " << got);
            }
          }
        }
      }
    }
  }
}

// dln's default lr (analytic::default_lr): the paper's 0.02 at the paper's setting, and at n1 = 10
// (P = 1024), where 0.02 makes the exact GD map leave the finite numbers at epoch 7, half the stability
// limit: the map stays finite for every architecture, and the dense π1 mode, the one whose large
// asymptote sets the limit, converges to a* = s/λ. At η = P·lr ≈ 0.5 it needs about (1/(2ηs))·ln(a*/a0) ≈ 20
// epochs from a0 = 1e-6, so at 300 epochs the exact map sits at its fixed point a* to rounding (1e-9 is loose);
// the small π2 and π3 modes (s ∝ 1/P) take thousands of epochs and are only required to be rising.
BOOST_AUTO_TEST_CASE(default_lr_keeps_larger_settings_stable) {
  BOOST_TEST(analytic::default_lr(analytic::architecture_modes(DatasetSpec{}, Architecture::dense)) == analytic::kPaperLr);
  for (const Architecture arch : kArchitectures) {
    const DatasetSpec spec{10, 1, 3, 1, 1.0, {}};
    const auto modes = analytic::architecture_modes(spec, arch);
    const double lr = analytic::default_lr(modes);
    BOOST_TEST(lr < analytic::kPaperLr);
    const auto trajectory = analytic::theory_trajectory(modes, analytic::uniform_initial_strengths(modes, 1e-6),
                                                        {lr, 300, TimeModel::discrete});
    BOOST_TEST_REQUIRE((trajectory.status == analytic::RunStatus::ok));
    BOOST_TEST_REQUIRE(trajectory.rows.size() == 301u);
    if (arch != Architecture::dense) continue;
    const auto dense = analytic::dense_classes(spec);
    BOOST_TEST(trajectory.rows.back().a_pi[0] == dense[0].asymptote(), boost::test_tools::tolerance(1e-9));
    for (std::size_t c = 1; c < dense.size(); ++c) BOOST_TEST(trajectory.rows.back().a_pi[c] > 1e-6);
  }
}
