#pragma once
// The IDX files of (Fashion-)MNIST, gzipped as Debian's dataset-fashion-mnist ships them: a big-endian
// header (magic 0x00000803 for images, 0x00000801 for labels, then one 32-bit size per dimension) followed
// by unsigned bytes (LeCun et al., "THE MNIST DATABASE", file format section).
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

namespace dln::nonlinear {

inline constexpr std::uint32_t kIdxImagesMagic = 0x00000803;  // unsigned byte, 3 dimensions
inline constexpr std::uint32_t kIdxLabelsMagic = 0x00000801;  // unsigned byte, 1 dimension

struct IdxImages {
  std::uint32_t count = 0, rows = 0, cols = 0;
  std::vector<std::uint8_t> pixels;  // image i at [i·rows·cols, (i+1)·rows·cols), each row-major
  const std::uint8_t* image(std::size_t i) const { return pixels.data() + i * rows * cols; }
};

struct IdxLabels {
  std::vector<std::uint8_t> labels;
};

// Read a gzipped (or plain: zlib reads both) IDX file. Throws dln::InvalidInput("data", …) naming the file
// when it is missing or unreadable (and the Debian package that ships it, `package`), when its magic number
// is not the expected one, when it ends before its header says, or when a size is implausible.
IdxImages read_idx_images(const std::filesystem::path& file, std::string_view package);
IdxLabels read_idx_labels(const std::filesystem::path& file, std::string_view package);

}  // namespace dln::nonlinear
