// dln fullrank: the probability that j distinct patterns drawn without replacement have a full-rank
// Gram matrix (docs/theory.md §9), exact and/or by Monte Carlo, for j = n1..P.
#include <fmt/format.h>
#include <iostream>
#include <optional>

#include "cli_support.hpp"
#include "command.hpp"
#include "progress_bar.hpp"
#include "dln/analytic/fullrank.hpp"
#include "dln/analytic/invalid_input.hpp"

namespace dln::cli {

namespace {

using nlohmann::json;

struct Row {
  int j = 0;
  std::optional<analytic::ExactProbability> exact;
  std::optional<analytic::MonteCarloEstimate> monte_carlo;
};

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
    samples_option_ = app->add_option("--samples", options_.samples, "Monte Carlo samples per j")->capture_default_str();
    seed_option_ =
        app->add_option("--seed", options_.seed, "Monte Carlo seed; row j draws from std::mt19937_64(seed + j)")
            ->capture_default_str();
    app->add_flag("--json", json_, "JSON instead of CSV");
    output_.add_to(*app);
  }

  int run(RunRecord& record) override {
    validate();
    output_.check_writable();

    std::vector<Row> rows;
    for (int j = n1_; j <= (1 << n1_); ++j) rows.push_back({j, std::nullopt, std::nullopt});
    if (exact())
      for (const auto& e : analytic::full_rank_exact(n1_)) rows[static_cast<std::size_t>(e.j - n1_)].exact = e;
    if (monte_carlo()) {
      // Each row draws --samples subsets and stops each draw once it spans: rows cost about the same.
      ProgressBar progress(std::cerr, "dln fullrank", "rows j", static_cast<std::int64_t>(rows.size()),
                           ProgressBar::wanted(output_.quiet));
      analytic::MonteCarloOptions reporting = options_;
      reporting.on_row = [&](int j) { progress.update(j - n1_ + 1); };
      for (const auto& m : analytic::full_rank_monte_carlo(n1_, reporting))
        rows[static_cast<std::size_t>(m.j - n1_)].monte_carlo = m;
      record.seeds = {options_.seed};
    }

    record.parameters = {{"n1", n1_}, {"P", 1 << n1_}, {"method", method_}};
    if (exact())
      record.parameters["exact_counting"] =
          n1_ <= analytic::kMaxEnumerationN1 ? "enumeration of all subsets" : "Möbius inversion over the lattice of flats";
    if (monte_carlo())
      record.parameters.update({{"samples", options_.samples}, {"seed", options_.seed}, {"confidence", options_.confidence}});
    emit(output_.path, json_ ? to_json(rows, record.parameters).dump(2) + "\n" : to_csv(rows), record);
    return 0;
  }

private:
  bool exact() const { return method_ == "exact" || method_ == "both"; }
  bool monte_carlo() const { return method_ == "montecarlo" || method_ == "both"; }

  void validate() const {
    if (n1_ < 1 || n1_ > analytic::kMaxFullRankN1)
      throw dln::InvalidInput("n1", fmt::format("must be an integer in [1, {}] (P = 2^n1 patterns), got {}",
                                                analytic::kMaxFullRankN1, n1_));
    if (exact() && n1_ > analytic::kMaxExactN1)
      throw dln::InvalidInput("n1", fmt::format("must be ≤ {} for exact values (--method {}): exact counting stops "
                                                "there, n1 = 7 has 834 900 flats; use --method montecarlo, which "
                                                "covers n1 ≤ {}, got {}",
                                                analytic::kMaxExactN1, method_, analytic::kMaxFullRankN1, n1_));
    if (monte_carlo()) {
      options_.validate();
    } else {
      if (samples_option_->count() > 0) throw dln::InvalidInput("samples", "applies to --method montecarlo or both only");
      if (seed_option_->count() > 0) throw dln::InvalidInput("seed", "applies to --method montecarlo or both only");
    }
  }

  static std::string to_csv(const std::vector<Row>& rows) {
    std::string csv = "j,exact_numerator,exact_denominator,exact,mc_estimate,mc_low,mc_high\n";
    for (const auto& row : rows) {
      csv += fmt::format("{}", row.j);
      csv += row.exact ? fmt::format(",{},{},{:.17g}", row.exact->numerator, row.exact->denominator, row.exact->value())
                       : ",,,";
      csv += row.monte_carlo ? fmt::format(",{:.17g},{:.17g},{:.17g}", row.monte_carlo->estimate, row.monte_carlo->low,
                                           row.monte_carlo->high)
                             : ",,,";
      csv += '\n';
    }
    return csv;
  }

  static json to_json(const std::vector<Row>& rows, const json& parameters) {
    json result = parameters;
    result["rows"] = json::array();
    for (const auto& row : rows) {
      json entry{{"j", row.j}};
      if (row.exact)
        entry["exact"] = {{"numerator", row.exact->numerator},
                          {"denominator", row.exact->denominator},
                          {"value", row.exact->value()}};
      if (row.monte_carlo)
        entry["monte_carlo"] = {{"successes", row.monte_carlo->successes},
                                {"samples", row.monte_carlo->samples},
                                {"estimate", row.monte_carlo->estimate},
                                {"low", row.monte_carlo->low},
                                {"high", row.monte_carlo->high}};
      result["rows"].push_back(entry);
    }
    return result;
  }

  int n1_ = 3;
  std::string method_ = "both";
  analytic::MonteCarloOptions options_;
  CLI::Option* samples_option_ = nullptr;
  CLI::Option* seed_option_ = nullptr;
  bool json_ = false;
  OutputFlags output_;
};

}  // namespace

std::unique_ptr<Command> make_fullrank_command(CLI::App& dln) { return std::make_unique<FullRankCommand>(dln); }

}  // namespace dln::cli
