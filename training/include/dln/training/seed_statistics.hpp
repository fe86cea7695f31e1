#pragma once
// Mean and sample standard deviation over the runs of a seed ensemble, one run at a time (Welford's update:
// stable for any number of runs, and no run needs to be kept once added). Every ensemble of dln uses it.
#include <cmath>

namespace dln::training {

// After the n-th value x (n = 1, 2, …): `mean` is the mean of the n values and `squares` the sum of their
// squared deviations from it. Start both at 0.
inline void add_to_moments(double x, int n, double& mean, double& squares) {
  const double delta = x - mean;
  mean += delta / n;
  squares += delta * (x - mean);
}

// The sample standard deviation of `count` values with these squares (denominator count − 1; 0 for one value).
inline double sample_sd(double squares, int count) { return count > 1 ? std::sqrt(squares / (count - 1)) : 0.0; }

}  // namespace dln::training
