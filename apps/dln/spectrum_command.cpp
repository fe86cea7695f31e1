// dln spectrum: the closed-form mode classes, asymptotes and quadrant asymptotes (docs/theory.md §3, §6),
// checked against a numerical SVD when the dense matrices are small enough; with --exact, the same and more
// as exact radicals from dln::symbolic.
#include <fmt/format.h>

#include "cli_support.hpp"
#include "command.hpp"
#include "dln/analytic.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/symbolic/exact_spectrum.hpp"
#include "data_flags.hpp"
#include "exact_flags.hpp"

namespace dln::cli {

namespace {

using nlohmann::json;

json quadrants_json(const analytic::Quadrants& q) {
  return {{"OxOy", q.OxOy}, {"GxOy", q.GxOy}, {"OxGy", q.OxGy}, {"GxGy", q.GxGy}};
}

json family_json(const analytic::ModeFamily& f) {
  return {{"s", f.s},
          {"lambda", f.lambda},
          {"multiplicity", f.multiplicity},
          {"asymptote", f.asymptote()},
          {"block_weights",
           {{"u_Oy", f.u.omega * f.u.omega},
            {"u_Gy", f.u.gamma * f.u.gamma},
            {"v_Ox", f.v.omega * f.v.omega},
            {"v_Gx", f.v.gamma * f.v.gamma}}}};
}

class SpectrumCommand : public Command {
public:
  explicit SpectrumCommand(CLI::App& dln) {
    app = dln.add_subcommand("spectrum", "closed-form spectra and asymptotes, checked against a numerical SVD");
    dataset_.add_to(*app);
    app->add_option("--arch", arch_name_, "architecture whose modes and quadrant asymptotes to list")
        ->transform(one_of(analytic::kArchitectureNames))
        ->capture_default_str();
    auto* json_flag = app->add_flag("--json", json_, "JSON instead of a table");
    auto* exact = app->add_flag("--exact", exact_,
                                "exact radicals (r, lr, a0 rational): values, half-rise times, learning order, "
                                "GD stability limit")
                      ->excludes(json_flag);
    exact_flags_.add_to(*app, exact);
    data_.add_to(*app);
    output_.add_to(*app);
  }

  int run(RunRecord& record) override {
    dataset_.spec.validate();
    const analytic::Architecture arch = analytic::parse_architecture(arch_name_);
    if (data_.given()) return run_data(record);
    output_.check_writable();
    if (exact_) return run_exact(arch, record);

    const auto& spec = dataset_.spec;
    const auto dense = analytic::dense_classes(spec);
    const auto modes = analytic::architecture_modes(spec, arch);
    const auto quadrants = analytic::asymptotic_quadrants(modes);
    const auto check = analytic::check_spectrum_numerically(spec);

    json result{{"P", spec.patterns()}, {"architecture", analytic::to_string(arch)}};
    for (const auto& c : dense) {
      json entry = family_json(c);
      entry["name"] = c.label;
      result["classes"].push_back(entry);
    }
    if (modes.families.size() != dense.size())
      for (const auto& f : modes.families) {
        json entry = family_json(f);
        entry["label"] = f.label;
        result["modes"].push_back(entry);
      }
    result["quadrant_asymptotes"] = quadrants_json(quadrants);
    result["check"] = check.performed ? json{{"performed", true}, {"max_abs_error", check.max_abs_error}}
                                      : json{{"performed", false}, {"max_abs_error", nullptr},
                                             {"skipped_reason", check.skipped_reason}};

    record.parameters = {{"n1", spec.n1}, {"n2", spec.n2}, {"k1", spec.k1}, {"k2", spec.k2},
                         {"r", spec.r}, {"keep", spec.kept_features()}, {"arch", arch_name_}};
    emit(output_.path, json_ ? result.dump(2) + "\n" : table(result, spec), record);
    return 0;
  }

private:
  // --data: the numerical modes of the user's X and Y, and whether the closed forms apply to them.
  int run_data(RunRecord& record) {
    if (exact_) throw InvalidInput("exact", "needs the built-in family (exact radicals of its closed forms); not with --data");
    const auto data = data_.load();
    output_.check_writable();
    const auto& m = data.modes;
    const Eigen::VectorXd asymptote = m.asymptote();
    const bool aligned = m.misalignment <= analytic::kModeTolerance;
    json result{{"P", m.P}, {"inputs", data.X.rows()}, {"outputs", data.Y.rows()}, {"rank", m.rank},
                {"misalignment", m.misalignment}, {"closed_forms_apply", aligned}};
    for (Eigen::Index j = 0; j < m.rank; ++j)
      result["modes"].push_back({{"s", m.s(j)}, {"lambda", m.lambda(j)}, {"asymptote", asymptote(j)}});
    for (Eigen::Index j = 0; j < m.eigen_x.size(); ++j) result["sigma_x_eigenvalues"].push_back(m.eigen_x(j));
    if (data.blocks) {
      Eigen::MatrixXd W = Eigen::MatrixXd::Zero(data.Y.rows(), data.X.rows());
      for (Eigen::Index j = 0; j < m.rank; ++j) W += asymptote(j) * m.U.col(j) * m.V.col(j).transpose();
      result["quadrant_asymptotes"] = quadrants_json(analytic::block_quadrants(W, *data.blocks));
    }
    record.parameters = data_.parameters();
    emit(output_.path, json_ ? result.dump(2) + "\n" : data_table(result), record);
    return 0;
  }

  static std::string data_table(const json& result) {
    std::string text = fmt::format("data: {} inputs, {} outputs, P={}  rank {}\n", result["inputs"].get<std::int64_t>(),
                                   result["outputs"].get<std::int64_t>(), result["P"].get<std::int64_t>(),
                                   result["rank"].get<int>());
    text += fmt::format("{:<8} {:>22} {:>22} {:>22}\n", "mode", "s", "lambda", "asymptote");
    int j = 1;
    for (const auto& mode : result["modes"])
      text += fmt::format("{:<8} {:>22.17g} {:>22.17g} {:>22.17g}\n", j++, mode["s"].get<double>(),
                          mode["lambda"].get<double>(), mode["asymptote"].get<double>());
    if (result.contains("quadrant_asymptotes")) {
      const auto& q = result["quadrant_asymptotes"];
      text += fmt::format("quadrant asymptotes: OxOy {:.17g}  GxOy {:.17g}  OxGy {:.17g}  GxGy {:.17g}\n",
                          q["OxOy"].get<double>(), q["GxOy"].get<double>(), q["OxGy"].get<double>(),
                          q["GxGy"].get<double>());
    }
    text += fmt::format("misalignment max_j ‖Σx v_j − λ_j v_j‖/‖Σx‖ = {:.3g}: {}\n", result["misalignment"].get<double>(),
                        result["closed_forms_apply"].get<bool>()
                            ? "Σx and Σyx share right singular vectors, the closed forms apply"
                            : "Σx and Σyx do not share right singular vectors, the closed forms do not apply "
                              "(dln simulate --data still does)");
    return text;
  }

  int run_exact(analytic::Architecture arch, RunRecord& record) {
    const symbolic::ExactSetting setting = exact_flags_.setting(dataset_.spec);
    const auto report = symbolic::to_report(symbolic::exact_spectrum(setting, arch));
    const auto& spec = dataset_.spec;
    record.parameters = {{"n1", spec.n1}, {"n2", spec.n2}, {"k1", spec.k1}, {"k2", spec.k2},
                         {"r", exact_flags_.r_text}, {"lr", exact_flags_.lr_text}, {"a0", exact_flags_.a0_text},
                         {"arch", arch_name_}, {"exact", true}, {"format", exact_flags_.format}};
    emit(output_.path, render_report(report, exact_flags_.format), record);
    return 0;
  }

  static std::string table(const json& result, const analytic::DatasetSpec& spec) {
    std::string text = fmt::format("n1={} n2={} k1={} k2={} r={}  P={}  architecture {}\n", spec.n1, spec.n2,
                                   spec.k1, spec.k2, spec.r, spec.patterns(), result["architecture"].get<std::string>());
    const auto rows = [&](const json& list, const char* key) {
      text += fmt::format("{:<8} {:>12} {:>22} {:>22} {:>22}\n", "class", "multiplicity", "s", "lambda", "asymptote");
      for (const auto& c : list)
        text += fmt::format("{:<8} {:>12} {:>22.17g} {:>22.17g} {:>22.17g}\n", c[key].get<std::string>(),
                            c["multiplicity"].get<std::int64_t>(), c["s"].get<double>(), c["lambda"].get<double>(),
                            c["asymptote"].get<double>());
    };
    rows(result["classes"], "name");
    if (result.contains("modes")) {
      text += "modes of the architecture:\n";
      rows(result["modes"], "label");
    }
    const auto& q = result["quadrant_asymptotes"];
    text += fmt::format("quadrant asymptotes: OxOy {:.17g}  GxOy {:.17g}  OxGy {:.17g}  GxGy {:.17g}\n",
                        q["OxOy"].get<double>(), q["GxOy"].get<double>(), q["OxGy"].get<double>(),
                        q["GxGy"].get<double>());
    const auto& check = result["check"];
    text += check["performed"].get<bool>()
                ? fmt::format("check: numerical SVD/eigendecomposition agrees to {:.3g}\n",
                              check["max_abs_error"].get<double>())
                : fmt::format("check: skipped, {}\n", check["skipped_reason"].get<std::string>());
    return text;
  }

  DatasetFlags dataset_;
  DataFlags data_;
  OutputFlags output_;
  ExactFlags exact_flags_;
  std::string arch_name_ = "dense";
  bool json_ = false;
  bool exact_ = false;
};

}  // namespace

std::unique_ptr<Command> make_spectrum_command(CLI::App& dln) { return std::make_unique<SpectrumCommand>(dln); }

}  // namespace dln::cli
