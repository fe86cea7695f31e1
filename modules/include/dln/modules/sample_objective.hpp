#pragma once
// The gated loss on a chosen set of samples: the patterns S under every rule,
//     L_S = Σ_ρ π_ρ (1/2|S|)‖Y_ρ[:, S] − Σ_m g_m(ρ) E_{O_m} W_m X[I_m][:, S]‖²,
// for training on some combinations of features and testing on the others (docs/modules.md §7, held-out
// combinations; docs/theory.md §10 for one rule). With S = every pattern it is FullObjective's loss. The inputs and
// targets are held dense over S (no structure left to use once patterns are dropped), so it is for small n1.
#include <vector>

#include "dln/modules/full_objective.hpp"

namespace dln::modules {

// The patterns S of the data, dense: each module's inputs X[I_m][:, S] and each rule's targets Y_ρ[:, S] (the
// answer row, then the k2·P item rows). Throws dln::InvalidInput("train", …) for an empty, repeated or
// out-of-range pattern list.
struct SampleData {
  SampleData(const Description& description, std::vector<int> patterns);
  std::vector<int> patterns;
  std::vector<Eigen::MatrixXd> inputs;   // per module
  std::vector<Eigen::MatrixXd> targets;  // per rule
};

// Module `module`'s rows of a full output block (answer row 0, then the item rows), in its own row order.
Eigen::MatrixXd module_rows(const ModuleSpec& module, const Eigen::MatrixXd& block);

class SampleObjective final : public Engine {
public:
  // Throws dln::InvalidInput("train", …) for an empty, repeated or out-of-range pattern list; the description
  // must fit the full engine (check_full_engine_fits).
  SampleObjective(Description description, std::vector<int> patterns);

  const Description& description() const override { return full_.description(); }
  const std::vector<int>& patterns() const { return data_.patterns; }
  double loss(const State& weights, const Eigen::MatrixXd& gates) const override;
  double descent(const State& weights, const Eigen::MatrixXd& gates, State& descent) const override;
  Eigen::MatrixXd gate_drive(const State& weights, const Eigen::MatrixXd& gates) const override;
  // The losses on S; every other column as FullObjective's (they read the weights, not the samples).
  Readout measure(const State& weights, const Eigen::MatrixXd& gates, int t) const override;

  // L_S and its answer-row part (the compositional output Ωy), π-weighted over the rules.
  struct Losses {
    double total = 0.0, answer = 0.0;
    std::vector<double> rule;  // L_{S,ρ}
  };
  Losses losses(const State& weights, const Eigen::MatrixXd& gates) const;

private:
  Eigen::MatrixXd module_output(const State& weights, int m) const;  // W_m X[I_m][:, S], module m's rows
  std::vector<Eigen::MatrixXd> errors(const State& weights, const Eigen::MatrixXd& gates) const;  // Y_ρ − Ŷ_ρ on S

  FullObjective full_;
  SampleData data_;
};

// Training on some patterns, testing on the rest: GD/flow follow the training set, and every read-out row also
// carries the loss on the held-out patterns (Readout::test_loss, test_answer_loss).
class HeldOutObjective final : public Engine {
public:
  // Throws dln::InvalidInput("train", …) as SampleObjective, and when no pattern is left to test on.
  HeldOutObjective(const Description& description, const std::vector<int>& train);

  const Description& description() const override { return train_.description(); }
  double loss(const State& w, const Eigen::MatrixXd& g) const override { return train_.loss(w, g); }
  double descent(const State& w, const Eigen::MatrixXd& g, State& d) const override { return train_.descent(w, g, d); }
  Eigen::MatrixXd gate_drive(const State& w, const Eigen::MatrixXd& g) const override { return train_.gate_drive(w, g); }
  Readout measure(const State& weights, const Eigen::MatrixXd& gates, int t) const override;
  const std::vector<int>& test_patterns() const { return test_.patterns(); }

private:
  SampleObjective train_, test_;
};

}  // namespace dln::modules
