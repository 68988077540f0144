#include "scanner/core/media_type.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace mediascan {
namespace {

bool starts(std::string_view s, std::string_view prefix, size_t at = 0) {
  return s.size() >= at + prefix.size() && s.substr(at, prefix.size()) == prefix;
}

// ISO base media file format (MP4, MOV, HEIF, AVIF): brands of the leading `ftyp` box.
MediaType detect_bmff(std::string_view head) {
  if (head.size() < 12) return MediaType::unknown;
  const std::string_view box = head.substr(4, 4);
  if (box != "ftyp") {
    // QuickTime files from old cameras start straight with an atom.
    for (std::string_view atom : {"moov", "mdat", "wide", "free", "skip", "pnot"})
      if (box == atom) return MediaType::mov;
    return MediaType::unknown;
  }
  const auto size = (size_t(uint8_t(head[0])) << 24) | (size_t(uint8_t(head[1])) << 16) |
                    (size_t(uint8_t(head[2])) << 8) | size_t(uint8_t(head[3]));
  const size_t end = std::min(head.size(), std::max<size_t>(size, 12));
  std::string brands;  // major brand then the compatible brands
  brands.append(head.substr(8, 4));
  for (size_t at = 16; at + 4 <= end; at += 4) brands.append(head.substr(at, 4));
  auto has = [&](std::string_view b) {
    for (size_t i = 0; i + 4 <= brands.size(); i += 4)
      if (std::string_view(brands).substr(i, 4) == b) return true;
    return false;
  };
  const std::string_view major = head.substr(8, 4);
  if (major == "avif" || major == "avis") return MediaType::avif;
  for (std::string_view b : {"heic", "heix", "heim", "heis", "hevc", "hevx"})
    if (major == b) return MediaType::heic;
  if (major == "mif1" || major == "msf1") return has("avif") ? MediaType::avif : MediaType::heic;
  if (major == "qt  ") return MediaType::mov;
  if (major.substr(0, 3) == "3gp" || major.substr(0, 3) == "3g2") return MediaType::threegp;
  if (major == "M4V " || major == "M4VH" || major == "M4VP") return MediaType::m4v;
  if (major == "M4A " || major == "M4B " || major == "M4P ") return MediaType::unknown;  // audio
  return MediaType::mp4;  // isom, iso2..9, mp41, mp42, avc1, dash, and the many vendor brands
}

}  // namespace

MediaType detect_media_type(std::string_view h) {
  if (starts(h, "\xFF\xD8\xFF")) return MediaType::jpeg;
  if (starts(h, "\x89PNG\r\n\x1A\n")) return MediaType::png;
  if (starts(h, "GIF87a") || starts(h, "GIF89a")) return MediaType::gif;
  if (starts(h, "RIFF") && starts(h, "WEBP", 8)) return MediaType::webp;
  if (starts(h, "RIFF") && starts(h, "AVI ", 8)) return MediaType::avi;
  if (starts(h, std::string_view("II*\0", 4)) || starts(h, std::string_view("MM\0*", 4)))
    return MediaType::tiff;
  if (starts(h, "\x1A\x45\xDF\xA3"))
    return h.substr(0, 64).find("webm") != std::string_view::npos ? MediaType::webm
                                                                   : MediaType::mkv;
  if (starts(h, "PK\x03\x04") || starts(h, "PK\x05\x06")) return MediaType::zip;
  if (starts(h, "\x1F\x8B")) return MediaType::gzip;
  if (starts(h, "BZh")) return MediaType::bzip2;
  if (starts(h, std::string_view("\xFD" "7zXZ\0", 6))) return MediaType::xz;
  if (starts(h, "7z\xBC\xAF\x27\x1C")) return MediaType::sevenzip;
  if (starts(h, "\x28\xB5\x2F\xFD")) return MediaType::zstd;
  if (starts(h, "ustar", 257)) return MediaType::tar;
  if (MediaType t = detect_bmff(h); t != MediaType::unknown) return t;
  if (starts(h, "BM") && h.size() >= 26 && h[14] != 0 && h[6] == 0 && h[7] == 0) return MediaType::bmp;
  return MediaType::unknown;
}

Kind kind_of(MediaType t) {
  switch (t) {
    case MediaType::jpeg: case MediaType::png: case MediaType::gif: case MediaType::webp:
    case MediaType::tiff: case MediaType::bmp: case MediaType::heic: case MediaType::avif:
      return Kind::image;
    case MediaType::mp4: case MediaType::mov: case MediaType::m4v: case MediaType::threegp:
    case MediaType::webm: case MediaType::mkv: case MediaType::avi:
      return Kind::video;
    default:
      return Kind::other;
  }
}

bool is_archive(MediaType t) {
  switch (t) {
    case MediaType::zip: case MediaType::tar: case MediaType::gzip: case MediaType::bzip2:
    case MediaType::xz: case MediaType::sevenzip: case MediaType::zstd:
      return true;
    default:
      return false;
  }
}

std::string_view to_string(MediaType t) {
  switch (t) {
    case MediaType::unknown: return "unknown";
    case MediaType::jpeg: return "jpeg";
    case MediaType::png: return "png";
    case MediaType::gif: return "gif";
    case MediaType::webp: return "webp";
    case MediaType::tiff: return "tiff";
    case MediaType::bmp: return "bmp";
    case MediaType::heic: return "heic";
    case MediaType::avif: return "avif";
    case MediaType::mp4: return "mp4";
    case MediaType::mov: return "mov";
    case MediaType::m4v: return "m4v";
    case MediaType::threegp: return "3gp";
    case MediaType::webm: return "webm";
    case MediaType::mkv: return "mkv";
    case MediaType::avi: return "avi";
    case MediaType::zip: return "zip";
    case MediaType::tar: return "tar";
    case MediaType::gzip: return "gzip";
    case MediaType::bzip2: return "bzip2";
    case MediaType::xz: return "xz";
    case MediaType::sevenzip: return "7z";
    case MediaType::zstd: return "zstd";
  }
  return "unknown";
}

std::string_view to_string(Kind k) {
  switch (k) {
    case Kind::image: return "image";
    case Kind::video: return "video";
    // The reports know image, video and other (INTERFACE.md): a post, comment or tweet is an
    // "other" item whose type is "text".
    case Kind::other:
    case Kind::text: return "other";
  }
  return "other";
}

namespace {

uint32_t be32(std::string_view b, size_t i) {
  return uint32_t(uint8_t(b[i])) << 24 | uint32_t(uint8_t(b[i + 1])) << 16 | uint32_t(uint8_t(b[i + 2])) << 8 |
         uint32_t(uint8_t(b[i + 3]));
}

// From the marker at `p`, past marker segments to just after the next SOS segment (where a
// scan's entropy-coded data starts) or just after an EOI (`eoi` set); nullopt when the bytes
// are not a marker or end first.
std::optional<size_t> jpeg_skip_segments(std::string_view b, size_t p, bool& eoi,
                                         std::vector<JpegSegment>* segments = nullptr) {
  eoi = false;
  while (p + 2 <= b.size()) {
    if (uint8_t(b[p]) != 0xFF) return std::nullopt;
    const uint8_t m = uint8_t(b[p + 1]);
    if (m == 0xFF) {  // fill byte
      ++p;
      continue;
    }
    if (m == 0xD9) {
      eoi = true;
      return p + 2;
    }
    if ((m >= 0xD0 && m <= 0xD7) || m == 0x01) {
      p += 2;
      continue;
    }
    if (p + 4 > b.size()) return std::nullopt;
    const size_t length = size_t(uint8_t(b[p + 2])) << 8 | uint8_t(b[p + 3]);
    if (length < 2) return std::nullopt;
    if (segments && p + 2 + length <= b.size()) segments->push_back({m, p, 2 + length});
    p += 2 + length;
    if (m == 0xDA) return p <= b.size() ? std::optional<size_t>(p) : std::nullopt;
  }
  return std::nullopt;
}

// The first 0xFF at or after `p` that is the last byte or is followed by anything but 0x00;
// b.size() when there is none. In entropy-coded data nearly every 0xFF is a stuffed 0xFF 0x00:
// SSE2 compares 32 bytes with 0xFF and the 32 bytes one further on with 0x00 at once (16 GB/s
// here), where a memchr for each 0xFF (5 GB/s; a byte loop was worse) was 7 % of a strip-only
// run's CPU.
size_t next_unstuffed_ff(std::string_view b, size_t p) {
  const char* d = b.data();
#if defined(__SSE2__)
  const __m128i ff = _mm_set1_epi8(char(0xFF));
  const __m128i zero = _mm_setzero_si128();
  const auto unstuffed = [&](size_t at) {
    const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + at));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + at + 1));
    return unsigned(_mm_movemask_epi8(_mm_andnot_si128(_mm_cmpeq_epi8(next, zero), _mm_cmpeq_epi8(here, ff))));
  };
  while (p + 33 <= b.size()) {
    const uint32_t mask = unstuffed(p) | unstuffed(p + 16) << 16;
    if (mask) return p + size_t(std::countr_zero(mask));
    p += 32;
  }
#endif
  for (;;) {
    const void* at = p < b.size() ? std::memchr(d + p, 0xFF, b.size() - p) : nullptr;
    if (!at) return b.size();
    p = size_t(static_cast<const char*>(at) - d);
    if (p + 1 >= b.size() || d[p + 1] != 0) return p;
    p += 2;
  }
}

// Just past a JPEG's EOI, walking marker segments and the entropy-coded data of each scan (in
// which 0xFF is followed by 0x00 or a restart marker); nullopt when the data ends first.
std::optional<size_t> jpeg_end(std::string_view b) {
  if (!b.starts_with("\xFF\xD8")) return std::nullopt;
  size_t p = 2;
  for (;;) {
    bool eoi = false;
    const auto scan = jpeg_skip_segments(b, p, eoi);
    if (!scan || eoi) return scan;
    p = *scan;
    // The scan's data, up to the next marker.
    for (;;) {
      p = next_unstuffed_ff(b, p);
      if (p + 1 >= b.size()) return std::nullopt;
      const uint8_t next = uint8_t(b[p + 1]);
      if (next == 0xFF) ++p;                                   // fill: the next 0xFF may start a marker
      else if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) p += 2;  // stuffed byte, restart
      else break;
    }
  }
}

// Just past a PNG's IEND chunk; nullopt when the chunks run out first.
std::optional<size_t> png_end(std::string_view b) {
  size_t p = 8;
  while (p + 12 <= b.size()) {
    const uint64_t length = be32(b, p);
    const uint64_t end = p + 12 + length;
    if (end > b.size()) return std::nullopt;
    if (b.substr(p + 4, 4) == "IEND") return size_t(end);
    p = size_t(end);
  }
  return std::nullopt;
}

std::string describe_trailer(std::string_view t) {
  if (t.starts_with("PK\3\4")) return "a zip archive";
  if (t.size() >= 12 && t.substr(4, 4) == "ftyp") return "an MP4/MOV video (a motion photo?)";
  if (t.starts_with("\xFF\xD8\xFF")) return "another JPEG image";
  switch (detect_media_type(t.substr(0, std::min(t.size(), kMagicBytes)))) {
    case MediaType::unknown: return "data of an unknown kind";
    default: return "a " + std::string(to_string(detect_media_type(t.substr(0, std::min(t.size(), kMagicBytes))))) + " file";
  }
}

}  // namespace

std::optional<Trailer> trailing_data(std::string_view b, MediaType t) {
  std::optional<size_t> end;
  if (t == MediaType::jpeg) end = jpeg_end(b);
  else if (t == MediaType::png) end = png_end(b);
  if (!end) return std::nullopt;
  size_t last = b.size();
  while (last > *end && b[last - 1] == '\0') --last;
  if (last <= *end) return std::nullopt;
  return Trailer{*end, b.size() - *end, describe_trailer(b.substr(*end))};
}

std::vector<TrailerPart> jpeg_trailer_parts(std::string_view t, bool& complete) {
  std::vector<TrailerPart> parts;
  const auto zeros_from = [&](size_t at) { return t.find_first_not_of('\0', at) == std::string_view::npos; };
  size_t pos = 0;
  bool video = false;  // the last part there can be
  while (pos < t.size() && !zeros_from(pos) && !video) {
    if (t.substr(pos).starts_with("\xFF\xD8\xFF")) {
      const auto end = jpeg_end(t.substr(pos));
      if (!end) break;
      parts.push_back({TrailerPart::Kind::jpeg, pos, *end});
      pos += *end;
      continue;
    }
    if (t.substr(pos).starts_with("MotionPhoto_Data")) pos += 16;
    if (pos + 8 > t.size() || t.substr(pos + 4, 4) != "ftyp") break;
    // The video's top-level boxes, as far as they go.
    size_t p = pos;
    while (p + 8 <= t.size()) {
      uint64_t size = be32(t, p);
      if (size == 1 && p + 16 <= t.size()) {
        size = uint64_t(be32(t, p + 8)) << 32 | be32(t, p + 12);
      } else if (size == 0) {
        size = t.size() - p;
      }
      if (size < 8 || size > t.size() - p) break;
      p += size_t(size);
    }
    parts.push_back({TrailerPart::Kind::video, pos, p - pos});
    pos = p;
    video = true;
  }
  complete = !parts.empty() && (pos >= t.size() || zeros_from(pos));
  return parts;
}

std::vector<JpegSegment> jpeg_header_segments(std::string_view b) {
  std::vector<JpegSegment> segments;
  bool eoi = false;
  if (!b.starts_with("\xFF\xD8") || !jpeg_skip_segments(b, 2, eoi, &segments) || eoi) return {};
  segments.pop_back();  // the SOS
  return segments;
}

std::optional<size_t> jpeg_first_scan(std::string_view b) {
  if (!b.starts_with("\xFF\xD8")) return std::nullopt;
  bool eoi = false;
  const auto p = jpeg_skip_segments(b, 2, eoi);
  return eoi ? std::nullopt : p;
}

bool looks_truncated(std::string_view b, MediaType t) {
  if (t != MediaType::jpeg && t != MediaType::png) return false;
  size_t end = b.size();
  while (end > 0 && b[end - 1] == '\0') --end;
  const std::string_view body = b.substr(0, end);
  if (t == MediaType::jpeg) return !body.ends_with("\xFF\xD9") && !jpeg_end(b);
  return (body.size() < 12 || body.substr(body.size() - 8, 4) != "IEND") && !png_end(b);
}

bool has_media_extension(std::string_view name) {
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string ext(name.substr(dot + 1));
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  static constexpr std::array<std::string_view, 20> kExts = {
      "jpg", "jpeg", "png", "gif", "webp", "tif", "tiff", "bmp", "heic", "heif",
      "avif", "mp4", "mov", "m4v", "3gp", "webm", "mkv", "avi", "dng", "jfif"};
  for (std::string_view e : kExts)
    if (ext == e) return true;
  return false;
}

}  // namespace mediascan
