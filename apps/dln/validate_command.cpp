// dln validate: theory ↔ ODE ↔ simulation, every comparison a number against a derived tolerance
// (validation/src/compare_*.cpp). Exit 1 when any comparison fails.
#include <fmt/format.h>
#include <iostream>

#include "cli_support.hpp"
#include "command.hpp"
#include "dln/validation/comparison.hpp"

namespace dln::cli {

namespace {

class ValidateCommand : public Command {
public:
  explicit ValidateCommand(CLI::App& dln) {
    app = dln.add_subcommand("validate", "compare closed forms, Boost.Odeint and simulation; exit 1 on any failure");
    app->add_flag("--quick", quick_, "a subset that runs in well under a minute (part of ctest)");
    app->add_option("--report", report_, "write the comparisons as JSON to FILE (and FILE.manifest.json)");
    app->add_flag("--quiet,-q", quiet_, "no progress on stderr");
    add_jobs_flag(*app, jobs_, "comparison groups");
  }

  int run(RunRecord& record) override {
    OutputFlags report{report_, quiet_, "report"};
    report.check_writable();
    validation::ValidationOptions options;
    options.quick = quick_;
    options.jobs = jobs_;
    if (!quiet_) options.progress = [](const std::string& group) { std::cerr << "dln validate: " << group << "\n"; };
    const auto comparisons = validation::run_validation(options);

    std::size_t failed = 0;
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& c : comparisons) {
      const char* verdict = c.informational ? "info" : (c.passed() ? "pass" : "FAIL");
      failed += c.passed() ? 0 : 1;
      std::cout << fmt::format("{:<3} {:<4} {:>10.3g} {:>10}  {}\n", c.id, verdict, c.deviation,
                               c.informational ? "" : fmt::format("≤ {:.3g}", c.tolerance), c.what)
                << fmt::format("{:<31}{}; tolerance: {}\n", "", c.quantity, c.reason);
      rows.push_back({{"id", c.id}, {"what", c.what}, {"quantity", c.quantity}, {"deviation", c.deviation},
                      {"tolerance", c.informational ? nlohmann::json(nullptr) : nlohmann::json(c.tolerance)},
                      {"reason", c.reason}, {"verdict", verdict}});
    }
    const std::size_t checked = static_cast<std::size_t>(
        std::count_if(comparisons.begin(), comparisons.end(), [](const auto& c) { return !c.informational; }));
    std::cout << fmt::format("{} of {} comparisons passed{}\n", checked - failed, checked,
                             quick_ ? " (quick subset)" : "");

    record.parameters = {{"quick", quick_}};
    record.status = failed == 0 ? "passed" : "failed";
    if (report.to_file())
      emit(report.path, nlohmann::json{{"quick", quick_}, {"passed", failed == 0}, {"comparisons", rows}}.dump(2) + "\n",
           record);
    return failed == 0 ? 0 : 1;
  }

private:
  bool quick_ = false;
  bool quiet_ = false;
  int jobs_ = 0;
  std::string report_;
};

}  // namespace

std::unique_ptr<Command> make_validate_command(CLI::App& dln) { return std::make_unique<ValidateCommand>(dln); }

}  // namespace dln::cli
