// Proof (docs/theory.md §5): one full-batch GD step W1 += η·W2ᵀE, W2 += η·E·W1ᵀ (both from the old weights,
// §4) maps aligned, balanced weights at strengths a_i to aligned, balanced weights at the strengths
// symbolic::discrete_step gives, a_i(1 + η(s_i − λ_i a_i))²; a shallow step maps U diag(a) Vᵀ to
// U diag(a + η(s − λa)) Vᵀ. Decided by GiNaC on exact 2-mode frames with symbolic s, λ, a, η.
#define BOOST_TEST_MODULE symbolic_discrete
#include <boost/test/unit_test.hpp>

#include "support.hpp"

namespace {

using namespace dln;
using GiNaC::ex;
using GiNaC::lst;
using GiNaC::matrix;
using GiNaC::symbol;

// A family with the given s and λ, the library's map written with η in place of P·lr.
ex library_step(bool deep, const ex& s, const ex& lambda, const ex& a, const symbol& eta) {
  const auto& p = symbolic::parameters();
  symbolic::SymbolicFamily family{"mode", 0, deep, 1, s, lambda, {0, 0}, {0, 0}, symbolic::Presence::always};
  return symbolic::discrete_step(family, a).subs(p.lr == eta / p.P);
}

struct Problem : test::Frames {
  symbol w1{"w1"}, w2{"w2"}, s1{"s1"}, s2{"s2"}, l1{"l1"}, l2{"l2"}, eta{"eta"};
  matrix sigma_yx = U.mul(test::diagonal(s1, s2)).mul(V2.transpose());
  matrix sigma_x = V.mul(matrix(3, 3, lst{l1, 0, 0, 0, l2, 0, 0, 0, 0})).mul(V.transpose());
};

}  // namespace

BOOST_AUTO_TEST_CASE(orthonormal_frames) {  // the proofs below rely on it
  const test::Frames f;
  const matrix &U = f.U, &V = f.V, &R = f.R;
  BOOST_TEST(test::matrices_equal(U.transpose().mul(U), ex_to<matrix>(GiNaC::unit_matrix(2))));
  BOOST_TEST(test::matrices_equal(V.transpose().mul(V), ex_to<matrix>(GiNaC::unit_matrix(3))));
  BOOST_TEST(test::matrices_equal(R.transpose().mul(R), ex_to<matrix>(GiNaC::unit_matrix(2))));
}

BOOST_AUTO_TEST_CASE(deep_gd_step_is_the_exact_map) {
  Problem q;
  const matrix &U = q.U, &R = q.R;
  const matrix W1 = R.mul(test::diagonal(q.w1, q.w2)).mul(q.V2.transpose());
  const matrix W2 = U.mul(test::diagonal(q.w1, q.w2)).mul(R.transpose());
  const matrix E = q.sigma_yx.sub(W2.mul(W1).mul(q.sigma_x));
  const matrix W1_next = W1.add(W2.transpose().mul(E).mul_scalar(q.eta));
  const matrix W2_next = W2.add(E.mul(W1.transpose()).mul_scalar(q.eta));
  // Still aligned and balanced: each new weight is the old frame with w_i·(1 + η(s_i − λ_i w_i²)).
  const ex g1 = q.w1 * (1 + q.eta * (q.s1 - q.l1 * q.w1 * q.w1)), g2 = q.w2 * (1 + q.eta * (q.s2 - q.l2 * q.w2 * q.w2));
  BOOST_TEST(test::matrices_equal(W1_next, R.mul(test::diagonal(g1, g2)).mul(q.V2.transpose())));
  BOOST_TEST(test::matrices_equal(W2_next, U.mul(test::diagonal(g1, g2)).mul(R.transpose())));
  // So W = W2W1 moves to U diag(a_i(1 + η(s_i − λ_i a_i))²) Vᵀ with a_i = w_i²: the library's map.
  const ex a1 = q.w1 * q.w1, a2 = q.w2 * q.w2;
  const matrix expected = U.mul(test::diagonal(library_step(true, q.s1, q.l1, a1, q.eta), library_step(true, q.s2, q.l2, a2, q.eta)))
                              .mul(q.V2.transpose());
  BOOST_TEST(test::matrices_equal(W2_next.mul(W1_next), expected));
  // The map of a wrong exponent is refused: a_i(1 + η(s_i − λ_i a_i)) is not the step.
  const matrix wrong = U.mul(test::diagonal(a1 * (1 + q.eta * (q.s1 - q.l1 * a1)), a2 * (1 + q.eta * (q.s2 - q.l2 * a2))))
                           .mul(q.V2.transpose());
  BOOST_TEST(!test::matrices_equal(W2_next.mul(W1_next), wrong));
}

BOOST_AUTO_TEST_CASE(shallow_gd_step_is_the_exact_map) {
  Problem q;
  const matrix& U = q.U;
  const symbol a1("a1"), a2("a2");
  const matrix W = U.mul(test::diagonal(a1, a2)).mul(q.V2.transpose());
  const matrix W_next = W.add(q.sigma_yx.sub(W.mul(q.sigma_x)).mul_scalar(q.eta));
  const matrix expected =
      U.mul(test::diagonal(library_step(false, q.s1, q.l1, a1, q.eta), library_step(false, q.s2, q.l2, a2, q.eta)))
          .mul(q.V2.transpose());
  BOOST_TEST(test::matrices_equal(W_next, expected));
}
