#include "dln/plots/style.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace dln::plots {

std::string_view hue_label(Hue hue) {
  switch (hue) {
    case Hue::pi1: return "π1 kept";
    case Hue::pi2: return "π2 dropped";
    case Hue::pi3: return "π3 per-item";
    case Hue::OxOy: return "ΩxΩy";
    case Hue::GxOy: return "ΓxΩy";
    case Hue::OxGy: return "ΩxΓy";
    case Hue::GxGy: return "ΓxΓy";
    case Hue::omega_train: return "Ωy train";
    case Hue::omega_test: return "Ωy test";
    case Hue::gamma_train: return "Γy train";
    case Hue::gamma_test: return "Γy test";
    case Hue::neutral:
    case Hue::contrast:
    case Hue::data_mode_1:
    case Hue::data_mode_2:
    case Hue::data_mode_3:
    case Hue::data_mode_4: return "";
    case Hue::collapse_avg: return "Collapse-Avg";
    case Hue::collapse_worst: return "Collapse-Worst";
    case Hue::inverse_mi: return "Inverse MI";
    case Hue::alignment: return "Alignment";
    case Hue::adaptation: return "Adaptation";
  }
  return "";
}

std::string_view hue_colour(Hue hue) {
  switch (hue) {
    // Mode classes: Tol "bright" blue, red, green.
    case Hue::pi1: return "#4477AA";
    case Hue::pi2: return "#EE6677";
    case Hue::pi3: return "#228833";
    // Quadrants: Tol "muted"/"vibrant" tones not used above; ΓxΩy, the read-out of non-systematicity,
    // gets the most saturated one.
    case Hue::OxOy: return "#AA3377";
    case Hue::GxOy: return "#EE7733";
    case Hue::OxGy: return "#33BBEE";
    case Hue::GxGy: return "#555555";
    // §10 losses: Tol "muted" indigo, teal, wine and olive — train and test of one block far apart.
    case Hue::omega_train: return "#332288";
    case Hue::omega_test: return "#44AA99";
    case Hue::gamma_train: return "#882255";
    case Hue::gamma_test: return "#999933";
    case Hue::neutral: return "#000000";
    // Tol "high-contrast" dark yellow.
    case Hue::contrast: return "#997700";
    // A user's data modes: the Tol "muted" tones left: purple, green, rose, cyan.
    case Hue::data_mode_1: return "#AA4499";
    case Hue::data_mode_2: return "#117733";
    case Hue::data_mode_3: return "#CC6677";
    case Hue::data_mode_4: return "#88CCEE";
    // Specialisation metrics: Tol "vibrant" blue, red, teal, magenta and a dark olive, apart from the above.
    case Hue::collapse_avg: return "#0077BB";
    case Hue::collapse_worst: return "#CC3311";
    case Hue::inverse_mi: return "#009988";
    case Hue::alignment: return "#EE3377";
    case Hue::adaptation: return "#666633";
  }
  return "#000000";
}

std::string lighten(std::string_view colour, double amount) {
  const auto channel = [&](std::size_t at) {
    const int value = std::stoi(std::string(colour.substr(at, 2)), nullptr, 16);
    return static_cast<int>(std::lround(value + (255 - value) * std::clamp(amount, 0.0, 1.0)));
  };
  return fmt::format("#{:02X}{:02X}{:02X}", channel(1), channel(3), channel(5));
}

std::string_view role_label(Role role) { return role == Role::simulation ? "simulation" : "theory"; }

LineStyle line_style(Role role, Hue hue) {
  if (role == Role::simulation) return {lighten(hue_colour(hue), 0.45), 5.0, false};
  return {std::string(hue_colour(hue)), 2.0, true};
}

}  // namespace dln::plots
