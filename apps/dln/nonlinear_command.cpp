// dln nonlinear dataset | fashion: the non-linear check (docs/nonlinear.md). `dataset` trains two-layer ReLU
// networks on the dataset space of docs/theory.md §2 (all patterns, or a training subset for the
// held-out-combination experiment of §10); `fashion` trains dense and split ReLU networks on compositional
// Fashion-MNIST. One CSV row per epoch: t, the mean of every column over the seeds, then each column's _sd.
#include <fmt/format.h>
#include <iostream>

#include "cli_support.hpp"
#include "command.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/nonlinear/fashion.hpp"
#include "dln/nonlinear/jarvis.hpp"
#include "dln/validation/generalize.hpp"
#include "training_flags.hpp"

namespace dln::cli {

namespace {

std::string curves_csv(const nonlinear::SeedCurves& curves) {
  std::string csv = "t";
  for (const auto& c : curves.columns) csv += "," + c;
  for (const auto& c : curves.columns) csv += "," + c + "_sd";
  csv += '\n';
  for (std::size_t t = 0; t < curves.mean.size(); ++t) {
    csv += fmt::format("{}", t);
    for (double v : curves.mean[t]) csv += fmt::format(",{:.17g}", v);
    for (double v : curves.sd[t]) csv += fmt::format(",{:.17g}", v);
    csv += '\n';
  }
  return csv;
}

// Writes the curves and reports a divergence (exit 1) the way every dln command does.
int finish(const nonlinear::SeedCurves& curves, const std::string& name, const OutputFlags& output, RunRecord& record) {
  record.seeds = curves.seeds;
  record.status = curves.ok() ? "ok" : "diverged";
  if (!curves.mean.empty()) {
    nlohmann::json last{{"t", curves.mean.size() - 1}};
    for (std::size_t k = 0; k < curves.columns.size(); ++k) last[curves.columns[k]] = curves.mean.back()[k];
    record.final_values = last;
  }
  if (curves.failed_at) {
    record.parameters["failed_at_epoch"] = *curves.failed_at;
    record.parameters["failed_seed"] = *curves.failed_seed;
  }
  emit(output.path, curves_csv(curves), record);
  if (curves.ok()) return 0;
  std::cerr << fmt::format("dln nonlinear {}: diverged at epoch {} (run seed {}); rows up to {} kept; lower --lr\n",
                           name, *curves.failed_at, *curves.failed_seed, *curves.failed_at - 1);
  return 1;
}

class DatasetCommand : public Command {
public:
  explicit DatasetCommand(CLI::App& parent) {
    app = parent.add_subcommand("dataset", "two-layer ReLU networks on the dataset space (read out through the mean "
                                           "input–output Jacobian; --train for held-out combinations)");
    dataset_.add_to(*app);
    auto& o = options_;
    app->add_option("--arch", arch_name_, "dense, split or segregated")->capture_default_str();
    train_option_ = app->add_option("--train", o.train, "train on these pattern indices only, e.g. 0,1,2; the "
                                                        "others are the test set (default: all patterns)")
                        ->delimiter(',');
    fraction_option_ = app->add_option("--train-fraction", fraction_,
                                       "train on a random round(f·P) of the patterns, 0 < f ≤ 1 (drawn with --seed)");
    app->add_option("--lr", o.lr, "step on the summed half squared error, times P/|T|")->capture_default_str();
    app->add_option("--epochs", o.epochs, "epochs; rows t = 0..epochs")->capture_default_str();
    app->add_option("--batch", o.batch, "samples per SGD step; 0 = full batch (GD)")->capture_default_str();
    app->add_option("--hidden", o.hidden, "hidden ReLU units per module")->capture_default_str();
    app->add_option("--init-scale", o.init_scale, "σ of the N(0, σ²) weights and biases")->capture_default_str();
    app->add_option("--seed", o.seed, "seed of run 0 (init, then batch order)")->capture_default_str();
    app->add_option("--seeds", o.seeds, "runs with seeds seed, seed+1, …")->capture_default_str();
    output_.add_to(*app);
  }

  int run(RunRecord& record) override {
    auto& o = options_;
    o.spec = dataset_.spec;
    o.spec.validate();
    o.arch = analytic::parse_architecture(arch_name_);
    if (train_option_->count() > 0 && fraction_option_->count() > 0)
      throw InvalidInput("train", "give at most one of --train i,j,… and --train-fraction f");
    if (fraction_option_->count() > 0) o.train = validation::draw_training_subset(o.spec.patterns(), fraction_, o.seed);
    o.validate();
    output_.check_writable();

    const nonlinear::SeedCurves curves = nonlinear::train_jarvis(o);
    record.parameters = dataset_parameters(o.spec);
    record.parameters.update(nlohmann::json{{"arch", arch_name_}, {"train", o.train}, {"lr", o.lr},
                                            {"epochs", o.epochs}, {"batch", o.batch}, {"hidden", o.hidden},
                                            {"init_scale", o.init_scale}, {"seed", o.seed}, {"seeds", o.seeds}});
    if (fraction_option_->count() > 0) record.parameters["train_fraction"] = fraction_;
    return finish(curves, "dataset", output_, record);
  }

private:
  DatasetFlags dataset_;
  OutputFlags output_;
  nonlinear::JarvisOptions options_;
  std::string arch_name_ = "dense";
  double fraction_ = 0.0;
  CLI::Option* train_option_ = nullptr;
  CLI::Option* fraction_option_ = nullptr;
};

class FashionCommand : public Command {
public:
  explicit FashionCommand(CLI::App& parent) {
    app = parent.add_subcommand("fashion", "dense or split ReLU networks on compositional Fashion-MNIST (three "
                                           "images side by side; 30 compositional + 1000 per-item outputs)");
    auto& d = data_;
    auto& n = network_;
    app->add_option("--data", data_dir_, "directory of the gzipped IDX files")->capture_default_str();
    app->add_option("--protocol", protocol_name_,
                    "instances (the paper's: new images of any combination) or held-out (combinations never "
                    "trained on)")
        ->capture_default_str();
    app->add_option("--held-out-fraction", d.held_out_fraction,
                    "held-out: share of the 1000 class combinations never trained on, in (0, 1)")
        ->capture_default_str();
    app->add_option("--split-seed", d.split_seed, "seed of the held-out combinations' draw")->capture_default_str();
    app->add_option("--train-images", d.train_images, "training composites, 1..20000 (the paper's 20000)")
        ->capture_default_str();
    app->add_option("--test-images", d.test_images, "test composites, 1..3333")->capture_default_str();
    app->add_option("--pool", d.pool, "mean pooling of the 28 × 84 image: 1, 2, 4 or 7")->capture_default_str();
    app->add_option("--eval-samples", d.eval_samples, "composites per set the errors are measured on")
        ->capture_default_str();
    app->add_option("--arch", arch_name_, "dense or split")->capture_default_str();
    app->add_option("--hidden", n.hidden, "hidden ReLU units in all (split: hidden/2 per module)")->capture_default_str();
    app->add_option("--lr", n.lr, "learning rate on the batch mean of the summed squared error")->capture_default_str();
    app->add_option("--batch", n.batch, "samples per SGD step")->capture_default_str();
    app->add_option("--epochs", n.epochs, "epochs; rows t = 0..epochs")->capture_default_str();
    app->add_option("--init-scale", n.init_scale, "σ of the N(0, σ²) weights and biases")->capture_default_str();
    app->add_option("--seed", n.seed, "seed of run 0 (init, then batch order)")->capture_default_str();
    app->add_option("--seeds", n.seeds, "runs with seeds seed, seed+1, …")->capture_default_str();
    output_.add_to(*app);
  }

  int run(RunRecord& record) override {
    data_.data = data_dir_;
    data_.protocol = nonlinear::parse_protocol(protocol_name_);
    network_.arch = analytic::parse_architecture(arch_name_);
    data_.validate();
    network_.validate(nonlinear::kTrainBlock);  // everything but the batch's bound, known once the data are read
    output_.check_writable();
    const nonlinear::CompositeTask task = nonlinear::load_task(data_);
    network_.validate(task.X_train.cols());

    const nonlinear::SeedCurves curves = nonlinear::train_images(task, network_);
    record.parameters = {{"data", data_dir_},
                         {"protocol", protocol_name_},
                         {"train_images", data_.train_images},
                         {"test_images", data_.test_images},
                         {"pool", data_.pool},
                         {"eval_samples", data_.eval_samples},
                         {"training_composites", task.X_train.cols()},
                         {"test_composites", task.X_test.cols()},
                         {"arch", arch_name_},
                         {"hidden", network_.hidden},
                         {"lr", network_.lr},
                         {"batch", network_.batch},
                         {"epochs", network_.epochs},
                         {"init_scale", network_.init_scale},
                         {"seed", network_.seed},
                         {"seeds", network_.seeds}};
    if (data_.protocol == nonlinear::Protocol::held_out) {
      record.parameters["held_out_fraction"] = data_.held_out_fraction;
      record.parameters["split_seed"] = data_.split_seed;
      record.parameters["held_out_combinations"] = task.held_out;
    }
    return finish(curves, "fashion", output_, record);
  }

private:
  OutputFlags output_;
  nonlinear::CompositeDataOptions data_;
  nonlinear::ImageNetworkOptions network_;
  std::string data_dir_{nonlinear::kFashionDirectory};
  std::string protocol_name_ = "instances";
  std::string arch_name_ = "dense";
};

}  // namespace

std::vector<std::unique_ptr<Command>> make_nonlinear_commands(CLI::App& dln) {
  CLI::App* parent = dln.add_subcommand("nonlinear", "the non-linear check: ReLU networks on the dataset space and on "
                                                     "compositional Fashion-MNIST (docs/nonlinear.md)");
  parent->require_subcommand(1);
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(std::make_unique<DatasetCommand>(*parent));
  commands.push_back(std::make_unique<FashionCommand>(*parent));
  return commands;
}

}  // namespace dln::cli
