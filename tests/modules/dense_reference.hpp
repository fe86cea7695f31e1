#pragma once
// Brute-force dense reference for the module engines, built from the definitions (docs/modules.md §1): the full
// X and Y_ρ as matrices, each module's map embedded in the full output × input space, the gated prediction
// Σ_m g_m(ρ) W_m X, and the gradient from the gated covariances of §1.3. Small P only.
#include <Eigen/Dense>
#include <vector>

#include "dln/analytic/dataset.hpp"
#include "dln/modules/description.hpp"
#include "dln/modules/engine.hpp"

namespace dln::test {

struct DenseModules {
  Eigen::MatrixXd X;               // (n1 + k1 P) × P
  std::vector<Eigen::MatrixXd> Y;  // per rule, (1 + k2 P) × P
  std::vector<std::vector<Eigen::Index>> in_rows, out_rows;  // I_m, O_m as row indices

  explicit DenseModules(const modules::Description& d) {
    const auto& data = d.dataset;
    X = analytic::input_matrix(data.single_rule(0));
    const auto P = static_cast<Eigen::Index>(data.patterns());
    const Eigen::MatrixXd omega = analytic::omega_x(data.n1);
    for (int rho = 0; rho < data.rules; ++rho) {
      Eigen::MatrixXd y = Eigen::MatrixXd::Zero(1 + data.k2 * P, P);
      y.row(0) = omega.row(data.queried_feature(rho));
      for (int c = 0; c < data.k2; ++c) y.block(1 + c * P, 0, P, P) = data.r * Eigen::MatrixXd::Identity(P, P);
      Y.push_back(y);
    }
    for (const auto& m : d.modules) {
      std::vector<Eigen::Index> in, out;
      if (m.input != modules::Block::gamma)
        for (int f = 0; f < data.n1; ++f) in.push_back(f);
      if (m.input != modules::Block::omega)
        for (Eigen::Index i = data.n1; i < X.rows(); ++i) in.push_back(i);
      if (m.output != modules::Block::gamma) out.push_back(0);
      if (m.output != modules::Block::omega)
        for (Eigen::Index i = 1; i < Y[0].rows(); ++i) out.push_back(i);
      in_rows.push_back(in);
      out_rows.push_back(out);
    }
  }

  Eigen::MatrixXd module_map(const modules::Description& d, const modules::State& w, std::size_t m) const {
    return d.modules[m].deep() ? Eigen::MatrixXd(w[m].W2 * w[m].W1) : w[m].W1;
  }

  // Σ_m g_m E_{O_m} W_m E_{I_m}ᵀ: full output × full input.
  Eigen::MatrixXd embedded(const modules::Description& d, const modules::State& w, const Eigen::VectorXd& g) const {
    Eigen::MatrixXd W = Eigen::MatrixXd::Zero(Y[0].rows(), X.rows());
    for (std::size_t m = 0; m < w.size(); ++m) W(out_rows[m], in_rows[m]) += g(static_cast<Eigen::Index>(m)) * module_map(d, w, m);
    return W;
  }

  double rule_loss(const modules::Description& d, const modules::State& w, const Eigen::MatrixXd& gates, int rho) const {
    const Eigen::MatrixXd E = Y[static_cast<std::size_t>(rho)] - embedded(d, w, gates.col(rho)) * X;
    return E.squaredNorm() / (2.0 * static_cast<double>(X.cols()));
  }

  double loss(const modules::Description& d, const modules::State& w, const Eigen::MatrixXd& gates) const {
    double L = 0.0;
    for (int rho = 0; rho < d.dataset.rules; ++rho) L += d.dataset.rule_prior(rho) * rule_loss(d, w, gates, rho);
    return L;
  }

  // −∂L/∂W by the gated covariances: E_m = Σyx_m − Σ_m' E_Omᵀ E_Om' W_m' Σx_m'm.
  modules::State descent(const modules::Description& d, const modules::State& w, const Eigen::MatrixXd& gates) const {
    const double P = static_cast<double>(X.cols());
    const auto M = w.size();
    modules::State result(M);
    for (std::size_t m = 0; m < M; ++m) {
      Eigen::MatrixXd E = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(out_rows[m].size()),
                                                static_cast<Eigen::Index>(in_rows[m].size()));
      for (int rho = 0; rho < d.dataset.rules; ++rho) {
        const double pg = d.dataset.rule_prior(rho) * gates(static_cast<Eigen::Index>(m), rho);
        E += pg * Y[static_cast<std::size_t>(rho)](out_rows[m], Eigen::all) * X(in_rows[m], Eigen::all).transpose() / P;
        for (std::size_t n = 0; n < M; ++n) {
          const double gg = pg * gates(static_cast<Eigen::Index>(n), rho);
          Eigen::MatrixXd full = Eigen::MatrixXd::Zero(Y[0].rows(), static_cast<Eigen::Index>(in_rows[n].size()));
          full(out_rows[n], Eigen::all) = module_map(d, w, n);
          const Eigen::MatrixXd Sx = X(in_rows[n], Eigen::all) * X(in_rows[m], Eigen::all).transpose() / P;
          E -= gg * full(out_rows[m], Eigen::all) * Sx;
        }
      }
      if (d.modules[m].deep()) result[m] = {w[m].W2.transpose() * E, E * w[m].W1.transpose()};
      else result[m] = {E, Eigen::MatrixXd()};
    }
    return result;
  }
};

inline double max_abs(const Eigen::MatrixXd& m) { return m.size() == 0 ? 0.0 : m.cwiseAbs().maxCoeff(); }

inline double max_state_difference(const modules::State& a, const modules::State& b) {
  double worst = 0.0;
  for (std::size_t m = 0; m < a.size(); ++m) {
    worst = std::max(worst, max_abs(a[m].W1 - b[m].W1));
    if (a[m].W2.size() > 0 || b[m].W2.size() > 0) worst = std::max(worst, max_abs(a[m].W2 - b[m].W2));
  }
  return worst;
}

}  // namespace dln::test
