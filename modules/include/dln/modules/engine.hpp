#pragma once
// What the full-weight and the latent engines share (docs/modules.md §1.3, §2): a state made of per-module
// matrices (analytic::ModuleWeights), the loss and the descent direction −∂L/∂W for a given M × R gate matrix,
// and the read-out. The gates are an argument, not a member, so that a caller may change them between steps
// (learned routing, docs/modules.md §5).
//
// Time: one GD step is W ← W + η·(−∂L/∂W) with both layers from the old weights; gradient flow is
// τ dW/dt = −∂L/∂W with τ = 1/η and t in steps (epochs). η = R·P·lr: lr is the step on the loss summed over the
// R·P samples, so that under ground-truth routing rule ρ's module trains at π_ρ·η = P·lr, the single-rule clock.
#include <Eigen/Dense>

#include "dln/analytic/weights.hpp"
#include "dln/modules/description.hpp"
#include "dln/modules/readout.hpp"

namespace dln::modules {

using State = analytic::NetworkWeights;

class Engine {
public:
  virtual ~Engine() = default;
  virtual const Description& description() const = 0;
  virtual double loss(const State& state, const Eigen::MatrixXd& gates) const = 0;
  // descent = −∂L/∂state (resized as needed); returns L.
  virtual double descent(const State& state, const Eigen::MatrixXd& gates, State& descent) const = 0;
  // h = −∂L/∂g (M × R): how much the loss would fall per unit of gate g_m(ρ) — the drive of learned routing
  // (docs/modules.md §5.1).
  virtual Eigen::MatrixXd gate_drive(const State& state, const Eigen::MatrixXd& gates) const = 0;
  virtual Readout measure(const State& state, const Eigen::MatrixXd& gates, int t) const = 0;
};

// The routing part of a read-out row (gates, metrics, entropy, load) when the description routes.
void read_routing(Readout& row, const Description& description, const Eigen::MatrixXd& gates);

// A trajectory with the description's module names and rules, and no rows yet.
ReadoutTrajectory empty_trajectory(const Description& description);

// η = R·P·lr.
inline double step_size(const RuleDataset& data, double lr) { return data.rules * data.P() * lr; }

}  // namespace dln::modules
