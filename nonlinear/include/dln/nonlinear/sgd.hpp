#pragma once
// Minibatch SGD epochs for ReluNetwork (docs/nonlinear.md §1).
#include <random>

#include "dln/nonlinear/relu_network.hpp"

namespace dln::nonlinear {

// One epoch over the columns of (X, Y): a fresh uniform permutation from `engine` (Fisher–Yates through
// boost::random, identical across compilers), then ⌈N/B⌉ steps of ReluNetwork::step on consecutive slices
// of it, the last one shorter when B does not divide N. B ≥ N is one full-batch step on X, Y themselves
// (no permutation drawn). Returns false at the first step that leaves a non-finite parameter.
template <class Scalar>
bool sgd_epoch(ReluNetwork<Scalar>& network, const typename ReluNetwork<Scalar>::Matrix& X,
               const typename ReluNetwork<Scalar>::Matrix& Y, Eigen::Index batch, Scalar step,
               std::mt19937_64& engine);

extern template bool sgd_epoch<float>(ReluNetwork<float>&, const ReluNetwork<float>::Matrix&,
                                      const ReluNetwork<float>::Matrix&, Eigen::Index, float, std::mt19937_64&);
extern template bool sgd_epoch<double>(ReluNetwork<double>&, const ReluNetwork<double>::Matrix&,
                                       const ReluNetwork<double>::Matrix&, Eigen::Index, double, std::mt19937_64&);

}  // namespace dln::nonlinear
