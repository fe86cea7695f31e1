// dln fullrank: the probability that j distinct patterns drawn without replacement have a full-rank
// Gram matrix (docs/theory.md §9), exact and/or by Monte Carlo, for j = n1..P.
#include <fmt/format.h>
#include <iostream>
#include <optional>

#include "cli_support.hpp"
#include "command.hpp"
#include "progress_bar.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/experiments/full_rank.hpp"

namespace dln::cli {

namespace {

using nlohmann::json;

// Rows j = n1..P of the one panel; exact or monte_carlo is empty where the method leaves it out.
std::string to_csv(const experiments::FullRankRows& rows) {
  std::string csv = "j,exact_numerator,exact_denominator,exact,mc_estimate,mc_low,mc_high\n";
  for (int j = rows.n1; j <= (1 << rows.n1); ++j) {
    const auto k = static_cast<std::size_t>(j - rows.n1);
    csv += fmt::format("{}", j);
    csv += rows.exact.empty() ? ",,,"
                              : fmt::format(",{},{},{:.17g}", rows.exact[k].numerator, rows.exact[k].denominator,
                                            rows.exact[k].value());
    csv += rows.monte_carlo.empty() ? ",,,"
                                    : fmt::format(",{:.17g},{:.17g},{:.17g}", rows.monte_carlo[k].estimate,
                                                  rows.monte_carlo[k].low, rows.monte_carlo[k].high);
    csv += '\n';
  }
  return csv;
}

json to_json(const experiments::FullRankRows& rows, const json& parameters) {
  json result = parameters;
  result["rows"] = json::array();
  for (int j = rows.n1; j <= (1 << rows.n1); ++j) {
    const auto k = static_cast<std::size_t>(j - rows.n1);
    json entry{{"j", j}};
    if (!rows.exact.empty())
      entry["exact"] = {{"numerator", rows.exact[k].numerator},
                        {"denominator", rows.exact[k].denominator},
                        {"value", rows.exact[k].value()}};
    if (!rows.monte_carlo.empty())
      entry["monte_carlo"] = {{"successes", rows.monte_carlo[k].successes},
                              {"samples", rows.monte_carlo[k].samples},
                              {"estimate", rows.monte_carlo[k].estimate},
                              {"low", rows.monte_carlo[k].low},
                              {"high", rows.monte_carlo[k].high}};
    result["rows"].push_back(entry);
  }
  return result;
}

class FullRankCommand : public Command {
public:
  explicit FullRankCommand(CLI::App& dln) {
    app = dln.add_subcommand("fullrank", "probability that j distinct patterns have a full-rank Gram matrix SᵀS");
    app->add_option("--n1", n1_, fmt::format("compositional input features, P = 2^n1 patterns (exact: n1 ≤ {}; "
                                             "Monte Carlo: n1 ≤ {})",
                                             analytic::kMaxExactN1, analytic::kMaxFullRankN1))
        ->capture_default_str();
    app->add_option("--method", method_, "exact, montecarlo or both")
        ->transform(one_of("exact, montecarlo, both"))
        ->capture_default_str();
    samples_option_ = app->add_option("--samples", monte_carlo_.samples, "Monte Carlo samples per j")->capture_default_str();
    seed_option_ =
        app->add_option("--seed", monte_carlo_.seed, "Monte Carlo seed; row j draws from std::mt19937_64(seed + j)")
            ->capture_default_str();
    app->add_flag("--json", json_, "JSON instead of CSV");
    output_.add_to(*app);
  }

  // The same experiment as a recipe's kind = "full-rank", with one panel and without the original test.
  int run(RunRecord& record) override {
    if (method_ == "exact") {
      if (samples_option_->count() > 0) throw dln::InvalidInput("samples", "applies to --method montecarlo or both only");
      if (seed_option_->count() > 0) throw dln::InvalidInput("seed", "applies to --method montecarlo or both only");
    }
    experiments::FullRankSpec spec;
    spec.n1 = {n1_};
    spec.exact = method_ == "montecarlo" ? experiments::ExactCounts::none : experiments::ExactCounts::every_n1;
    spec.draws = method_ != "exact";
    spec.monte_carlo = monte_carlo_;
    spec.original_test = false;
    spec.validate();
    output_.check_writable();

    // Each row draws --samples subsets and stops each draw once it spans: rows cost about the same.
    std::optional<ProgressBar> progress;
    if (spec.draws) {
      progress.emplace(std::cerr, "dln fullrank", "rows j", (1 << n1_) - n1_ + 1, ProgressBar::wanted(output_.quiet));
      spec.monte_carlo.on_row = [&](int j) { progress->update(j - n1_ + 1); };
    }
    const experiments::FullRankResult result = spec.run();
    progress.reset();  // erased before anything else reaches the terminal
    record.seeds = result.report.seeds;

    record.parameters = {{"n1", n1_}, {"P", 1 << n1_}, {"method", method_}};
    if (spec.exact != experiments::ExactCounts::none)
      record.parameters["exact_counting"] =
          n1_ <= analytic::kMaxEnumerationN1 ? "enumeration of all subsets" : "Möbius inversion over the lattice of flats";
    if (spec.draws)
      record.parameters.update(
          {{"samples", monte_carlo_.samples}, {"seed", monte_carlo_.seed}, {"confidence", monte_carlo_.confidence}});
    const experiments::FullRankRows& rows = result.panels.front();
    emit(output_.path, json_ ? to_json(rows, record.parameters).dump(2) + "\n" : to_csv(rows), record);
    return 0;
  }

private:
  int n1_ = 3;
  std::string method_ = "both";
  analytic::MonteCarloOptions monte_carlo_;
  CLI::Option* samples_option_ = nullptr;
  CLI::Option* seed_option_ = nullptr;
  bool json_ = false;
  OutputFlags output_;
};

}  // namespace

std::unique_ptr<Command> make_fullrank_command(CLI::App& dln) { return std::make_unique<FullRankCommand>(dln); }

}  // namespace dln::cli
