#pragma once
// Minibatch SGD over the R·P samples of Jarvis-R (docs/modules.md §1.3, "Minibatch SGD over samples"). A sample is
// a pair (rule ρ, pattern c), numbered s = ρ·P + c. Full-batch GD descends the π-weighted mean
//     L = Σ_ρ (π_ρ/P) Σ_c ℓ_{ρc},   ℓ_{ρc} = ½‖y_{ρc} − Σ_m g_m(ρ) E_{O_m} W_m x_c[I_m]‖²,
// with step η = R·P·lr, i.e. W += lr·(−∂(R·P·L)/∂W) and R·P·L = Σ_s R·π_ρ(s)·ℓ_s: the loss summed over the samples,
// each weighted by R·π_ρ (1 for a uniform prior). A minibatch step is lr times the same sum over the batch only,
// so a batch of all R·P samples is one GD step, and a batch of B samples drawn without replacement moves the
// weights by B/(R·P) of a GD step on average. This is dln simulate --rule sgd's convention with the R rules
// (docs/theory.md §4: lr on the summed error, η = P·lr there).
//
// Structure: a sample's input is a column of Ωx plus one scaled unit vector per Γx copy (numeric::DataSide), and
// its target is Ωx[κ(ρ), c] on the answer row plus r at row c of each Γy copy; no P-sized covariance is formed.
// A step costs O(B·h·(outputs + n1)) per deep module, like the dense simulator's numeric::SummedMinibatchObjective.
#include <Eigen/Dense>
#include <cstdint>
#include <span>
#include <vector>

#include "dln/modules/engine.hpp"
#include "dln/numeric/data_side.hpp"

namespace dln::modules {

class SampleSgd {
public:
  explicit SampleSgd(Description description);  // must fit the full engine (check_full_engine_fits)

  const Description& description() const { return description_; }
  std::int64_t samples() const { return description_.dataset.rules * static_cast<std::int64_t>(description_.dataset.patterns()); }

  // One step on the samples `batch` (indices s = ρ·P + c, repeats allowed), every module and the logits from the
  // old (W, θ): W += lr·Σ_{s∈batch} R·π_ρ·(−∂ℓ_s/∂W); with learned routing also
  // θ += router_lr_ratio·lr·logit_descent(Σ_{s∈batch} R·π_ρ·(−∂ℓ_s/∂g)), the batch's part of GD's θ step.
  void step(State& weights, Eigen::MatrixXd& logits, std::span<const Eigen::Index> batch, double lr) const;

  // One epoch: the steps on order[0, B), order[B, 2B), … (the last batch holds the R·P mod B samples left over).
  void epoch(State& weights, Eigen::MatrixXd& logits, std::span<const Eigen::Index> order, std::size_t batch,
             double lr) const;

private:
  Description description_;
  std::vector<numeric::DataSide> inputs_;  // X[I_m]
  Eigen::MatrixXd omega_;                  // Ωx (n1 × P): the answer targets
};

}  // namespace dln::modules
