#include "scanner/vision/vision.h"

#include <libheif/heif.h>

#include <opencv2/img_hash.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <filesystem>
#include <set>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>

namespace mediascan {

std::optional<uint64_t> hevc_coded_pixels(std::string_view heic) {
  struct Bits {
    std::string rbsp;
    size_t at = 0;
    bool ok = true;
    uint32_t u(int n) {
      uint32_t v = 0;
      for (int i = 0; i < n; ++i, ++at) {
        if (at / 8 >= rbsp.size()) return ok = false, 0;
        v = v << 1 | ((uint8_t(rbsp[at / 8]) >> (7 - at % 8)) & 1);
      }
      return v;
    }
    uint32_t ue() {
      int zeros = 0;
      while (ok && u(1) == 0 && zeros < 32) ++zeros;
      return zeros >= 32 ? (ok = false, 0) : (1u << zeros) - 1 + u(zeros);
    }
  };
  std::optional<uint64_t> largest;
  for (size_t at = heic.find("hvcC"); at != std::string_view::npos; at = heic.find("hvcC", at + 4)) {
    if (at < 4) continue;
    const uint32_t size = uint32_t(uint8_t(heic[at - 4])) << 24 | uint32_t(uint8_t(heic[at - 3])) << 16 |
                          uint32_t(uint8_t(heic[at - 2])) << 8 | uint8_t(heic[at - 1]);
    if (size < 8 + 23 || at - 4 + size > heic.size()) continue;
    const std::string_view box = heic.substr(at + 4, size - 8);
    size_t p = 23;  // the fixed part, then the arrays
    for (int arrays = uint8_t(box[22]); arrays > 0 && p + 3 <= box.size(); --arrays) {
      const int type = uint8_t(box[p]) & 0x3F;
      int count = uint8_t(box[p + 1]) << 8 | uint8_t(box[p + 2]);
      p += 3;
      for (; count > 0 && p + 2 <= box.size(); --count) {
        const size_t length = size_t(uint8_t(box[p])) << 8 | uint8_t(box[p + 1]);
        const std::string_view nal = box.substr(p + 2, std::min(length, box.size() - p - 2));
        p += 2 + length;
        if (type != 33 || nal.size() < 3) continue;  // 33: a sequence parameter set
        Bits b;
        for (size_t i = 2, zeros = 0; i < nal.size(); ++i) {  // without emulation prevention bytes
          if (zeros >= 2 && nal[i] == 3) {
            zeros = 0;
            continue;
          }
          zeros = nal[i] == 0 ? zeros + 1 : 0;
          b.rbsp += nal[i];
        }
        b.u(4);
        const uint32_t sub_layers = b.u(3);
        b.u(1);
        b.u(96);  // the general profile, tier and level
        std::vector<std::pair<bool, bool>> present(sub_layers);
        for (auto& [profile, level] : present) profile = b.u(1), level = b.u(1);
        if (sub_layers > 0) b.u(2 * int(8 - sub_layers));
        for (const auto& [profile, level] : present) b.u((profile ? 88 : 0) + (level ? 8 : 0));
        b.ue();
        if (b.ue() == 3) b.u(1);
        const uint64_t width = b.ue(), height = b.ue();
        if (b.ok) largest = std::max(largest.value_or(0), width * height);
      }
    }
  }
  return largest;
}

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

// An image OpenCV reads; empty, with the item's error, when it cannot. A JPEG decodes at 1/2, 1/4
// or 1/8 scale inside libjpeg (DCT scaling): the smallest that still gives the analysis size.
cv::Mat decode_with_opencv(Item& item, const VisionConfig& config, const std::optional<std::pair<int, int>>& size) {
  int flags = cv::IMREAD_COLOR;
  if (item.type == MediaType::jpeg && size) {
    const int long_side = std::max(size->first, size->second), short_side = std::min(size->first, size->second);
    const auto enough = [&](int f) { return long_side / f >= config.analysis_side && short_side / f >= config.analysis_side * 3 / 4; };
    if (enough(8)) flags = cv::IMREAD_REDUCED_COLOR_8;
    else if (enough(4)) flags = cv::IMREAD_REDUCED_COLOR_4;
    else if (enough(2)) flags = cv::IMREAD_REDUCED_COLOR_2;
  }
  cv::Mat image;
  try {
    const cv::Mat raw(1, int(item.bytes.size()), CV_8U, const_cast<char*>(item.bytes.data()));
    image = cv::imdecode(raw, flags);
  } catch (const cv::Exception& e) {
    error(item, "not_decoded", std::string("cannot decode the image: ") + e.what());
    return {};
  }
  if (image.empty()) error(item, "not_decoded", "cannot decode the image");
  return image;
}

// A HEIC's or AVIF's primary image through libheif (OpenCV 4.6 reads neither), turned as the
// file says to show it, in OpenCV's BGR. Empty when it cannot be, with the item's error; not
// decoded when it declares more than `max_pixels`.
cv::Mat decode_heif(Item& item, uint64_t max_pixels, int& width, int& height) {
  const std::string_view bytes = item.bytes;
  struct Release {
    heif_context* context = heif_context_alloc();
    heif_image_handle* handle = nullptr;
    heif_image* image = nullptr;
    ~Release() {
      if (image) heif_image_release(image);
      if (handle) heif_image_handle_release(handle);
      heif_context_free(context);
    }
  } h;
  // libheif's own bound is a side: the square of it is the pixel limit.
  heif_context_set_maximum_image_size_limit(h.context, int(std::min<double>(std::sqrt(double(max_pixels)), 65535)));
  heif_error e = heif_context_read_from_memory_without_copy(h.context, bytes.data(), bytes.size(), nullptr);
  if (e.code == heif_error_Ok) e = heif_context_get_primary_image_handle(h.context, &h.handle);
  if (e.code != heif_error_Ok) {
    error(item, "not_decoded", std::string("cannot read the HEIF image: ") + (e.message ? e.message : ""));
    return {};
  }
  width = heif_image_handle_get_width(h.handle);
  height = heif_image_handle_get_height(h.handle);
  item.width = std::max(width, 0);
  item.height = std::max(height, 0);
  if (const auto coded = hevc_coded_pixels(bytes); coded && *coded > max_pixels) {
    error(item, "pixel_limit", "its coded picture has " + std::to_string(*coded) +
                                   " pixels, more than the limit (whatever size it declares); not decoded");
    return {};
  }
  if (width <= 0 || height <= 0) {
    error(item, "not_decoded", "the HEIF image declares no size");
    return {};
  }
  if (uint64_t(width) * uint64_t(height) > max_pixels) {
    error(item, "pixel_limit", std::to_string(width) + "x" + std::to_string(height) + " pixels is more than the limit; not decoded");
    return {};
  }
  e = heif_decode_image(h.handle, &h.image, heif_colorspace_RGB, heif_chroma_interleaved_RGB, nullptr);
  int stride = 0;
  const uint8_t* plane = e.code == heif_error_Ok ? heif_image_get_plane_readonly(h.image, heif_channel_interleaved, &stride) : nullptr;
  if (!plane) {
    error(item, "not_decoded", std::string("cannot decode the HEIF image: ") + (e.message ? e.message : ""));
    return {};
  }
  const cv::Mat rgb(heif_image_get_height(h.image, heif_channel_interleaved),
                    heif_image_get_width(h.image, heif_channel_interleaved), CV_8UC3, const_cast<uint8_t*>(plane),
                    size_t(stride));
  cv::Mat bgr;
  cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
  return bgr;
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

void add_faces(Item& item, const std::vector<Face>& faces, double to_full) {
  const double full_height = std::max(1, item.height);
  int identifiable = 0;
  for (const Face& face : faces) {
    Finding f;
    f.category = Category::people;
    f.box = std::array<int, 4>{int(face.box.x * to_full), int(face.box.y * to_full), int(face.box.width * to_full),
                               int(face.box.height * to_full)};
    const double share = (*f.box)[3] / full_height;
    const bool large = !face.profile && share >= 0.10 && face.confidence >= 0.6;
    identifiable += large;
    f.signal = large ? "face:identifiable" : face.profile ? "face:profile" : "face";
    f.confidence = large ? std::max(0.85, face.confidence) : face.confidence * (face.profile ? 0.8 : 1.0);
    char evidence[128];
    std::snprintf(evidence, sizeof evidence, "%s face, %d%% of the picture's height%s",
                  face.profile ? "profile" : "frontal", int(share * 100 + 0.5),
                  large ? ": large enough to recognise the person" : "");
    f.evidence = evidence;
    f.where = "pixels";
    item.findings.push_back(std::move(f));
  }
  if (faces.size() >= 3) {
    Finding g;
    g.category = Category::people;
    g.signal = "people:group";
    g.confidence = 0.7;
    g.evidence = std::to_string(faces.size()) + " faces, " + std::to_string(identifiable) + " recognisable";
    g.where = "pixels";
    item.findings.push_back(std::move(g));
  }
}

// Hour on the camera's clock, or -1.
int camera_hour(const Item& item) {
  const std::string& t = item.capture.local_time;
  return t.size() >= 13 ? std::atoi(t.c_str() + 11) : -1;
}

// Cues of a night out that need no model: taken late (camera clock), with flash, at high ISO,
// with several people. Night alone is weak; night with any other cue is a finding that counts.
void add_night_cues(Item& item, size_t faces) {
  const int hour = camera_hour(item);
  if (hour < 0 || (hour >= 5 && hour < 21)) return;
  std::string cues = "taken at " + item.capture.local_time.substr(11, 5) + " (camera clock)";
  double confidence = 0.3;
  if (item.capture.flash_fired.value_or(false)) {
    cues += ", flash fired";
    confidence += 0.2;
  }
  if (item.capture.iso.value_or(0) >= 1600) {
    cues += ", ISO " + std::to_string(*item.capture.iso);
    confidence += 0.1;
  }
  if (faces >= 2) {
    cues += ", " + std::to_string(faces) + " people";
    confidence += 0.15;
  }
  // The hour alone is a kitchen photographed at 22:11: no finding without another cue.
  if (confidence < 0.4) return;
  Finding f;
  f.category = Category::nightlife;
  f.signal = "night_out_cues";
  f.confidence = std::min(confidence, 0.75);
  f.evidence = cues;
  f.where = "exif";
  item.findings.push_back(std::move(f));
}

// Opens `video` on a private temporary copy of the item's bytes (or of `whole`); false, with
// an error on the item, when it cannot. The copy's name is gone once it is open.
bool open_copy(cv::VideoCapture& video, Item& item, const util::FileBytes* whole) {
  std::string path = (std::filesystem::temp_directory_path() / "mediascan-video-XXXXXX").string();
  const int fd = ::mkstemp(path.data());
  if (fd < 0) {
    error(item, "not_decoded", "no temporary file for the video's frames");
    return false;
  }
  struct Remove {
    std::string p;
    ~Remove() { ::unlink(p.c_str()); }
  } remove{path};
  bool written = true;
  auto write = [&](std::string_view piece) {
    while (written && !piece.empty()) {
      const ssize_t n = ::write(fd, piece.data(), piece.size());
      if (n < 0 && errno == EINTR) continue;
      written = n > 0;
      if (written) piece.remove_prefix(size_t(n));
    }
  };
  try {
    if (whole) whole->for_each_chunk(write);
    else write(item.bytes);
  } catch (const std::runtime_error&) {
    written = false;
  }
  ::close(fd);
  if (!written || !video.open(path, cv::CAP_FFMPEG) || !video.isOpened()) {
    error(item, "not_decoded", "cannot decode the video's frames");
    return false;
  }
  return true;
}

// A few frames of a video (OpenCV's FFmpeg backend), each checked like a photo. OpenCV 4.6 reads
// videos from files only: a video kept in a file of its own is read there; otherwise the bytes go
// to a private temporary file (mode 0600, a name of our own, never one from the archive),
// removed right after.
void analyse_video(Item& item, const VisionConfig& config, FaceDetector* faces, ModelRunner* models,
                   const util::FileBytes* whole) {
  cv::VideoCapture video;
  if (std::string name = whole ? whole->whole_file_name() : ""; !name.empty()) {
    if (!video.open(name, cv::CAP_FFMPEG) || !video.isOpened()) {
      error(item, "not_decoded", "cannot decode the video's frames");
      return;
    }
  } else if (!open_copy(video, item, whole)) {
    return;
  }
  const double frames = video.get(cv::CAP_PROP_FRAME_COUNT), fps = video.get(cv::CAP_PROP_FPS);
  std::vector<Finding> found;
  size_t most_faces = 0;
  cv::Mat frame;
  for (double at : {0.1, 0.5, 0.9}) {
    if (frames > 1) video.set(cv::CAP_PROP_POS_FRAMES, std::floor(frames * at));
    if (!video.read(frame) || frame.empty()) continue;
    const int long_side = std::max(frame.cols, frame.rows);
    if (item.width == 0) {
      item.width = frame.cols;
      item.height = frame.rows;
    }
    if (long_side > config.analysis_side) {
      const double f = double(config.analysis_side) / long_side;
      cv::resize(frame, frame, cv::Size(), f, f, cv::INTER_AREA);
    }
    const double to_full = double(long_side) / std::max(frame.cols, frame.rows);
    Item probe;  // findings of this frame, merged below
    probe.width = item.width;
    probe.height = item.height;
    if (faces) {
      const std::vector<Face> seen = faces->detect(frame);
      add_faces(probe, seen, to_full);
      most_faces = std::max(most_faces, seen.size());
    }
    if (models) models->run(frame, to_full, probe.findings);
    char when[48];
    std::snprintf(when, sizeof when, " (frame at %.1f s)", fps > 0 ? std::floor(frames * at) / fps : 0.0);
    for (Finding& f : probe.findings) {
      f.evidence += when;
      found.push_back(std::move(f));
    }
    if (item.thumbnail_jpeg.empty()) {
      cv::Mat thumb;
      const double t = double(config.thumbnail_side) / std::max(frame.cols, frame.rows);
      cv::resize(frame, thumb, cv::Size(), std::min(1.0, t), std::min(1.0, t), cv::INTER_AREA);
      std::vector<uint8_t> jpeg;
      cv::imencode(".jpg", thumb, jpeg, {cv::IMWRITE_JPEG_QUALITY, 70});
      item.thumbnail_jpeg.assign(jpeg.begin(), jpeg.end());
    }
  }
  // The same face in three frames is one person: keep each signal's most confident finding.
  std::sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) { return a.confidence > b.confidence; });
  std::set<std::string> seen_signals;
  for (Finding& f : found)
    if (seen_signals.insert(f.signal).second) item.findings.push_back(std::move(f));
  add_night_cues(item, most_faces);
}

void analyse_pixels(Item& item, const VisionConfig& config, FaceDetector* faces, ModelRunner* models,
                    const util::FileBytes* whole) {
  if (!config.decode) return;
  if (item.kind == Kind::video && (whole || !item.bytes.empty())) return analyse_video(item, config, faces, models, whole);
  if (item.kind != Kind::image || item.bytes.empty()) return;
  cv::Mat image;
  std::optional<std::pair<int, int>> size;
  if (item.type == MediaType::heic || item.type == MediaType::avif) {
    int width = 0, height = 0;
    image = decode_heif(item, config.max_pixels, width, height);
    if (image.empty()) return;
    size = {image.cols, image.rows};  // what it decoded to, not what it declared
  } else {
    size = declared_size(item.bytes, item.type);
    if (size) {
      item.width = size->first;
      item.height = size->second;
      if (uint64_t(size->first) * uint64_t(size->second) > config.max_pixels) {
        error(item, "pixel_limit", std::to_string(size->first) + "x" + std::to_string(size->second) +
                                       " pixels is more than the limit; not decoded");
        return;
      }
    }
    // OpenCV 4.6 decodes no GIF; its FFmpeg backend reads one as a video of its frames.
    if (item.type == MediaType::gif) return analyse_video(item, config, faces, models, whole);
    image = decode_with_opencv(item, config, size);
    if (image.empty()) return;
  }
  // Full size as displayed: the declared size, turned the way the decoder turned the pixels.
  const int declared_long = size ? std::max(size->first, size->second) : std::max(image.cols, image.rows);
  const double to_full = double(declared_long) / std::max(image.cols, image.rows);
  item.width = int(image.cols * to_full + 0.5);
  item.height = int(image.rows * to_full + 0.5);
  // Down to the analysis size, keeping a panorama's short side at 3/4 of it (as decoded).
  const double f = std::max(double(config.analysis_side) / std::max(image.cols, image.rows),
                            0.75 * config.analysis_side / std::min(image.cols, image.rows));
  // Area averaging where it shrinks much (a PNG, a JPEG decoded at full size); for the mild
  // step left after DCT scaling (f > 1/2) bilinear is as good and 7 times cheaper.
  if (f < 1) cv::resize(image, image, cv::Size(), f, f, f > 0.5 ? cv::INTER_LINEAR : cv::INTER_AREA);
  size_t face_count = 0;
  if (faces) {
    const std::vector<Face> found = faces->detect(image);
    add_faces(item, found, double(std::max(item.width, item.height)) / std::max(image.cols, image.rows));
    face_count = found.size();
  }
  add_night_cues(item, face_count);
  if (models) {
    try {
      models->run(image, double(std::max(item.width, item.height)) / std::max(image.cols, image.rows), item.findings);
    } catch (const cv::Exception& e) {
      error(item, "model_failed", std::string("a scene/object model failed on this image: ") + e.what());
    }
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
