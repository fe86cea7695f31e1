// Compositional images (docs/nonlinear.md §3): where each third comes from, the pooling, the 1 030 targets,
// and the held-out protocol's sets.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <random>
#include <set>

#include "dln/analytic/invalid_input.hpp"
#include "dln/nonlinear/fashion.hpp"

using namespace dln;
using namespace dln::nonlinear;

namespace {

// 3·block synthetic 28 × 28 images: pixel (r, c) of image n is (n + r + c) % 256, labels drawn at random.
std::pair<IdxImages, IdxLabels> synthetic(int block) {
  IdxImages images{static_cast<std::uint32_t>(3 * block), 28, 28, {}};
  IdxLabels labels;
  std::mt19937 engine(1);
  for (int n = 0; n < 3 * block; ++n) {
    for (int r = 0; r < 28; ++r)
      for (int c = 0; c < 28; ++c) images.pixels.push_back(static_cast<std::uint8_t>((n + r + c) % 256));
    labels.labels.push_back(static_cast<std::uint8_t>(engine() % 10));
  }
  return {images, labels};
}

}  // namespace

BOOST_AUTO_TEST_CASE(composite_i_is_images_i_block_plus_i_two_blocks_plus_i_side_by_side) {
  const auto [images, labels] = synthetic(5);
  const CompositeImages set = compose(images, labels, 5, 4, 1);
  BOOST_REQUIRE(set.X.rows() == 28 * 84);
  BOOST_REQUIRE(set.X.cols() == 4);
  for (int part = 0; part < 3; ++part) {
    const int n = part * 5 + 3;  // composite 3
    BOOST_TEST(set.classes[3][static_cast<std::size_t>(part)] == labels.labels[static_cast<std::size_t>(n)]);
    for (int r : {0, 13, 27})
      for (int c : {0, 9, 27})
        BOOST_TEST(set.X(r * 84 + part * 28 + c, 3) == static_cast<float>((n + r + c) % 256) / 255.0F,
                   boost::test_tools::tolerance(1e-6F));  // a few float roundings (ε = 6e-8)
  }
  // 2 × 2 mean pooling: pixel (r, c) of the pooled part is the mean of the four (2r + i, 2c + j).
  const CompositeImages pooled = compose(images, labels, 5, 4, 2);
  BOOST_REQUIRE(pooled.X.rows() == 14 * 42);
  const int n = 5 + 2;  // composite 2, middle part
  const float expected = static_cast<float>(4 * (n + 2 * 6 + 2 * 3) + 4) / (4.0F * 255.0F);  // (r, c) = (6, 3)
  BOOST_TEST(pooled.X(6 * 42 + 14 + 3, 2) == expected, boost::test_tools::tolerance(1e-6F));
}

BOOST_AUTO_TEST_CASE(targets_are_three_one_hots_and_a_scaled_one_hot_of_the_combination) {
  const Eigen::MatrixXf Y = composite_targets({{3, 0, 9}});
  BOOST_REQUIRE(Y.rows() == 1030);
  BOOST_TEST(Y.col(0).sum() == 3.0F + 10.0F);
  BOOST_TEST(Y(3, 0) == 1.0F);
  BOOST_TEST(Y(10 + 0, 0) == 1.0F);
  BOOST_TEST(Y(20 + 9, 0) == 1.0F);
  BOOST_TEST(Y(30 + 309, 0) == 10.0F);
}

BOOST_AUTO_TEST_CASE(held_out_combinations_are_never_trained_on_and_are_all_that_is_tested) {
  const auto [images, labels] = synthetic(400);
  CompositeData data{compose(images, labels, 400, 400, 4), compose(images, labels, 400, 400, 4), 4};
  CompositeDataOptions options;
  options.protocol = Protocol::held_out;
  options.held_out_fraction = 0.3;
  options.eval_samples = 400;
  const CompositeTask task = make_task(data, options);
  BOOST_TEST(task.held_out.size() == 300U);
  const auto combination_of = [](const Eigen::MatrixXf& Y, Eigen::Index i) {
    Eigen::Index row = 0;
    Y.col(i).bottomRows(1000).maxCoeff(&row);
    return static_cast<int>(row);
  };
  const std::set<int> held(task.held_out.begin(), task.held_out.end());
  for (Eigen::Index i = 0; i < task.Y_train.cols(); ++i) BOOST_TEST(!held.count(combination_of(task.Y_train, i)));
  for (Eigen::Index i = 0; i < task.Y_test.cols(); ++i) BOOST_TEST(held.count(combination_of(task.Y_test, i)));
  BOOST_TEST(task.X_train.cols() + task.X_test.cols() == 400);  // same composites on both sides here
  // The paper's protocol tests every test composite.
  options.protocol = Protocol::new_instances;
  BOOST_TEST(make_task(data, options).X_test.cols() == 400);
}

BOOST_AUTO_TEST_CASE(bad_data_options_name_their_flag) {
  const auto parameter_of = [](CompositeDataOptions o) {
    try {
      o.validate();
    } catch (const InvalidInput& e) {
      return e.parameter();
    }
    return std::string();
  };
  CompositeDataOptions o;
  o.protocol = Protocol::held_out;
  for (double f : {0.0, 1.0, -0.1, 1.5}) {
    o.held_out_fraction = f;
    BOOST_TEST(parameter_of(o) == "held-out-fraction");
  }
  o.held_out_fraction = 0.25;
  o.pool = 3;
  BOOST_TEST(parameter_of(o) == "pool");
  o.pool = 2;
  o.train_images = 20'001;
  BOOST_TEST(parameter_of(o) == "train-images");
}
