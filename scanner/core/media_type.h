// Media type detection from the first bytes of a file (never from its name).
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mediascan {

// `text`: a post, comment or tweet with no photo (not a file of its own, see Context::text_kind).
enum class Kind { image, video, other, text };

enum class MediaType {
  unknown,
  jpeg, png, gif, webp, tiff, bmp, heic, avif,   // images
  mp4, mov, m4v, threegp, webm, mkv, avi,        // videos
  zip, tar, gzip, bzip2, xz, sevenzip, zstd,     // containers we can open
};

// Bytes needed by detect_media_type to recognise every type (tar's "ustar" sits at offset 257).
inline constexpr size_t kMagicBytes = 512;

MediaType detect_media_type(std::string_view head);
Kind kind_of(MediaType t);
bool is_archive(MediaType t);
std::string_view to_string(MediaType t);
std::string_view to_string(Kind k);
// Just past the header of a JPEG's first scan (its SOS segment): before it are the metadata and
// table segments, after it the entropy-coded data. nullopt when the segments are malformed or
// end first.
std::optional<size_t> jpeg_first_scan(std::string_view bytes);
// A marker segment: its marker (0xE1 for APP1), where it starts (at its 0xFF) and its length
// with the marker and the length field.
struct JpegSegment {
  uint8_t marker = 0;
  size_t offset = 0;
  size_t length = 0;
};
// The marker segments before a JPEG's first scan, in order; empty when they are malformed or
// there is no scan.
std::vector<JpegSegment> jpeg_header_segments(std::string_view bytes);
// True when a JPEG lacks its end-of-image marker or a PNG its IEND chunk: the file was cut
// short (trailing zero padding, which cameras and some apps add, is allowed).
bool looks_truncated(std::string_view bytes, MediaType t);

// Bytes after the end of a JPEG (its EOI, found by walking its segments and scans) or a PNG
// (its IEND chunk), trailing zero padding aside: motion photos append an MP4 there, cameras a
// second JPEG, and anyone a zip. nullopt when there are none.
struct Trailer {
  size_t offset = 0;
  size_t size = 0;
  std::string what;  // "an MP4/MOV video (a motion photo?)", "a zip archive", "data of an unknown kind"
};
std::optional<Trailer> trailing_data(std::string_view bytes, MediaType t);

// The parts of what follows a JPEG's end (`trailer`) that mediascan reads: whole JPEGs one after
// another (MPF previews, gain maps, a JPEG glued on), then at most one MP4/MOV (a motion photo's
// video; Samsung puts "MotionPhoto_Data" before it). `complete` when they account for every byte
// but zero padding; otherwise the rest was not read (a cut JPEG, a zip, Samsung's SEF records).
struct TrailerPart {
  enum class Kind { jpeg, video };
  Kind kind = Kind::jpeg;
  size_t offset = 0, size = 0;
};
std::vector<TrailerPart> jpeg_trailer_parts(std::string_view trailer, bool& complete);

// True when a file name's extension promises a photo or video (used only to report a file whose
// bytes do not match what its name claims).
bool has_media_extension(std::string_view name);

}  // namespace mediascan
