// dln modules theory|integrate|simulate: gated linear modules on the multi-rule dataset (docs/modules_engine.md).
// The module description comes from --modules FILE.toml or --preset NAME (with the dataset flags); the three
// subcommands mirror dln theory / integrate / simulate and write the same kind of CSV + manifest.
#include <fmt/format.h>
#include <algorithm>
#include <iostream>
#include <optional>

#include "cli_support.hpp"
#include "command.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/analytic/theory.hpp"
#include "dln/io/module_description.hpp"
#include "dln/modules/full_objective.hpp"
#include "dln/modules/init.hpp"
#include "dln/modules/learned_routing.hpp"
#include "dln/modules/per_sample_routing.hpp"
#include "dln/modules/run.hpp"
#include "dln/modules/sample_objective.hpp"
#include "dln/modules/theory.hpp"
#include "dln/training/update_policy.hpp"

namespace dln::cli {

namespace {

enum class Kind { theory, integrate, simulate };

std::string modules_csv(const modules::ReadoutTrajectory& trajectory) {
  std::string csv;
  const auto columns = modules::csv_columns(trajectory);
  for (std::size_t i = 0; i < columns.size(); ++i) csv += (i ? "," : "") + columns[i];
  csv += '\n';
  for (const auto& row : trajectory.rows) {
    const auto values = modules::csv_values(row);
    csv += fmt::format("{}", row.t);
    for (std::size_t i = 1; i < values.size(); ++i) csv += fmt::format(",{:.17g}", values[i]);
    csv += '\n';
  }
  return csv;
}

nlohmann::json description_json(const modules::Description& d) {
  const auto& data = d.dataset;
  nlohmann::json modules = nlohmann::json::array();
  const Eigen::MatrixXd gates = modules::gate_matrix(d);
  for (std::size_t m = 0; m < d.modules.size(); ++m) {
    const auto& spec = d.modules[m];
    std::vector<double> g;
    for (int rho = 0; rho < data.rules; ++rho) g.push_back(gates(static_cast<Eigen::Index>(m), rho));
    modules.push_back({{"name", spec.name}, {"input", modules::to_string(spec.input)},
                       {"output", modules::to_string(spec.output)}, {"hidden", spec.hidden},
                       {"gate_kind", modules::to_string(spec.gate.kind)}, {"gates", g}});
  }
  return {{"dataset", {{"n1", data.n1}, {"k1", data.k1}, {"k2", data.k2}, {"r", data.r}, {"rules", data.rules},
                       {"kappa", data.queried_features()}, {"prior", data.rule_priors()}, {"P", data.patterns()}}},
          {"temperature", d.temperature},
          {"routing", modules::to_string(d.routing)},
          {"modules", modules}};
}

nlohmann::json final_values(const modules::Readout& row) {
  nlohmann::json values = {{"t", row.t}, {"loss", row.loss}, {"systematic_share", row.systematic_share}};
  if (row.test_loss) {
    values["test_loss"] = *row.test_loss;
    values["test_answer_loss"] = *row.test_answer_loss;
  }
  std::vector<std::vector<double>> gates;  // [module][rule]
  for (Eigen::Index m = 0; m < row.gates.rows(); ++m) gates.emplace_back(row.gates.row(m).begin(), row.gates.row(m).end());
  values["gates"] = gates;
  return values;
}

class ModulesCommand : public Command {
public:
  ModulesCommand(CLI::App& parent, Kind kind) : kind_(kind) {
    static constexpr const char* kNames[] = {"theory", "integrate", "simulate"};
    static constexpr const char* kHelp[] = {
        "closed forms (gated pathways, GT routing, races, Lotka–Volterra) read off through the latent read-out",
        "gradient flow of the full or latent weights, integrated with Boost.Odeint",
        "full-batch GD of the full or latent weights, or minibatch SGD over the R·P samples (--rule sgd)"};
    app = parent.add_subcommand(kNames[static_cast<int>(kind)], kHelp[static_cast<int>(kind)]);
    file_option_ = app->add_option("--modules", file_, "module description, TOML ([dataset], [[module]] tables)");
    preset_option_ = app->add_option("--preset", preset_, "preset: " + std::string(modules::kPresetNames))->capture_default_str();
    for (auto* o : {app->add_option("--n1", data_.n1, "compositional features (with --preset)"),
                    app->add_option("--k1", data_.k1, "per-item input copies (with --preset)"),
                    app->add_option("--k2", data_.k2, "per-item output copies (with --preset)"),
                    app->add_option("--r", data_.r, "per-item scale (with --preset)"),
                    app->add_option("--rules", data_.rules, "rules R (with --preset)"),
                    app->add_option("--kappa", data_.kappa, "feature asked by each rule, e.g. 2,0,1 (with --preset)")->delimiter(','),
                    app->add_option("--prior", data_.prior, "rule prior, e.g. 0.5,0.5 (with --preset)")->delimiter(','),
                    app->add_option("--hidden", hidden_, "hidden units of every preset module (with --preset)")})
      preset_only_.push_back(o->capture_default_str());
    hidden_option_ = preset_only_.back();
    app->add_option("--lr", lr_, "learning rate on the loss summed over the R·P samples (η = R·P·lr)")->capture_default_str();
    app->add_option("--epochs", epochs_, "epochs; rows t = 0..epochs")->capture_default_str();
    app->add_option("--init", init_, "aligned (every mode at --a0) or random")->capture_default_str();
    a0_option_ = app->add_option("--a0", a0_, "initial strength of every mode (--init aligned)")->capture_default_str();
    scale_option_ = app->add_option("--init-scale", init_scale_, "σ of the N(0, σ²) init (--init random)")->capture_default_str();
    seed_option_ = app->add_option("--seed", seed_, "seed of the random init")->capture_default_str();
    if (kind == Kind::theory) {
      app->add_option("--time", time_, "flow or discrete (exact map of full-batch GD)")->capture_default_str();
    } else {
      app->add_option("--engine", engine_, "full (the weights) or latent (docs/modules.md §2)")->capture_default_str();
      router_option_ = app->add_option("--router-lr-ratio", router_lr_ratio_,
                                       "learned routing: the softmax logits train at η_θ = ratio·η (0 = fixed; overrides "
                                       "the file's router_lr_ratio; docs/modules.md §5.1)");
      train_option_ = app->add_option("--train", train_,
                                      "held-out combinations: train on these patterns (every rule), report the loss on "
                                      "the others (test_loss, test_answer_loss; full engine)")
                          ->delimiter(',');
      app->add_option("--logit-noise", logit_noise_,
                      "σ of N(0, σ²) added to the initial softmax logits (seeded by --seed, a stream of its own)")
          ->capture_default_str();
    }
    if (kind == Kind::simulate) {
      app->add_option("--rule", rule_, "gd (full batch) or sgd (minibatches of the R·P samples (rule, pattern), each "
                                       "weighted R·π_rule; one fresh order per epoch from --seed)")
          ->capture_default_str();
      app->add_option("--batch", batch_, "samples per SGD step, 1 ≤ B ≤ R·P (--rule sgd, required; B = R·P is GD)");
    }
    if (kind != Kind::theory)
      app->add_option("--record-every", record_every_,
                      "rows at t = 0, k, 2k, … and the last epoch (the read-out dominates a full-weight epoch at n1 = 10)")
          ->capture_default_str();
    if (kind == Kind::integrate) {
      app->add_option("--rtol", rtol_, "relative tolerance of the adaptive stepper")->capture_default_str();
      app->add_option("--atol", atol_, "absolute tolerance of the adaptive stepper")->capture_default_str();
      app->add_option("--max-steps", max_steps_, "odeint steps allowed between two epochs")->capture_default_str();
    }
    output_.add_to(*app);
  }

  int run(RunRecord& record) override {
    record.command = "modules " + app->get_name();
    const modules::Description d = description();
    check_flags();
    require_gd_for_per_sample_routing(d);
    output_.check_writable();
    modules::ReadoutTrajectory trajectory = kind_ == Kind::theory ? theory(d, record) : train(d, record);

    record.parameters = {{"description", description_json(d)}, {"lr", lr_}, {"epochs", epochs_}, {"init", init_},
                         {"eta", modules::step_size(d.dataset, lr_)}};
    if (file_option_->count()) record.parameters["modules_file"] = file_;
    else record.parameters["preset"] = preset_;
    if (init_ == "random") {
      record.parameters["init_scale"] = init_scale_;
      record.parameters["seed"] = seed_;
      record.seeds = {seed_};
    } else {
      record.parameters["a0"] = a0_;
    }
    if (kind_ == Kind::theory) record.parameters["time"] = time_;
    else record.parameters["engine"] = engine_;
    if (kind_ == Kind::integrate) record.parameters.update({{"rtol", rtol_}, {"atol", atol_}, {"max_steps", max_steps_}});
    if (kind_ != Kind::theory) {
      record.parameters["router_lr_ratio"] = d.router_lr_ratio;
      record.parameters["logit_noise"] = logit_noise_;
      if (held_out()) record.parameters["train"] = train_;
      if (logit_noise_ > 0.0) record.seeds = {seed_};
    }
    if (kind_ == Kind::simulate) record.parameters["rule"] = rule_;
    if (kind_ != Kind::theory) record.parameters["record_every"] = record_every_;
    if (sgd()) {
      record.parameters.update({{"batch", batch_}, {"batch_stream_seed", training::batch_stream_seed(seed_)}, {"seed", seed_}});
      record.seeds = {seed_};
    }
    record.status = std::string(analytic::to_string(trajectory.status));
    if (trajectory.failed_at) record.parameters["failed_at_epoch"] = *trajectory.failed_at;
    if (!trajectory.rows.empty())
      record.final_values = final_values(trajectory.rows.back());
    emit(output_.path, modules_csv(trajectory), record);
    if (trajectory.status == analytic::RunStatus::ok) return 0;
    std::cerr << fmt::format("dln modules {}: {} at epoch {} (rows before it kept); lower --lr\n", app->get_name(),
                             analytic::to_string(trajectory.status), *trajectory.failed_at);
    return 1;
  }

private:
  modules::Description description() const {
    modules::Description d = given_description();
    if (router_option_ && router_option_->count()) {
      d.router_lr_ratio = router_lr_ratio_;
      d.validate();
    }
    return d;
  }

  modules::Description given_description() const {
    if (file_option_->count()) {
      for (const auto* o : preset_only_)
        if (o->count()) throw InvalidInput(o->get_name().substr(2), "applies to --preset only (the TOML file holds the description)");
      if (preset_option_->count()) throw InvalidInput("preset", "conflicts with --modules (give one description)");
      return io::read_module_description(file_);
    }
    modules::Description d = modules::preset(preset_, data_, hidden_);
    d.validate();
    return d;
  }

  void check_flags() const {
    analytic::TheoryOptions{lr_, epochs_}.validate();
    if (init_ != "aligned" && init_ != "random")
      throw InvalidInput("init", fmt::format("must be aligned or random, got '{}'", init_));
    if (init_ == "random") {
      if (a0_option_->count()) throw InvalidInput("a0", "applies to --init aligned only");
      if (!std::isfinite(init_scale_) || init_scale_ <= 0.0)
        throw InvalidInput("init-scale", fmt::format("must be a finite number > 0, got {}", init_scale_));
    } else {
      if (scale_option_->count()) throw InvalidInput("init-scale", "applies to --init random only");
      if (seed_option_->count() && logit_noise_ == 0.0 && !sgd())
        throw InvalidInput("seed", "applies to --init random, --logit-noise or --rule sgd only");
    }
    if (kind_ == Kind::theory && time_ != "flow" && time_ != "discrete")
      throw InvalidInput("time", fmt::format("must be flow or discrete, got '{}'", time_));
    if (kind_ != Kind::theory && engine_ != "full" && engine_ != "latent")
      throw InvalidInput("engine", fmt::format("must be full or latent, got '{}'", engine_));
    check_rule();
  }

  // SGD draws samples (rule, pattern): a pattern is not a latent, so it needs the full weights, and every pattern.
  void check_rule() const {
    if (kind_ != Kind::simulate) return;
    if (rule_ != "gd" && rule_ != "sgd") throw InvalidInput("rule", fmt::format("must be gd or sgd, got '{}'", rule_));
    if (!sgd() && batch_ != 0) throw InvalidInput("batch", "applies to --rule sgd only");
    if (sgd() && batch_ == 0) throw InvalidInput("batch", "is required with --rule sgd (1 ≤ B ≤ R·P)");
    if (sgd() && engine_ != "full") throw InvalidInput("rule", "sgd needs --engine full (a sample is not a latent direction)");
    if (sgd() && held_out()) throw InvalidInput("train", "applies to --rule gd only");
  }

  bool sgd() const { return rule_ == "sgd"; }

  // The initial full weights: N(0, σ²) (--init random) or every mode at a0 (--init aligned).
  modules::State full_weights(const modules::Description& d) const {
    if (init_ == "random") return modules::random_init(d, init_scale_, seed_);
    const auto structure = modules::mode_structure(d, true, false);
    return modules::aligned_full_weights(d, structure, modules::aligned_contributions(structure, a0_));
  }

  // The library refuses per-sample routing in every engine but its own (key "routing"); here the user chose it
  // through --preset or --modules, so name that.
  void require_gd_for_per_sample_routing(const modules::Description& d) const {
    if (!d.routes_per_sample() || (kind_ == Kind::simulate && engine_ == "full")) return;
    throw InvalidInput(file_option_->count() ? "modules" : "preset",
                       "routes per sample (Mittal's joint Modular): its gates vary within a rule, so there is no closed "
                       "form, latent reduction or flow (docs/modules.md §5.3); run dln modules simulate --engine full");
  }

  bool held_out() const { return train_option_ && train_option_->count() > 0; }

  // Hidden widths are checked against the modes' needs where weights are built, or where the user chose them.
  bool hidden_chosen() const { return file_option_->count() > 0 || hidden_option_->count() > 0; }

  modules::ReadoutTrajectory theory(const modules::Description& d, RunRecord&) const {
    modules::require_fixed_routing(d);
    const modules::ModeStructure structure = modules::mode_structure(d);
    modules::TheoryOptions options;
    options.lr = lr_;
    options.epochs = epochs_;
    options.time = time_ == "flow" ? modules::TimeModel::flow : modules::TimeModel::discrete;
    options.a0 = init_ == "aligned" ? a0_ : 1.0;
    options.check_hidden = hidden_chosen() || init_ == "random";
    std::vector<Eigen::VectorXd> initial;
    if (init_ == "random")
      initial = modules::contributions_from_weights(d, structure, modules::random_init(d, init_scale_, seed_));
    try {
      return modules::theory_trajectory(d, structure, options, initial);
    } catch (const InvalidInput& e) {
      // A preset's widths all come from --hidden.
      if (file_option_->count() || e.parameter().rfind("module[", 0) != 0) throw;
      throw InvalidInput("hidden", e.what());
    }
  }

  modules::ReadoutTrajectory train(const modules::Description& d, RunRecord&) const {
    modules::RunOptions options;
    options.lr = lr_;
    options.epochs = epochs_;
    options.rtol = rtol_;
    options.atol = atol_;
    options.max_steps_per_epoch = max_steps_;
    options.initial_logits = modules::initial_logits(d, logit_noise_, seed_);
    options.batch = batch_;
    options.record_every = record_every_;
    options.batch_seed = training::batch_stream_seed(seed_);  // as dln simulate --rule sgd: no bits shared with the init
    options.validate();
    const auto run = [&](const modules::Engine& engine, modules::State initial) {
      return kind_ == Kind::integrate ? modules::run_flow(engine, std::move(initial), options).trajectory
                                      : modules::run_gd(engine, std::move(initial), options).trajectory;
    };
    if (sgd() && d.routes_per_sample())
      throw InvalidInput("rule", "sgd needs rule-level routing (samples are drawn per rule); per-sample routing runs gd");
    if (d.routes_per_sample() && kind_ == Kind::simulate && engine_ == "full") return per_sample(d, options);
    if (held_out()) {
      if (engine_ != "full") throw InvalidInput("train", "needs --engine full (a subset of patterns breaks the latent basis)");
      const modules::HeldOutObjective objective(d, train_);
      if (init_ == "random") return run(objective, modules::random_init(d, init_scale_, seed_));
      const auto structure = modules::mode_structure(d, true, false);
      return run(objective, modules::aligned_full_weights(d, structure, modules::aligned_contributions(structure, a0_)));
    }
    if (sgd()) {
      const modules::FullObjective objective(d);
      return modules::run_sgd(objective, full_weights(d), options).trajectory;
    }
    if (engine_ == "full") {
      const modules::FullObjective objective(d);
      if (init_ == "random") return run(objective, modules::random_init(d, init_scale_, seed_));
      const auto structure = modules::mode_structure(d, true, false);
      return run(objective, modules::aligned_full_weights(d, structure, modules::aligned_contributions(structure, a0_)));
    }
    if (init_ == "random") {
      const modules::LatentObjective latent(d, {modules::full_block(d.dataset)});
      return run(latent, latent.from_full(modules::random_init(d, init_scale_, seed_)));
    }
    // Aligned init on the latent blocks: one representative per class of complement latents, cost independent of P.
    const auto structure = modules::mode_structure(d, false, false);
    const modules::LatentObjective latent(d, structure.blocks);
    return run(latent, modules::aligned_state(d, structure, modules::aligned_contributions(structure, a0_)));
  }

  // Mittal's joint "Modular" (docs/modules.md §5.3): full-weight GD of the weights and the router on dense samples.
  modules::ReadoutTrajectory per_sample(const modules::Description& d, const modules::RunOptions& options) const {
    const auto all_patterns = [&] {
      std::vector<int> all(static_cast<std::size_t>(d.dataset.patterns()));
      for (std::size_t c = 0; c < all.size(); ++c) all[c] = static_cast<int>(c);
      return all;
    };
    const modules::PerSampleObjective train(d, held_out() ? train_ : all_patterns());
    std::optional<modules::PerSampleObjective> test;
    if (held_out()) {
      std::vector<int> rest;
      for (int c : all_patterns())
        if (std::find(train_.begin(), train_.end(), c) == train_.end()) rest.push_back(c);
      if (rest.empty()) throw InvalidInput("train", fmt::format("leaves no pattern to test on: list fewer than P = {}", d.dataset.patterns()));
      test.emplace(d, rest);
    }
    modules::Router router = modules::initial_router(d, init_ == "random" ? init_scale_ : 0.0, seed_, options.initial_logits);
    modules::State weights;
    if (init_ == "random") {
      weights = modules::random_init(d, init_scale_, seed_);
    } else {  // the aligned weights of the same modules with rule-level gates (the gates do not enter them)
      modules::Description rule_level = d;
      rule_level.routing = modules::Routing::rule;
      const auto structure = modules::mode_structure(rule_level, true, false);
      weights = modules::aligned_full_weights(rule_level, structure, modules::aligned_contributions(structure, a0_));
    }
    return modules::run_per_sample_gd(train, test ? &*test : nullptr, std::move(weights), std::move(router), options)
        .trajectory;
  }

  Kind kind_;
  std::string file_, preset_ = "monolithic";
  modules::RuleDataset data_;
  int hidden_ = 16;
  double lr_ = 0.02;
  int epochs_ = 300;
  std::string init_ = "aligned";
  double a0_ = 1e-6, init_scale_ = 1e-3;
  std::uint64_t seed_ = 0;
  std::string time_ = "flow", engine_ = "full", rule_ = "gd";
  int batch_ = 0, record_every_ = 1;
  double router_lr_ratio_ = 0.0, logit_noise_ = 0.0;
  std::vector<int> train_;
  double rtol_ = 1e-10, atol_ = 1e-14;
  int max_steps_ = 10'000;
  OutputFlags output_;
  CLI::Option *file_option_ = nullptr, *preset_option_ = nullptr, *router_option_ = nullptr, *train_option_ = nullptr, *hidden_option_ = nullptr, *a0_option_ = nullptr,
              *scale_option_ = nullptr, *seed_option_ = nullptr;
  std::vector<CLI::Option*> preset_only_;
};

}  // namespace

std::vector<std::unique_ptr<Command>> make_modules_commands(CLI::App& dln) {
  CLI::App* family = dln.add_subcommand("modules", "gated linear modules on the multi-rule dataset (Jarvis-R)");
  family->require_subcommand(1);
  std::vector<std::unique_ptr<Command>> commands;
  for (Kind kind : {Kind::theory, Kind::integrate, Kind::simulate})
    commands.push_back(std::make_unique<ModulesCommand>(*family, kind));
  return commands;
}

}  // namespace dln::cli
