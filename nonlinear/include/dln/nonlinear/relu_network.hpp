#pragma once
// Two-layer ReLU networks with biases, one or more modules side by side (docs/nonlinear.md §1): module m
// reads the input rows in_m and writes the output rows out_m,
//   h = relu(W1·x[in_m] + b1),   ŷ[out_m] = W2·h + b2,
// and trains by plain (minibatch) gradient descent on the summed half squared error. Samples are columns
// and every pass works on a whole batch, so that the work is Eigen's matrix–matrix products (GEMM).
// Scalar is double for the small datasets of docs/theory.md §2 and float for images (docs/nonlinear.md §4).
#include <Eigen/Dense>
#include <random>
#include <vector>

namespace dln::nonlinear {

// Rows [begin, begin + count) of the network's input or output vector.
struct Rows {
  Eigen::Index begin = 0, count = 0;
};

struct ModuleShape {
  Rows in, out;
  Eigen::Index hidden = 0;
};

template <class Scalar>
class ReluNetwork {
public:
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  struct Module {
    ModuleShape shape;
    Matrix W1;  // hidden × in.count
    Vector b1;
    Matrix W2;  // out.count × hidden
    Vector b2;
  };

  // Every weight and bias i.i.d. N(0, σ²) (all of them, as the paper's networks; docs/nonlinear.md §1),
  // drawn from `engine` through boost::random::normal_distribution (identical across compilers): module by
  // module, W1, b1, W2, b2, each column-major. Output rows no module writes stay 0. The caller goes on
  // using the engine (for the batch order), so that one seed fixes a whole run.
  ReluNetwork(std::vector<ModuleShape> shapes, Eigen::Index inputs, Eigen::Index outputs, double sigma,
              std::mt19937_64& engine);

  Eigen::Index inputs() const { return inputs_; }
  Eigen::Index outputs() const { return outputs_; }
  const std::vector<Module>& modules() const { return modules_; }
  std::vector<Module>& modules() { return modules_; }  // the parameters, e.g. to perturb them in a check

  // ŷ for every column of X (inputs × B) → outputs × B.
  Matrix predict(const Matrix& X) const;

  // One step θ ← θ − step·∂/∂θ ½Σ_b ‖Y_b − ŷ(X_b)‖² on the batch (columns of X and Y), every module from
  // its old parameters. Returns false, leaving the step taken, when a parameter became non-finite.
  bool step(const Matrix& X, const Matrix& Y, Scalar step);

  // The input–output Jacobian ∂ŷ/∂x averaged over the columns of X (outputs × inputs, docs/nonlinear.md
  // §2). Per module it is W2·diag(m̄)·W1 with m̄ the fraction of the columns on which each hidden unit is
  // active (relu'(z) = 1 for z > 0, else 0), because W1 and W2 do not depend on the sample.
  Matrix mean_jacobian(const Matrix& X) const;

private:
  Eigen::Index inputs_ = 0, outputs_ = 0;
  std::vector<Module> modules_;
  // Work space of step(), kept between calls so that a training epoch allocates nothing.
  struct Workspace {
    Matrix Z, H, E, G;
  };
  std::vector<Workspace> work_;
};

extern template class ReluNetwork<float>;
extern template class ReluNetwork<double>;

}  // namespace dln::nonlinear
