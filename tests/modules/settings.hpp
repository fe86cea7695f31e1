#pragma once
// Module descriptions used across the module tests: settings chosen to differ from every setting of
// docs/modules.md (unequal prior, permuted κ, k2 = 2, r ≠ 1, mixed masks, shallow and softmax modules).
#include <vector>

#include "dln/modules/description.hpp"

namespace dln::test {

inline modules::Description mixed_description() {
  modules::Description d;
  d.dataset = {3, 2, 2, 0.8, 2, {2, 0}, {0.6, 0.4}};
  using modules::Block;
  using modules::GateKind;
  d.modules = {
      {"shared", Block::all, Block::all, 5, {GateKind::constant, 0.7, 0, {}}},
      {"rule0", Block::omega, Block::omega, 3, {GateKind::ground_truth, 1.0, 0, {}}},
      {"items", Block::gamma, Block::gamma, 4, {GateKind::constant, 1.0, 0, {}}},
      {"soft_a", Block::all, Block::omega, 3, {GateKind::softmax, 1.0, 0, {0.3, -0.5}}},
      {"soft_b", Block::gamma, Block::all, 0, {GateKind::softmax, 1.0, 0, {-0.2, 0.4}}},
  };
  d.temperature = 0.7;
  return d;
}

inline modules::Description small_description(int n1, int k1, int k2, double r, int R) {
  modules::Description d;
  d.dataset = {n1, k1, k2, r, R, {}, {}};
  using modules::Block;
  using modules::GateKind;
  d.modules = {{"A", Block::all, Block::all, 4, {}}, {"B", Block::omega, Block::omega, 2, {GateKind::constant, 0.5, 0, {}}}};
  return d;
}

}  // namespace dln::test
