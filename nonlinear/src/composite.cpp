#include "dln/nonlinear/composite.hpp"

#include <fmt/format.h>

#include "dln/analytic/invalid_input.hpp"

namespace dln::nonlinear {

CompositeImages compose(const IdxImages& images, const IdxLabels& labels, int block, int count, int pool) {
  if (images.rows != kImageSide || images.cols != kImageSide)
    throw InvalidInput("data", fmt::format("the images are {} × {}, expected {} × {}", images.rows, images.cols,
                                           kImageSide, kImageSide));
  if (images.count < 3U * static_cast<unsigned>(block) || labels.labels.size() < 3U * static_cast<unsigned>(block))
    throw InvalidInput("data", fmt::format("the files hold {} images and {} labels, the composites need {}",
                                           images.count, labels.labels.size(), 3 * block));
  const int side = kImageSide / pool;  // pooled image side
  const int width = 3 * side;
  const float scale = 1.0F / (255.0F * static_cast<float>(pool * pool));
  CompositeImages out;
  out.X.setZero(side * width, count);
  for (int i = 0; i < count; ++i) {
    Triple classes{};
    for (int part = 0; part < 3; ++part) {
      const std::size_t index = static_cast<std::size_t>(part) * static_cast<std::size_t>(block) + i;
      classes[static_cast<std::size_t>(part)] = labels.labels[index];
      if (labels.labels[index] >= kClasses)
        throw InvalidInput("data", fmt::format("label {} of image {} is not a class in [0, {}]", labels.labels[index],
                                               index, kClasses - 1));
      const std::uint8_t* image = images.image(index);
      for (int row = 0; row < kImageSide; ++row)
        for (int col = 0; col < kImageSide; ++col)
          out.X((row / pool) * width + part * side + col / pool, i) += scale * static_cast<float>(image[row * kImageSide + col]);
    }
    out.classes.push_back(classes);
  }
  return out;
}

CompositeData load_composites(const std::filesystem::path& directory, int train_count, int test_count, int pool) {
  const auto read = [&](std::string_view images_file, std::string_view labels_file, int block, int count) {
    const IdxImages images = read_idx_images(directory / images_file, kFashionPackage);
    return compose(images, read_idx_labels(directory / labels_file, kFashionPackage), block, count, pool);
  };
  CompositeData data;
  data.pool = pool;
  data.train = read("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", kTrainBlock, train_count);
  data.test = read("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", kTestBlock, test_count);
  return data;
}

Eigen::MatrixXf composite_targets(const std::vector<Triple>& classes) {
  Eigen::MatrixXf Y = Eigen::MatrixXf::Zero(kCompositeOutputs, static_cast<Eigen::Index>(classes.size()));
  for (std::size_t i = 0; i < classes.size(); ++i) {
    const auto column = static_cast<Eigen::Index>(i);
    for (int part = 0; part < 3; ++part) Y(part * kClasses + classes[i][static_cast<std::size_t>(part)], column) = 1.0F;
    Y(kCompositionalOutputs + combination(classes[i]), column) = static_cast<float>(kPerItemScale);
  }
  return Y;
}

}  // namespace dln::nonlinear
