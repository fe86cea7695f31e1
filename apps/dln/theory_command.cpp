// dln theory: closed-form learning curves (docs/theory.md §5–7) of any architecture, from a uniform a0 or
// from an actual random init (class-block a0 with the frozen parts, docs/theory.md §15, or §5's per-mode a0).
#include <fmt/format.h>
#include <iostream>

#include "cli_support.hpp"
#include "command.hpp"
#include "dln/analytic.hpp"
#include "dln/numeric/init.hpp"
#include "training_flags.hpp"

namespace dln::cli {

namespace {

class TheoryCommand : public Command {
public:
  explicit TheoryCommand(CLI::App& dln) {
    app = dln.add_subcommand("theory", "closed-form learning curves: mode strengths, loss, quadrant norms");
    dataset_.add_to(*app);
    training_.add_to(*app);
    app->add_option("--time", time_, "flow (gradient flow) or discrete (exact map of full-batch GD)")
        ->transform(one_of("flow, discrete"))
        ->capture_default_str();
    app->add_option("--a0-estimate", a0_estimate_,
                    "with --init random: class-block (docs/theory.md §15: a class's a0 are the eigenvalues of its block, "
                    "earlier classes projected out, quadrants with the frozen parts; tracks GD to ~1e-4) or "
                    "per-mode (§5: ¼‖W1 v_j + W2ᵀ u_j‖² per mode; lags GD at each transition)")
        ->transform(one_of("class-block, per-mode"))
        ->capture_default_str();
    output_.add_to(*app);
  }

  int run(RunRecord& record) override {
    const auto& spec = dataset_.spec;
    spec.validate();
    training_.validate(/*aligned_uses_hidden=*/false);
    const auto arch = training_.architecture();
    if (training_.random_init()) numeric::check_weights_fit(spec, arch, training_.hidden);
    output_.check_writable();

    const analytic::TheoryOptions options{training_.lr, training_.epochs,
                                          time_ == "flow" ? analytic::TimeModel::flow : analytic::TimeModel::discrete};
    const auto modes = analytic::architecture_modes(spec, arch);
    warn_if_unstable(modes);

    analytic::Trajectory trajectory;
    record.parameters = dataset_parameters(spec);
    if (training_.random_init()) {
      const auto weights = numeric::random_init(spec, arch, training_.hidden, training_.init_scale, training_.seed);
      const auto estimate =
          a0_estimate_ == "per-mode" ? analytic::A0Estimate::per_mode : analytic::A0Estimate::class_block;
      trajectory = analytic::theory_from_init(modes, weights, options, estimate);
      record.seeds = {training_.seed};
      record.parameters["a0_estimate"] = a0_estimate_;
    } else {
      trajectory = analytic::theory_trajectory(modes, analytic::uniform_initial_strengths(modes, training_.a0), options);
    }
    record.parameters.update(training_.parameters());
    record.parameters["time"] = time_;
    record.status = std::string(analytic::to_string(trajectory.status));
    record.final_values = final_readouts(trajectory);
    if (trajectory.failed_at) record.parameters["failed_at_epoch"] = *trajectory.failed_at;
    if (!trajectory.reason.empty()) record.parameters["status_reason"] = trajectory.reason;
    emit(output_.path, trajectory_csv(trajectory), record);

    if (trajectory.status == analytic::RunStatus::ok) return 0;
    std::cerr << fmt::format("dln theory: {}; lower --lr\n", trajectory.brief_report());
    return 1;
  }

private:
  void warn_if_unstable(const analytic::ArchitectureModes& modes) const {
    const auto check = analytic::gd_stability(modes, training_.lr);
    if (check.stable() || output_.quiet) return;
    std::cerr << "warning: " << check.describe()
              << (time_ == "flow" ? "; the gradient-flow solution is still exact\n" : "\n");
  }

  DatasetFlags dataset_;
  TrainingFlags training_;
  OutputFlags output_;
  std::string time_ = "flow";
  std::string a0_estimate_ = "class-block";
};

}  // namespace

std::unique_ptr<Command> make_theory_command(CLI::App& dln) { return std::make_unique<TheoryCommand>(dln); }

}  // namespace dln::cli
