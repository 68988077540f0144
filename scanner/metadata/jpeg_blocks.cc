#include "scanner/metadata/jpeg_blocks.h"

#include <utility>

#include "scanner/core/media_type.h"

namespace mediascan {

std::vector<JpegBlock> extra_jpeg_blocks(std::string_view jpeg) {
  static constexpr std::string_view kExif("Exif\0\0", 6);
  static constexpr std::string_view kXmp("http://ns.adobe.com/xap/1.0/\0", 29);
  std::vector<JpegBlock> extra;
  bool seen_exif = false, seen_xmp = false;
  for (const JpegSegment& s : jpeg_header_segments(jpeg)) {
    if (s.marker != 0xE1) continue;
    const std::string_view segment = jpeg.substr(s.offset, s.length);
    const std::string_view data = segment.substr(4);
    if (data.starts_with(kExif)) {
      if (std::exchange(seen_exif, true)) extra.push_back({JpegBlock::Kind::exif, segment, data.substr(kExif.size())});
    } else if (data.starts_with(kXmp)) {
      if (std::exchange(seen_xmp, true)) extra.push_back({JpegBlock::Kind::xmp, segment, data.substr(kXmp.size())});
    }
  }
  return extra;
}

}  // namespace mediascan
