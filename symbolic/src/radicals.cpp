#include "dln/symbolic/radicals.hpp"

#include <sstream>

#include "dln/symbolic/parameters.hpp"

namespace dln::symbolic {

using GiNaC::ex;
using GiNaC::ex_to;
using GiNaC::is_a;
using GiNaC::numeric;

namespace {

// n = f²·m with m square-free, n > 0 an integer. Trial division by d up to a bound keeps this fast for the
// large numerators exact settings produce; a leftover that is itself a perfect square is taken out too, so
// only a square of a prime above the bound can stay inside (still correct, just not fully reduced).
std::pair<numeric, numeric> square_free(numeric n) {
  numeric outside = 1, inside = 1;
  for (long d = 2; d <= 100000 && numeric(d * d) <= n; ++d) {
    const numeric divisor(d);
    while (GiNaC::irem(n, divisor * divisor).is_zero()) {
      n = n / (divisor * divisor);
      outside *= divisor;
    }
    if (GiNaC::irem(n, divisor).is_zero()) {
      n = n / divisor;
      inside *= divisor;
    }
  }
  const numeric root = GiNaC::isqrt(n);
  if (root * root == n) return {outside * root, inside};
  return {outside, inside * n};
}

bool is_rational_number(const ex& e) { return is_a<numeric>(e) && ex_to<numeric>(e).is_rational(); }

bool is_half_integer(const ex& e) {
  return is_a<numeric>(e) && ex_to<numeric>(e).is_rational() && ex_to<numeric>(e).denom() == 2;
}

// Π q_i^(k_i/2) over the rational factors with half-integer exponents of a product, and the rest.
ex merge_square_roots(const ex& product) {
  numeric coefficient = 1, radicand = 1;
  ex rest = 1;
  const auto take = [&](const ex& factor) {
    if (is_a<numeric>(factor) && ex_to<numeric>(factor).is_rational()) {
      coefficient *= ex_to<numeric>(factor);
    } else if (is_a<GiNaC::power>(factor) && is_rational_number(factor.op(0)) && is_half_integer(factor.op(1))) {
      // q^(k/2) = q^((k−1)/2) · √q, (k − 1)/2 an integer
      const numeric q = ex_to<numeric>(factor.op(0)), k = ex_to<numeric>(factor.op(1)) * 2;
      coefficient *= GiNaC::pow(q, (k - 1) / 2);
      radicand *= q;
    } else {
      rest *= factor;
    }
  };
  if (is_a<GiNaC::mul>(product))
    for (const ex& factor : product) take(factor);
  else
    take(product);
  if (radicand == 1) return coefficient * rest;
  // √(a/b) = √(a·b)/b, and a·b = f²·m
  const numeric a = radicand.numer(), b = radicand.denom();
  const auto [outside, inside] = square_free(a * b);
  const ex root = inside == 1 ? ex(1) : GiNaC::sqrt(ex(inside));
  return coefficient * outside / b * root * rest;
}

struct CanonicalRadicals : GiNaC::map_function {
  ex operator()(const ex& e) override {
    const ex mapped = e.map(*this);
    if (is_a<GiNaC::mul>(mapped) || is_a<GiNaC::power>(mapped)) return merge_square_roots(mapped);
    return mapped;
  }
};

std::size_t printed_length(const ex& e) {
  std::ostringstream out;
  out << e;
  return out.str().size();
}

}  // namespace

ex canonical_radicals(const ex& e) {
  CanonicalRadicals canonical;
  ex current = canonical(e);
  for (int pass = 0; pass < 4; ++pass) {  // a merge can expose another (a product inside a power)
    const ex next = canonical(current);
    if (next.is_equal(current)) break;
    current = next;
  }
  return current;
}

namespace {

// The root with square factors taken out and numbers merged, as positive_sqrt shows it; not yet checked.
ex tidied_sqrt(const ex& square) {
  const ex fraction = square.normal().numer_denom();
  // Split each side into outside² · inside, taking b^⌊e/2⌋ out of every factor b^e of its factorisation.
  const auto split = [](const ex& polynomial) {
    ex factored = GiNaC::factor(polynomial);
    // A negative content (−1·(a − b)) pairs with a factor of odd power: flip that factor's sign instead, so
    // that no −1 is left under the root.
    if (is_a<GiNaC::mul>(factored)) {
      numeric content = 1;
      for (const ex& factor : factored)
        if (is_a<numeric>(factor)) content *= ex_to<numeric>(factor);
      if (content.is_negative()) {
        ex flipped = -content;
        bool done = false;
        for (const ex& factor : factored) {
          if (is_a<numeric>(factor)) continue;
          if (!done && is_a<GiNaC::add>(factor)) {
            flipped *= -factor;
            done = true;
          } else {
            flipped *= factor;
          }
        }
        if (done) factored = flipped;
      }
    }
    ex outside = 1, inside = 1;
    // √(b²) = b only where b is known positive (a number, a positive symbol, a sum of positive terms): a difference
    // such as (L1 − k1r²)² stays under the root, since GiNaC may orient it either way round from run to run, and
    // taking it out would then flip the sign of the whole read-out.
    const auto take = [&](const ex& factor) {
      if (is_a<GiNaC::power>(factor) && factor.op(1).info(GiNaC::info_flags::posint) &&
          factor.op(0).info(GiNaC::info_flags::positive)) {
        const long e = ex_to<numeric>(factor.op(1)).to_long();
        outside *= GiNaC::pow(factor.op(0), e / 2);
        inside *= GiNaC::pow(factor.op(0), e % 2);
      } else {
        inside *= factor;
      }
    };
    if (is_a<GiNaC::mul>(factored))
      for (const ex& factor : factored) take(factor);
    else
      take(factored);
    return std::pair{outside, inside};
  };
  const auto [num_out, num_in] = split(fraction.op(0));
  const auto [den_out, den_in] = split(fraction.op(1));
  // The numeric part of the root goes through merge_square_roots (√24 → 2√6); symbolic parts stay one root.
  const ex inside = num_in / den_in;
  numeric inside_coefficient = 1;
  ex inside_rest = inside;
  if (is_a<GiNaC::mul>(inside)) {
    inside_rest = 1;
    for (const ex& factor : inside) {
      if (is_a<numeric>(factor))
        inside_coefficient *= ex_to<numeric>(factor);
      else
        inside_rest *= factor;
    }
  } else if (is_a<numeric>(inside)) {
    inside_coefficient = ex_to<numeric>(inside);
    inside_rest = 1;
  }
  const ex rest_root = inside_rest.is_equal(1) ? ex(1) : GiNaC::sqrt(inside_rest);
  return canonical_radicals(num_out / den_out * GiNaC::sqrt(ex(inside_coefficient)) * rest_root);
}

// The value of e with every symbol set to a positive reference value (the paper's setting for the dataset
// parameters, 1/3 for any other symbol such as a mode strength), in 40 digits.
ex at_reference_point(const ex& e) {
  const Parameters& p = parameters();
  GiNaC::exmap values{{p.n1, 3}, {p.n2, 1}, {p.k1, 3},  {p.k2, 1},  {p.r, 1},       {p.P, 8},
                      {p.L1, 11}, {p.L2, 9}, {p.lr, numeric(1, 50)}, {p.a0, numeric(1, 1000000)}, {p.t, 10}};
  for (auto i = e.preorder_begin(); i != e.preorder_end(); ++i)
    if (is_a<GiNaC::symbol>(*i) && values.find(*i) == values.end()) values[*i] = numeric(1, 3);
  const long saved = GiNaC::Digits;
  GiNaC::Digits = 40;
  const ex value = e.subs(values).evalf();
  GiNaC::Digits = saved;
  return value;
}

}  // namespace

ex positive_sqrt(const ex& square) {
  // GiNaC orients a factor such as (P − n1) either way round from run to run, so the tidied form is used only where
  // it provably is the same function — its square equals the radicand identically — and positive at a reference
  // point; otherwise the plain root of the radicand, which is always right.
  const ex tidied = tidied_sqrt(square);
  const ex value = at_reference_point(tidied);
  const bool positive = is_a<numeric>(value) && ex_to<numeric>(value).is_real() && !ex_to<numeric>(value).is_negative();
  if (positive && (tidied * tidied - square).normal().is_zero()) return tidied;
  return GiNaC::sqrt(square.normal());
}

ex simplest_form(const ex& e) {
  const Parameters& p = parameters();
  const ex r2 = p.r * p.r;
  ex best = e;
  if (const ex normal = e.normal(); printed_length(normal) <= printed_length(best)) best = normal;
  for (const GiNaC::relational& same : {p.P == p.L1 - p.k1 * r2, p.P == p.L2 - p.k2 * r2,
                                        p.k1 == (p.L1 - p.P) / r2, p.k2 == (p.L2 - p.P) / r2}) {
    const ex candidate = e.subs(same).normal();
    if (printed_length(candidate) < printed_length(best)) best = candidate;
  }
  return best;
}

}  // namespace dln::symbolic
