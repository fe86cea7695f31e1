#pragma once
// Flags of every command that follows a learning curve (theory, integrate, simulate):
// architecture, learning rate, epochs and the initial weights.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "dln/analytic/architecture.hpp"
#include "dln/analytic/dataset.hpp"
#include "dln/analytic/modes.hpp"
#include "dln/training/ensemble.hpp"

namespace dln::cli {

struct TrainingFlags {
  std::string arch_name = "dense";
  double lr = 0.02;
  int epochs = 300;
  std::string init = "aligned";  // aligned | random
  double a0 = 1e-6;              // initial strength of every mode (aligned)
  double init_scale = 2e-4;      // σ of the random init (paper, dense: 0.01/50)
  int hidden = 50;
  std::uint64_t seed = 0;

  void add_to(CLI::App& app);
  // Which flags apply: --a0 to --init aligned; --init-scale, --seed (and, for the closed form, --hidden) to
  // --init random. `aligned_uses_hidden`: whether --init aligned builds weights (integrate, simulate) or not
  // (theory). Throws dln::InvalidInput.
  void validate_combination(bool aligned_uses_hidden) const;
  // validate_combination, then a0 or σ, and hidden when weights are built here (--data: random_dense_init,
  // aligned_dense_init).
  void validate_init(bool aligned_uses_hidden) const;
  // validate_init, then lr and epochs: for the runs where no library options object checks them (dln theory,
  // dln simulate --data). The built-in family's dln simulate and dln integrate call validate_combination and
  // leave the values to SimulationOptions / IntegrationOptions and init_options().validate
  // (training::InitOptions); dln integrate --data calls validate_init and IntegrationOptions::validate. Each
  // value is checked once.
  void validate(bool aligned_uses_hidden) const;
  training::InitOptions init_options() const;
  // Without --lr: lr becomes analytic::default_lr of these modes (0.02, or half GD's stability limit).
  void choose_default_lr(const analytic::ArchitectureModes& modes);
  bool lr_given() const { return lr_option_->count() > 0; }
  analytic::Architecture architecture() const { return analytic::parse_architecture(arch_name); }
  bool random_init() const { return init == "random"; }
  nlohmann::json parameters() const;

private:
  void check_init_values(bool aligned_uses_hidden) const;  // a0 or σ; hidden where weights are built

  CLI::Option* lr_option_ = nullptr;
  CLI::Option* a0_option_ = nullptr;
  CLI::Option* scale_option_ = nullptr;
  CLI::Option* hidden_option_ = nullptr;
  CLI::Option* seed_option_ = nullptr;
};

nlohmann::json dataset_parameters(const analytic::DatasetSpec& spec);

}  // namespace dln::cli
