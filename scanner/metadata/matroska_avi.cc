#include "scanner/metadata/matroska_avi.h"

#include <algorithm>
#include <optional>

#include "scanner/util/text.h"

namespace mediascan {
namespace {

constexpr uint32_t kSegment = 0x18538067, kCluster = 0x1F43B675, kTags = 0x1254C367, kTag = 0x7373,
                   kSimpleTag = 0x67C8, kTagName = 0x45A3, kTagString = 0x4487;
// Deeper nesting (SimpleTags in SimpleTags, Tags in Tags) than this is no file a program wrote.
constexpr int kMaxDepth = 16;
constexpr size_t kMaxTagName = 256;

// An EBML variable-size integer at `at`: its length in bytes (1..8) from the leading zeros of its
// first byte; an element ID keeps its marker bit, a size does not. Size all ones: unknown.
struct Vint {
  uint64_t value = 0;
  size_t length = 0;
  bool unknown = false;
};

class Matroska {
 public:
  Matroska(const bmff::ReadAt& read, ContainerScan& out) : read_(read), out_(out) {}

  // Segment, Tags and Tag are walked into; a hostile file can nest them as deep as it is long.
  void walk(uint64_t begin, uint64_t end, int depth = 0) {
    if (depth > kMaxDepth) return fail();
    for (uint64_t p = begin; p < end;) {
      const auto id = vint(p, end, true);
      const auto size = id ? vint(p + id->length, end, false) : std::nullopt;
      if (!id || !size) return fail();
      const uint64_t payload = p + id->length + size->length;
      if (size->unknown) {
        // A live recording's Segment or Cluster of unknown size runs to its parent's end; a
        // Cluster's children (blocks) have sizes, so they are walked over as if siblings.
        if (id->value != kSegment && id->value != kCluster) return fail();
        p = payload;
        continue;
      }
      uint64_t element_end = payload + size->value;
      if (size->value > end - payload) {
        out_.complete = false;  // cut short: what is there is still read
        element_end = end;
      }
      if (id->value == kSegment || id->value == kTags || id->value == kTag) walk(payload, element_end, depth + 1);
      else if (id->value == kSimpleTag) simple_tag(payload, element_end, 1);
      p = element_end;
    }
  }

 private:
  void fail() { out_.complete = false; }

  std::optional<Vint> vint(uint64_t at, uint64_t end, bool is_id) {
    unsigned char b[8];
    const size_t n = size_t(std::min<uint64_t>(8, end - at));
    if (n == 0 || read_(at, reinterpret_cast<char*>(b), n) != n) return std::nullopt;
    size_t length = 1;
    while (length <= 8 && !(b[0] & (0x80 >> (length - 1)))) ++length;
    if (length > (is_id ? 4 : 8) || length > n) return std::nullopt;
    Vint v;
    v.length = length;
    v.value = is_id ? b[0] : b[0] & (0xFF >> length);
    bool ones = v.value == uint64_t(0xFF >> length);
    for (size_t i = 1; i < length; ++i) {
      v.value = v.value << 8 | b[i];
      ones = ones && b[i] == 0xFF;
    }
    v.unknown = !is_id && ones;
    return v;
  }

  void simple_tag(uint64_t begin, uint64_t end, int depth) {
    if (depth > kMaxDepth) return fail();
    MatroskaTag tag;
    bool has_value = false;
    for (uint64_t p = begin; p < end;) {
      const auto id = vint(p, end, true);
      const auto size = id ? vint(p + id->length, end, false) : std::nullopt;
      if (!id || !size || size->unknown) return fail();
      const uint64_t payload = p + id->length + size->length;
      if (size->value > end - payload) return fail();
      if (id->value == kTagName && size->value <= kMaxTagName) {
        tag.name.resize(size_t(size->value));
        if (read_(payload, tag.name.data(), tag.name.size()) != tag.name.size()) return fail();
        tag.name.resize(std::min(tag.name.size(), tag.name.find('\0')));
      } else if (id->value == kTagString) {
        tag.value = Span{size_t(payload), size_t(size->value)};
        has_value = true;
      } else if (id->value == kSimpleTag) {
        simple_tag(payload, payload + size->value, depth + 1);
      }
      p = payload + size->value;
    }
    if (has_value) out_.tags.push_back(std::move(tag));
  }

  const bmff::ReadAt& read_;
  ContainerScan& out_;
};

uint32_t le32(const char* b) {
  return uint32_t(uint8_t(b[0])) | uint32_t(uint8_t(b[1])) << 8 | uint32_t(uint8_t(b[2])) << 16 |
         uint32_t(uint8_t(b[3])) << 24;
}

// The chunks of an AVI in [begin, end): RIFF and LIST are walked into, but for the media data
// (LIST movi, LIST rec), thousands of chunks that hold no metadata.
void walk_riff(const bmff::ReadAt& read, uint64_t begin, uint64_t end, int depth, ContainerScan& out) {
  if (depth > kMaxDepth) {
    out.complete = false;
    return;
  }
  for (uint64_t p = begin; p + 8 <= end;) {
    char header[12];
    const size_t n = read(p, header, size_t(std::min<uint64_t>(12, end - p)));
    if (n < 8) break;
    const std::string_view id(header, 4);
    const uint64_t size = le32(header + 4);
    if (size > end - p - 8) {
      // Zero padding after the last chunk is common; a chunk running past its parent is damage.
      if (id != std::string_view("\0\0\0\0", 4)) out.complete = false;
      return;
    }
    const std::string_view list(header + 8, n >= 12 ? 4 : 0);
    if ((id == "RIFF" || id == "LIST") && size >= 4 && list != "movi" && list != "rec ")
      walk_riff(read, p + 12, p + 8 + size, depth + 1, out);
    else if (id == "_PMX")
      out.xmp_packets.push_back(Span{size_t(p + 8), size_t(size)});
    p += 8 + size + (size & 1);
  }
}

}  // namespace

ContainerScan scan_matroska(const bmff::ReadAt& read, uint64_t size) {
  ContainerScan out;
  Matroska(read, out).walk(0, size);
  return out;
}

ContainerScan scan_avi(const bmff::ReadAt& read, uint64_t size) {
  ContainerScan out;
  walk_riff(read, 0, size, 0, out);
  return out;
}

bool is_location_tag(std::string_view name) {
  const std::string lower = util::to_lower_ascii(name);
  for (const std::string_view word : {"location", "gps", "latitude", "longitude", "coordinates", "iso6709"})
    if (lower.find(word) != std::string::npos) return true;
  return false;
}

}  // namespace mediascan
