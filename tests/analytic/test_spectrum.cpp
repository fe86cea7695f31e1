// The closed-form spectra and singular vectors of docs/theory.md §3 (dense) and §7 (the modules of the split
// and segregated architectures), checked against the explicit matrices on the whole parameter grid.
//
// Tolerance 1e-10 throughout. On this grid every entry of Σx, Σyx is ≤ max(1, r²/P) ≤ 2, every
// singular value or eigenvalue ≤ L1/P ≤ 7, and no matrix has more than 198 rows or columns (n1 = 6,
// k = 3). A product such as Uᵀ Σyx V (unit columns) therefore carries roundoff ≲ 198 · ε · 7 ≈ 3e-13,
// and the symmetric eigensolver (also used, on Gram matrices, for singular values) is accurate to a few
// ε·‖Σ‖ (ε·‖Σ‖² for squared singular values) ≲ 1e-14.
// A wrong closed form is off by O(1/P²) ≥ 1/4096 at least, seven orders of magnitude above it.
#define BOOST_TEST_MODULE analytic_spectrum
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>
#include <functional>

#include "support.hpp"

namespace {

using namespace dln;
using analytic::Architecture;
using test::max_abs;

constexpr double kTolerance = 1e-10;

Eigen::VectorXd sorted_descending(std::vector<double> values, Eigen::Index size) {
  values.resize(static_cast<std::size_t>(size), 0.0);
  std::sort(values.begin(), values.end(), std::greater<>());
  return Eigen::Map<Eigen::VectorXd>(values.data(), size);
}

// Squared singular values of M (descending, min(rows, cols) of them): the eigenvalues of the smaller
// Gram matrix M Mᵀ or Mᵀ M. The symmetric eigensolver is backward stable, so they carry an absolute
// error ≈ ε‖M‖² ≲ 1e-14, and comparing squares keeps zero singular values as sharp as the others
// (their square roots would only be good to √ε ≈ 1e-8). Several times cheaper than an SVD here;
// Eigen 3.4's BDCSVD is avoided anyway: it loses digits on clustered spectra like these.
Eigen::VectorXd numerical_squared_singular_values(const Eigen::MatrixXd& m) {
  if (m.size() == 0) return Eigen::VectorXd(0);
  const Eigen::MatrixXd gram = m.rows() <= m.cols() ? Eigen::MatrixXd(m * m.transpose()) : Eigen::MatrixXd(m.transpose() * m);
  return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(gram, Eigen::EigenvaluesOnly).eigenvalues().reverse();
}

Eigen::VectorXd numerical_eigenvalues(const Eigen::MatrixXd& symmetric) {
  if (symmetric.size() == 0) return Eigen::VectorXd(0);
  return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(symmetric, Eigen::EigenvaluesOnly).eigenvalues().reverse();
}

// Eigenvalues of Σx_m by input block, derived by hand: all of X → the dense closed form; Ωx only →
// ΩxΩxᵀ/P = I_n1; Γx only → (r²/P)(J_k1 ⊗ I_P), i.e. k1r²/P P times and 0 (k1 − 1)P times.
Eigen::VectorXd expected_input_eigenvalues(const analytic::DatasetSpec& spec, analytic::Block input) {
  const auto P = static_cast<Eigen::Index>(spec.patterns());
  switch (input) {
    case analytic::Block::all: return analytic::closed_form_eigenvalues(spec);
    case analytic::Block::omega: return Eigen::VectorXd::Ones(spec.n1);
    case analytic::Block::gamma:
      return sorted_descending(std::vector<double>(static_cast<std::size_t>(spec.k1 > 0 ? P : 0),
                                                   spec.k1 * spec.r * spec.r / spec.P()),
                               spec.k1 * P);
  }
  return {};
}

// Every present family of one module, stacked: U, V, and the closed-form s and λ per column.
struct ModuleModes {
  Eigen::MatrixXd U, V;
  std::vector<double> s, lambda;
};

ModuleModes stack_module_modes(const analytic::ArchitectureModes& modes, int module, Eigen::Index out_dim,
                               Eigen::Index in_dim) {
  ModuleModes m{Eigen::MatrixXd(out_dim, 0), Eigen::MatrixXd(in_dim, 0), {}, {}};
  for (const auto& family : modes.families) {
    if (family.module != module || !family.present()) continue;
    const test::FamilyVectors vectors = test::family_vectors(modes, family);
    BOOST_TEST_CONTEXT("family " << family.label) {
      BOOST_TEST(vectors.U.cols() == family.multiplicity);
      BOOST_TEST(vectors.V.cols() == family.multiplicity);
    }
    m.U.conservativeResize(Eigen::NoChange, m.U.cols() + vectors.U.cols());
    m.U.rightCols(vectors.U.cols()) = vectors.U;
    m.V.conservativeResize(Eigen::NoChange, m.V.cols() + vectors.V.cols());
    m.V.rightCols(vectors.V.cols()) = vectors.V;
    m.s.insert(m.s.end(), static_cast<std::size_t>(vectors.U.cols()), family.s);
    m.lambda.insert(m.lambda.end(), static_cast<std::size_t>(vectors.U.cols()), family.lambda);
  }
  return m;
}

// For each module of the architecture: Uᵀ Σyx V = diag(s) and Σyx = U diag(s) Vᵀ (so the families are
// the whole SVD, not just part of it), Σx V = V diag(λ), UᵀU = VᵀV = I over all families together,
// and the multiplicities agree with a numerical SVD / eigendecomposition. Returns each module's
// numerical squared singular values.
std::vector<Eigen::VectorXd> check_architecture(const analytic::DatasetSpec& spec, Architecture arch) {
  const auto modes = analytic::architecture_modes(spec, arch);
  const auto layouts = analytic::module_layouts(arch);
  std::vector<Eigen::VectorXd> squared_singular_values;
  for (std::size_t module = 0; module < layouts.size(); ++module) {
    BOOST_TEST_CONTEXT(analytic::to_string(arch) << " module " << layouts[module].name) {
      const test::ModuleData data = test::module_data(spec, layouts[module]);
      const ModuleModes m = stack_module_modes(modes, static_cast<int>(module), data.Y.rows(), data.X.rows());
      const Eigen::Map<const Eigen::VectorXd> s(m.s.data(), static_cast<Eigen::Index>(m.s.size()));
      const Eigen::Map<const Eigen::VectorXd> lambda(m.lambda.data(), static_cast<Eigen::Index>(m.lambda.size()));
      const auto k = static_cast<Eigen::Index>(m.s.size());

      BOOST_TEST(max_abs(m.U.transpose() * data.sigma_yx * m.V - Eigen::MatrixXd(s.asDiagonal())) <= kTolerance);
      BOOST_TEST(max_abs(data.sigma_yx - m.U * s.asDiagonal() * m.V.transpose()) <= kTolerance);
      BOOST_TEST(max_abs(data.sigma_x * m.V - m.V * lambda.asDiagonal()) <= kTolerance);
      BOOST_TEST(max_abs(m.U.transpose() * m.U - Eigen::MatrixXd::Identity(k, k)) <= kTolerance);
      BOOST_TEST(max_abs(m.V.transpose() * m.V - Eigen::MatrixXd::Identity(k, k)) <= kTolerance);

      const Eigen::VectorXd numeric_s2 = numerical_squared_singular_values(data.sigma_yx);
      const Eigen::VectorXd closed_s = sorted_descending(m.s, numeric_s2.size());
      BOOST_TEST(k <= numeric_s2.size());
      BOOST_TEST(max_abs(numeric_s2 - closed_s.cwiseAbs2()) <= kTolerance);
      const Eigen::VectorXd numeric_lambda = numerical_eigenvalues(data.sigma_x);
      const Eigen::VectorXd closed_lambda = expected_input_eigenvalues(spec, layouts[module].input);
      BOOST_TEST_REQUIRE(numeric_lambda.size() == closed_lambda.size());
      BOOST_TEST(max_abs(numeric_lambda - closed_lambda) <= kTolerance);
      squared_singular_values.push_back(numeric_s2);
    }
  }
  return squared_singular_values;
}

}  // namespace

// docs/theory.md §3: the dense classes are exactly the SVD of Σyx and eigenvectors of Σx, with the tabled
// multiplicities (absent classes included), and the library's own sorted lists and numerical check agree.
BOOST_AUTO_TEST_CASE(dense_spectrum_on_grid) {
  for (const auto& spec : test::dataset_grid()) {
    BOOST_TEST_CONTEXT(test::describe(spec)) {
      const Eigen::VectorXd numeric_s2 = check_architecture(spec, Architecture::dense).front();
      const Eigen::VectorXd closed_s = analytic::closed_form_singular_values(spec);
      BOOST_TEST_REQUIRE(numeric_s2.size() == closed_s.size());
      BOOST_TEST(max_abs(numeric_s2 - closed_s.cwiseAbs2()) <= kTolerance);
      // The library's own check (a Jacobi SVD, unsquared values) must agree as well.
      const analytic::SpectrumCheck check = analytic::check_spectrum_numerically(spec);
      BOOST_TEST(check.performed);
      BOOST_TEST(check.max_abs_error <= kTolerance);
    }
  }
}

// docs/theory.md §7: each module of the split and segregated architectures, with its own Σx_m and Σyx_m, has
// exactly the closed-form modes the library lists for it.
BOOST_AUTO_TEST_CASE(modular_spectra_on_grid) {
  for (const auto& spec : test::dataset_grid()) {
    BOOST_TEST_CONTEXT(test::describe(spec)) {
      check_architecture(spec, Architecture::split);
      check_architecture(spec, Architecture::segregated);
    }
  }
}

// The fast Walsh–Hadamard path equals the explicit product M·mode_vectors on both sides of every
// present family of every architecture. Tolerance 1e-10: M has entries in [−1, 1] and the vectors
// unit columns of ≤ 198 entries, so each entry is a sum of ≤ 198 terms of size ≤ 1; summation in a
// different order (the transform adds log2 P levels) differs by ≤ 198 · 198 · ε ≈ 1e-11 at worst.
BOOST_AUTO_TEST_CASE(apply_to_mode_vectors_matches_explicit_product) {
  std::srand(12345);  // Eigen's Random draws from std::rand
  for (const auto& spec : test::dataset_grid()) {
    BOOST_TEST_CONTEXT(test::describe(spec)) {
      for (auto arch : {Architecture::dense, Architecture::split, Architecture::segregated, Architecture::shallow}) {
        const auto modes = analytic::architecture_modes(spec, arch);
        const auto layouts = analytic::module_layouts(arch);
        for (const auto& family : modes.families) {
          if (!family.present()) continue;
          const auto& layout = layouts[static_cast<std::size_t>(family.module)];
          const auto walsh = analytic::walsh_indices(spec, family.basis);
          for (const auto& [side, shape] : {std::pair{analytic::input_side(spec, layout.input), family.v},
                                            std::pair{analytic::output_side(spec, layout.output), family.u}}) {
            const Eigen::MatrixXd M = Eigen::MatrixXd::Random(3, side.dimension());
            const Eigen::MatrixXd fast =
                analytic::apply_to_mode_vectors(M, analytic::walsh_transformed_copies(M, side), side, shape, walsh);
            const Eigen::MatrixXd explicit_product = M * analytic::mode_vectors(side, shape, walsh);
            BOOST_TEST_CONTEXT(analytic::to_string(arch) << " " << family.label) {
              BOOST_TEST_REQUIRE(fast.cols() == family.multiplicity);
              BOOST_TEST(max_abs(fast - explicit_product) <= kTolerance);
            }
          }
        }
      }
    }
  }
}
