// The reduced non-linear check on compositional Fashion-MNIST (docs/nonlinear.md §5), within ctest's 60 s:
// on held-out combinations, the split ReLU network's compositional test error is below the dense one's.
// Needs Debian's dataset-fashion-mnist (run.sh installs it); without it the test fails, naming the package.
#define BOOST_TEST_MODULE fashion_check
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "dln/nonlinear/fashion.hpp"

using namespace dln;
using namespace dln::nonlinear;

BOOST_AUTO_TEST_CASE(split_keeps_a_lower_compositional_test_error_on_held_out_combinations) {
  // 2 000 training composites (1 489 after a quarter of the combinations is held out), 2 × 2 pooling
  // (588 inputs), 128 hidden units, 12 epochs of SGD (lr 0.02, batch 16), 3 seeds per architecture: ~8 s of
  // CPU time.
  CompositeDataOptions data;
  data.train_images = 2'000;
  data.pool = 2;
  data.protocol = Protocol::held_out;
  data.held_out_fraction = 0.25;
  data.eval_samples = 500;
  const CompositeTask task = load_task(data);

  ImageNetworkOptions network;
  network.hidden = 128;
  network.lr = 0.02;
  network.epochs = 12;
  network.seeds = 3;
  const auto final_test_error = [&](analytic::Architecture arch) {
    network.arch = arch;
    const SeedCurves curves = train_images(task, network);
    BOOST_REQUIRE(curves.ok());
    const std::size_t k = curves.column("test_compositional");
    BOOST_TEST_MESSAGE(analytic::to_string(arch) << ": compositional test error " << curves.mean.back()[k] << " ± "
                                                 << curves.sd.back()[k]);
    return std::pair{curves.mean.back()[k], curves.sd.back()[k]};
  };
  const auto [dense, dense_sd] = final_test_error(analytic::Architecture::dense);
  const auto [split, split_sd] = final_test_error(analytic::Architecture::split);
  // Both learned: from 1.0 (predicting 0) to well below.
  BOOST_TEST(split < 0.9);
  BOOST_TEST(dense < 0.95);
  // Measured while writing this test (same setting, 30 epochs, errors on 863 test composites): dense
  // 0.603 ± 0.010 vs split 0.543 ± 0.006 after 10 epochs, 0.590 ± 0.005 vs 0.507 ± 0.007 after 15. The margin
  // is 3 standard errors of the difference of two 3-seed means, 3·√((sd_dense² + sd_split²)/3) ≈ 0.02: a
  // difference that large arises by chance with probability < 0.3%. (With 4 × 4 pooling, 64 or 128 units and
  // fewer composites the order is reversed for 30 epochs — see docs/nonlinear.md §5 — so this checks the
  // setting, not a law.)
  BOOST_TEST(dense - split > 3.0 * std::sqrt((dense_sd * dense_sd + split_sd * split_sd) / 3.0));
}
