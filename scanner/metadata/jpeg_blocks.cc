#include "scanner/metadata/jpeg_blocks.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "scanner/core/media_type.h"

namespace mediascan {
namespace {

constexpr std::string_view kExif("Exif\0\0", 6);          // what exiv2 reads
constexpr std::string_view kExifAny("Exif\0", 5);         // exiftool: any sixth byte
constexpr std::string_view kXmp("http://ns.adobe.com/xap/1.0/\0", 29);
constexpr std::string_view kXmpShort("XMP\0", 4);
constexpr std::string_view kXmpExtension("http://ns.adobe.com/xmp/extension/\0", 35);

uint32_t be32(std::string_view b) {
  return uint32_t(uint8_t(b[0])) << 24 | uint32_t(uint8_t(b[1])) << 16 | uint32_t(uint8_t(b[2])) << 8 | uint8_t(b[3]);
}

}  // namespace

std::vector<JpegBlock> extra_jpeg_blocks(std::string_view jpeg) {
  std::vector<JpegBlock> extra;
  std::string_view exiv2_exif, exiv2_xmp;  // the payloads exiv2 reads
  bool seen_exif = false, seen_xmp = false;
  // Extended XMP: chunks by the GUID of their packet, by offset.
  std::map<std::string_view, std::map<uint32_t, std::pair<std::string_view, std::string_view>>> extended;
  for (const JpegSegment& s : jpeg_header_segments(jpeg)) {
    if (s.marker != 0xE1) continue;
    const std::string_view segment = jpeg.substr(s.offset, s.length);
    const std::string_view data = segment.substr(4);
    if (data.starts_with(kExif) && !seen_exif) {
      seen_exif = true;
      exiv2_exif = data.substr(kExif.size());
    } else if (data.starts_with(kExifAny) && data.size() > kExifAny.size()) {
      extra.push_back({JpegBlock::Kind::exif, {segment}, std::string(data.substr(kExif.size())), false});
    } else if (data.starts_with(kXmp) && !seen_xmp) {
      seen_xmp = true;
      exiv2_xmp = data.substr(kXmp.size());
    } else if (data.starts_with(kXmp)) {
      extra.push_back({JpegBlock::Kind::xmp, {segment}, std::string(data.substr(kXmp.size())), false});
    } else if (data.starts_with(kXmpShort)) {
      // Seen as "XMP\0://ns.adobe.com/xap/1.0/\0<?xpacket…" (opencv-doc's starry_night.jpg):
      // the packet starts at its first tag.
      const size_t start = std::min(data.find('<', kXmpShort.size()), data.size());
      extra.push_back({JpegBlock::Kind::xmp, {segment}, std::string(data.substr(start)), false});
    } else if (data.starts_with(kXmpExtension) && data.size() >= kXmpExtension.size() + 40) {
      // GUID (32 hex digits), the packet's full length, this chunk's offset, the chunk.
      const std::string_view rest = data.substr(kXmpExtension.size());
      extended[rest.substr(0, 32)][be32(rest.substr(36, 4))] = {segment, rest.substr(40)};
    }
  }
  for (const auto& [guid, chunks] : extended) {
    JpegBlock block{JpegBlock::Kind::xmp, {}, {}, false};
    for (const auto& [offset, chunk] : chunks) {
      block.segments.push_back(chunk.first);
      block.payload += chunk.second;
    }
    extra.push_back(std::move(block));
  }
  // Copies of what exiv2 reads, or of each other, add no finding (but go with their location).
  std::set<std::pair<JpegBlock::Kind, std::string_view>> seen = {{JpegBlock::Kind::exif, exiv2_exif},
                                                                 {JpegBlock::Kind::xmp, exiv2_xmp}};
  for (JpegBlock& block : extra) block.repeated = !seen.insert({block.kind, block.payload}).second;
  return extra;
}

std::optional<Span> gif_xmp_packet(std::string_view gif) {
  if (!gif.starts_with("GIF8")) return std::nullopt;
  // Extension introducer, application label, block size 11, "XMP DataXMP".
  static constexpr std::string_view kHeader("\x21\xFF\x0BXMP DataXMP", 14);
  const size_t at = gif.find(kHeader);
  if (at == std::string_view::npos) return std::nullopt;
  const size_t begin = at + kHeader.size();
  const size_t close = gif.find("</x:xmpmeta>", begin);
  if (close == std::string_view::npos) return std::nullopt;
  size_t end = close + std::string_view("</x:xmpmeta>").size();
  // The packet's trailer, when it has one.
  if (const size_t trailer = gif.find("<?xpacket end=", end); trailer != std::string_view::npos && trailer - end < 4096)
    if (const size_t stop = gif.find("?>", trailer); stop != std::string_view::npos) end = stop + 2;
  return Span{begin, end - begin};
}

}  // namespace mediascan
