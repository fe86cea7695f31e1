#pragma once
// Gated linear modules (docs/modules.md §1.2): module m sees the input rows of its mask I_m ⊆ {Ωx, Γx},
// writes the output rows of its mask O_m ⊆ {Ωy, Γy}, is deep (W2·W1 through `hidden` units) or shallow (one W),
// and is scaled by a gate g_m(ρ) ∈ [0, 1] that depends on the rule only. The network output is the gated sum
// ŷ_{c,ρ} = Σ_m g_m(ρ)·E_{O_m} W_m x_c[I_m].
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Dense>

#include "dln/analytic/architecture.hpp"
#include "dln/modules/rule_dataset.hpp"

namespace dln::modules {

using analytic::Block;  // all = Ω and Γ, omega = Ω only, gamma = Γ only

// How a module's gate depends on the rule.
enum class GateKind {
  constant,      // g(ρ) = value for every rule
  ground_truth,  // g(ρ) = δ(ρ, rule): the module serves one rule (GT routing)
  softmax,       // g(ρ) = softmax over the softmax-gated modules of logits(ρ)/temperature
};

struct Gate {
  GateKind kind = GateKind::constant;
  double value = 1.0;           // constant
  int rule = 0;                 // ground_truth, 0-based
  std::vector<double> logits;   // softmax: one logit per rule
};

struct ModuleSpec {
  std::string name;
  Block input = Block::all;
  Block output = Block::all;
  int hidden = 16;  // deep modules; 0 = shallow (one matrix W)
  Gate gate;
  bool deep() const { return hidden > 0; }
};

// Where the softmax gates take their logits from (docs/modules.md §5).
enum class Routing {
  rule,        // θ_{mρ}: the gates depend on the rule only (fixed, or learned with router_lr_ratio > 0, §5.1)
  per_sample,  // Mittal's joint "Modular" (§5.3): ℓ_m(c, ρ) = w_mᵀ W1^m x_c + θ_{mρ}, a read-out of the module's own
               // hidden layer plus a rule bias; the gates vary within a rule, so only full-weight GD applies
};

struct Description {
  RuleDataset dataset;
  std::vector<ModuleSpec> modules;
  double temperature = 1.0;  // of the softmax gates
  // Learned routing (docs/modules.md §5.1): > 0 trains the softmax gates' logits jointly with the weights, at the
  // step η_θ = router_lr_ratio·η (τ_θ = τ/router_lr_ratio); 0 keeps the logits fixed.
  double router_lr_ratio = 0.0;
  // Per-sample routing trains the read-outs w_m and the biases θ at the same η_θ (0 keeps both fixed).
  Routing routing = Routing::rule;

  // Every bad input with one InvalidInput naming the key ("module[2].gate", "temperature", …) and the accepted
  // range: the dataset's keys, no modules, duplicate or empty names, a mask that selects nothing (Ω input with
  // n1 rows is never empty, Γ input with k1 = 0 is; likewise outputs with k2 = 0), hidden < 0, gates outside
  // [0, 1] or not finite, a ground-truth rule out of range, logits not finite or not one per rule,
  // temperature ≤ 0 or not finite, an output no module can ever reach (every gate 0 on every rule), and a
  // router_lr_ratio < 0 or not finite, or > 0 with fewer than two softmax-gated modules (nothing to route), and
  // per-sample routing with fewer than two softmax-gated modules or a shallow one (no hidden layer to read).
  void validate() const;

  int size() const { return static_cast<int>(modules.size()); }
  bool learns_routing() const { return router_lr_ratio > 0.0; }
  bool routes_per_sample() const { return routing == Routing::per_sample; }
};

// The M × R gate matrix g_m(ρ) of the description (softmax rows subtract their max before exponentiating).
Eigen::MatrixXd gate_matrix(const Description& description);
// The same with the softmax-gated modules' logits taken from `logits` (M × R; other rows are ignored): the gates
// of learned routing at its current logits.
Eigen::MatrixXd gate_matrix(const Description& description, const Eigen::MatrixXd& logits);
// The description's logits as an M × R matrix (0 in the rows of modules without a softmax gate).
Eigen::MatrixXd logit_matrix(const Description& description);

// Whether the description routes: R ≥ 2 rules shared among M ≥ 2 modules with some gate open on every rule — the
// setting of the routing read-out (gates and specialisation metrics, docs/modules.md §6; Mittal et al. leave the
// monolithic network out).
bool routes(const Description& description);

// Named presets. The R = 1 presets dense, split, segregated and shallow are the four single-rule
// architectures (their modules in analytic::module_layouts order, gate 1); the others follow docs/modules.md:
//   monolithic         one all → all module, gate 1
//   gt-modular         R all → all modules, module ρ gated on rule ρ
//   modular-op         R all → all modules with softmax gates from logits 0 (uniform); learned with router_lr_ratio > 0
//   modular            modular-op's modules with per-sample routing (Mittal's joint "Modular", docs/modules.md §5.3)
//   gt-segregated      R Ωx → Ωy modules gated on their rule, plus one Γx → Γy module with gate 1
//   shared-plus-rules  one all → all module with gate 1 (shared) plus R all → all GT modules
//   race               a segregated module A (Ωx → Ωy) beside B (all → Ωy) and C (all → Γy), gates 1
// Throws InvalidInput("preset", …) for an unknown name, InvalidInput("rules", …) for an R = 1 preset with R ≠ 1.
Description preset(std::string_view name, const RuleDataset& dataset, int hidden);
inline constexpr std::string_view kPresetNames =
    "monolithic, gt-modular, modular-op, modular, gt-segregated, shared-plus-rules, race, dense, split, segregated, shallow";

// The R = 1 description of one of today's architectures on the single-rule dataset with n2 = 1.
Description architecture_preset(analytic::Architecture arch, const analytic::DatasetSpec& spec, int hidden);

std::string_view to_string(Block block);
std::string_view to_string(GateKind kind);
std::string_view to_string(Routing routing);  // "rule", "per-sample"

}  // namespace dln::modules
