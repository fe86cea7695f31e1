#include "dln/symbolic/format.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <fmt/format.h>
#include <limits>
#include <sstream>
#include <vector>

namespace dln::symbolic {

using GiNaC::ex;
using GiNaC::ex_to;
using GiNaC::is_a;
using GiNaC::numeric;

namespace {

// text: 3√11/8 and r²·n2; latex; code: 3*sqrt(11)/8 and r^2*n2, GiNaC's (and SymPy's) input syntax.
enum class Style { text, latex, code };

// Binding strength of what an expression prints as: a sum binds loosest, then a product or quotient, then
// a power or root, then an atom (symbol, natural number, function call).
enum Level { sum = 1, product = 2, power_level = 3, atom = 4 };

bool is_negative_number(const ex& e) { return is_a<numeric>(e) && ex_to<numeric>(e).is_negative(); }

numeric coefficient_of(const ex& term) {
  if (is_a<numeric>(term)) return ex_to<numeric>(term);
  numeric c = 1;
  if (is_a<GiNaC::mul>(term))
    for (const ex& factor : term)
      if (is_a<numeric>(factor)) c *= ex_to<numeric>(factor);
  return c;
}

bool is_square_root(const ex& e) { return is_a<GiNaC::power>(e) && e.op(1).is_equal(GiNaC::numeric(1, 2)); }

bool goes_below(const ex& factor) {  // a power with a negative numeric exponent belongs in the denominator
  return is_a<GiNaC::power>(factor) && is_negative_number(factor.op(1));
}

// Where a factor goes in a printed product: roots of numbers right after the coefficient, then symbols and
// their powers, functions and powers of sums, sums last.
int factor_rank(const ex& e) {
  if (is_a<GiNaC::power>(e) && is_a<numeric>(e.op(0))) return 0;
  if (is_a<GiNaC::symbol>(e) || (is_a<GiNaC::power>(e) && !is_a<GiNaC::add>(e.op(0)))) return 1;
  if (is_a<GiNaC::function>(e)) return 2;
  return 3;
}

class Printer {
public:
  explicit Printer(Style style) : style_(style) {}

  std::string print(const ex& e) const {
    if (is_a<numeric>(e)) return number(ex_to<numeric>(e));
    if (is_a<GiNaC::symbol>(e)) return symbol(e);
    if (is_a<GiNaC::add>(e)) return sum_of(e);
    if (is_a<GiNaC::mul>(e) || goes_below(e)) return product_of(e);
    if (is_a<GiNaC::power>(e)) return power_of(e);
    if (is_a<GiNaC::function>(e)) return function_of(e);
    std::ostringstream out;  // anything else (a relation, a matrix): GiNaC's own form
    out << e;
    return out.str();
  }

private:
  static Level level(const ex& e) {
    if (is_a<GiNaC::add>(e)) return sum;
    if (is_a<numeric>(e)) {
      const numeric& n = ex_to<numeric>(e);
      if (n.is_negative()) return sum;
      return n.is_integer() ? atom : product;
    }
    if (is_a<GiNaC::mul>(e) || goes_below(e)) return product;
    if (is_a<GiNaC::power>(e)) return power_level;
    return atom;
  }

  // e printed where at least `needed` binding is required, in parentheses otherwise.
  std::string wrapped(const ex& e, Level needed) const {
    const std::string inner = print(e);
    if (level(e) >= needed) return inner;
    return style_ == Style::latex ? "\\left(" + inner + "\\right)" : "(" + inner + ")";
  }

  std::string number(const numeric& n) const {
    if (n.is_integer()) return text_of(n);
    if (n.is_rational()) {
      const std::string sign = n.is_negative() ? "-" : "";
      const numeric a = GiNaC::abs(n);
      if (style_ == Style::latex) return fmt::format("{}\\frac{{{}}}{{{}}}", sign, text_of(a.numer()), text_of(a.denom()));
      return fmt::format("{}{}/{}", sign, text_of(a.numer()), text_of(a.denom()));
    }
    return fmt::format("{:.17g}", n.to_double());
  }

  static std::string text_of(const numeric& n) {
    std::ostringstream out;
    out << ex(n);
    return out.str();
  }

  std::string symbol(const ex& e) const {
    std::ostringstream out;
    if (style_ == Style::latex)
      e.print(GiNaC::print_latex(out));
    else
      out << e;
    return out.str();
  }

  // GiNaC orders terms and factors by hashes that change from run to run; printing sorts them so that the
  // same expression always prints the same: terms with symbols before numbers, positive before negative,
  // then by their text.
  std::string sum_of(const ex& e) const {
    struct Term {
      bool number, negative;
      std::string body;
    };
    std::vector<Term> terms;
    for (const ex& term : e) {
      const bool negative = coefficient_of(term).is_negative();
      terms.push_back({is_a<numeric>(term), negative, print(negative ? ex(-term) : term)});
    }
    std::sort(terms.begin(), terms.end(), [](const Term& a, const Term& b) {
      return std::tie(a.number, a.negative, a.body) < std::tie(b.number, b.negative, b.body);
    });
    std::string text;
    bool first = true;
    for (const auto& [number, negative, body] : terms) {
      if (first)
        text = negative ? "-" + body : body;
      else
        text += (negative ? " - " : " + ") + body;
      first = false;
    }
    return text;
  }

  std::string product_of(const ex& e) const {
    numeric c = 1;
    std::vector<ex> above, below;
    const auto take = [&](const ex& factor) {
      if (is_a<numeric>(factor))
        c *= ex_to<numeric>(factor);
      else if (goes_below(factor))
        below.push_back(GiNaC::pow(factor.op(0), -factor.op(1)));
      else
        above.push_back(factor);
    };
    if (is_a<GiNaC::mul>(e))
      for (const ex& factor : e) take(factor);
    else
      take(e);
    const bool negative = c.is_negative();
    numeric p = GiNaC::abs(c).numer(), q = GiNaC::abs(c).denom();
    // c·√m with m | q: write it p/((q/m)·√m).
    for (auto it = above.begin(); it != above.end(); ++it)
      if (is_square_root(*it) && is_a<numeric>(it->op(0)) && ex_to<numeric>(it->op(0)).is_pos_integer() &&
          GiNaC::irem(q, ex_to<numeric>(it->op(0))).is_zero()) {
        q = q / ex_to<numeric>(it->op(0));
        below.insert(below.begin(), *it);
        above.erase(it);
        break;
      }
    sort_factors(above);
    sort_factors(below);
    const std::string numerator = factors(p, above), sign = negative ? "-" : "";
    if (q == 1 && below.empty()) return sign + numerator;
    const std::string denominator = factors(q, below);
    if (style_ == Style::latex) return fmt::format("{}\\frac{{{}}}{{{}}}", sign, numerator, denominator);
    // One factor is already wrapped as needed; a product below the bar needs parentheses.
    const bool single = (q == 1 && below.size() == 1) || below.empty();
    return fmt::format("{}{}/{}", sign, numerator, single ? denominator : "(" + denominator + ")");
  }

  void sort_factors(std::vector<ex>& list) const {
    std::vector<std::pair<std::pair<int, std::string>, ex>> keyed;
    for (const ex& factor : list) keyed.push_back({{factor_rank(factor), print(factor)}, factor});
    std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < list.size(); ++i) list[i] = keyed[i].second;
  }

  // The natural number n (left out when 1 and there are factors) times the factors.
  std::string factors(const numeric& n, const std::vector<ex>& list) const {
    std::string text = (n == 1 && !list.empty()) ? "" : text_of(n);
    bool only_the_number = !text.empty();  // 3√11, but a0·√2
    for (const ex& factor : list) {
      const std::string piece = wrapped(factor, power_level);
      if (!text.empty()) {
        const bool root_after_number = is_square_root(factor) && only_the_number;
        if (style_ == Style::code)
          text += "*";
        else if (!root_after_number)
          text += style_ == Style::latex ? " " : "·";
      }
      text += piece;
      only_the_number = false;
    }
    return text;
  }

  std::string power_of(const ex& e) const {
    const ex& base = e.op(0);
    const ex& exponent = e.op(1);
    if (is_square_root(e)) {
      if (style_ == Style::latex) return "\\sqrt{" + print(base) + "}";
      return style_ == Style::code ? "sqrt(" + print(base) + ")" : "√" + wrapped(base, atom);
    }
    std::string b = wrapped(base, atom);
    // (x − 1)² = (1 − x)²: GiNaC picks the sign by hash order, so print the one whose text leads with a
    // plus sign (or sorts first).
    if (is_a<GiNaC::add>(base) && exponent.info(GiNaC::info_flags::even)) {
      const std::string flipped = wrapped(-base, atom);
      const auto leads_negative = [](const std::string& t) { return t.rfind("(-", 0) == 0 || t.rfind("\\left(-", 0) == 0; };
      if (std::pair(leads_negative(flipped), flipped) < std::pair(leads_negative(b), b)) b = flipped;
    }
    if (style_ == Style::latex) return "{" + b + "}^{" + print(exponent) + "}";
    if (style_ == Style::text && is_a<numeric>(exponent) && ex_to<numeric>(exponent).is_integer()) {
      static const char* const superscripts[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
      const long k = ex_to<numeric>(exponent).to_long();
      if (k >= 2 && k <= 9) return b + superscripts[k];
    }
    return b + "^" + wrapped(exponent, atom);
  }

  std::string function_of(const ex& e) const {
    const std::string name = ex_to<GiNaC::function>(e).get_name();
    if (name == "exp") return style_ == Style::latex ? "e^{" + print(e.op(0)) + "}" : "exp(" + print(e.op(0)) + ")";
    if (name == "log") {
      if (style_ == Style::latex) return "\\ln\\left(" + print(e.op(0)) + "\\right)";
      return (style_ == Style::code ? "log(" : "ln(") + print(e.op(0)) + ")";
    }
    std::string text = (style_ == Style::latex ? "\\operatorname{" + name + "}" : name) + "(";
    for (std::size_t i = 0; i < e.nops(); ++i) text += (i > 0 ? ", " : "") + print(e.op(i));
    return text + ")";
  }

  Style style_;
};

}  // namespace

std::string to_text(const ex& e) { return Printer(Style::text).print(e); }
std::string to_latex(const ex& e) { return Printer(Style::latex).print(e); }

std::string to_ginac(const ex& e) { return Printer(Style::code).print(e); }

double to_decimal(const ex& e) {
  const long saved = GiNaC::Digits;
  GiNaC::Digits = 40;
  const ex value = e.evalf();
  GiNaC::Digits = saved;
  if (!is_a<numeric>(value) || !ex_to<numeric>(value).is_real()) return std::numeric_limits<double>::quiet_NaN();
  return ex_to<numeric>(value).to_double();
}

}  // namespace dln::symbolic
