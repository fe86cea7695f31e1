// dln simulate: trains actual weights (docs/theory.md §4, §8) — full-batch GD, minibatch SGD or one of the other
// learning rules — and reports the measured learning curve, optionally as mean and spread over seeds.
#include <fmt/format.h>
#include <iostream>

#include "dln/analytic/invalid_input.hpp"

#include "cli_support.hpp"
#include "command.hpp"
#include "progress_bar.hpp"
#include "dln/analytic.hpp"
#include "dln/numeric.hpp"
#include "dln/training.hpp"
#include "data_flags.hpp"
#include "dln/numeric/data_training.hpp"
#include "training_flags.hpp"
#include "weights_files.hpp"

namespace dln::cli {

namespace {

// The mean columns of docs/conventions.md, then `<column>_sd` for each of them but t.
std::string ensemble_csv(const training::SeedEnsemble& ensemble) {
  const auto columns = analytic::csv_columns(ensemble.mean);
  std::string csv = fmt::format("{}", fmt::join(columns, ","));
  for (std::size_t i = 1; i < columns.size(); ++i) csv += "," + columns[i] + "_sd";
  csv += '\n';
  for (std::size_t t = 0; t < ensemble.mean.rows.size(); ++t) {
    csv += fmt::format("{}", ensemble.mean.rows[t].t);
    for (const auto* row : {&ensemble.mean.rows[t], &ensemble.sd.rows[t]})
      analytic::for_each_column([&](analytic::Column, double value) { csv += fmt::format(",{:.17g}", value); }, *row);
    csv += '\n';
  }
  return csv;
}

// The rules whose docs/theory.md §8 default of γ or ν (member) is not 0, for --help: "hebbian 0.001, …, otherwise 0".
std::string nonzero_defaults(double training::RuleDefaults::*member) {
  std::string list;
  for (training::Rule rule : training::kRules)
    if (const double value = training::rule_defaults(rule).*member; value != 0.0)
      list += fmt::format("{} {}, ", training::to_string(rule), value);
  return list + "otherwise 0";
}

class SimulateCommand : public Command {
public:
  explicit SimulateCommand(CLI::App& dln) {
    app = dln.add_subcommand("simulate", "simulated training: measured mode strengths, loss, quadrant norms");
    dataset_.add_to(*app);
    training_.add_to(*app);
    app->add_option("--rule", rule_name_,
                    "learning rule (the last four listed: dense only; without --lr/--epochs they use docs/theory.md §8's lr and "
                    "epochs)")
        ->transform(one_of(training::kRuleNames))
        ->capture_default_str();
    app->add_option("--batch", batch_,
                    "patterns per SGD step, 1 ≤ B ≤ P (--rule sgd, required); B need not divide P: the last batch of "
                    "an epoch takes the P mod B patterns left over");
    app->add_option("--seeds", seeds_,
                    "runs with seeds seed, seed+1, …, each with its own init (--init random) and SGD batch order; "
                    "N > 1 prints the mean and a <column>_sd column per column")
        ->capture_default_str();
    // No fixed default to capture: unset, each rule takes its own from docs/theory.md §8's table.
    app->add_option("--gamma", gamma_,
                    "docs/theory.md §8's contrastive strength γ (the term γ·(YYᵀ − ŶŶᵀ)·W2): any finite number for the four "
                    "§8 rules, 0 only for gd and sgd; default: the rule's, " +
                        nonzero_defaults(&training::RuleDefaults::gamma));
    app->add_option("--nu", nu_,
                    "docs/theory.md §8's Hebbian strength ν (> 0 Oja, < 0 normalised anti-Hebbian, 0 none): any finite number "
                    "for the four §8 rules, 0 only for gd and sgd; default: the rule's, " +
                        nonzero_defaults(&training::RuleDefaults::nu));
    add_jobs_flag(*app, jobs_, "seeds' runs");
    data_.add_to(*app);
    weights_.add_to(*app);
    output_.add_to(*app);
  }

  int run(RunRecord& record) override {
    if (data_.given()) return run_data(record);
    weights_.require_data();
    const auto& spec = dataset_.spec;
    spec.validate();
    training_.validate_combination(/*aligned_uses_hidden=*/true);
    const auto arch = training_.architecture();
    const training::Rule rule = training::parse_rule(rule_name_);
    // The values are checked once, here, by the library's validators (simulate_seeds does not repeat them).
    const training::SimulationOptions options = simulation_options(rule);
    options.validate(spec, arch);
    const training::InitOptions init = training_.init_options();
    init.validate(spec, arch);
    training::validate_seeds(training_.seed, seeds_, init, rule);
    output_.check_writable();

    const numeric::Objective objective(spec, arch);
    if (training_.random_init()) {
      // For the manifest: the per-mode a0 of the first run's init (validation::initial_weights draws the same).
      const auto weights = numeric::random_init(spec, arch, training_.hidden, training_.init_scale, training_.seed);
      record.initial_strengths =
          io::initial_strengths_json(objective.modes(), analytic::effective_initial_strengths(objective.modes(), weights));
      record.initial_strengths["seed"] = training_.seed;
    }
    if (const auto warning = training::stability_warning(objective.modes(), options); warning && !output_.quiet)
      std::cerr << "warning: " << *warning << "\n";
    training::SeedEnsemble ensemble;
    {
      // Rows over all runs: row t of run i is the (i·(epochs + 1) + t + 1)-th.
      ProgressBar progress(std::cerr, "dln simulate", "rows", std::int64_t{seeds_} * (options.epochs + 1),
                           ProgressBar::wanted(output_.quiet));
      training::SimulationOptions reporting = options;
      reporting.on_row = [&progress, rows = std::int64_t{0}](const analytic::TrajectoryRow&) mutable {
        progress.update(++rows);
        return analytic::RowAction::proceed;
      };
      ensemble = training::simulate_seeds(objective, init, reporting, training_.seed, seeds_, jobs_);
    }

    record.parameters = dataset_parameters(spec);
    record.parameters.update(training_.parameters());
    record.parameters["hidden"] = training_.hidden;
    record.parameters["rule"] = rule_name_;
    record.parameters["lr"] = options.lr;  // the rule's defaults when --lr / --epochs were not given
    record.parameters["epochs"] = options.epochs;
    record.parameters["seeds"] = seeds_;
    if (rule == training::Rule::sgd) {
      record.parameters["batch"] = options.batch;
      std::vector<std::uint64_t> streams;
      for (std::uint64_t seed : ensemble.seeds) streams.push_back(training::batch_stream_seed(seed));
      record.parameters["batch_stream_seeds"] = streams;  // SplitMix64 of each run seed
    }
    record.parameters["gamma"] = options.gamma_value();  // the rule's defaults when --gamma / --nu were not given
    record.parameters["nu"] = options.nu_value();
    // Seeds are used by a random init and by SGD's batch order; an aligned run of another rule uses none.
    const bool seeded = training_.random_init() || rule == training::Rule::sgd;
    if (seeded) record.seeds = ensemble.seeds;
    record.status = std::string(analytic::to_string(ensemble.mean.status));
    record.final_values = final_readouts(ensemble.mean);
    if (ensemble.mean.failed_at) record.parameters["failed_at_epoch"] = *ensemble.mean.failed_at;
    if (!ensemble.mean.reason.empty()) record.parameters["status_reason"] = ensemble.mean.reason;
    if (ensemble.failed_seed && seeded) record.parameters["failed_seed"] = *ensemble.failed_seed;
    if (seeds_ > 1)
      emit(output_.path, ensemble_csv(ensemble), record);
    else
      emit(output_.path, trajectory_csv(ensemble.mean), record);

    if (ensemble.mean.status == analytic::RunStatus::ok) return 0;
    std::cerr << fmt::format("dln simulate: {}{}; lower --lr\n", ensemble.mean.brief_report(),
                             seeded ? fmt::format("; run seed {}", *ensemble.failed_seed) : "");
    return 1;
  }

private:
  // --data: dense full-batch GD on the user's X and Y (numeric::train_on_data); the mode strengths are the
  // projections u_jᵀ W v_j on the data's own modes (docs/theory.md §5).
  int run_data(RunRecord& record) {
    if (rule_name_ != "gd" || seeds_ != 1)
      throw InvalidInput(rule_name_ != "gd" ? "rule" : "seeds", "with --data: full-batch gd, one seed");
    const auto data = data_.load();
    training_.validate(/*aligned_uses_hidden=*/true);
    weights_.validate(training_.epochs);
    output_.check_writable();
    const auto& m = data.modes;
    numeric::DataTrainingOptions options;
    options.lr = data_lr(*app, training_.lr, m);
    options.epochs = training_.epochs;
    options.blocks = data.blocks;
    options.on_epoch = [this](int t, const numeric::DenseWeights& w) {
      if (weights_.saves(t, training_.epochs)) weights_.save(t, w);
    };
    const numeric::DenseWeights initial = weights_.start(training_, m, data.X.rows(), data.Y.rows());
    numeric::DataRun run;
    {
      ProgressBar progress(std::cerr, "dln simulate", "rows", options.epochs + 1, ProgressBar::wanted(output_.quiet));
      auto saving = options.on_epoch;
      options.on_epoch = [&](int t, const numeric::DenseWeights& w) {
        saving(t, w);
        progress.update(t + 1);
      };
      run = numeric::train_on_data(m, data.loss_offset, initial, options);
    }
    record.parameters = data_.parameters();
    record.parameters.update(training_.parameters());
    record.parameters["lr"] = options.lr;
    record.parameters["hidden"] = initial.W1.rows();
    record.parameters["init_from"] = weights_.init_directory;
    record.parameters["misalignment"] = m.misalignment;
    if (training_.random_init() && weights_.init_directory.empty()) record.seeds = {training_.seed};
    record.status = run.failed_at ? "diverged" : "ok";
    record.final_values = data_final_values(run);
    emit(output_.path, data_csv(run, m.rank, data.blocks.has_value()), record);
    if (!run.failed_at) return 0;
    std::cerr << fmt::format("dln simulate: diverged at epoch {}; {}; lower --lr (the stability estimate is {:.3g})\n",
                             *run.failed_at, rows_kept(*run.failed_at), numeric::stable_data_lr(m));
    return 1;
  }

  // lr, epochs, γ and ν as given, or the rule's defaults of docs/theory.md §8's table when the flag was not given
  // (gd and sgd: epochs the flag's default, lr dln theory's analytic::default_lr, so that the two agree).
  training::SimulationOptions simulation_options(training::Rule rule) const {
    training::SimulationOptions options = training::SimulationOptions::for_rule(rule);
    if (app->get_option("--lr")->count() > 0)
      options.lr = training_.lr;
    else if (rule == training::Rule::gd || rule == training::Rule::sgd)
      options.lr = analytic::default_lr(analytic::architecture_modes(dataset_.spec, training_.architecture()));
    if (app->get_option("--epochs")->count() > 0) options.epochs = training_.epochs;
    if (app->get_option("--gamma")->count() > 0) options.gamma = gamma_;
    if (app->get_option("--nu")->count() > 0) options.nu = nu_;
    options.batch = batch_;
    return options;
  }

  DatasetFlags dataset_;
  TrainingFlags training_;
  DataFlags data_;
  WeightsFlags weights_;
  OutputFlags output_;
  std::string rule_name_ = "gd";
  int batch_ = 0;
  int seeds_ = 1;
  int jobs_ = 0;
  double gamma_ = 0.0, nu_ = 0.0;  // read only when given
};

}  // namespace

std::unique_ptr<Command> make_simulate_command(CLI::App& dln) { return std::make_unique<SimulateCommand>(dln); }

}  // namespace dln::cli
