#include "dln/validation/minibatch.hpp"

#include <boost/random/uniform_int_distribution.hpp>
#include <cassert>
#include <numeric>

#include "factored_output.hpp"

namespace dln::validation {

struct MinibatchObjective::Module {
  bool deep;
  numeric::DataSide in, out;
};

MinibatchObjective::MinibatchObjective(const analytic::DatasetSpec& spec, analytic::Architecture arch) {
  for (const auto& layout : analytic::module_layouts(arch))
    modules_.push_back({layout.deep, numeric::DataSide(spec, layout.input, false),
                        numeric::DataSide(spec, layout.output, true)});
}

MinibatchObjective::~MinibatchObjective() = default;
MinibatchObjective::MinibatchObjective(MinibatchObjective&&) noexcept = default;
MinibatchObjective& MinibatchObjective::operator=(MinibatchObjective&&) noexcept = default;

// Deep: H_B = W1·X_B (h × B), R = Y_B − W2·H_B (outputs × B) and D = W2ᵀR, so that
//   ∂/∂W1 = −D·X_Bᵀ,   ∂/∂W2 = −R·H_Bᵀ.
// Shallow: R = Y_B − W·X_B and ∂/∂W = −R·X_Bᵀ (H and D unused). Products with W2 are outputs × h × B.
struct MinibatchObjective::Residuals {
  Eigen::MatrixXd H, R, D;
};

MinibatchObjective::Residuals MinibatchObjective::residuals(const Module& m, const analytic::ModuleWeights& w,
                                                            Batch batch) const {
  Residuals r;
  if (!m.deep) {
    r.R = -m.in.gather(w.W1, batch);
  } else {
    r.H = m.in.gather(w.W1, batch);
    r.R.noalias() = -(w.W2 * r.H);
  }
  m.out.add_columns(batch, r.R);
  if (m.deep) r.D.noalias() = w.W2.transpose() * r.R;
  return r;
}

void MinibatchObjective::gradient(const analytic::NetworkWeights& weights, Batch batch,
                                  analytic::NetworkWeights& gradient) const {
  assert(weights.size() == modules_.size());
  gradient.resize(modules_.size());
  for (std::size_t i = 0; i < modules_.size(); ++i) {
    const Module& m = modules_[i];
    const Residuals r = residuals(m, weights[i], batch);
    analytic::ModuleWeights& g = gradient[i];
    g.W1.setZero(weights[i].W1.rows(), weights[i].W1.cols());
    m.in.add_times_transpose(m.deep ? r.D : r.R, batch, -1.0, g.W1);
    if (m.deep)
      g.W2.noalias() = -r.R * r.H.transpose();
    else
      g.W2.resize(0, 0);
  }
}

void MinibatchObjective::step(analytic::NetworkWeights& weights, Batch batch, double lr) const {
  assert(weights.size() == modules_.size());
  // Modules own disjoint weights, so each can move once its own residuals (from its old weights) are known.
  for (std::size_t i = 0; i < modules_.size(); ++i) step_module(modules_[i], weights[i], batch, lr);
}

void MinibatchObjective::step_module(const Module& m, analytic::ModuleWeights& w, Batch batch, double lr) const {
  const Residuals r = residuals(m, w, batch);
  m.in.add_times_transpose(m.deep ? r.D : r.R, batch, lr, w.W1);
  if (m.deep) w.W2.noalias() += lr * r.R * r.H.transpose();
}

void MinibatchObjective::epoch(analytic::NetworkWeights& weights, std::span<const Eigen::Index> order,
                               std::size_t batch_size, double lr) const {
  assert(weights.size() == modules_.size() && batch_size > 0);
  const auto for_each_batch = [&](const auto& visit) {
    for (std::size_t start = 0; start < order.size(); start += batch_size)
      visit(Batch(order.data() + start, std::min(batch_size, order.size() - start)));
  };
  // Modules own disjoint weights and their residuals involve their own weights only, so running each
  // module through the whole epoch is the same as interleaving them step by step.
  for (std::size_t i = 0; i < modules_.size(); ++i) {
    const Module& m = modules_[i];
    analytic::ModuleWeights& w = weights[i];
    if (!m.deep || !FactoredOutput::worthwhile(m.out.dimension(), w.W1.rows(), batch_size)) {
      for_each_batch([&](Batch batch) { step_module(m, w, batch, lr); });
      continue;
    }
    FactoredOutput W2(w.W2, m.out);
    Eigen::MatrixXd D;
    for_each_batch([&](Batch batch) {
      const Eigen::MatrixXd H = m.in.gather(w.W1, batch);
      if (W2.step(H, batch, lr, D)) {
        m.in.add_times_transpose(D, batch, lr, w.W1);
        return;
      }
      W2.materialise();  // a step the factored form refuses is taken in full
      step_module(m, w, batch, lr);
      W2.restart();
    });
    W2.materialise();
  }
}

void shuffle_patterns(std::mt19937_64& engine, std::vector<Eigen::Index>& order) {
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  for (std::size_t i = order.size(); i > 1; --i) {
    boost::random::uniform_int_distribution<std::size_t> pick(0, i - 1);
    std::swap(order[i - 1], order[pick(engine)]);
  }
}

}  // namespace dln::validation
