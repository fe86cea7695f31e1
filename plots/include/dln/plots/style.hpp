#pragma once
// The one visual vocabulary of every dln figure: what a curve is (its role: simulated or predicted)
// decides its line style, and what it measures (its hue: a mode class or a quadrant) decides its
// colour — so that a reader learns the code once and it means the same thing in every figure.
#include <string>
#include <string_view>

namespace dln::plots {

// Where a curve comes from. Simulation: a wide, lighter solid line; theory: a narrow, full-colour
// dashed line drawn on top, so that a prediction lying exactly on its simulation stays visible.
enum class Role { simulation, theory };

// What a curve measures. The mode classes of docs/theory.md §3 and the quadrants of §6 each keep one colour in
// every figure; so do the losses of §10's held-out experiment, per output block (compositional Ωy rows,
// per-item Γy rows) and set (train, test). `neutral` is for anything else (a single curve), `contrast`
// for a second such curve that must be told apart from it (a faulty test beside the true one). The
// data_mode hues are the groups of equal singular value of a user's data (dln simulate --data), in
// decreasing s: the first four, the rest in data_mode_4 (they also tell apart the modules of a routed description,
// named in the key). The last five are Mittal et al.'s specialisation
// metrics of routed modules (docs/modules.md §6.1).
enum class Hue { pi1, pi2, pi3, OxOy, GxOy, OxGy, GxGy, omega_train, omega_test, gamma_train, gamma_test, neutral, contrast,
                 data_mode_1, data_mode_2, data_mode_3, data_mode_4,
                 collapse_avg, collapse_worst, inverse_mi, alignment, adaptation };

// The label a class or quadrant is always shown with ("π1 kept", "ΓxΩy", …): by class, never by value.
std::string_view hue_label(Hue hue);

// "#rrggbb". Colour-blind-safe (Paul Tol's palettes); the mode classes, the quadrants and the §10 losses
// use disjoint colours so that a panel of one is never mistaken for a panel of another.
std::string_view hue_colour(Hue hue);
// The colour mixed with white by `amount` in [0, 1], for the lighter simulation lines.
std::string lighten(std::string_view colour, double amount);

std::string_view role_label(Role role);  // "simulation", "theory"

struct LineStyle {
  std::string colour;  // "#rrggbb"
  double width = 1.0;  // in gnuplot line-width units
  bool dashed = false;
};
LineStyle line_style(Role role, Hue hue);

// Fonts every format can render (the Greek of the labels included); sizes in points.
inline constexpr std::string_view kFontFamily = "DejaVu Sans";

}  // namespace dln::plots
