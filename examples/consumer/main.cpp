// The dense network's closed-form learning curve (docs/theory.md §5) computed by an installed dln: the loss
// starts near ½·tr Σy (W ≈ 0) and ends at ½·(tr Σy − Σ_modes s·a*), every mode at its asymptote a* = s/λ.
#include <cmath>
#include <cstdio>

#include "dln/analytic.hpp"

int main() {
  using namespace dln::analytic;
  const DatasetSpec spec;  // n1 = 3, n2 = 1, k1 = 3, k2 = 1, r = 1
  const ArchitectureModes modes = architecture_modes(spec, Architecture::dense);
  const double a0 = 1e-6;
  const Trajectory curve = theory_trajectory(modes, uniform_initial_strengths(modes, a0),
                                             TheoryOptions{.lr = 0.02, .epochs = 2000});

  double learnable = 0.0, total_s = 0.0;  // Σ s·a*, Σ s over the modes
  for (const ModeFamily& family : modes.families) {
    learnable += family.multiplicity * family.s * family.asymptote();
    total_s += family.multiplicity * family.s;
  }
  const double start = 0.5 * spec.trace_sigma_y(), end = 0.5 * (spec.trace_sigma_y() - learnable);
  const double first = curve.rows.front().loss, last = curve.rows.back().loss;
  std::printf("loss at t = 0: %.9f (W = 0: %.9f)\nloss at t = %d: %.9f (closed form %.9f)\n", first, start,
              curve.rows.back().t, last, end);

  // At t = 0 each mode has learned ½·(2·s·a0 − λ·a0²) ≤ s·a0 of the loss. After 2000 epochs (t/τ = 320, s ≥ 0.5
  // here) the gap a* − a(t) ∝ e^(−2st/τ) is far below roundoff, so the end agrees to roundoff of sums of O(1).
  const bool ok = curve.status == RunStatus::ok && std::abs(first - start) <= a0 * total_s &&
                  std::abs(last - end) < 1e-12;
  std::puts(ok ? "consumer: the closed forms agree" : "consumer: the closed forms DISAGREE");
  return ok ? 0 : 1;
}
