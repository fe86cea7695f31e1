#pragma once
// Shared by the symbolic tests: deciding that an expression is identically zero, and the architectures.
#include <ginac/ginac.h>

#include "dln/symbolic.hpp"

namespace dln::test {

inline constexpr analytic::Architecture kArchitectures[] = {analytic::Architecture::dense, analytic::Architecture::split,
                                                           analytic::Architecture::segregated,
                                                           analytic::Architecture::shallow};

// exp(c·ln x) → x^c, which GiNaC leaves alone (it only folds exp(ln x)).
inline GiNaC::ex fold_exp_of_log(const GiNaC::ex& e) {
  using GiNaC::wild;
  return e.subs(GiNaC::exp(wild(0) * GiNaC::log(wild(1))) == GiNaC::pow(wild(1), wild(0)),
                GiNaC::subs_options::algebraic);
}

// True when e is 0 as a function of the (positive) parameters: expand() splits every root of a product of
// positive symbols into roots of the symbols, whose products GiNaC then combines exactly, and normal() brings
// the rest (rational in those roots and in exponentials, which it treats as atoms) to one fraction.
inline bool identically_zero(const GiNaC::ex& e) { return fold_exp_of_log(e).expand().normal().is_zero(); }

inline bool matrices_equal(const GiNaC::matrix& a, const GiNaC::matrix& b) {
  for (unsigned i = 0; i < a.rows(); ++i)
    for (unsigned j = 0; j < a.cols(); ++j)
      if (!identically_zero(a(i, j) - b(i, j))) return false;
  return true;
}

// Exact orthonormal frames with rational entries for the aligned-weights proofs: U (2 output modes),
// V (3 input directions, the third a null direction of Σx) and R (3 hidden units, 2 used).
struct Frames {
  static GiNaC::ex third(int k) { return GiNaC::ex(k) / 3; }
  GiNaC::matrix U{2, 2, GiNaC::lst{GiNaC::ex(3) / 5, GiNaC::ex(-4) / 5, GiNaC::ex(4) / 5, GiNaC::ex(3) / 5}};
  GiNaC::matrix V{3, 3, GiNaC::lst{third(1), third(2), third(2), third(2), third(1), third(-2), third(2), third(-2), third(1)}};
  GiNaC::matrix R{3, 2, GiNaC::lst{third(2), third(-2), third(1), third(2), third(2), third(1)}};
  GiNaC::matrix V2 = GiNaC::ex_to<GiNaC::matrix>(GiNaC::sub_matrix(V, 0, 3, 0, 2));  // the two mode directions
};

inline GiNaC::matrix diagonal(const GiNaC::ex& a, const GiNaC::ex& b) {
  return GiNaC::matrix(2, 2, GiNaC::lst{a, 0, 0, b});
}

}  // namespace dln::test
