#pragma once
// The run behind V5 of `dln validate`: the paper's dense network (docs/theory.md §11's dataset, lr 0.02,
// hidden 50, random init σ = 2e-4, seed 0, 300 epochs) trained by full-batch GD, beside the closed form started
// from that same init — with the class-block a0 and the frozen parts (§15) as the exact discrete map of GD and
// as the gradient flow, and with the per-mode a0 (§5) as the discrete map. Shared by the comparison and by the
// figure of its deviation over time.
#include <cstdint>

#include "dln/analytic/dataset.hpp"
#include "dln/analytic/trajectory.hpp"

namespace dln::validation {

struct PaperSettingRun {
  analytic::DatasetSpec spec;
  double lr = 0.0, init_scale = 0.0;
  int hidden = 0, epochs = 0;
  std::uint64_t seed = 0;
  analytic::Trajectory simulated, discrete, discrete_per_mode, flow;  // t = 0..epochs each
};

PaperSettingRun run_paper_setting();

}  // namespace dln::validation
