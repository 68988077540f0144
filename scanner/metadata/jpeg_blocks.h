// The Exif and XMP segments of a JPEG that exiv2 never sees. exiv2 reads (and rewrites) the
// first Exif APP1 and the first XMP APP1 segment only; some editors and merging tools leave a
// second one behind, with GPS of its own, which exiftool and other readers do show.
//
// Thread-safety: stateless.
#pragma once

#include <string_view>
#include <vector>

namespace mediascan {

struct JpegBlock {
  enum class Kind { exif, xmp };
  Kind kind = Kind::exif;
  std::string_view segment;  // the whole APP1 segment, marker included
  std::string_view payload;  // the TIFF block (Exif) or the XMP packet
};

// Every Exif and XMP APP1 segment before the first scan, but the first of each kind. Empty for
// anything else than a JPEG with well-formed segments.
std::vector<JpegBlock> extra_jpeg_blocks(std::string_view jpeg);

}  // namespace mediascan
