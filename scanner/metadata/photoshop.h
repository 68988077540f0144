// Photoshop's image resource blocks (IRB) where exiv2 0.27 does not look into them: the XMP
// resource of a JPEG's APP13 segments (exiv2 reads and rewrites only their IPTC), and the whole
// IRB ImageMagick keeps in a PNG text chunk "Raw profile type 8bim" (hex digits; exiv2 0.27
// reads the "iptc", "exif" and "xmp" raw profiles only). Both can hold a place or a position.
//
// Thread-safety: pure functions over the caller's bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/metadata/jpeg_blocks.h"

namespace mediascan {

inline constexpr uint16_t kIrbIptc = 0x0404;
inline constexpr uint16_t kIrbXmp = 0x0424;

// One resource: "8BIM", its id, a Pascal name padded to even, a 32-bit length, its data padded
// to even. `offset` and `length` place its data in the IRB.
struct IrbResource {
  uint16_t id = 0;
  size_t offset = 0, length = 0;
};

// The resources of an IRB, in order. Sets `ok` to false (and stops) at one that does not fit or
// does not start with a known signature.
std::vector<IrbResource> irb_resources(std::string_view irb, bool& ok);

// The IRB of a JPEG's APP13 "Photoshop 3.0" segments, joined (a big one is split over several),
// and where each of its pieces is in the JPEG. Empty when there is none.
struct JpegIrb {
  std::string bytes;
  std::vector<Span> pieces;
};
JpegIrb jpeg_irb(std::string_view jpeg);
// Writes `irb.bytes`, changed in place (REQUIRES: same size as read), back over its pieces.
void put_jpeg_irb(std::string& jpeg, const JpegIrb& irb);

// A PNG text chunk (tEXt, zTXt or iTXt) and its text, inflated when it was compressed.
struct PngText {
  size_t offset = 0, size = 0;  // the whole chunk, length and CRC included
  std::string type;             // "tEXt", "zTXt", "iTXt"
  std::string head;             // what comes before the text: keyword and, for iTXt, its fields
  bool compressed = false;
  bool readable = true;  // false when its fields are malformed or it cannot be inflated
  std::string text;
};

// The text chunks of `png` whose keyword is `keyword`, in order.
std::vector<PngText> png_text_chunks(std::string_view png, std::string_view keyword);
// A chunk like `like` (same type, keyword and compression) holding `text`, its CRC computed.
std::string png_text_chunk(const PngText& like, std::string_view text);

// ImageMagick's raw profile text: "\n<type>\n<length, 8 wide>\n" then the bytes as hex digits,
// 36 bytes a line. decode returns nullopt when the text is not one or holds fewer bytes than it
// says.
std::optional<std::string> raw_profile_decode(std::string_view text);
std::string raw_profile_encode(std::string_view type, std::string_view bytes);

}  // namespace mediascan
