// Where an image ends: truncated files, and data appended after the image (motion photos,
// polyglots), on hand-made byte structures.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <string_view>

#include "scanner/core/media_type.h"

namespace mediascan {
namespace {

std::string segment(unsigned char marker, const std::string& payload) {
  const size_t n = payload.size() + 2;
  return std::string{'\xFF', char(marker), char(n >> 8), char(n & 0xFF)} + payload;
}

// SOI, an APP1 whose payload holds an EOI of its own (an EXIF thumbnail does), a frame, a scan
// whose data holds a stuffed 0xFF00 and a restart marker, then EOI.
std::string small_jpeg() {
  return std::string("\xFF\xD8", 2) + segment(0xE1, std::string("Exif\0\0\xFF\xD8thumb\xFF\xD9", 15)) +
         segment(0xC0, std::string(15, '\x01')) + segment(0xDA, std::string(10, '\x02')) +
         std::string("\x12\x34\xFF\x00\x56\xFF\xD0\x78\x9A", 9) + std::string("\xFF\xD9", 2);
}

std::string small_png() {
  auto chunk = [](const std::string& type, const std::string& data) {
    const size_t n = data.size();
    return std::string{char(n >> 24), char(n >> 16), char(n >> 8), char(n)} + type + data + std::string(4, '\x00');
  };
  return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", std::string(13, '\x01')) + chunk("IDAT", "xyz") +
         chunk("IEND", "");
}

TEST(TrailingData, NoneOnAWholeImageOrZeroPadding) {
  EXPECT_FALSE(trailing_data(small_jpeg(), MediaType::jpeg));
  EXPECT_FALSE(looks_truncated(small_jpeg(), MediaType::jpeg));
  EXPECT_FALSE(trailing_data(small_jpeg() + std::string(512, '\0'), MediaType::jpeg));
  EXPECT_FALSE(trailing_data(small_png(), MediaType::png));
  EXPECT_FALSE(looks_truncated(small_png(), MediaType::png));
}

TEST(TrailingData, NamesWhatFollowsTheImage) {
  const std::string jpeg = small_jpeg();
  auto zip = trailing_data(jpeg + std::string("PK\3\4rest of a zip", 17), MediaType::jpeg);
  ASSERT_TRUE(zip);
  EXPECT_EQ(zip->offset, jpeg.size());
  EXPECT_EQ(zip->size, 17u);
  EXPECT_EQ(zip->what, "a zip archive");
  // Google's and Samsung's motion photos: an MP4 after the JPEG.
  auto mp4 = trailing_data(jpeg + std::string("\0\0\0\x18" "ftypmp42\0\0\0\0mp42isom", 24), MediaType::jpeg);
  ASSERT_TRUE(mp4);
  EXPECT_NE(mp4->what.find("MP4"), std::string::npos);
  auto png = trailing_data(small_png() + "hidden text", MediaType::png);
  ASSERT_TRUE(png);
  EXPECT_EQ(png->what, "data of an unknown kind");
  // A JPEG followed by data is not a JPEG cut short (it used to be reported so).
  EXPECT_FALSE(looks_truncated(jpeg + "garbage", MediaType::jpeg));
}

TEST(TrailingData, TruncatedImagesHaveNone) {
  const std::string jpeg = small_jpeg();
  for (size_t cut : {size_t(3), size_t(20), jpeg.size() - 2}) {
    EXPECT_TRUE(looks_truncated(jpeg.substr(0, cut), MediaType::jpeg)) << cut;
    EXPECT_FALSE(trailing_data(jpeg.substr(0, cut), MediaType::jpeg)) << cut;
  }
  const std::string png = small_png();
  EXPECT_TRUE(looks_truncated(png.substr(0, png.size() - 5), MediaType::png));
}

// Bytes in a buffer of their exact size (a std::string's spare capacity would hide a read past
// the end from AddressSanitizer).
class Exact {
 public:
  explicit Exact(const std::string& bytes) : data_(new char[bytes.size()]), size_(bytes.size()) {
    std::copy(bytes.begin(), bytes.end(), data_.get());
  }
  operator std::string_view() const { return {data_.get(), size_}; }

 private:
  std::unique_ptr<char[]> data_;
  size_t size_;
};

// The entropy-coded data is walked many bytes at a time: a marker, a restart or a fill byte at
// every offset around the walk's 16- and 32-byte steps is found where a byte-by-byte walk finds
// it, in scans long enough for the wide path and as short as its tail.
TEST(TrailingData, EveryOffsetOfTheScanDataIsWalked) {
  const std::string head = std::string("\xFF\xD8", 2) + segment(0xC0, std::string(15, '\x01')) +
                           segment(0xDA, std::string(10, '\x02'));
  std::mt19937 random(7);
  for (size_t length : {size_t(0), size_t(1), size_t(31), size_t(32), size_t(33), size_t(100)}) {
    for (size_t at = 0; at <= length; ++at) {
      // Data without a marker: random bytes, every 0xFF stuffed, a few restarts.
      std::string data;
      while (data.size() < length) {
        const char c = char(random() % 251);
        data += c == '\x7F' ? std::string("\xFF\x00", 2) : c == '\x7E' ? std::string("\xFF\xD3", 2) : std::string(1, c);
      }
      data.resize(length);
      if (!data.empty() && data.back() == '\xFF') data.back() = '\x01';
      const std::string before = data.substr(0, at);
      const std::string after = data.substr(at);
      // A restart marker and fill bytes before the EOI at `at`; a trailer after it.
      const std::string jpeg = head + before + std::string("\xFF\xD5\xFF\xFF\xFF\xD9", 6);
      const auto trailer = trailing_data(Exact(jpeg + "PK\3\4" + after), MediaType::jpeg);
      ASSERT_TRUE(trailer) << length << " " << at;
      EXPECT_EQ(trailer->offset, jpeg.size()) << length << " " << at;
      EXPECT_FALSE(looks_truncated(Exact(jpeg), MediaType::jpeg));
      // The same scan cut just after a 0xFF: no end at all.
      const std::string cut = head + before + "\xFF";
      EXPECT_TRUE(looks_truncated(Exact(cut), MediaType::jpeg)) << length << " " << at;
      EXPECT_FALSE(trailing_data(Exact(cut + std::string("\0", 1)), MediaType::jpeg)) << length << " " << at;
    }
  }
}

}  // namespace
}  // namespace mediascan
