#include "dln/nonlinear/sgd.hpp"

#include <boost/random/uniform_int_distribution.hpp>
#include <numeric>
#include <vector>

namespace dln::nonlinear {

template <class Scalar>
bool sgd_epoch(ReluNetwork<Scalar>& network, const typename ReluNetwork<Scalar>::Matrix& X,
               const typename ReluNetwork<Scalar>::Matrix& Y, Eigen::Index batch, Scalar step,
               std::mt19937_64& engine) {
  using Matrix = typename ReluNetwork<Scalar>::Matrix;
  const Eigen::Index n = X.cols();
  if (batch >= n) return network.step(X, Y, step);
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  for (std::size_t i = order.size() - 1; i > 0; --i) {
    boost::random::uniform_int_distribution<std::size_t> pick(0, i);
    std::swap(order[i], order[pick(engine)]);
  }
  // The batch's columns gathered into contiguous matrices, so that every product in step() is a plain GEMM.
  Matrix X_batch(X.rows(), batch), Y_batch(Y.rows(), batch);
  for (Eigen::Index start = 0; start < n; start += batch) {
    const Eigen::Index size = std::min(batch, n - start);
    if (size != X_batch.cols()) X_batch.resize(X.rows(), size), Y_batch.resize(Y.rows(), size);
    for (Eigen::Index j = 0; j < size; ++j) {
      const Eigen::Index column = order[static_cast<std::size_t>(start + j)];
      X_batch.col(j) = X.col(column);
      Y_batch.col(j) = Y.col(column);
    }
    if (!network.step(X_batch, Y_batch, step)) return false;
  }
  return true;
}

template bool sgd_epoch<float>(ReluNetwork<float>&, const ReluNetwork<float>::Matrix&, const ReluNetwork<float>::Matrix&,
                               Eigen::Index, float, std::mt19937_64&);
template bool sgd_epoch<double>(ReluNetwork<double>&, const ReluNetwork<double>::Matrix&,
                                const ReluNetwork<double>::Matrix&, Eigen::Index, double, std::mt19937_64&);

}  // namespace dln::nonlinear
