// The module description: bad input is refused naming the key and the range; gates and presets.
#define BOOST_TEST_MODULE modules_description
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <functional>

#include "dln/analytic/invalid_input.hpp"
#include "dln/modules/description.hpp"
#include "settings.hpp"

using namespace dln;
using modules::Block;
using modules::GateKind;

namespace {

void expect_refused(const std::function<void(modules::Description&)>& edit, const std::string& key,
                    const std::string& words) {
  auto d = test::mixed_description();
  edit(d);
  try {
    d.validate();
    BOOST_ERROR("accepted a description with a bad " << key);
  } catch (const InvalidInput& e) {
    BOOST_TEST(e.parameter() == key);
    BOOST_TEST_INFO(e.what());
    BOOST_TEST(std::string(e.what()).find(words) != std::string::npos);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(valid_description_passes) { BOOST_CHECK_NO_THROW(test::mixed_description().validate()); }

BOOST_AUTO_TEST_CASE(every_bad_input_names_its_key_and_range) {
  expect_refused([](auto& d) { d.dataset.rules = 4; }, "rules", "[1, n1 = 3]");
  expect_refused([](auto& d) { d.dataset.kappa = {1, 1}; }, "kappa", "injective");
  expect_refused([](auto& d) { d.dataset.kappa = {0, 3}; }, "kappa", "[0, n1 − 1 = 2]");
  expect_refused([](auto& d) { d.dataset.prior = {0.5, 0.6}; }, "prior", "sum to 1");
  expect_refused([](auto& d) { d.dataset.prior = {1.0, 0.0}; }, "prior", "> 0");
  expect_refused([](auto& d) { d.dataset.prior = {1.0}; }, "prior", "one probability per rule");
  expect_refused([](auto& d) { d.dataset.n1 = 0; }, "n1", "[1, 30]");
  expect_refused([](auto& d) { d.modules.clear(); }, "module", "between 1 and");
  expect_refused([](auto& d) { d.temperature = 0.0; }, "temperature", "> 0");
  expect_refused([](auto& d) { d.temperature = NAN; }, "temperature", "finite");
  expect_refused([](auto& d) { d.modules[0].gate.value = 1.5; }, "module[1].gate", "[0, 1]");
  expect_refused([](auto& d) { d.modules[0].gate.value = INFINITY; }, "module[1].gate", "finite");
  expect_refused([](auto& d) { d.modules[0].gate.value = 0.0; }, "module[1].gate", "0 on every rule");
  expect_refused([](auto& d) { d.modules[1].gate.rule = 2; }, "module[2].rule", "[0, rules − 1 = 1]");
  expect_refused([](auto& d) { d.modules[3].gate.logits = {0.1, NAN}; }, "module[4].logits", "finite");
  expect_refused([](auto& d) { d.modules[3].gate.logits = {0.1}; }, "module[4].logits", "one logit per rule");
  expect_refused([](auto& d) { d.modules[2].hidden = -1; }, "module[3].hidden", "[0, ");
  expect_refused([](auto& d) { d.modules[2].name = "shared"; }, "module[3].name", "unique");
  expect_refused([](auto& d) { d.modules[2].name.clear(); }, "module[3].name", "non-empty");
  expect_refused([](auto& d) { d.dataset.k1 = 0; }, "module[3].input", "selects nothing");
  expect_refused([](auto& d) { d.dataset.k2 = 0; }, "module[3].output", "selects nothing");
}

// Softmax gates: g(ρ) = softmax over the softmax-gated modules of logits(ρ)/T; the others as given.
BOOST_AUTO_TEST_CASE(gate_matrix_follows_its_definition) {
  const auto d = test::mixed_description();
  const Eigen::MatrixXd g = modules::gate_matrix(d);
  BOOST_TEST(g.rows() == 5);
  BOOST_TEST(g.cols() == 2);
  BOOST_TEST(g(0, 0) == 0.7);
  BOOST_TEST(g(0, 1) == 0.7);
  BOOST_TEST(g(1, 0) == 1.0);
  BOOST_TEST(g(1, 1) == 0.0);
  for (int rho = 0; rho < 2; ++rho) {
    const double a = std::exp(d.modules[3].gate.logits[static_cast<std::size_t>(rho)] / 0.7);
    const double b = std::exp(d.modules[4].gate.logits[static_cast<std::size_t>(rho)] / 0.7);
    BOOST_TEST(std::abs(g(3, rho) - a / (a + b)) < 1e-15);
    BOOST_TEST(std::abs(g(4, rho) - b / (a + b)) < 1e-15);
  }
  // Huge logits do not overflow (the row max is subtracted). The logits/T ≈ 1143 carry an absolute rounding of
  // ulp(1143) ≈ 2.3e-13, which is the accuracy of their difference: 1e-12.
  auto big = d;
  big.modules[3].gate.logits = {800.0, 800.0};
  big.modules[4].gate.logits = {799.0, 0.0};
  const Eigen::MatrixXd h = modules::gate_matrix(big);
  BOOST_TEST(std::abs(h(3, 0) - 1.0 / (1.0 + std::exp(-1.0 / 0.7))) < 1e-12);
  BOOST_TEST(h(4, 1) < 1e-300);  // e^(−1143): underflows towards 0, no NaN
  BOOST_TEST(h.allFinite());
}

BOOST_AUTO_TEST_CASE(presets_have_the_documented_modules) {
  const modules::RuleDataset data{3, 3, 1, 1.0, 3, {}, {}};
  const auto gt = modules::preset("gt-segregated", data, 8);
  BOOST_TEST(gt.modules.size() == 4u);
  const Eigen::MatrixXd g = modules::gate_matrix(gt);
  BOOST_TEST((g.topRows(3) - Eigen::MatrixXd::Identity(3, 3)).norm() == 0.0);
  BOOST_TEST(g.row(3).minCoeff() == 1.0);
  BOOST_TEST((gt.modules[0].input == Block::omega && gt.modules[0].output == Block::omega));
  BOOST_TEST((gt.modules[3].input == Block::gamma && gt.modules[3].output == Block::gamma));
  BOOST_TEST(modules::preset("shared-plus-rules", data, 8).modules.size() == 4u);
  BOOST_TEST(modules::preset("gt-modular", data, 8).modules.size() == 3u);
  BOOST_TEST(modules::preset("race", data, 8).modules.size() == 3u);
  BOOST_CHECK_THROW(modules::preset("dense", data, 8), InvalidInput);  // R = 3 is not a single-rule preset
  BOOST_CHECK_THROW(modules::preset("nonsense", data, 8), InvalidInput);
  const auto shallow = modules::preset("shallow", {3, 3, 1, 1.0, 1, {}, {}}, 8);
  BOOST_TEST(!shallow.modules[0].deep());
}
