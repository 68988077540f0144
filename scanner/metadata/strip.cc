#include <exiv2/exiv2.hpp>

#include <algorithm>
#include <cstring>
#include <set>
#include <string>

#include "scanner/metadata/bmff.h"
#include "scanner/metadata/exiv2_env.h"
#include "scanner/metadata/jpeg_blocks.h"
#include "scanner/metadata/matroska_avi.h"
#include "scanner/metadata/metadata.h"
#include "scanner/metadata/photoshop.h"
#include "scanner/util/text.h"

namespace mediascan {
namespace {

// The local name of an exiv2 XMP key: "GpsLatitude" of "Xmp.drone-dji.GpsLatitude", "City" of
// "Xmp.iptcExt.LocationShown[1]/Iptc4xmpExt:City".
std::string_view xmp_local_name(std::string_view key) {
  const size_t cut = key.find_last_of(".:/");
  return cut == std::string_view::npos ? key : key.substr(cut + 1);
}

bool is_location_xmp(const std::string& key) {
  return bmff::is_location_xmp_name(xmp_local_name(key)) || is_xmp_place(key);
}

bool is_location_iptc(const std::string& key) {
  return key == "Iptc.Application2.SubLocation" || key == "Iptc.Application2.City" ||
         key == "Iptc.Application2.ProvinceState" || key == "Iptc.Application2.CountryName" ||
         key == "Iptc.Application2.CountryCode" || key == "Iptc.Application2.LocationName" ||
         key == "Iptc.Application2.LocationCode";
}

// Erases the entries of an exiv2 container that match; true when any did.
template <typename Container, typename Match>
bool erase_if(Container& c, Match match) {
  bool erased = false;
  for (auto it = c.begin(); it != c.end();) {
    if (match(*it)) {
      it = c.erase(it);
      erased = true;
    } else {
      ++it;
    }
  }
  return erased;
}

// A TIFF's (DNG's, a raw's) own Exif is its structure as well as its metadata: the image's
// size, strips, pages, a DNG's raw image in a SubIFD and its colour matrices. What --strip all
// removes from it: the Exif, GPS, interoperability and maker-note IFDs, and the tags that describe
// or identify (a camera, a person, a time, a file name, embedded XMP/IPTC/Photoshop blocks).
bool is_tiff_metadata(const Exiv2::Exifdatum& d) {
  static const std::set<std::string, std::less<>> kDescriptive = {
      "ImageDescription", "Make", "Model", "Software", "DateTime", "Artist", "HostComputer", "Copyright",
      "DocumentName", "PageName", "XPTitle", "XPComment", "XPAuthor", "XPKeywords", "XPSubject", "ImageUniqueID",
      "CameraSerialNumber", "DateTimeOriginal", "XMLPacket", "IPTCNAA", "ImageResources", "Rating", "RatingPercent",
      "DNGPrivateData", "OriginalRawFileName", "OriginalRawFileData", "CameraLabel", "ReelName", "TimeZoneOffset",
      "ImageHistory", "PrintImageMatching", "ExifTag", "GPSTag", "InteroperabilityTag", "MakerNoteSafety"};
  const std::string group = d.groupName();
  return group == "Photo" || group == "GPSInfo" || group == "Iop" || Exiv2::ExifTags::isMakerGroup(group) ||
         kDescriptive.count(d.tagName()) > 0;
}

// Removes what `mode` asks from the three blocks; true when anything changed. `structure`: the
// Exif is a TIFF's own (is_tiff_metadata).
bool strip_blocks(Exiv2::ExifData& exif, Exiv2::XmpData& xmp, Exiv2::IptcData& iptc, StripMode mode,
                  bool structure = false) {
  bool changed = false;
  if (mode == StripMode::all && structure) {
    changed = !xmp.empty() || !iptc.empty();
    changed |= erase_if(exif, is_tiff_metadata);
    xmp.clear();
    iptc.clear();
    return changed;
  }
  if (mode == StripMode::all) {
    // Keep only the orientation: a photo must not turn sideways for being cleaned.
    std::optional<Exiv2::Exifdatum> orientation;
    if (auto it = exif.findKey(Exiv2::ExifKey("Exif.Image.Orientation")); it != exif.end()) orientation = *it;
    changed = !exif.empty() || !xmp.empty() || !iptc.empty();
    exif.clear();
    if (orientation) exif.add(*orientation);
    xmp.clear();
    iptc.clear();
    return changed || orientation.has_value();
  }
  // Every GPSInfo pointer: IFD0's, and one in IFD1 (Exif.Thumbnail.GPSTag), whose block exiv2
  // does not read (read.cc) and so does not write back: left, the pointer would dangle.
  changed |= erase_if(exif, [](const Exiv2::Exifdatum& d) {
    return d.groupName() == "GPSInfo" || d.tagName() == "GPSTag" ||
           is_makernote_location(d.groupName(), d.tagName());
  });
  changed |= erase_if(xmp, [](const Exiv2::Xmpdatum& d) { return is_location_xmp(d.key()); });
  changed |= erase_if(iptc, [](const Exiv2::Iptcdatum& d) { return is_location_iptc(d.key()); });
  return changed;
}

StripResult fail(std::string code, std::string message) {
  StripResult r;
  r.error = ItemError{std::move(code), std::move(message)};
  return r;
}

// Replaces an XMP packet in place: location values blanked, or (all) the whole packet emptied.
void strip_xmp_in_place(std::string& d, size_t offset, size_t length, StripMode mode) {
  if (mode == StripMode::all) bmff::empty_xmp_packet(d.data() + offset, length);
  else bmff::blank_xmp_location(d.data() + offset, length);
}

// PNG text chunks other tools wrote (Author, Description, ... in tEXt/zTXt/iTXt) and tIME go
// with --strip all; exiv2's own (EXIF and XMP it already cleaned) stay. Chunks are copied
// whole, so every CRC stays valid.
std::string drop_png_text(const std::string& png) {
  std::string out = png.substr(0, 8);
  for (size_t p = 8; p + 12 <= png.size();) {
    const size_t len = bmff::read_be32(png, p);
    if (len > png.size() - p - 12) return png;  // malformed: keep what exiv2 wrote
    const std::string_view type(png.data() + p + 4, 4);
    const std::string_view data(png.data() + p + 8, len);
    const bool text = type == "tEXt" || type == "zTXt" || type == "iTXt";
    const bool exiv2s = data.starts_with(std::string_view("Raw profile type", 16)) ||
                        data.starts_with(std::string_view("XML:com.adobe.xmp", 17));
    if (!(text && !exiv2s) && type != "tIME") out.append(png, p, len + 12);
    p += len + 12;
  }
  return out;
}

// Photoshop's resources without location: their IPTC re-encoded without its place datasets
// (exiv2's setIptcIrb keeps the other resources as they are), the location values of their XMP
// blanked in place. Empty when nothing is left; nullopt when they cannot be read.
std::optional<std::string> irb_without_location(std::string irb) {
  bool ok = true;
  std::string iptc_bytes;
  for (const IrbResource& r : irb_resources(irb, ok))
    if (r.id == kIrbIptc) iptc_bytes.append(irb, r.offset, r.length);
  if (!ok) return std::nullopt;
  Exiv2::IptcData iptc;
  if (!iptc_bytes.empty() &&
      Exiv2::IptcParser::decode(iptc, reinterpret_cast<const Exiv2::byte*>(iptc_bytes.data()), uint32_t(iptc_bytes.size())) != 0)
    return std::nullopt;
  if (erase_if(iptc, [](const Exiv2::Iptcdatum& d) { return is_location_iptc(d.key()); })) {
    const Exiv2::DataBuf rebuilt =
        Exiv2::Photoshop::setIptcIrb(reinterpret_cast<const Exiv2::byte*>(irb.data()), long(irb.size()), iptc);
    irb.assign(reinterpret_cast<const char*>(rebuilt.pData_), rebuilt.size_ > 0 ? size_t(rebuilt.size_) : 0);
  }
  for (const IrbResource& r : irb_resources(irb, ok))
    if (r.id == kIrbXmp) bmff::blank_xmp_location(irb.data() + r.offset, r.length);
  if (!ok) return std::nullopt;
  return irb;
}

// ImageMagick's copy of Photoshop's resources in a PNG ("Raw profile type 8bim"), which exiv2
// copies as it is: rewritten without location, in the same raw profile and compression, with a
// new CRC. With --strip all, or when it cannot be read (then nothing vouches for it), the chunk
// goes. nullopt when no chunk changes.
std::optional<std::string> clean_png_irb(std::string_view png, StripMode mode) {
  std::string out;
  size_t pos = 0;
  bool changed = false;
  for (const PngText& chunk : png_text_chunks(png, "Raw profile type 8bim")) {
    std::string replacement;  // empty: the chunk goes
    const auto irb = mode == StripMode::location && chunk.readable ? raw_profile_decode(chunk.text) : std::nullopt;
    if (const auto cleaned = irb ? irb_without_location(*irb) : std::nullopt) {
      if (*cleaned == *irb) continue;
      if (!cleaned->empty()) replacement = png_text_chunk(chunk, raw_profile_encode("8bim", *cleaned));
    }
    out.append(png.substr(pos, chunk.offset - pos)).append(replacement);
    pos = chunk.offset + chunk.size;
    changed = true;
  }
  if (!changed) return std::nullopt;
  return out.append(png.substr(pos));
}

// The location values of the XMP in a JPEG's Photoshop resources (APP13), which exiv2 copies as
// it is (it rewrites their IPTC only), blanked in place: no segment changes size. How many.
int blank_irb_xmp_location(std::string& jpeg) {
  JpegIrb irb = jpeg_irb(jpeg);
  bool ok = true;
  int blanked = 0;
  for (const IrbResource& r : irb_resources(irb.bytes, ok))
    if (r.id == kIrbXmp) blanked += bmff::blank_xmp_location(irb.bytes.data() + r.offset, r.length);
  if (blanked > 0) put_jpeg_irb(jpeg, irb);
  return blanked;
}

// An Exif or XMP block exiv2 skips (jpeg_blocks.h) goes when it carries location or cannot be
// read; readers take the first, so nothing else is lost.
bool extra_block_goes(const JpegBlock& block, StripMode mode) {
  if (mode == StripMode::all) return true;
  if (block.kind == JpegBlock::Kind::exif) {
    Exiv2::ExifData exif;
    Exiv2::ExifParser::decode(exif, reinterpret_cast<const Exiv2::byte*>(block.payload.data()), uint32_t(block.payload.size()));
    return exif.empty() || std::any_of(exif.begin(), exif.end(), [](const Exiv2::Exifdatum& d) {
             return d.groupName() == "GPSInfo" || d.tagName() == "GPSTag";
           });
  }
  Exiv2::XmpData xmp;
  if (Exiv2::XmpParser::decode(xmp, std::string(block.payload)) != 0) return true;
  return std::any_of(xmp.begin(), xmp.end(), [](const Exiv2::Xmpdatum& d) { return is_location_xmp(d.key()); });
}

// `jpeg` without the marker segments that are byte for byte one of `segments` (each once).
std::string without_segments(const std::string& jpeg, std::vector<std::string_view> segments) {
  std::string out;
  size_t pos = 0;
  for (const JpegSegment& s : jpeg_header_segments(jpeg)) {
    const auto it = std::find(segments.begin(), segments.end(), std::string_view(jpeg).substr(s.offset, s.length));
    if (it == segments.end()) continue;
    segments.erase(it);
    out.append(jpeg, pos, s.offset - pos);
    pos = s.offset + s.length;
  }
  out.append(jpeg, pos);
  return out;
}

StripResult strip_video(std::string_view bytes, StripMode mode, const util::FileBytes* whole = nullptr);

// A TIFF block of Exif at d[at, at + length) (a HEIF Exif item's, an image's after a JPEG's end),
// cleaned where it stands: re-encoded into the room of the old, the rest zeroed (a TIFF block is
// read by its offsets). Its new length, or the old one when nothing was to remove; nullopt when
// the cleaned block would not fit.
std::optional<size_t> strip_exif_in_place(std::string& d, size_t at, size_t length, StripMode mode) {
  Exiv2::ExifData exif;
  Exiv2::XmpData no_xmp;
  Exiv2::IptcData no_iptc;
  const Exiv2::ByteOrder order =
      Exiv2::ExifParser::decode(exif, reinterpret_cast<const Exiv2::byte*>(d.data() + at), uint32_t(length));
  if (!strip_blocks(exif, no_xmp, no_iptc, mode)) return length;
  Exiv2::Blob blob;
  Exiv2::ExifParser::encode(blob, order, exif);
  if (blob.empty())  // nothing left: a TIFF header and an empty IFD, still a valid block
    blob = order == Exiv2::littleEndian ? Exiv2::Blob{'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0}
                                        : Exiv2::Blob{'M', 'M', 0, 42, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0};
  if (blob.size() > length) return std::nullopt;
  std::memcpy(d.data() + at, blob.data(), blob.size());
  std::memset(d.data() + at + blob.size(), 0, length - blob.size());
  return blob.size();
}

// --strip all: the segments of a JPEG's head that nothing needs to show the image go too (exiv2
// removes only the first comment and the Exif, XMP and IPTC it reads): comments, Photoshop's
// resources, Ducky and every other APPn but JFIF (APP0), the Exif exiv2 kept for the orientation,
// the ICC profile and the MPF index (APP2), and Adobe's colour transform (APP14).
std::string without_metadata_segments(const std::string& head) {
  std::string out;
  size_t pos = 0;
  for (const JpegSegment& s : jpeg_header_segments(head)) {
    const std::string_view payload = std::string_view(head).substr(s.offset + 4, s.length - 4);
    const bool keep = s.marker < 0xE0 || (s.marker > 0xEF && s.marker != 0xFE) || s.marker == 0xE0 || s.marker == 0xEE ||
                      (s.marker == 0xE1 && payload.starts_with(std::string_view("Exif\0\0", 6))) ||
                      (s.marker == 0xE2 && (payload.starts_with(std::string_view("ICC_PROFILE\0", 12)) ||
                                            payload.starts_with(std::string_view("MPF\0", 4))));
    if (keep) continue;
    out.append(head, pos, s.offset - pos);
    pos = s.offset + s.length;
  }
  out.append(head, pos);
  return out;
}

// Where a JPEG head's MPF index starts (its TIFF header, after "MPF\0"), the base of the offsets
// of the images stored after the primary one.
std::optional<size_t> mpf_base(std::string_view head) {
  for (const JpegSegment& s : jpeg_header_segments(head))
    if (s.marker == 0xE2 && s.length >= 16 && head.substr(s.offset + 4, 4) == std::string_view("MPF\0", 4))
      return s.offset + 8;
  return std::nullopt;
}

// The MPF index points at the images after the primary one by their distance from itself: when
// the head after it grew or shrank, each such offset moves by as much, or readers lose the
// previews, gain maps and depth maps. False when the index cannot be followed.
bool move_mpf_offsets(std::string& head, size_t base, int64_t delta) {
  const std::string_view tiff = std::string_view(head).substr(base);
  if (tiff.size() < 8 || !(tiff.starts_with("II") || tiff.starts_with("MM"))) return false;
  const bool le = tiff[0] == 'I';
  const auto u16 = [&](size_t at) { return at + 2 > tiff.size() ? 0u : le ? uint32_t(uint8_t(tiff[at])) | uint32_t(uint8_t(tiff[at + 1])) << 8 : uint32_t(uint8_t(tiff[at])) << 8 | uint8_t(tiff[at + 1]); };
  const auto u32 = [&](size_t at) { return at + 4 > tiff.size() ? 0u : le ? u16(at) | u16(at + 2) << 16 : u16(at) << 16 | u16(at + 2); };
  const size_t ifd = u32(4);
  const size_t count = u16(ifd);
  for (size_t k = 0; k < count; ++k) {
    const size_t entry = ifd + 2 + 12 * k;
    if (entry + 12 > tiff.size()) return false;
    if (u16(entry) != 0xB002) continue;  // MPEntry: 16 bytes an image, its offset at +8
    const size_t n = u32(entry + 4), data = u32(entry + 8);
    if (n % 16 || data + n > tiff.size()) return false;
    for (size_t at = data; at < data + n; at += 16) {
      const uint32_t offset = u32(at + 8);
      if (offset == 0) continue;  // the primary image itself
      const uint32_t moved = uint32_t(int64_t(offset) + delta);
      for (int b = 0; b < 4; ++b)
        head[base + at + 8 + b] = char(le ? moved >> (8 * b) : moved >> (8 * (3 - b)));
    }
    return true;
  }
  return true;
}

// What follows a JPEG's end (read.cc, read_jpeg_trailer), cleaned where it stands without a byte
// more or less, as an MPF directory points into it by offset: a motion photo's video as any video;
// an image stored after the photo gets its Exif cleaned in place (strip_exif_in_place) and its XMP
// blanked. True when anything changed;
// `failed` when location stays because it could not be removed.
bool strip_jpeg_trailer(std::string& t, StripMode mode, bool& failed) {
  bool changed = false, complete = false;
  for (const TrailerPart& part : jpeg_trailer_parts(t, complete)) {
    if (part.kind == TrailerPart::Kind::video) {
      StripResult v = strip_video(std::string_view(t).substr(part.offset, part.size), mode);
      failed |= v.error.has_value() || (v.changed && v.bytes.size() != part.size);
      if (v.changed && v.bytes.size() == part.size) {
        t.replace(part.offset, part.size, v.bytes);
        changed = true;
      }
      continue;
    }
    for (const JpegSegment& seg : jpeg_header_segments(std::string_view(t).substr(part.offset, part.size))) {
      const size_t payload = part.offset + seg.offset + 4, length = seg.length - 4;
      if (seg.marker != 0xE1 || seg.length < 4) continue;
      const std::string_view data = std::string_view(t).substr(payload, length);
      if (data.starts_with(std::string_view("Exif\0\0", 6))) {
        const std::string before(data);
        failed |= !strip_exif_in_place(t, payload + 6, length - 6, mode);
        changed |= t.compare(payload, length, before) != 0;
      } else if (data.starts_with("http://ns.adobe.com/xap/1.0/")) {
        const std::string before(data);
        strip_xmp_in_place(t, payload, length, mode);
        changed |= t.compare(payload, length, before) != 0;
      }
    }
  }
  return changed;
}

// JPEG, PNG, WebP, TIFF: exiv2 rewrites the metadata segments and copies the image data as is.
StripResult strip_with_exiv2(std::string_view bytes, StripMode mode) {
  const std::string_view whole = bytes;
  const MediaType type = detect_media_type(bytes.substr(0, kMagicBytes));
  // exiv2 reads a JPEG's metadata from the segments before its first scan and copies everything
  // from there on as it is: it is given that head only, and the result is what it writes,
  // followed by the scans where they are (`tail_from`): the image data is never copied here.
  const auto first_scan = type == MediaType::jpeg ? jpeg_first_scan(bytes) : std::nullopt;
  if (first_scan) bytes = bytes.substr(0, *first_scan);
  // exiv2 encodes a TIFF's changed values in place, into the buffer it was opened on: that must
  // not be the caller's (found by the metadata fuzzer). Other formats are written to a new buffer.
  const bool tiff = type == MediaType::tiff;
  const std::string copy = tiff ? std::string(bytes) : std::string();
  const std::string_view source = tiff ? std::string_view(copy) : bytes;
  auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(source.data()), long(source.size()));
  if (image.get() == nullptr) return fail("not_cleaned", "exiv2 cannot open this file");
  image->readMetadata();
  Exiv2::ExifData exif = image->exifData();
  Exiv2::XmpData xmp = image->xmpData();
  Exiv2::IptcData iptc = image->iptcData();
  const bool had_comment = !image->comment().empty();
  const bool parsed_xmp = !image->xmpData().empty();
  bool changed = strip_blocks(exif, xmp, iptc, mode, tiff);
  // The Exif thumbnail's own Exif (read.cc): cleaned as a JPEG of its own and put back. With
  // --strip all the thumbnail went with the Exif.
  if (mode == StripMode::location && !tiff) {
    Exiv2::ExifThumb thumb(exif);
    const Exiv2::DataBuf t = thumb.copy();
    const std::string_view view(reinterpret_cast<const char*>(t.pData_), t.size_ > 0 ? size_t(t.size_) : 0);
    const std::vector<JpegSegment> segments = jpeg_header_segments(view);
    const bool own_exif = std::any_of(segments.begin(), segments.end(), [&](const JpegSegment& seg) {
      return seg.marker == 0xE1 || seg.marker == 0xED;  // Exif or XMP, Photoshop's IPTC
    });
    if (own_exif) {
      // A thumbnail exiv2 cannot rewrite goes: it is a copy of the photo, which keeps its pixels,
      // and its location must not stay because of it.
      StripResult cleaned;
      try {
        cleaned = strip_with_exiv2(view, mode);
      } catch (const Exiv2::AnyError&) {
        cleaned.error = ItemError{"not_cleaned", "exiv2"};
      }
      if (cleaned.error) {
        thumb.erase();
        changed = true;
      } else if (cleaned.changed) {
        const std::string whole_thumb = cleaned.whole(view);
        thumb.setJpegThumbnail(reinterpret_cast<const Exiv2::byte*>(whole_thumb.data()), long(whole_thumb.size()));
        changed = true;
      }
    }
  }
  std::vector<std::string_view> extra;  // segments exiv2 copies as they are, to go
  if (type == MediaType::jpeg)
    for (const JpegBlock& block : extra_jpeg_blocks(bytes))
      if (extra_block_goes(block, mode)) extra.insert(extra.end(), block.segments.begin(), block.segments.end());
  changed |= !extra.empty();
  // Photoshop's resources exiv2 copies as they are (photoshop.h): a PNG's, and the XMP of a JPEG's.
  const bool png_irb = type == MediaType::png && clean_png_irb(bytes, mode).has_value();
  bool irb_xmp = false;
  if (type == MediaType::jpeg && mode == StripMode::location) {
    std::string probe(bytes);  // the head only
    irb_xmp = blank_irb_xmp_location(probe) > 0;
  }
  changed |= png_irb || irb_xmp;
  if (mode == StripMode::all && had_comment) {
    image->clearComment();
    changed = true;
  }
  // Location after the image's end: the rest of the file is then written from a cleaned copy.
  std::optional<std::string> trailer;
  if (const auto t = type == MediaType::jpeg ? trailing_data(whole, type) : std::nullopt) {
    std::string rest(whole.substr(t->offset));
    bool failed = false;
    if (strip_jpeg_trailer(rest, mode, failed)) trailer = std::move(rest);
    if (failed) return fail("not_cleaned", "the location of what is stored after the image could not be removed in place");
    changed |= trailer.has_value();
  }
  // An XMP packet exiv2 cannot parse (a duplicate property is enough): its location values
  // blanked in its text, the rest of it kept. Before, the whole packet went without a word.
  // exiv2 writes the packet as it read it (it refuses to be given one it cannot parse); the
  // values are blanked in what it wrote, below.
  const bool unparsed_xmp = mode == StripMode::location && !parsed_xmp && !image->xmpPacket().empty();
  if (unparsed_xmp) {
    std::string probe = image->xmpPacket();
    changed |= bmff::blank_xmp_location(probe.data(), probe.size()) > 0;
  }
  StripResult r;
  if (!changed) return r;
  image->setExifData(exif);
  image->setXmpData(xmp);
  if (unparsed_xmp) {
    image->writeXmpFromPacket(true);
  } else if (mode == StripMode::all || (xmp.empty() && parsed_xmp)) {
    image->clearXmpPacket();
  }
  image->setIptcData(iptc);
  image->writeMetadata();
  Exiv2::BasicIo& io = image->io();
  io.open();
  std::string written(size_t(io.size()), '\0');
  io.seek(0, Exiv2::BasicIo::beg);
  if (io.read(reinterpret_cast<Exiv2::byte*>(written.data()), long(written.size())) != long(written.size()))
    return fail("not_cleaned", "exiv2 could not return the rewritten file");
  io.close();
  if (!extra.empty()) written = without_segments(written, extra);
  if (irb_xmp) blank_irb_xmp_location(written);
  if (type == MediaType::jpeg && mode == StripMode::all) written = without_metadata_segments(written);
  if (const auto old_base = type == MediaType::jpeg ? mpf_base(bytes) : std::nullopt) {
    const auto base = mpf_base(written);
    const int64_t delta = int64_t(written.size()) - int64_t(bytes.size()) + int64_t(*old_base) - int64_t(base.value_or(0));
    if (!base || (delta != 0 && !move_mpf_offsets(written, *base, delta)))
      return fail("not_cleaned", "the index of the images stored after this one (MPF) could not be kept right");
  }
  // What exiv2 wrote of a JPEG must end where it was told the scans begin, with the same scan header.
  if (first_scan && (jpeg_first_scan(written) != written.size() || !written.ends_with(bytes.substr(bytes.size() - 4))))
    return fail("not_cleaned", "exiv2 could not rewrite this file without damaging it");
  r.bytes = std::move(written);
  r.tail_from = first_scan;
  if (trailer && first_scan) {  // the scans up to the image's end, then the cleaned trailer
    const size_t end = whole.size() - trailer->size();
    r.bytes.append(whole.substr(*first_scan, end - *first_scan));
    r.bytes += *trailer;
    r.tail_from.reset();
  }
  // exiv2 0.27 "rewrites" some damaged files (a TIFF whose IFD it cannot follow) as nothing.
  if (detect_media_type(std::string_view(r.bytes).substr(0, kMagicBytes)) != detect_media_type(bytes.substr(0, kMagicBytes)))
    return fail("not_cleaned", "exiv2 could not rewrite this file without damaging it");
  if (image->imageType() == Exiv2::ImageType::tiff || unparsed_xmp) {
    // exiv2 0.27 writes a TIFF's XMLPacket tag back as it was read, and a packet it could not
    // parse too: clean the packet in place (same length, so no TIFF offset moves).
    for (size_t at = r.bytes.find("<x:xmpmeta"); at != std::string::npos; at = r.bytes.find("<x:xmpmeta", at + 1)) {
      const size_t end = r.bytes.find("</x:xmpmeta>", at);
      if (end == std::string::npos) break;
      strip_xmp_in_place(r.bytes, at, end + 12 - at, mode);
    }
  }
  if (image->imageType() == Exiv2::ImageType::png && mode == StripMode::all) r.bytes = drop_png_text(r.bytes);
  if (png_irb)
    if (auto cleaned = clean_png_irb(r.bytes, mode)) r.bytes = std::move(*cleaned);
  r.changed = true;
  return r;
}

// HEIC/AVIF: exiv2 0.27 reads but cannot write them. The Exif item is re-encoded without GPS
// into its own extent (shorter is fine: iloc gets the new length, the rest is zeroed).
StripResult strip_heif(std::string_view bytes, StripMode mode) {
  StripResult r;
  r.bytes.assign(bytes);
  bool ok = true;
  const auto items = bmff::heif_metadata_items(r.bytes, ok);
  if (!ok) return fail("not_cleaned", "HEIF metadata is stored in a way mediascan cannot patch safely");
  for (const bmff::HeifItem& item : items) {
    if (item.kind == bmff::HeifItem::Kind::xmp) {
      strip_xmp_in_place(r.bytes, item.offset, item.length, mode);
      continue;
    }
    // Exif item: 4-byte offset to the TIFF header, then (often "Exif\0\0") and the TIFF block.
    if (item.length < 4) continue;
    const uint32_t skip = bmff::read_be32(r.bytes, item.offset);
    if (size_t(skip) + 4 > item.length) return fail("not_cleaned", "HEIF Exif item is malformed");
    const size_t tiff_len = item.length - 4 - skip;
    const auto cleaned = strip_exif_in_place(r.bytes, item.offset + 4 + skip, tiff_len, mode);
    if (!cleaned) return fail("not_cleaned", "the cleaned HEIF Exif block would not fit in its place");
    if (*cleaned != tiff_len) bmff::set_heif_length(r.bytes, item, 4 + skip + *cleaned);
  }
  r.changed = r.bytes != bytes;
  if (!r.changed) r.bytes.clear();
  return r;
}

// MP4/MOV/3GP: location boxes become `free` boxes of the same size; XMP values are blanked; a
// subtitle track's positions are zeroed, in `bytes` or, for a skeleton, as overwrites of `whole`.
StripResult strip_video(std::string_view bytes, StripMode mode, const util::FileBytes* whole) {
  StripResult r;
  r.bytes.assign(bytes);
  // A ReadError: not cleaned (strip_embedded).
  const bmff::ReadAt from_file = whole ? bmff::read_file(*whole, false) : bmff::ReadAt();
  // --strip all: XMP and every udta and meta box go; the orientation (the track header's matrix)
  // and the colour (the sample description) stay.
  bmff::VideoScan v = bmff::scan_video(r.bytes, true, mode == StripMode::all, whole ? &from_file : nullptr);
  if (!v.complete && v.locations.empty())
    return fail("not_cleaned", "the video's box structure is malformed; it was not changed");
  for (bmff::MediaPatch& p : v.media_patches) r.overwrites.push_back({p.offset, std::move(p.bytes)});
  // What was read is cleaned; positions in samples that could not be read stay.
  if (v.subtitles_unread)
    r.error = ItemError{"not_cleaned", "its subtitle track could not be read whole: positions in it may be left"};
  r.changed = r.bytes != bytes;
  if (!r.changed) r.bytes.clear();
  return r;
}

// Matroska tags that describe the streams, not the recording (ffmpeg's DURATION, mkvmerge's
// statistics): kept by --strip all, as players show them.
bool is_technical_tag(std::string_view name) {
  return name == "DURATION" || name == "BPS" || name == "NUMBER_OF_FRAMES" || name == "NUMBER_OF_BYTES" ||
         name.starts_with("_STATISTICS_");
}

// Matroska/WebM and AVI (matroska_avi.h), of `size` bytes read through `read`: a location tag's
// value (with --strip all, every tag's but the technical ones) overwritten with zeros, which
// Matroska allows to pad a string; an AVI's XMP blanked (or emptied). No size changes. nullopt
// when the structure is malformed and nothing is to change, or the values are too big to hold.
std::optional<std::vector<Overwrite>> matroska_avi_overwrites(const bmff::ReadAt& read, uint64_t size, MediaType type,
                                                              StripMode mode, std::string& why) {
  constexpr uint64_t kMaxValues = 16 << 20;  // metadata, never this big (read.cc reads no more)
  const ContainerScan scan = type == MediaType::avi ? scan_avi(read, size) : scan_matroska(read, size);
  std::vector<Overwrite> out;
  uint64_t total = 0;
  for (const MatroskaTag& tag : scan.tags)
    if (is_location_tag(tag.name) || (mode == StripMode::all && !is_technical_tag(tag.name))) {
      if ((total += tag.value.length) > kMaxValues) return why = "its tags are too big to clean", std::nullopt;
      out.push_back({tag.value.offset, std::string(tag.value.length, '\0')});
    }
  for (const Span& packet : scan.xmp_packets) {
    if ((total += packet.length) > kMaxValues) return why = "its XMP is too big to clean", std::nullopt;
    Overwrite o{packet.offset, std::string(packet.length, '\0')};
    if (read(packet.offset, o.bytes.data(), o.bytes.size()) != o.bytes.size()) continue;
    strip_xmp_in_place(o.bytes, 0, o.bytes.size(), mode);
    out.push_back(std::move(o));
  }
  // An overwrite with what is there already changes nothing.
  std::erase_if(out, [&](const Overwrite& o) {
    std::string now(o.bytes.size(), '\0');
    return read(o.offset, now.data(), now.size()) == now.size() && now == o.bytes;
  });
  if (!scan.complete && out.empty()) return why = "the video's structure is malformed; it was not changed", std::nullopt;
  return out;
}

StripResult strip_matroska_avi(std::string_view bytes, MediaType type, StripMode mode) {
  std::string why;
  const auto overwrites = matroska_avi_overwrites(bmff::read_bytes(bytes), bytes.size(), type, mode, why);
  if (!overwrites) return fail("not_cleaned", why);
  StripResult r;
  if (overwrites->empty()) return r;
  r.bytes.assign(bytes);
  for (const Overwrite& o : *overwrites) r.bytes.replace(size_t(o.offset), o.bytes.size(), o.bytes);
  r.changed = true;
  return r;
}

// A GIF without its comment extensions (--strip all); the GIF as it was when its blocks cannot
// be followed.
std::string without_gif_comments(const std::string& gif) {
  if (gif.size() < 13) return gif;
  size_t p = 13;
  if (uint8_t(gif[10]) & 0x80) p += 3u << ((uint8_t(gif[10]) & 7) + 1);  // global colour table
  const auto skip_sub_blocks = [&](size_t at) -> std::optional<size_t> {
    while (at < gif.size() && gif[at] != 0) at += 1 + uint8_t(gif[at]);
    return at < gif.size() ? std::optional<size_t>(at + 1) : std::nullopt;
  };
  std::string out = gif.substr(0, std::min(p, gif.size()));
  while (p < gif.size() && gif[p] != 0x3B) {
    size_t next;
    if (gif[p] == 0x21 && p + 1 < gif.size()) {
      const auto end = skip_sub_blocks(p + 2);
      if (!end) return gif;
      next = *end;
      if (uint8_t(gif[p + 1]) == 0xFE) {  // a comment
        p = next;
        continue;
      }
    } else if (gif[p] == 0x2C && p + 10 < gif.size()) {
      size_t at = p + 10;
      if (uint8_t(gif[p + 9]) & 0x80) at += 3u << ((uint8_t(gif[p + 9]) & 7) + 1);  // local colour table
      const auto end = skip_sub_blocks(at + 1);  // after the LZW code size
      if (!end) return gif;
      next = *end;
    } else {
      return gif;
    }
    out.append(gif, p, next - p);
    p = next;
  }
  return out.append(gif, std::min(p, gif.size()));
}

// GIF: its XMP packet blanked (or emptied) in place; with --strip all, its comments go too.
StripResult strip_gif(std::string_view bytes, StripMode mode) {
  StripResult r;
  r.bytes.assign(bytes);
  if (const auto packet = gif_xmp_packet(bytes)) strip_xmp_in_place(r.bytes, packet->offset, packet->length, mode);
  if (mode == StripMode::all) r.bytes = without_gif_comments(r.bytes);
  r.changed = r.bytes != bytes;
  if (!r.changed) r.bytes.clear();
  return r;
}

}  // namespace

std::string StripResult::whole(std::string_view original) const {
  if (!tail_from) return bytes;
  const std::string_view tail = original.substr(*tail_from);
  std::string out;
  out.reserve(bytes.size() + tail.size());
  return out.append(bytes).append(tail);
}

FileStripResult strip_embedded_in_file(const util::FileBytes& file, MediaType type, StripMode mode) {
  if (type != MediaType::mkv && type != MediaType::webm && type != MediaType::avi) return {};
  const bmff::ReadAt read = bmff::read_file(file, false);  // a ReadError goes to the caller: nothing is half cleaned
  FileStripResult r;
  std::string why;
  try {
    if (auto overwrites = matroska_avi_overwrites(read, file.size(), type, mode, why)) r.overwrites = std::move(*overwrites);
    else r.error = ItemError{"not_cleaned", why};
  } catch (const Exiv2::AnyError& e) {
    r.error = ItemError{"not_cleaned", "exiv2: " + util::to_valid_utf8(e.what())};
  }
  return r;
}

StripResult strip_embedded(std::string_view bytes, MediaType type, StripMode mode, const util::FileBytes* whole) {
  LogCapture log;
  try {
    switch (type) {
      case MediaType::jpeg: case MediaType::png: case MediaType::webp: case MediaType::tiff:
        return strip_with_exiv2(bytes, mode);
      case MediaType::heic: case MediaType::avif:
        return strip_heif(bytes, mode);
      case MediaType::mp4: case MediaType::mov: case MediaType::m4v: case MediaType::threegp:
        return strip_video(bytes, mode, whole);
      case MediaType::gif:
        return strip_gif(bytes, mode);
      case MediaType::mkv: case MediaType::webm: case MediaType::avi:
        return strip_matroska_avi(bytes, type, mode);
      default:
        return {};  // BMP: no location metadata mediascan knows to remove
    }
  } catch (const Exiv2::AnyError& e) {
    return fail("not_cleaned", "exiv2: " + util::to_valid_utf8(e.what()));
  } catch (const std::exception& e) {
    return fail("not_cleaned", util::to_valid_utf8(e.what()));
  }
}

}  // namespace mediascan
