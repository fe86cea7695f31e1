#include "dln/nonlinear/relu_network.hpp"

#include <boost/random/normal_distribution.hpp>

namespace dln::nonlinear {

template <class Scalar>
ReluNetwork<Scalar>::ReluNetwork(std::vector<ModuleShape> shapes, Eigen::Index inputs, Eigen::Index outputs,
                                 double sigma, std::mt19937_64& engine)
    : inputs_(inputs), outputs_(outputs), work_(shapes.size()) {
  boost::random::normal_distribution<double> normal(0.0, sigma);
  const auto fill = [&](auto& m) {
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<Scalar>(normal(engine));  // column-major
  };
  for (const ModuleShape& shape : shapes) {
    Module m{shape, Matrix(shape.hidden, shape.in.count), Vector(shape.hidden), Matrix(shape.out.count, shape.hidden),
             Vector(shape.out.count)};
    fill(m.W1), fill(m.b1), fill(m.W2), fill(m.b2);
    modules_.push_back(std::move(m));
  }
}

template <class Scalar>
typename ReluNetwork<Scalar>::Matrix ReluNetwork<Scalar>::predict(const Matrix& X) const {
  Matrix Y = Matrix::Zero(outputs_, X.cols());
  Matrix H;
  for (const Module& m : modules_) {
    H.noalias() = m.W1 * X.middleRows(m.shape.in.begin, m.shape.in.count);
    H = (H.colwise() + m.b1).cwiseMax(Scalar(0));
    Y.middleRows(m.shape.out.begin, m.shape.out.count).noalias() = m.W2 * H;
    Y.middleRows(m.shape.out.begin, m.shape.out.count).colwise() += m.b2;
  }
  return Y;
}

template <class Scalar>
bool ReluNetwork<Scalar>::step(const Matrix& X, const Matrix& Y, Scalar step) {
  bool finite = true;
  for (std::size_t i = 0; i < modules_.size(); ++i) {
    Module& m = modules_[i];
    Workspace& w = work_[i];
    const auto X_in = X.middleRows(m.shape.in.begin, m.shape.in.count);
    // Forward: Z = W1·X + b1 (pre-activations), H = relu(Z).
    w.Z.noalias() = m.W1 * X_in;
    w.Z.colwise() += m.b1;
    w.H = w.Z.cwiseMax(Scalar(0));
    // E = Y − ŷ = −∂/∂ŷ ½‖Y − ŷ‖² per column.
    w.E = Y.middleRows(m.shape.out.begin, m.shape.out.count);
    w.E.noalias() -= m.W2 * w.H;
    w.E.colwise() -= m.b2;
    // Back through W2 and the ReLU: G = (W2ᵀE) ⊙ relu'(Z), with the old W2.
    w.G.noalias() = m.W2.transpose() * w.E;
    w.G = (w.Z.array() > Scalar(0)).select(w.G, Scalar(0));
    m.W2.noalias() += step * w.E * w.H.transpose();
    m.b2.noalias() += step * w.E.rowwise().sum();
    m.W1.noalias() += step * w.G * X_in.transpose();
    m.b1.noalias() += step * w.G.rowwise().sum();
    finite = finite && m.W1.allFinite() && m.W2.allFinite() && m.b1.allFinite() && m.b2.allFinite();
  }
  return finite;
}

template <class Scalar>
typename ReluNetwork<Scalar>::Matrix ReluNetwork<Scalar>::mean_jacobian(const Matrix& X) const {
  Matrix J = Matrix::Zero(outputs_, inputs_);
  for (const Module& m : modules_) {
    Matrix Z = m.W1 * X.middleRows(m.shape.in.begin, m.shape.in.count);
    Z.colwise() += m.b1;
    const Vector active = (Z.array() > Scalar(0)).template cast<Scalar>().rowwise().mean();  // m̄
    J.block(m.shape.out.begin, m.shape.in.begin, m.shape.out.count, m.shape.in.count).noalias() =
        m.W2 * active.asDiagonal() * m.W1;
  }
  return J;
}

template class ReluNetwork<float>;
template class ReluNetwork<double>;

}  // namespace dln::nonlinear
