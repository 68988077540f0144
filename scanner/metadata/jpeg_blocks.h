// The Exif and XMP segments of a JPEG that exiv2 never sees. exiv2 reads (and rewrites) the
// first APP1 segment headed exactly "Exif\0\0" and the first headed with the XMP namespace only.
// Other readers (exiftool) also show the rest: a second Exif or XMP segment some editors and
// merging tools leave behind, an Exif header with another padding byte, the "XMP\0" header, and
// extended XMP (a packet too big for one segment, split over several).
//
// Thread-safety: stateless.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mediascan {

struct JpegBlock {
  enum class Kind { exif, xmp };
  Kind kind = Kind::exif;
  std::vector<std::string_view> segments;  // the APP1 segments it came in, markers included
  std::string payload;                     // the TIFF block, or the XMP packet (extended XMP: joined)
  // The same bytes as the block exiv2 reads, or as an earlier one: nothing new to report.
  bool repeated = false;
};

// Every Exif and XMP block before the first scan that exiv2 does not read. Empty for anything
// else than a JPEG with well-formed segments.
std::vector<JpegBlock> extra_jpeg_blocks(std::string_view jpeg);

// A GIF's XMP, which exiv2 0.27 does not read either: the packet of its "XMP DataXMP"
// application extension, as [offset, offset + length) in `gif` (written raw, before the
// extension's "magic trailer", so blanking values in place keeps the GIF readable). nullopt
// when there is none.
struct Span {
  size_t offset = 0, length = 0;
};
std::optional<Span> gif_xmp_packet(std::string_view gif);

}  // namespace mediascan
