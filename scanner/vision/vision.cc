#include "scanner/vision/vision.h"

#include <opencv2/img_hash.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace mediascan {
namespace {

uint32_t be(std::string_view b, size_t at, int n) {
  uint32_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8) | uint8_t(b[at + size_t(i)]);
  return v;
}

uint32_t le(std::string_view b, size_t at, int n) {
  uint32_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | uint8_t(b[at + size_t(i)]);
  return v;
}

std::optional<std::pair<int, int>> jpeg_size(std::string_view b) {
  size_t p = 2;
  while (p + 4 <= b.size()) {
    if (uint8_t(b[p]) != 0xFF) return std::nullopt;
    const uint8_t marker = uint8_t(b[p + 1]);
    if (marker == 0xFF) { ++p; continue; }  // fill byte
    if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) { p += 2; continue; }
    const uint32_t len = be(b, p + 2, 2);
    const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      if (p + 9 > b.size()) return std::nullopt;
      return std::pair<int, int>{int(be(b, p + 7, 2)), int(be(b, p + 5, 2))};
    }
    if (marker == 0xDA || len < 2) return std::nullopt;  // scan data before any frame header
    p += 2 + len;
  }
  return std::nullopt;
}

std::optional<std::pair<int, int>> webp_size(std::string_view b) {
  if (b.size() < 30) return std::nullopt;
  const std::string_view chunk = b.substr(12, 4);
  if (chunk == "VP8 ") return std::pair<int, int>{int(le(b, 26, 2) & 0x3FFF), int(le(b, 28, 2) & 0x3FFF)};
  if (chunk == "VP8L") {
    const uint32_t bits = le(b, 21, 4);
    return std::pair<int, int>{int((bits & 0x3FFF) + 1), int(((bits >> 14) & 0x3FFF) + 1)};
  }
  if (chunk == "VP8X") return std::pair<int, int>{int(le(b, 24, 3) + 1), int(le(b, 27, 3) + 1)};
  return std::nullopt;
}

void error(Item& item, const char* code, std::string message) {
  item.errors.push_back({code, std::move(message)});
}

}  // namespace

std::optional<std::pair<int, int>> declared_size(std::string_view b, MediaType type) {
  switch (type) {
    case MediaType::jpeg: return jpeg_size(b);
    case MediaType::png:
      if (b.size() < 24) return std::nullopt;
      return std::pair<int, int>{int(be(b, 16, 4) & 0x7FFFFFFF), int(be(b, 20, 4) & 0x7FFFFFFF)};
    case MediaType::gif:
      if (b.size() < 10) return std::nullopt;
      return std::pair<int, int>{int(le(b, 6, 2)), int(le(b, 8, 2))};
    case MediaType::webp: return webp_size(b);
    case MediaType::bmp: {
      if (b.size() < 26) return std::nullopt;
      const auto w = int32_t(le(b, 18, 4)), h = int32_t(le(b, 22, 4));
      return std::pair<int, int>{std::abs(w), std::abs(h)};
    }
    default: return std::nullopt;
  }
}

void analyse_pixels(Item& item, const VisionConfig& config) {
  if (item.kind != Kind::image || item.bytes.empty()) return;
  if (item.type == MediaType::heic || item.type == MediaType::avif) {
    error(item, "not_decoded", "HEIC/AVIF pixels cannot be decoded by this build; no preview, face or scene check");
    return;
  }
  const auto size = declared_size(item.bytes, item.type);
  if (size) {
    item.width = size->first;
    item.height = size->second;
    if (uint64_t(size->first) * uint64_t(size->second) > config.max_pixels) {
      error(item, "pixel_limit", std::to_string(size->first) + "x" + std::to_string(size->second) +
                                     " pixels is more than the limit; not decoded");
      return;
    }
  }
  // JPEG decodes at 1/2, 1/4 or 1/8 scale inside libjpeg (DCT scaling): pick the smallest that
  // still gives the analysis size.
  int flags = cv::IMREAD_COLOR;
  if (item.type == MediaType::jpeg && size) {
    const int long_side = std::max(size->first, size->second);
    if (long_side / 8 >= config.analysis_side) flags = cv::IMREAD_REDUCED_COLOR_8;
    else if (long_side / 4 >= config.analysis_side) flags = cv::IMREAD_REDUCED_COLOR_4;
    else if (long_side / 2 >= config.analysis_side) flags = cv::IMREAD_REDUCED_COLOR_2;
  }
  cv::Mat image;
  try {
    const cv::Mat raw(1, int(item.bytes.size()), CV_8U, const_cast<char*>(item.bytes.data()));
    image = cv::imdecode(raw, flags);
  } catch (const cv::Exception& e) {
    error(item, "not_decoded", std::string("cannot decode the image: ") + e.what());
    return;
  }
  if (image.empty()) {
    error(item, "not_decoded", "cannot decode the image");
    return;
  }
  if (!size) {
    item.width = image.cols;
    item.height = image.rows;
  }
  const int long_side = std::max(image.cols, image.rows);
  if (long_side > config.analysis_side) {
    const double f = double(config.analysis_side) / long_side;
    cv::resize(image, image, cv::Size(), f, f, cv::INTER_AREA);
  }
  cv::Mat hash;
  cv::img_hash::pHash(image, hash);
  uint64_t h = 0;
  for (int i = 0; i < hash.cols; ++i) h = (h << 8) | hash.at<uint8_t>(0, i);
  item.phash = h;

  const double t = double(config.thumbnail_side) / std::max(image.cols, image.rows);
  cv::Mat thumb;
  if (t < 1) cv::resize(image, thumb, cv::Size(), t, t, cv::INTER_AREA);
  else thumb = image;
  std::vector<uint8_t> jpeg;
  cv::imencode(".jpg", thumb, jpeg, {cv::IMWRITE_JPEG_QUALITY, 70});
  item.thumbnail_jpeg.assign(jpeg.begin(), jpeg.end());
}

}  // namespace mediascan
