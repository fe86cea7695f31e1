#pragma once
// Learned context routing, the Modular-op analogue (docs/modules.md §5.1–5.2, §6): R all → all modules whose
// softmax logits train jointly with the weights at η_θ = ratio·η, run as exact GD of the latent weights and the
// logits from a random init (weights N(0, σ²), logits N(0, σ_θ²)), against ground-truth routing on the same data.
// Behind the figures "learned routing" (Mittal's metrics over training, and the (ratio, σ) table over seeds with
// the controls that remove the rule-independent per-item target) and "routing vs functional specialisation"
// (the gate routing matrix P against the functional one P_F, and the cancellation ratio C_ρ). Beside them, on the
// same data and init, per-sample routing (Mittal's joint "Modular", docs/modules.md §5.3) as full-weight GD.
#include <cstdint>
#include <utility>
#include <vector>

#include <Eigen/Dense>

#include "dln/experiments/report.hpp"
#include "dln/modules/description.hpp"
#include "dln/modules/readout.hpp"
#include "dln/modules/specialisation.hpp"

namespace dln::experiments {

// One training run's end point: its loss and what the gates and the weights say about specialisation.
struct RoutingOutcome {
  double loss = 0.0;
  Eigen::MatrixXd gates;  // M × R
  Eigen::MatrixXd P;      // gate routing matrix (R × M)
  modules::SpecialisationMetrics gate_metrics;
  // Functional versions (docs/modules.md §6.2); absent when some rule's answer is still 0 in every module.
  std::optional<Eigen::MatrixXd> P_functional;
  std::optional<modules::SpecialisationMetrics> functional_metrics;
  Eigen::VectorXd cancellation;  // C_ρ
};

struct RoutingSetting {
  double ratio = 10.0;        // η_θ/η
  double init_scale = 1e-3;   // σ of the weights
  int k1 = 3, k2 = 1;         // the dataset's (the controls change them)
  bool per_sample = false;    // Mittal's joint "Modular" (no functional metrics: they need rule-level gates)
  std::vector<RoutingOutcome> seeds;  // seed 0, 1, …
};

struct LearnedRoutingResult {
  // Seed 0 at the curve setting, rows every record_every epochs: learned routing and GT routing.
  modules::ReadoutTrajectory learned, ground_truth;
  modules::ReadoutTrajectory per_sample;  // the same setting routed per sample (empty unless per_sample_ratios)
  RoutingOutcome learned_end;           // the same run's end point (for the heat maps)
  std::vector<RoutingSetting> table;    // the (ratio, σ) grid, row-major in ratios, then the controls
  Report report;
};

enum class LearnedRoutingView {
  metrics,     // loss and Mittal's metrics over training, learned vs GT, with the table in the notes
  functional,  // P against P_F as heat maps, with C_ρ
};

struct LearnedRoutingSpec {
  modules::RuleDataset dataset;  // R ≥ 2, M = R modules
  int hidden = 16;
  double lr = 0.05 / 24;  // η = R·P·lr = 0.05 at n1 = 3, R = 3 (docs/modules.md §5.2)
  int epochs = 20000;
  int record_every = 50;
  double temperature = 1.0;
  double logit_noise = 0.1;  // σ_θ
  std::vector<double> ratios = {0.1, 1.0, 10.0, 100.0};
  std::vector<double> init_scales = {1e-1, 1e-3, 1e-6};
  int seeds = 5;
  // The curve setting (also the controls'): a fast router in the rich regime, where the routing collapses.
  double curve_ratio = 10.0, curve_scale = 1e-3;
  // (k1, k2) of the controls at the curve setting: k2 = 0 removes the rule-independent per-item target.
  std::vector<std::pair<int, int>> controls = {{3, 0}, {0, 0}};
  // Per-sample routing (the modular preset) at σ = curve_scale and these η_θ/η, over the seeds; and, when not
  // empty, its curve at curve_ratio beside the learned one. Full-weight GD on dense samples: small n1 only.
  std::vector<double> per_sample_ratios;
  int jobs = 0;  // threads over the runs (0 = every core); the result does not depend on it
  LearnedRoutingView view = LearnedRoutingView::metrics;

  // The modular-op preset (modular when per_sample) with this spec's temperature and router_lr_ratio = ratio.
  modules::Description description(const modules::RuleDataset& data, double ratio, bool per_sample = false) const;
  // Throws dln::InvalidInput("dataset.<key>" | "hidden" | "lr" | "epochs" | "record_every" | "temperature" |
  // "logit_noise" | "ratios" | "init_scales" | "seeds" | "controls" | "per_sample_ratios" | "jobs", …).
  void validate() const;
  // Expects a validated spec. A diverged run is reported (status "diverged").
  LearnedRoutingResult run() const;
};

}  // namespace dln::experiments
