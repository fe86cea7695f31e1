// Learning curves on a user's data: (a) the mode strengths, one curve per group of equal singular value
// (the levels of a hierarchy), and (b) the loss, the simulated GD solid and the closed form dashed.
#include <cmath>
#include <filesystem>
#include <functional>
#include <fmt/format.h>

#include "dln/drawing/draw.hpp"

namespace dln::drawing {

namespace {

using analytic::DataCurve;

// Modes j..end of equal s (within 1e-9 relative, the data modes' tolerance), in decreasing s.
struct ModeGroup {
  Eigen::Index first = 0, count = 0;
};

std::vector<ModeGroup> equal_s_groups(const analytic::DataModes& m) {
  std::vector<ModeGroup> groups;
  for (Eigen::Index j = 0; j < m.rank; ++j)
    if (!groups.empty() && std::abs(m.s(j) - m.s(groups.back().first)) <= analytic::kModeTolerance * m.s(0))
      ++groups.back().count;
    else
      groups.push_back({j, 1});
  return groups;
}

plots::Hue group_hue(std::size_t g) {
  constexpr plots::Hue hues[] = {plots::Hue::data_mode_1, plots::Hue::data_mode_2, plots::Hue::data_mode_3,
                                 plots::Hue::data_mode_4};
  return hues[std::min<std::size_t>(g, 3)];
}

std::string group_name(const analytic::DataModes& m, const ModeGroup& g) {
  return g.count == 1 ? fmt::format("mode {} (s = {:.3g})", g.first + 1, m.s(g.first))
                      : fmt::format("modes {}–{} (s = {:.3g})", g.first + 1, g.first + g.count, m.s(g.first));
}

plots::Series series(const DataCurve& curve, plots::Role role, plots::Hue hue, std::string name,
                     const std::function<double(const analytic::DataRow&)>& value) {
  plots::Series s{std::move(name), role, hue, {}, {}};
  for (const auto& row : curve.rows) {
    s.x.push_back(row.t);
    s.y.push_back(value(row));
  }
  return s;
}

// "examples/data/hierarchy/{X,Y}.csv" for "../examples/data/hierarchy/X.csv" and ".../Y.csv": the files as
// the recipe names them, without the climb out of configs/.
std::string data_label(const std::vector<std::string>& files) {
  std::vector<std::filesystem::path> paths;
  for (const std::string& file : files) {
    std::filesystem::path path = std::filesystem::path(file).lexically_normal(), kept;
    for (const auto& part : path)
      if (!(kept.empty() && part == "..")) kept /= part;
    paths.push_back(kept);
  }
  if (paths.size() == 2 && paths[0].parent_path() == paths[1].parent_path() &&
      paths[0].extension() == paths[1].extension())
    return fmt::format("{}/{{{},{}}}{}", paths[0].parent_path().string(), paths[0].stem().string(),
                       paths[1].stem().string(), paths[0].extension().string());
  std::vector<std::string> names;
  for (const auto& path : paths) names.push_back(path.string());
  return fmt::format("{}", fmt::join(names, ", "));
}

std::string settings_line(const experiments::DataCurvesSpec& spec, const analytic::DataModes& m) {
  return fmt::format("{}: {} inputs, {} outputs, P = {} · full-batch GD, lr {:g} (τ = {:.4g} epochs)\nbalanced init "
                     "aligned with the modes, a0 = {:g}, hidden {} · theory: {} from the same a0 (docs/theory.md §5)",
                     data_label(spec.files), m.sigma_x.rows(), m.sigma_yx.rows(), m.P, spec.lr,
                     1.0 / (static_cast<double>(m.P) * spec.lr), spec.a0, spec.hidden,
                     spec.theory_time == analytic::TimeModel::discrete ? "exact map of full-batch GD" : "gradient flow");
}

// The modes and how closely the simulation followed the closed form: the largest |simulated − theory|
// strength over all epochs and modes.
std::string notes(const analytic::DataModes& m, const std::vector<ModeGroup>& groups,
                  const experiments::DataCurvesResult& result) {
  std::string text = "| modes | multiplicity | s | λ | asymptote s/λ |\n|---|---|---|---|---|\n";
  for (const ModeGroup& g : groups)
    text += fmt::format("| {} | {} | {:.6g} | {:.6g} | {:.6g} |\n", markdown_cell(group_name(m, g)), g.count,
                        m.s(g.first), m.lambda(g.first), m.asymptote()(g.first));
  double deviation = 0.0;
  const std::size_t rows = std::min(result.simulation.rows.size(), result.theory.rows.size());
  for (std::size_t t = 0; t < rows; ++t)
    deviation = std::max(deviation,
                         (result.simulation.rows[t].strengths - result.theory.rows[t].strengths).cwiseAbs().maxCoeff());
  text += fmt::format("\nLargest |simulated − theory| mode strength over {} epochs: {:.3g}.\n", rows, deviation);
  return text;
}

}  // namespace

Drawing draw(const experiments::DataCurvesSpec& spec, const experiments::DataCurvesResult& result,
             const Labels& labels) {
  const analytic::DataModes& m = result.modes;
  const auto groups = equal_s_groups(m);
  plots::LinePanel strengths;
  strengths.title = "(a) Mode strengths, by singular value";
  strengths.x_label = "epoch";
  strengths.y_label = "mode strength (group mean of uᵀWv)";
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const ModeGroup group = groups[g];
    const auto mean = [group](const analytic::DataRow& row) { return row.strengths.segment(group.first, group.count).mean(); };
    const std::string name = group_name(m, group);
    strengths.series.push_back(series(result.simulation, plots::Role::simulation, group_hue(g), name, mean));
    strengths.series.push_back(series(result.theory, plots::Role::theory, group_hue(g), name, mean));
  }
  plots::LinePanel loss;
  loss.title = "(b) Loss";
  loss.x_label = "epoch";
  loss.y_label = "(1/2P)‖Y − W X‖²";
  const auto value = [](const analytic::DataRow& row) { return row.loss; };
  loss.series.push_back(series(result.simulation, plots::Role::simulation, plots::Hue::neutral, "loss", value));
  loss.series.push_back(series(result.theory, plots::Role::theory, plots::Hue::neutral, "loss", value));

  const std::string settings = settings_line(spec, m);
  return {{labels.name, labels.title + "\n" + settings, {strengths, loss}, 2, labels.origin + "\n" + settings},
          notes(m, groups, result)};
}

}  // namespace dln::drawing
