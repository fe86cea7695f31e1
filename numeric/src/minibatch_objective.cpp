#include "dln/numeric/minibatch_objective.hpp"

#include <cassert>

#include "factored_output.hpp"

namespace dln::numeric {

struct SummedMinibatchObjective::Module {
  bool deep;
  DataSide in, out;
};

SummedMinibatchObjective::SummedMinibatchObjective(const analytic::DatasetSpec& spec, analytic::Architecture arch) {
  for (const auto& layout : analytic::module_layouts(arch))
    modules_.push_back({layout.deep, DataSide(spec, layout.input, Side::input),
                        DataSide(spec, layout.output, Side::output)});
}

SummedMinibatchObjective::~SummedMinibatchObjective() = default;
SummedMinibatchObjective::SummedMinibatchObjective(SummedMinibatchObjective&&) noexcept = default;
SummedMinibatchObjective& SummedMinibatchObjective::operator=(SummedMinibatchObjective&&) noexcept = default;

// Deep: H_B = W1·X_B (h × B), R = Y_B − W2·H_B (outputs × B) and D = W2ᵀR, so that
//   ∂/∂W1 = −D·X_Bᵀ,   ∂/∂W2 = −R·H_Bᵀ.
// Shallow: R = Y_B − W·X_B and ∂/∂W = −R·X_Bᵀ (H and D unused). Products with W2 are outputs × h × B.
struct SummedMinibatchObjective::Residuals {
  Eigen::MatrixXd H, R, D;
};

SummedMinibatchObjective::Residuals SummedMinibatchObjective::residuals(const Module& m, const analytic::ModuleWeights& w,
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

void SummedMinibatchObjective::gradient(const analytic::NetworkWeights& weights, Batch batch,
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

void SummedMinibatchObjective::step(analytic::NetworkWeights& weights, Batch batch, double lr) const {
  assert(weights.size() == modules_.size());
  // Modules own disjoint weights, so each can move once its own residuals (from its old weights) are known.
  for (std::size_t i = 0; i < modules_.size(); ++i) step_module(modules_[i], weights[i], batch, lr);
}

void SummedMinibatchObjective::step_module(const Module& m, analytic::ModuleWeights& w, Batch batch, double lr) const {
  const Residuals r = residuals(m, w, batch);
  m.in.add_times_transpose(m.deep ? r.D : r.R, batch, lr, w.W1);
  if (m.deep) w.W2.noalias() += lr * r.R * r.H.transpose();
}

void SummedMinibatchObjective::epoch(analytic::NetworkWeights& weights, std::span<const Eigen::Index> order,
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

}  // namespace dln::numeric
