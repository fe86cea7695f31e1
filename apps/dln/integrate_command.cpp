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
#include "dln/numeric.hpp"
#include "training_flags.hpp"

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
    output_.add_to(*app);
  }

  int run(RunRecord& record) override {
    const auto& spec = dataset_.spec;
    spec.validate();
    training_.validate(/*aligned_uses_hidden=*/true);
    training_.choose_default_lr(analytic::architecture_modes(spec, training_.architecture()));
    options_.lr = training_.lr;
    options_.epochs = training_.epochs;
    options_.validate();
    const auto arch = training_.architecture();
    numeric::check_weights_fit(spec, arch, training_.hidden);
    output_.check_writable();

    const numeric::Objective objective(spec, arch);
    // aligned_init refuses a hidden width below the number of modes (dln::InvalidInput, exit 2).
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
    record.parameters["rtol"] = options_.rtol;
    record.parameters["atol"] = options_.atol;
    record.parameters["max_steps"] = options_.max_steps_per_epoch;
    record.parameters["stepper"] = "runge_kutta_dopri5 (dense output)";
    record.parameters["rhs_evaluations"] = result.rhs_evaluations;
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
  DatasetFlags dataset_;
  TrainingFlags training_;
  OutputFlags output_;
  numeric::IntegrationOptions options_;
};

}  // namespace

std::unique_ptr<Command> make_integrate_command(CLI::App& dln) { return std::make_unique<IntegrateCommand>(dln); }

}  // namespace dln::cli
