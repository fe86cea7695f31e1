// Proofs (docs/theory.md §4–§5): under gradient flow a mode of aligned, balanced weights obeys
// τ·da/dt = 2a(s − λa) (deep) or τ·da/dt = s − λa (shallow), and each family's closed-form a(t) of every
// architecture solves that equation with a(0) = a0 and reaches a*/2 at its half-rise time. All decided by
// GiNaC in the parameters — no tolerance.
#define BOOST_TEST_MODULE symbolic_flow
#include <boost/test/unit_test.hpp>

#include "support.hpp"

using namespace dln;
using GiNaC::ex;
using GiNaC::matrix;
using GiNaC::symbol;

// The weight flow τ dW1/dt = W2ᵀE, τ dW2/dt = E W1ᵀ, E = Σyx − W2W1Σx (§4), at W1 = R diag(w) Vᵀ,
// W2 = U diag(w) Rᵀ, moves W = W2W1 by τ dW/dt = E W1ᵀW1 + W2W2ᵀE = U diag(2a_i(s_i − λ_i a_i)) Vᵀ, a_i = w_i².
BOOST_AUTO_TEST_CASE(aligned_weight_flow_is_the_mode_equation) {
  const symbol w1("w1"), w2("w2"), s1("s1"), s2("s2"), l1("l1"), l2("l2");
  const test::Frames frames;
  const matrix &U = frames.U, &V = frames.V, &R = frames.R, &V2 = frames.V2;
  const matrix sigma_yx = U.mul(test::diagonal(s1, s2)).mul(V2.transpose());
  const matrix sigma_x = V.mul(matrix(3, 3, GiNaC::lst{l1, 0, 0, 0, l2, 0, 0, 0, 0})).mul(V.transpose());
  const matrix W1 = R.mul(test::diagonal(w1, w2)).mul(V2.transpose());
  const matrix W2 = U.mul(test::diagonal(w1, w2)).mul(R.transpose());
  const matrix E = sigma_yx.sub(W2.mul(W1).mul(sigma_x));
  const matrix tau_dW = E.mul(W1.transpose().mul(W1)).add(W2.mul(W2.transpose()).mul(E));
  const ex a1 = w1 * w1, a2 = w2 * w2;
  BOOST_TEST(test::matrices_equal(tau_dW, U.mul(test::diagonal(2 * a1 * (s1 - l1 * a1), 2 * a2 * (s2 - l2 * a2))).mul(V2.transpose())));
  // Shallow: τ dW/dt = E at W = U diag(a) Vᵀ is U diag(s_i − λ_i a_i) Vᵀ.
  const matrix W = U.mul(test::diagonal(a1, a2)).mul(V2.transpose());
  BOOST_TEST(test::matrices_equal(sigma_yx.sub(W.mul(sigma_x)), U.mul(test::diagonal(s1 - l1 * a1, s2 - l2 * a2)).mul(V2.transpose())));
}

BOOST_AUTO_TEST_CASE(each_closed_form_solves_its_mode_equation) {
  const auto& p = symbolic::parameters();
  const ex tau = 1 / (p.P * p.lr);
  for (auto arch : test::kArchitectures) {
    for (const auto& f : symbolic::symbolic_families(arch)) {
      BOOST_TEST_CONTEXT(analytic::to_string(arch) << " " << f.label) {
        const auto rate = [&](const ex& a) { return f.deep ? 2 * a * (f.s - f.lambda * a) : f.s - f.lambda * a; };
        const ex a = symbolic::flow_trajectory(f), a_star = symbolic::asymptote(f);
        BOOST_TEST(test::identically_zero(tau * a.diff(p.t) - rate(a)));
        BOOST_TEST(test::identically_zero(a.subs(p.t == 0) - p.a0));
        BOOST_TEST(test::identically_zero(rate(a_star)));  // a* = s/λ is the equation's fixed point
        BOOST_TEST(test::identically_zero(a.subs(p.t == symbolic::half_rise_time(f)) - a_star / 2));
      }
    }
  }
}

// A wrong closed form is caught: the deep form with the exponent's factor 2 dropped does not solve it.
BOOST_AUTO_TEST_CASE(a_wrong_form_is_not_proven) {
  const auto& p = symbolic::parameters();
  const auto f = symbolic::symbolic_families(analytic::Architecture::dense).front();
  const ex a_star = symbolic::asymptote(f);
  const ex wrong = a_star * p.a0 / (p.a0 + (a_star - p.a0) * GiNaC::exp(-f.s * p.P * p.lr * p.t));
  BOOST_TEST(!test::identically_zero(wrong.diff(p.t) / (p.P * p.lr) - 2 * wrong * (f.s - f.lambda * wrong)));
}
