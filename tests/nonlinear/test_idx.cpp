// The gzipped IDX reader: a file written here reads back byte for byte; a missing file names the Debian
// package, a wrong magic number and a truncated file are refused as bad input.
#define BOOST_TEST_MODULE nonlinear
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>
#include <zlib.h>

#include "dln/analytic/invalid_input.hpp"
#include "dln/nonlinear/idx.hpp"

using namespace dln;
namespace fs = std::filesystem;

namespace {

std::vector<unsigned char> big_endian(std::uint32_t v) {
  return {static_cast<unsigned char>(v >> 24), static_cast<unsigned char>(v >> 16), static_cast<unsigned char>(v >> 8),
          static_cast<unsigned char>(v)};
}

// A fresh directory under the system's temporary one, removed at the end of the test.
struct TempDir {
  fs::path path = fs::temp_directory_path() / ("dln_idx_" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

void write_gz(const fs::path& file, const std::vector<unsigned char>& bytes) {
  gzFile out = gzopen(file.c_str(), "wb");
  BOOST_REQUIRE(out != nullptr);
  BOOST_REQUIRE(gzwrite(out, bytes.data(), static_cast<unsigned>(bytes.size())) == static_cast<int>(bytes.size()));
  gzclose(out);
}

// An IDX image file of `count` images of rows × cols with pixel (i, j) of image n = (n·rows·cols + i·cols + j) % 251.
std::vector<unsigned char> image_file(std::uint32_t magic, std::uint32_t count, std::uint32_t rows, std::uint32_t cols) {
  std::vector<unsigned char> bytes;
  for (std::uint32_t v : {magic, count, rows, cols}) {
    const auto b = big_endian(v);
    bytes.insert(bytes.end(), b.begin(), b.end());
  }
  for (std::uint32_t k = 0; k < count * rows * cols; ++k) bytes.push_back(static_cast<unsigned char>(k % 251));
  return bytes;
}

std::string message_of(const fs::path& file, bool images) {
  try {
    if (images)
      nonlinear::read_idx_images(file, "dataset-fashion-mnist");
    else
      nonlinear::read_idx_labels(file, "dataset-fashion-mnist");
  } catch (const InvalidInput& e) {
    BOOST_TEST(e.parameter() == "data");
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(images_and_labels_read_back_exactly) {
  const TempDir dir;
  write_gz(dir.path / "images.gz", image_file(nonlinear::kIdxImagesMagic, 3, 4, 5));
  const auto images = nonlinear::read_idx_images(dir.path / "images.gz", "p");
  BOOST_TEST(images.count == 3U);
  BOOST_TEST(images.rows == 4U);
  BOOST_TEST(images.cols == 5U);
  BOOST_REQUIRE(images.pixels.size() == 60U);
  BOOST_TEST(images.image(2)[3 * 5 + 1] == (2 * 20 + 3 * 5 + 1) % 251);

  std::vector<unsigned char> labels = big_endian(nonlinear::kIdxLabelsMagic);
  for (unsigned char b : big_endian(4)) labels.push_back(b);
  labels.insert(labels.end(), {7, 0, 9, 3});
  write_gz(dir.path / "labels.gz", labels);
  BOOST_TEST(nonlinear::read_idx_labels(dir.path / "labels.gz", "p").labels == (std::vector<std::uint8_t>{7, 0, 9, 3}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_missing_file_names_the_package) {
  const TempDir dir;
  const std::string message = message_of(dir.path / "absent.gz", true);
  BOOST_TEST(message.find("dataset-fashion-mnist") != std::string::npos);
  BOOST_TEST(message.find("absent.gz") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_wrong_magic_number_is_refused) {
  const TempDir dir;
  write_gz(dir.path / "labels_as_images.gz", image_file(nonlinear::kIdxLabelsMagic, 1, 2, 2));
  BOOST_TEST(message_of(dir.path / "labels_as_images.gz", true).find("magic number 0x00000801") != std::string::npos);
  write_gz(dir.path / "images_as_labels.gz", image_file(nonlinear::kIdxImagesMagic, 1, 2, 2));
  BOOST_TEST(message_of(dir.path / "images_as_labels.gz", false).find("expected 0x00000801") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_truncated_file_is_refused) {
  const TempDir dir;
  auto bytes = image_file(nonlinear::kIdxImagesMagic, 3, 4, 5);
  bytes.resize(bytes.size() - 1);  // one pixel short
  write_gz(dir.path / "short.gz", bytes);
  BOOST_TEST(message_of(dir.path / "short.gz", true).find("truncated") != std::string::npos);
  write_gz(dir.path / "header.gz", {0, 0, 8});  // not even a magic number
  BOOST_TEST(message_of(dir.path / "header.gz", true).find("truncated") != std::string::npos);
}
