// dln integrate: the gradient flow of docs/theory.md §4 integrated with Boost.Odeint from explicit initial
// weights — aligned (every mode at --a0, where it must reproduce `dln theory`) or random (the same
// weights `dln simulate` starts from for the same seed) — read off the weights epoch by epoch.
#include <chrono>
#include <fmt/format.h>
#include <iostream>

#include "cli_support.hpp"
#include "command.hpp"
#include "progress_bar.hpp"
#include "dln/analytic.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/numeric.hpp"
#include "dln/numeric/data_flow.hpp"
#include "data_flags.hpp"
#include "training_flags.hpp"
#include "weights_files.hpp"

namespace dln::cli {

namespace {

class IntegrateCommand : public Command {
public:
  explicit IntegrateCommand(CLI::App& dln) {
    app = dln.add_subcommand("integrate", "gradient flow integrated with Boost.Odeint from explicit initial weights");
    dataset_.add_to(*app);
    training_.add_to(*app);
    app->add_option("--rtol", options_.rtol, "relative error tolerance per step, in [1e-14, 1)")->capture_default_str();
    app->add_option("--atol", options_.atol, "absolute error tolerance per step, > 0")->capture_default_str();
    app->add_option("--max-steps", options_.max_steps_per_epoch,
                    "odeint steps allowed between two epochs, an integer ≥ 1; more is a step failure (a guard "
                    "against stalled runs)")
        ->capture_default_str();
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
    training_.choose_default_lr(analytic::architecture_modes(spec, training_.architecture()));
    options_.lr = training_.lr;
    options_.epochs = training_.epochs;
    options_.validate();
    const auto arch = training_.architecture();
    // hidden and the weights' size, a0 or σ, and (aligned) a hidden unit per mode: checked once, here.
    training_.init_options().validate(spec, arch);
    output_.check_writable();

    const numeric::Objective objective(spec, arch);
    analytic::NetworkWeights initial =
        training_.random_init()
            ? numeric::random_init(spec, arch, training_.hidden, training_.init_scale, training_.seed)
            : numeric::aligned_init(objective.modes(), training_.hidden, training_.a0);
    if (training_.random_init()) {
      record.seeds = {training_.seed};
      record.initial_strengths = io::initial_strengths_json(
          objective.modes(), analytic::effective_initial_strengths(objective.modes(), initial));
    }

    const auto started = std::chrono::steady_clock::now();
    numeric::IntegrationResult result;
    {
      ProgressBar progress(std::cerr, "dln integrate", "epochs", options_.epochs, ProgressBar::wanted(output_.quiet));
      numeric::IntegrationOptions reporting = options_;
      reporting.on_row = [&progress](const analytic::TrajectoryRow& row) {
        progress.update(row.t);
        return analytic::RowAction::proceed;
      };
      result = numeric::integrate_flow(objective, std::move(initial), reporting);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    record.parameters = dataset_parameters(spec);
    record.parameters.update(training_.parameters());
    record.parameters["hidden"] = training_.hidden;
    record_integrator(record, result.rhs_evaluations);
    record.parameters["integration_wall_time_s"] = seconds;
    const auto& trajectory = result.trajectory;
    record.status = std::string(analytic::to_string(trajectory.status));
    record.final_values = final_readouts(trajectory);
    if (trajectory.failed_at) record.parameters["failed_at_epoch"] = *trajectory.failed_at;
    if (!trajectory.reason.empty()) record.parameters["status_reason"] = trajectory.reason;
    emit(output_.path, trajectory_csv(trajectory), record);

    if (trajectory.status == analytic::RunStatus::ok) return 0;
    // The reason is the recorder's (the first non-finite column) or odeint's own message.
    std::cerr << fmt::format("dln integrate: {}; {}\n", trajectory.brief_report(),
                             trajectory.status == analytic::RunStatus::diverged
                                 ? "lower --a0 / --init-scale"
                                 : "loosen --rtol/--atol, or raise --max-steps");
    return 1;
  }

private:
  // The integrator's settings and effort, for the manifest.
  void record_integrator(RunRecord& record, std::size_t rhs_evaluations) const {
    record.parameters["rtol"] = options_.rtol;
    record.parameters["atol"] = options_.atol;
    record.parameters["max_steps"] = options_.max_steps_per_epoch;
    record.parameters["stepper"] = "runge_kutta_dopri5 (dense output)";
    record.parameters["rhs_evaluations"] = rhs_evaluations;
  }

  // --data: the dense network's flow on the user's X and Y (numeric::integrate_on_data), from the init of
  // dln simulate --data for the same flags, read off as its rows (docs/theory.md §5's strengths u_jᵀ W v_j).
  int run_data(RunRecord& record) {
    require_dense_with_data(training_.arch_name);
    const auto data = data_.load();
    training_.validate_init(/*aligned_uses_hidden=*/true);  // lr and epochs: flow.integration.validate() below
    weights_.validate(training_.epochs);
    const auto& m = data.modes;
    numeric::DataFlowOptions flow{options_, data.blocks, {}};
    flow.integration.lr = data_lr(*app, training_.lr, m);
    flow.integration.epochs = training_.epochs;
    flow.integration.validate();
    output_.check_writable();
    const numeric::DenseWeights initial = weights_.start(training_, m, data.X.rows(), data.Y.rows());
    numeric::DataFlowResult result;
    {
      ProgressBar progress(std::cerr, "dln integrate", "epochs", training_.epochs, ProgressBar::wanted(output_.quiet));
      flow.on_epoch = [&](int t, const numeric::DenseWeights& w) {
        if (weights_.saves(t, training_.epochs)) weights_.save(t, w);
        progress.update(t);
      };
      result = numeric::integrate_on_data(m, data.loss_offset, initial, flow);
    }
    record.parameters = data_.parameters();
    record.parameters.update(training_.parameters());
    record.parameters["lr"] = flow.integration.lr;
    record.parameters["hidden"] = initial.W1.rows();
    record.parameters["init_from"] = weights_.init_directory;
    record.parameters["misalignment"] = m.misalignment;
    record_integrator(record, result.rhs_evaluations);
    if (training_.random_init() && weights_.init_directory.empty()) record.seeds = {training_.seed};
    record.status = std::string(analytic::to_string(result.status));
    record.final_values = data_final_values(result.run);
    if (result.run.failed_at) record.parameters["failed_at_epoch"] = *result.run.failed_at;
    if (!result.reason.empty()) record.parameters["status_reason"] = result.reason;
    emit(output_.path, data_csv(result.run, m.rank, data.blocks.has_value()), record);
    if (result.status == analytic::RunStatus::ok) return 0;
    std::cerr << fmt::format("dln integrate: {} at epoch {}; {}; {}\n", result.reason, *result.run.failed_at,
                             rows_kept(*result.run.failed_at),
                             result.status == analytic::RunStatus::diverged
                                 ? fmt::format("lower --lr (the stability estimate is {:.3g})", numeric::stable_data_lr(m))
                                 : "loosen --rtol/--atol, or raise --max-steps");
    return 1;
  }

  DatasetFlags dataset_;
  TrainingFlags training_;
  DataFlags data_;
  WeightsFlags weights_;
  OutputFlags output_;
  numeric::IntegrationOptions options_;
};

}  // namespace

std::unique_ptr<Command> make_integrate_command(CLI::App& dln) { return std::make_unique<IntegrateCommand>(dln); }

}  // namespace dln::cli
