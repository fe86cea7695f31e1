// dln generalize: docs/theory.md §10's held-out-combination experiment — train on a subset of the patterns, report
// train and test loss of the compositional and per-item outputs per epoch, with the min-norm map's losses
// (what GD from a small init converges to) beside them.
#include <array>
#include <fmt/format.h>
#include <iostream>

#include "cli_support.hpp"
#include "command.hpp"
#include "progress_bar.hpp"
#include "dln/analytic.hpp"
#include "dln/experiments/generalization.hpp"
#include "dln/experiments/section.hpp"
#include "dln/validation.hpp"
#include "data_flags.hpp"
#include "training_flags.hpp"

namespace dln::cli {

namespace {

constexpr const char* kColumns[] = {"train_omega", "test_omega", "train_gamma", "test_gamma"};

std::array<double, 4> values(const validation::SplitLosses& l) {
  return {l.train_omega, l.test_omega, l.train_gamma, l.test_gamma};
}

// Which columns a run has: the family's all; --data with --blocks no dist_S (there is no S); --data without
// blocks one loss over all outputs (the omega fields, validation::GeneralizeData) named train and test.
enum class Columns { family, data_blocks, data_all };

// The loss columns: data_all has two, the others the four of kColumns (in SplitLosses' order).
std::vector<std::string> loss_names(Columns columns) {
  if (columns == Columns::data_all) return {"train", "test"};
  return {std::begin(kColumns), std::end(kColumns)};
}

// t, the mean losses, their _sd, the min-norm losses as constant min_norm_* columns, then systematicity and
// dist_S with their _sd.
std::string generalize_csv(const validation::GeneralizeResult& result, Columns columns) {
  const std::vector<std::string> names = loss_names(columns);
  const bool systematicity = columns != Columns::data_all, dist_S = columns == Columns::family;
  std::string csv = "t";
  for (const auto& c : names) csv += fmt::format(",{}", c);
  for (const auto& c : names) csv += fmt::format(",{}_sd", c);
  for (const auto& c : names) csv += fmt::format(",min_norm_{}", c);
  if (systematicity) csv += dist_S ? ",systematicity,dist_S,systematicity_sd,dist_S_sd" : ",systematicity,systematicity_sd";
  csv += '\n';
  const auto min_norm = values(result.min_norm);
  const auto add = [&](const std::array<double, 4>& v) {
    for (std::size_t k = 0; k < names.size(); ++k) csv += fmt::format(",{:.17g}", v[k]);
  };
  for (const auto& row : result.rows) {
    csv += fmt::format("{}", row.t);
    add(values(row.mean));
    add(values(row.sd));
    add(min_norm);
    if (dist_S)
      csv += fmt::format(",{:.17g},{:.17g},{:.17g},{:.17g}", row.readouts_mean.systematicity, row.readouts_mean.dist_S,
                         row.readouts_sd.systematicity, row.readouts_sd.dist_S);
    else if (systematicity)
      csv += fmt::format(",{:.17g},{:.17g}", row.readouts_mean.systematicity, row.readouts_sd.systematicity);
    csv += '\n';
  }
  return csv;
}

class GeneralizeCommand : public Command {
public:
  explicit GeneralizeCommand(CLI::App& dln) {
    app = dln.add_subcommand("generalize",
                             "docs/theory.md §10: train on a subset of the patterns, test on the held-out combinations");
    dataset_.add_to(*app);
    auto& o = options_;
    app->add_option("--arch", arch_name_, "architecture")
        ->transform(one_of(analytic::kArchitectureNames))
        ->capture_default_str();
    train_option_ = app->add_option("--train", o.train, "training pattern indices, e.g. 0,1,2 (§10's)")->delimiter(',');
    fraction_option_ = app->add_option("--train-fraction", fraction_,
                                       "train on a random round(f·P) of the patterns, 0 < f ≤ 1 (drawn with --seed)");
    app->add_flag("--no-input-features", no_input_features_,
                  "drop the compositional input rows Ωx from X (patterns keep n1 bits: §10's 0 0 1 1 2 is "
                  "--n1 3 --n2 0 --no-input-features)");
    app->add_option("--lr", o.lr, "learning rate on the summed half squared error (η = P·lr)")->capture_default_str();
    app->add_option("--epochs", o.epochs, "epochs; rows t = 0..epochs")->capture_default_str();
    app->add_option("--hidden", o.hidden, "hidden units per module")->capture_default_str();
    app->add_option("--init-scale", o.init_scale, "σ of the i.i.d. N(0, σ²) init")->capture_default_str();
    app->add_option("--seed", o.seed, "seed of run 0's init (and of --train-fraction's draw)")->capture_default_str();
    app->add_option("--seeds", o.seeds, "runs with seeds seed, seed+1, …; the CSV has their mean and _sd")
        ->capture_default_str();
    add_jobs_flag(*app, o.jobs, "seeds' runs");
    data_.add_to(*app);
    output_.add_to(*app);
  }

  int run(RunRecord& record) override {
    if ((train_option_->count() > 0) == (fraction_option_->count() > 0))
      throw dln::InvalidInput("train", "give exactly one of --train i,j,… and --train-fraction f");
    if (data_.given()) return run_data(record);
    // The same experiment as a recipe's kind = "generalization", with one configuration.
    experiments::GeneralizationSpec spec;
    spec.configurations = {{dataset_.spec, !no_input_features_, ""}};
    spec.training = options_;
    spec.training.arch = analytic::parse_architecture(arch_name_);
    if (fraction_option_->count() > 0) {
      dataset_.spec.validate();  // the draw needs P
      spec.training.train = validation::draw_training_subset(dataset_.spec.patterns(), fraction_, spec.training.seed);
    }
    try {
      spec.validate();
    } catch (const dln::InvalidInput& e) {  // a flag has no section: --n1, not configuration.1.n1
      throw dln::InvalidInput(experiments::innermost_key(e.parameter()), e.what());
    }
    output_.check_writable();
    const validation::GeneralizeOptions o = spec.options(0);
    record.parameters = dataset_parameters(o.spec);
    return finish(o, Columns::family, record);
  }

private:
  // --data: the same experiment on the user's X and Y (samples as columns), one dense network; the train
  // and test sets are sets of samples.
  int run_data(RunRecord& record) {
    auto loaded = data_.load();
    validation::GeneralizeOptions o = options_;
    o.arch = analytic::parse_architecture(arch_name_);
    o.input_features = !no_input_features_;
    if (fraction_option_->count() > 0)
      o.train = validation::draw_training_subset(static_cast<std::uint64_t>(loaded.X.cols()), fraction_, o.seed);
    const bool blocks = loaded.blocks.has_value();
    o.data = std::make_shared<const validation::GeneralizeData>(
        validation::GeneralizeData{std::move(loaded.X), std::move(loaded.Y), loaded.blocks});
    o.validate();
    output_.check_writable();
    record.parameters = data_.parameters();
    return finish(o, blocks ? Columns::data_blocks : Columns::data_all, record);
  }

  // Runs the validated options and writes the CSV and manifest.
  int finish(const validation::GeneralizeOptions& o, Columns columns, RunRecord& record) {
    validation::GeneralizeResult result;
    {
      ProgressBar progress(std::cerr, "dln generalize", "rows", std::int64_t{o.seeds} * (o.epochs + 1),
                           ProgressBar::wanted(output_.quiet));
      validation::GeneralizeOptions reporting = o;
      reporting.on_row = [&progress](std::int64_t rows) { progress.update(rows); };
      result = validation::generalize(reporting);
    }

    record.parameters.update(nlohmann::json{{"arch", arch_name_}, {"input_features", o.input_features},
                                            {"train", o.train}, {"lr", o.lr}, {"epochs", o.epochs},
                                            {"init", "random"}, {"hidden", o.hidden}, {"init_scale", o.init_scale},
                                            {"seed", o.seed}, {"seeds", o.seeds}});
    if (fraction_option_->count() > 0) record.parameters["train_fraction"] = fraction_;
    nlohmann::json min_norm;
    const auto mn = values(result.min_norm);
    const auto names = loss_names(columns);
    for (std::size_t k = 0; k < names.size(); ++k) min_norm[names[k]] = mn[k];
    record.parameters["min_norm_losses"] = min_norm;
    record.seeds = result.seeds;
    record.status = std::string(analytic::to_string(result.status));
    if (!result.rows.empty()) {
      const auto& last = result.rows.back();
      record.final_values = {{"t", last.t}};
      if (columns != Columns::data_all) record.final_values["systematicity"] = last.readouts_mean.systematicity;
      if (columns == Columns::family) record.final_values["dist_S"] = last.readouts_mean.dist_S;
    }
    if (result.failed_at) {
      record.parameters["failed_at_epoch"] = *result.failed_at;
      record.parameters["failed_seed"] = *result.failed_seed;
    }
    emit(output_.path, generalize_csv(result, columns), record);

    if (result.status == analytic::RunStatus::ok) return 0;
    std::cerr << fmt::format("dln generalize: diverged at epoch {} (run seed {}); {}; lower --lr\n",
                             *result.failed_at, *result.failed_seed, rows_kept(*result.failed_at));
    return 1;
  }

  DatasetFlags dataset_;
  DataFlags data_;
  OutputFlags output_;
  validation::GeneralizeOptions options_;
  std::string arch_name_ = "dense";
  double fraction_ = 0.0;
  bool no_input_features_ = false;
  CLI::Option* train_option_ = nullptr;
  CLI::Option* fraction_option_ = nullptr;
};

}  // namespace

std::unique_ptr<Command> make_generalize_command(CLI::App& dln) { return std::make_unique<GeneralizeCommand>(dln); }

}  // namespace dln::cli
