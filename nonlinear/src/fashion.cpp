#include "dln/nonlinear/fashion.hpp"

#include <algorithm>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <fmt/format.h>
#include <numeric>
#include <random>

#include "dln/analytic/invalid_input.hpp"
#include "dln/nonlinear/relu_network.hpp"
#include "dln/nonlinear/sgd.hpp"
#include "dln/parallel/ordered_pool.hpp"

namespace dln::nonlinear {

using Matrix = ReluNetwork<float>::Matrix;

std::string_view to_string(Protocol protocol) {
  return protocol == Protocol::new_instances ? "instances" : "held-out";
}

Protocol parse_protocol(std::string_view name) {
  if (name == "instances") return Protocol::new_instances;
  if (name == "held-out") return Protocol::held_out;
  throw InvalidInput("protocol", fmt::format("must be instances or held-out, got '{}'", name));
}

void CompositeDataOptions::validate() const {
  if (train_images < 1 || train_images > kTrainBlock)
    throw InvalidInput("train-images", fmt::format("must be an integer in [1, {}], got {}", kTrainBlock, train_images));
  if (test_images < 1 || test_images > kTestBlock)
    throw InvalidInput("test-images", fmt::format("must be an integer in [1, {}], got {}", kTestBlock, test_images));
  if (std::find(kPoolFactors.begin(), kPoolFactors.end(), pool) == kPoolFactors.end())
    throw InvalidInput("pool", fmt::format("must be 1, 2, 4 or 7 (a divisor of 28), got {}", pool));
  if (protocol == Protocol::held_out && !(held_out_fraction > 0.0 && held_out_fraction < 1.0))
    throw InvalidInput("held-out-fraction", fmt::format("must be in (0, 1), got {}", held_out_fraction));
  if (eval_samples < 1 || eval_samples > kTrainBlock)
    throw InvalidInput("eval-samples", fmt::format("must be an integer in [1, {}], got {}", kTrainBlock, eval_samples));
}

std::vector<int> draw_held_out_combinations(double fraction, std::uint64_t seed) {
  const auto count = std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(fraction * kCombinations)));
  std::vector<int> order(kCombinations);
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 engine(seed);
  for (std::size_t i = 0; i < count; ++i) {
    boost::random::uniform_int_distribution<std::size_t> pick(i, order.size() - 1);
    std::swap(order[i], order[pick(engine)]);
  }
  order.resize(count);
  std::sort(order.begin(), order.end());
  return order;
}

namespace {

// The composites whose combination passes `keep`, at most `limit` of them, with their targets.
template <class Keep>
std::pair<Matrix, Matrix> select(const CompositeImages& set, Keep keep, std::size_t limit) {
  std::vector<Eigen::Index> chosen;
  std::vector<Triple> classes;
  for (std::size_t i = 0; i < set.classes.size() && chosen.size() < limit; ++i)
    if (keep(combination(set.classes[i]))) chosen.push_back(static_cast<Eigen::Index>(i)), classes.push_back(set.classes[i]);
  Matrix X(set.X.rows(), static_cast<Eigen::Index>(chosen.size()));
  for (std::size_t j = 0; j < chosen.size(); ++j) X.col(static_cast<Eigen::Index>(j)) = set.X.col(chosen[j]);
  return {std::move(X), composite_targets(classes)};
}

}  // namespace

CompositeTask make_task(const CompositeData& data, const CompositeDataOptions& options) {
  CompositeTask task;
  if (options.protocol == Protocol::held_out)
    task.held_out = draw_held_out_combinations(options.held_out_fraction, options.split_seed);
  const auto held = [&](int c) { return std::binary_search(task.held_out.begin(), task.held_out.end(), c); };
  const auto seen = [&](int c) { return !held(c); };
  const auto eval = static_cast<std::size_t>(options.eval_samples);
  std::tie(task.X_train, task.Y_train) = select(data.train, seen, data.train.classes.size());
  task.X_train_eval = task.X_train.leftCols(std::min<Eigen::Index>(task.X_train.cols(), options.eval_samples));
  task.Y_train_eval = task.Y_train.leftCols(task.X_train_eval.cols());
  if (options.protocol == Protocol::held_out)
    std::tie(task.X_test, task.Y_test) = select(data.test, held, eval);
  else
    std::tie(task.X_test, task.Y_test) = select(data.test, [](int) { return true; }, eval);
  if (task.X_train.cols() == 0 || task.X_test.cols() == 0)
    throw InvalidInput("held-out-fraction",
                       fmt::format("leaves {} training and {} test composites; both sets must be non-empty (change the "
                                   "fraction or use more images)",
                                   task.X_train.cols(), task.X_test.cols()));
  return task;
}

CompositeTask load_task(const CompositeDataOptions& options) {
  options.validate();
  return make_task(load_composites(options.data, options.train_images, options.test_images, options.pool), options);
}

void ImageNetworkOptions::validate(Eigen::Index training_composites) const {
  if (arch != analytic::Architecture::dense && arch != analytic::Architecture::split)
    throw InvalidInput("arch", fmt::format("must be dense or split for images, got {}", analytic::to_string(arch)));
  if (hidden < 2 || hidden > kMaxImageHidden || (arch == analytic::Architecture::split && hidden % 2 != 0))
    throw InvalidInput("hidden", fmt::format("must be an integer in [2, {}] (even for split: two modules of hidden/2), "
                                             "got {}",
                                             kMaxImageHidden, hidden));
  if (!std::isfinite(lr) || lr <= 0.0) throw InvalidInput("lr", fmt::format("must be a finite number > 0, got {}", lr));
  if (batch < 1 || batch > training_composites)
    throw InvalidInput("batch", fmt::format("must be an integer in [1, {}] (the training composites), got {}",
                                            training_composites, batch));
  if (epochs < 1 || epochs > kMaxImageEpochs)
    throw InvalidInput("epochs", fmt::format("must be an integer in [1, {}], got {}", kMaxImageEpochs, epochs));
  if (!std::isfinite(init_scale) || init_scale <= 0.0)
    throw InvalidInput("init-scale", fmt::format("must be a finite number > 0, got {}", init_scale));
  validate_seeds(seed, seeds);
}

namespace {

std::vector<ModuleShape> image_modules(analytic::Architecture arch, Eigen::Index inputs, int hidden) {
  const Rows all_inputs{0, inputs};
  if (arch == analytic::Architecture::dense) return {{all_inputs, {0, kCompositeOutputs}, hidden}};
  return {{all_inputs, {0, kCompositionalOutputs}, hidden / 2},
          {all_inputs, {kCompositionalOutputs, kPerItemOutputs}, hidden / 2}};
}

// The two normalised errors of the network on (X, Y), forward in chunks so that memory stays bounded.
std::pair<double, double> normalised_errors(const ReluNetwork<float>& network, const Matrix& X, const Matrix& Y) {
  constexpr Eigen::Index kChunk = 512;
  double compositional = 0.0, per_item = 0.0;
  for (Eigen::Index start = 0; start < X.cols(); start += kChunk) {
    const Eigen::Index size = std::min(kChunk, X.cols() - start);
    const Matrix error = network.predict(X.middleCols(start, size)) - Y.middleCols(start, size);
    compositional += error.topRows(kCompositionalOutputs).template cast<double>().squaredNorm();
    per_item += error.bottomRows(kPerItemOutputs).template cast<double>().squaredNorm();
  }
  const auto n = static_cast<double>(X.cols());
  return {compositional / n / 3.0, per_item / n / (kPerItemScale * kPerItemScale)};
}

}  // namespace

namespace {

// One run: the network drawn from std::mt19937_64(seed), then trained, measured before the first epoch and
// after every one, until the end or the first non-finite parameter or error.
RunCurves image_run(const CompositeTask& task, const std::vector<ModuleShape>& shapes,
                    const ImageNetworkOptions& options, float step, std::uint64_t seed) {
  std::mt19937_64 engine(seed);  // the init's draws, then the batch order
  ReluNetwork<float> network(shapes, task.X_train.rows(), kCompositeOutputs, options.init_scale, engine);
  RunCurves run;
  for (int t = 0; t <= options.epochs; ++t) {
    const auto [train_omega, train_gamma] = normalised_errors(network, task.X_train_eval, task.Y_train_eval);
    const auto [test_omega, test_gamma] = normalised_errors(network, task.X_test, task.Y_test);
    std::vector<double> values{train_omega, test_omega, train_gamma, test_gamma};
    if (!std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); })) break;
    run.push_back(std::move(values));
    if (t < options.epochs && !sgd_epoch(network, task.X_train, task.Y_train, options.batch, step, engine)) break;
  }
  return run;
}

}  // namespace

SeedCurves train_images(const CompositeTask& task, const ImageNetworkOptions& options) {
  options.validate(task.X_train.cols());
  const auto shapes = image_modules(options.arch, task.X_train.rows(), options.hidden);
  // The paper's loss is the mean over the batch of the summed squared error; its gradient is 2/B times the
  // summed half squared error's that ReluNetwork::step takes.
  const auto step = static_cast<float>(2.0 * options.lr / options.batch);
  std::vector<std::uint64_t> seeds;
  for (int i = 0; i < options.seeds; ++i) seeds.push_back(options.seed + static_cast<std::uint64_t>(i));
  // The runs are independent (each its own engine): they run on every core (dln::parallel::OrderedPool), and
  // every run's numbers are the same as in a serial loop.
  parallel::OrderedPool pool(seeds.size(), 0,
                             [&](std::size_t i) { return image_run(task, shapes, options, step, seeds[i]); });
  std::vector<RunCurves> runs;
  for (std::size_t i = 0; i < pool.size(); ++i) runs.push_back(pool.get(i));
  return summarize(kImageColumns, runs, std::move(seeds), static_cast<std::size_t>(options.epochs) + 1);
}

}  // namespace dln::nonlinear
