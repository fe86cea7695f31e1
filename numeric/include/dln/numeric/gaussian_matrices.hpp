#pragma once
// The Gaussian draws of every random init (numeric::random_init, random_dense_init, modules::random_init):
// matrices filled in turn, each in column-major order, with i.i.d. N(0, σ²) entries from one std::mt19937_64
// seeded with `seed`, through boost::random::normal_distribution (identical across compilers). The same seed
// and sequence of shapes give the same bits.
#include <Eigen/Dense>
#include <boost/random/normal_distribution.hpp>
#include <cstdint>
#include <random>

namespace dln::numeric {

class GaussianMatrices {
public:
  GaussianMatrices(double sigma, std::uint64_t seed) : engine_(seed), normal_(0.0, sigma) {}

  Eigen::MatrixXd next(Eigen::Index rows, Eigen::Index cols) {
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal_(engine_);
    return m;
  }

private:
  std::mt19937_64 engine_;
  boost::random::normal_distribution<double> normal_;
};

}  // namespace dln::numeric
