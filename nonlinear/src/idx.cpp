// Reading gzipped IDX files with zlib's gz* interface (which also reads uncompressed files unchanged).
#include "dln/nonlinear/idx.hpp"

#include <array>
#include <fmt/format.h>
#include <memory>
#include <zlib.h>

#include "dln/analytic/invalid_input.hpp"

namespace dln::nonlinear {

namespace {

// Beyond this many bytes of payload a header is taken as corrupt rather than allocated (Fashion-MNIST's
// training images are 47 MB).
constexpr std::uint64_t kMaxPayload = std::uint64_t{1} << 31;

struct GzCloser {
  void operator()(gzFile_s* file) const { gzclose(file); }
};
using GzFile = std::unique_ptr<gzFile_s, GzCloser>;

class IdxStream {
public:
  IdxStream(const std::filesystem::path& file, std::string_view package) : name_(file.string()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
      throw InvalidInput("data", fmt::format("cannot find the dataset file {} (install the Debian package {}, or "
                                             "point --data at a directory holding it)",
                                             name_, package));
    file_.reset(gzopen(name_.c_str(), "rb"));
    if (!file_) throw InvalidInput("data", fmt::format("cannot open the dataset file {}", name_));
  }

  // Reads exactly `size` bytes; a short read is a truncated (or not gzip/IDX) file.
  void read(void* buffer, std::uint64_t size, std::string_view what) {
    auto* out = static_cast<unsigned char*>(buffer);
    while (size > 0) {
      const unsigned chunk = static_cast<unsigned>(std::min<std::uint64_t>(size, 1U << 30));
      const int got = gzread(file_.get(), out, chunk);
      if (got <= 0)
        throw InvalidInput("data", fmt::format("the dataset file {} is truncated or corrupt: it ends inside its {}",
                                               name_, what));
      out += got;
      size -= static_cast<std::uint64_t>(got);
    }
  }

  std::uint32_t big_endian_word(std::string_view what) {
    std::array<unsigned char, 4> b{};
    read(b.data(), b.size(), what);
    return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
  }

  void expect_magic(std::uint32_t expected) {
    const std::uint32_t magic = big_endian_word("header");
    if (magic != expected)
      throw InvalidInput("data", fmt::format("the dataset file {} is not an IDX file of the expected kind: magic "
                                             "number 0x{:08x}, expected 0x{:08x}",
                                             name_, magic, expected));
  }

  std::vector<std::uint8_t> payload(std::uint64_t size) {
    if (size > kMaxPayload)
      throw InvalidInput("data", fmt::format("the dataset file {} declares {} bytes of data, more than the {} "
                                             "accepted: a corrupt header",
                                             name_, size, kMaxPayload));
    std::vector<std::uint8_t> bytes(size);
    read(bytes.data(), size, "data");
    return bytes;
  }

private:
  std::string name_;
  GzFile file_;
};

}  // namespace

IdxImages read_idx_images(const std::filesystem::path& file, std::string_view package) {
  IdxStream in(file, package);
  in.expect_magic(kIdxImagesMagic);
  IdxImages images;
  images.count = in.big_endian_word("header");
  images.rows = in.big_endian_word("header");
  images.cols = in.big_endian_word("header");
  images.pixels = in.payload(std::uint64_t{images.count} * images.rows * images.cols);
  return images;
}

IdxLabels read_idx_labels(const std::filesystem::path& file, std::string_view package) {
  IdxStream in(file, package);
  in.expect_magic(kIdxLabelsMagic);
  const std::uint32_t count = in.big_endian_word("header");
  return {in.payload(count)};
}

}  // namespace dln::nonlinear
