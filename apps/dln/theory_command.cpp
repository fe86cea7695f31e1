// dln theory: closed-form learning curves (docs/theory.md §5–7) of any architecture, from a uniform a0 or
// from an actual random init (class-block a0 with the frozen parts, docs/theory.md §15, or §5's per-mode a0).
#include <fmt/format.h>
#include <iostream>
#include <optional>

#include "cli_support.hpp"
#include "command.hpp"
#include "dln/analytic.hpp"
#include "dln/numeric/data_training.hpp"
#include "dln/numeric/init.hpp"
#include "data_flags.hpp"
#include "training_flags.hpp"

namespace dln::cli {

namespace {

class TheoryCommand : public Command {
public:
  explicit TheoryCommand(CLI::App& dln) {
    app = dln.add_subcommand("theory", "closed-form learning curves: mode strengths, loss, quadrant norms");
    dataset_.add_to(*app);
    training_.add_to(*app);
    app->add_option("--time", time_,
                    "discrete (the exact map of full-batch GD from an aligned init: what dln simulate runs, so that "
                    "the two agree at their defaults) or flow (gradient flow)")
        ->transform(one_of("flow, discrete"))
        ->capture_default_str();
    app->add_option("--a0-estimate", a0_estimate_,
                    "with --init random: class-block (docs/theory.md §15: a class's a0 are the eigenvalues of its block, "
                    "earlier classes projected out, quadrants with the frozen parts; tracks GD to ~1e-4) or "
                    "per-mode (§5: ¼‖W1 v_j + W2ᵀ u_j‖² per mode; lags GD at each transition)")
        ->transform(one_of("class-block, per-mode"))
        ->capture_default_str();
    data_.add_to(*app);
    output_.add_to(*app);
  }

  int run(RunRecord& record) override {
    if (data_.given()) return run_data(record);
    const auto& spec = dataset_.spec;
    spec.validate();
    training_.validate(/*aligned_uses_hidden=*/false);
    const auto arch = training_.architecture();
    if (training_.random_init()) numeric::check_weights_fit(spec, arch, training_.hidden);
    output_.check_writable();

    const auto modes = analytic::architecture_modes(spec, arch);
    training_.choose_default_lr(modes);
    analytic::TheoryOptions options{training_.lr, training_.epochs,
                                    time_ == "flow" ? analytic::TimeModel::flow : analytic::TimeModel::discrete};
    warn_if_unstable(modes);

    record.parameters = dataset_parameters(spec);
    std::optional<analytic::NetworkWeights> weights;
    if (training_.random_init()) {
      weights = numeric::random_init(spec, arch, training_.hidden, training_.init_scale, training_.seed);
      record.seeds = {training_.seed};
      record.parameters["a0_estimate"] = a0_estimate_;
      record.initial_strengths = io::initial_strengths_json(modes, analytic::effective_initial_strengths(modes, *weights));
    }
    record.parameters.update(training_.parameters());
    record.parameters["time"] = time_;

    // Each row is written as it is computed and only the first and last are kept, so that a curve of 10⁶ epochs
    // needs no more memory than one of ten; the manifest, built after the rows, reads the run's end.
    analytic::Trajectory trajectory;
    auto compute_and_write = [&](io::Sink& out) {
      io::TrajectoryCsvWriter csv(out, analytic::family_labels(modes));
      options.on_row = [&csv](const analytic::TrajectoryRow& row) {
        csv.write(row);
        return analytic::RowAction::proceed;
      };
      options.retention = analytic::RowRetention::ends;
      const auto estimate =
          a0_estimate_ == "per-mode" ? analytic::A0Estimate::per_mode : analytic::A0Estimate::class_block;
      trajectory = weights ? analytic::theory_from_init(modes, *weights, options, estimate)
                           : analytic::theory_trajectory(
                                 modes, analytic::uniform_initial_strengths(modes, training_.a0), options);
      record.status = std::string(analytic::to_string(trajectory.status));
      record.final_values = final_readouts(trajectory);
      if (trajectory.failed_at) record.parameters["failed_at_epoch"] = *trajectory.failed_at;
      if (!trajectory.reason.empty()) record.parameters["status_reason"] = trajectory.reason;
    };
    emit(output_.path, compute_and_write, record);

    if (trajectory.status == analytic::RunStatus::ok) return 0;
    std::cerr << fmt::format("dln theory: {}; lower --lr\n", trajectory.brief_report());
    return 1;
  }

private:
  // --data: the closed forms on the data's numerical modes (dense), refused when Σx and Σyx do not share
  // right singular vectors. The rows are those of dln simulate --data; with --time discrete and --init
  // aligned they are exact for its GD.
  int run_data(RunRecord& record) {
    require_dense_with_data(training_.arch_name);
    const auto data = data_.load();
    training_.validate(/*aligned_uses_hidden=*/false);
    analytic::require_closed_forms(data.modes);
    output_.check_writable();
    const auto& m = data.modes;
    analytic::DataTheoryOptions options{data_lr(*app, training_.lr, m), training_.epochs,
                                        time_ == "flow" ? analytic::TimeModel::flow : analytic::TimeModel::discrete,
                                        data.blocks};
    Eigen::VectorXd a0 = Eigen::VectorXd::Constant(m.rank, training_.a0);
    if (training_.random_init()) {
      const auto weights = numeric::random_dense_init(data.X.rows(), data.Y.rows(), training_.hidden,
                                                      training_.init_scale, training_.seed);
      a0 = analytic::data_initial_strengths(m, weights.W1, weights.W2);  // docs/theory.md §5's per-mode a0
      record.seeds = {training_.seed};
      record.initial_strengths = {{"modes", std::vector<double>(a0.data(), a0.data() + a0.size())}};
    }
    const auto curve = analytic::data_theory(m, data.loss_offset, a0, options);
    record.parameters = data_.parameters();
    record.parameters.update(training_.parameters());
    record.parameters["lr"] = options.lr;
    record.parameters["time"] = time_;
    record.parameters["misalignment"] = m.misalignment;
    if (training_.random_init()) record.parameters["a0_estimate"] = "per-mode";
    record.status = curve.failed_at ? "diverged" : "ok";
    record.final_values = data_final_values(curve);
    emit(output_.path, data_csv(curve, m.rank, data.blocks.has_value()), record);
    if (!curve.failed_at) return 0;
    std::cerr << fmt::format("dln theory: the discrete map diverged at epoch {}; {}; lower --lr (the stability "
                             "estimate is {:.3g})\n", *curve.failed_at, rows_kept(*curve.failed_at),
                             numeric::stable_data_lr(m));
    return 1;
  }

  void warn_if_unstable(const analytic::ArchitectureModes& modes) const {
    const auto check = analytic::gd_stability(modes, training_.lr);
    if (check.stable() || output_.quiet) return;
    std::cerr << "warning: " << check.describe()
              << (time_ == "flow" ? "; the gradient-flow solution is still exact\n" : "\n");
  }

  DatasetFlags dataset_;
  TrainingFlags training_;
  DataFlags data_;
  OutputFlags output_;
  std::string time_ = "discrete";
  std::string a0_estimate_ = "class-block";
};

}  // namespace

std::unique_ptr<Command> make_theory_command(CLI::App& dln) { return std::make_unique<TheoryCommand>(dln); }

}  // namespace dln::cli
