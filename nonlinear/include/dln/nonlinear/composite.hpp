#pragma once
// Compositional Fashion-MNIST (docs/nonlinear.md §3): three images side by side, 28 × 84, built as the
// paper builds Compositional MNIST (docs/theory.md §14): composite i = [img_i | img_{B+i} | img_{2B+i}]
// with B = 20 000 for the training images and B = 3 333 for the test images; 1 030 targets per composite.
#include <Eigen/Dense>
#include <array>
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "dln/nonlinear/idx.hpp"

namespace dln::nonlinear {

inline constexpr std::string_view kFashionPackage = "dataset-fashion-mnist";
inline constexpr std::string_view kFashionDirectory = "/usr/share/datasets/fashion-mnist";
inline constexpr int kTrainBlock = 20'000;  // composites from the 60 000 training images
inline constexpr int kTestBlock = 3'333;    // composites from the first 9 999 test images
inline constexpr int kClasses = 10;
inline constexpr int kCombinations = kClasses * kClasses * kClasses;
inline constexpr int kCompositionalOutputs = 3 * kClasses;  // three 10-way one-hots
inline constexpr int kPerItemOutputs = kCombinations;       // one-hot of 100·c1 + 10·c2 + c3, scaled by r
inline constexpr int kCompositeOutputs = kCompositionalOutputs + kPerItemOutputs;
inline constexpr double kPerItemScale = 10.0;  // r of docs/theory.md §14
inline constexpr int kImageSide = 28;

using Triple = std::array<int, 3>;  // the classes of the left, middle and right image
inline int combination(const Triple& c) { return 100 * c[0] + 10 * c[1] + c[2]; }

struct CompositeImages {
  // One column per composite: the (28/pool) × (84/pool) image row by row, pixels / 255 averaged over
  // pool × pool blocks.
  Eigen::MatrixXf X;
  std::vector<Triple> classes;
};

// Pooling factors that divide 28.
inline constexpr std::array<int, 4> kPoolFactors{1, 2, 4, 7};

// The first `count` composites of blocks of `block` images (count ≤ block, 3·block ≤ images.count).
// Throws dln::InvalidInput("data", …) when the files do not hold enough 28 × 28 images or their labels.
CompositeImages compose(const IdxImages& images, const IdxLabels& labels, int block, int count, int pool);

struct CompositeData {
  CompositeImages train, test;
  int pool = 1;
};

// Reads the four gzipped IDX files of Debian's dataset-fashion-mnist from `directory` and composes
// train_count training and test_count test composites. Throws dln::InvalidInput("data", …) naming a
// missing or corrupt file and the package.
CompositeData load_composites(const std::filesystem::path& directory, int train_count, int test_count, int pool);

// The 1 030 targets of each composite (rows: the 30 compositional outputs, then the 1 000 per-item ones).
Eigen::MatrixXf composite_targets(const std::vector<Triple>& classes);

}  // namespace dln::nonlinear
