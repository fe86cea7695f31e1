// ReLU networks on the dataset space (docs/nonlinear.md §2): the dense and split ReLU networks couple the
// per-item inputs into the compositional outputs as the linear ones do, and only the segregated one
// generalises compositionally to held-out combinations.
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "dln/analytic/invalid_input.hpp"
#include "dln/nonlinear/jarvis.hpp"

using namespace dln;
using analytic::Architecture;
using nonlinear::JarvisOptions;

namespace {

struct Final {
  double mean, sd;
};
Final final_value(const nonlinear::SeedCurves& c, const std::string& column) {
  const std::size_t k = c.column(column);
  return {c.mean.back()[k], c.sd.back()[k]};
}

// n1 = 4, n2 = 2, k1 = k2 = 1, r = 2, trained on 10 of the 16 patterns (every feature takes both signs among
// them), 5 seeds.
JarvisOptions held_out(Architecture arch) {
  JarvisOptions o;
  o.spec = {4, 2, 1, 1, 2.0, {}};
  o.arch = arch;
  o.train = {1, 3, 4, 7, 8, 9, 11, 12, 13, 15};
  o.lr = 0.01;
  o.epochs = 500;
  o.init_scale = 1e-3;
  o.seeds = 5;
  return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(relu_networks_fit_the_paper_dataset_and_couple_like_linear_ones) {
  // The linear networks end at systematicity √24/11 / √(64/121 + 24/121) ≈ 0.52 (docs/theory.md §6, §11);
  // ReLU ones were measured at 0.529 ± 0.008 (dense) and 0.525 ± 0.002 (split) over 5 seeds. The claim
  // checked is only that the coupling is there, far from 0: > 0.4 is 15 seed sd below either. Segregated
  // modules cannot couple (module A never sees Γx): exactly 0.
  for (Architecture arch : {Architecture::dense, Architecture::split, Architecture::segregated}) {
    JarvisOptions o;
    o.arch = arch;
    o.init_scale = arch == Architecture::dense ? 2e-4 : 2e-3;
    o.seeds = 5;
    const auto curves = nonlinear::train_jarvis(o);
    BOOST_REQUIRE(curves.ok());
    BOOST_TEST(final_value(curves, "loss").mean < 1e-3);  // from 0.5·tr Σy = 1 at t = 0
    if (arch == Architecture::segregated)
      BOOST_TEST(final_value(curves, "systematicity").mean == 0.0);
    else
      BOOST_TEST(final_value(curves, "systematicity").mean > 0.4);
  }
}

BOOST_AUTO_TEST_CASE(only_segregated_relu_modules_generalise_to_held_out_combinations) {
  // Measured (5 seeds): compositional test loss dense 1.55 ± 0.05, split 1.25 ± 0.10, segregated 0.024 ± 0.010,
  // from 6 at t = 0 (two rows, six test patterns, targets ±1). Asserted: segregated below 5% of the initial
  // loss, and each coupled architecture above segregated by more than 5 standard errors of the difference of
  // the two 5-seed means (√((sd_a² + sd_b²)/5)): a chance ordering is then out of the question.
  const auto segregated = nonlinear::train_jarvis(held_out(Architecture::segregated));
  const Final s = final_value(segregated, "test_omega");
  const double initial = segregated.mean.front()[segregated.column("test_omega")];
  BOOST_TEST(initial > 5.9);
  BOOST_TEST(s.mean < 0.05 * initial);
  for (Architecture arch : {Architecture::dense, Architecture::split}) {
    const Final c = final_value(nonlinear::train_jarvis(held_out(arch)), "test_omega");
    BOOST_TEST(c.mean - s.mean > 5.0 * std::sqrt((c.sd * c.sd + s.sd * s.sd) / 5.0));
  }
}

BOOST_AUTO_TEST_CASE(bad_options_name_their_flag) {
  const auto parameter_of = [](JarvisOptions o) {
    try {
      o.validate();
    } catch (const InvalidInput& e) {
      return e.parameter();
    }
    return std::string();
  };
  JarvisOptions o;
  o.arch = Architecture::shallow;
  BOOST_TEST(parameter_of(o) == "arch");
  o = {};
  o.batch = 9;  // P = 8
  BOOST_TEST(parameter_of(o) == "batch");
  o = {};
  o.train = {0, 8};
  BOOST_TEST(parameter_of(o) == "train");
  o = {};
  o.hidden = 0;
  BOOST_TEST(parameter_of(o) == "hidden");
  o = {};
  o.seeds = 0;
  BOOST_TEST(parameter_of(o) == "seeds");
}
