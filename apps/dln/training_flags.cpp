#include "training_flags.hpp"

#include <fmt/format.h>

#include "cli_support.hpp"
#include "dln/analytic/invalid_input.hpp"
#include "dln/analytic/theory.hpp"
#include "dln/io/dataset_json.hpp"
#include "dln/numeric/init.hpp"

namespace dln::cli {

void TrainingFlags::add_to(CLI::App& app) {
  app.add_option("--arch", arch_name, "architecture")
      ->transform(one_of(analytic::kArchitectureNames))
      ->capture_default_str();
  lr_option_ = app.add_option("--lr", lr,
                              "learning rate on the summed half squared error (τ = 1/(P·lr)); default: 0.02 (the "
                              "paper's), or half full-batch GD's stability limit where that is lower, e.g. 0.00049 at "
                              "--n1 10 (P = 1024), so that no default run diverges");
  app.add_option("--epochs", epochs, "epochs; rows t = 0..epochs")->capture_default_str();
  app.add_option("--init", init, "initial weights: aligned (every mode at --a0) or random")
      ->transform(one_of("aligned, random"))
      ->capture_default_str();
  a0_option_ = app.add_option("--a0", a0, "initial strength of every mode (--init aligned)")->capture_default_str();
  scale_option_ = app.add_option("--init-scale", init_scale, "σ of the i.i.d. N(0, σ²) init (--init random)")
                      ->capture_default_str();
  hidden_option_ = app.add_option("--hidden", hidden, "hidden units per module")->capture_default_str();
  seed_option_ = app.add_option("--seed", seed, "seed of the random init")->capture_default_str();
}

void TrainingFlags::validate_combination(bool aligned_uses_hidden) const {
  if (random_init()) {
    if (a0_option_->count() > 0)
      throw dln::InvalidInput("a0", "applies to --init aligned only (a random init sets each mode's a0 itself)");
    return;
  }
  if (scale_option_->count() > 0) throw dln::InvalidInput("init-scale", "applies to --init random only");
  if (seed_option_->count() > 0) throw dln::InvalidInput("seed", "applies to --init random only");
  if (!aligned_uses_hidden && hidden_option_->count() > 0)
    throw dln::InvalidInput("hidden", "applies to --init random only here (the aligned closed form needs no weights)");
}

void TrainingFlags::validate(bool aligned_uses_hidden) const {
  validate_combination(aligned_uses_hidden);
  analytic::TheoryOptions{lr, epochs}.validate();
  check_init_values(aligned_uses_hidden);
}

void TrainingFlags::validate_init(bool aligned_uses_hidden) const {
  validate_combination(aligned_uses_hidden);
  check_init_values(aligned_uses_hidden);
}

void TrainingFlags::check_init_values(bool aligned_uses_hidden) const {
  init_options().validate_strength();
  // The closed form's random init is checked by numeric::check_weights_fit (dln theory); aligned it has no weights.
  if (aligned_uses_hidden && (hidden < 1 || hidden > numeric::kMaxHidden))
    throw dln::InvalidInput("hidden", fmt::format("must be an integer in [1, {}], got {}", numeric::kMaxHidden, hidden));
}

training::InitOptions TrainingFlags::init_options() const {
  return {random_init() ? training::InitOptions::Kind::random : training::InitOptions::Kind::aligned, hidden,
          init_scale, a0};
}

void TrainingFlags::choose_default_lr(const analytic::ArchitectureModes& modes) {
  if (!lr_given()) lr = analytic::default_lr(modes);
}

nlohmann::json TrainingFlags::parameters() const {
  nlohmann::json p{{"arch", arch_name}, {"lr", lr}, {"epochs", epochs}, {"init", init}};
  if (random_init()) {
    p["init_scale"] = init_scale;
    p["hidden"] = hidden;
    p["seed"] = seed;
  } else {
    p["a0"] = a0;
  }
  return p;
}

nlohmann::json dataset_parameters(const analytic::DatasetSpec& spec) { return spec; }

}  // namespace dln::cli
