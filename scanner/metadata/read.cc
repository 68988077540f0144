#include <exiv2/exiv2.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "scanner/metadata/bmff.h"
#include "scanner/metadata/jpeg_blocks.h"
#include "scanner/metadata/matroska_avi.h"
#include "scanner/metadata/exiv2_env.h"
#include "scanner/metadata/metadata.h"
#include "scanner/metadata/photoshop.h"
#include "scanner/util/text.h"

namespace mediascan {
namespace {

std::string coords(double lat, double lon) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f, %.6f", lat, lon);
  return buf;
}

std::string shorten(std::string s) {
  s = util::to_valid_utf8(util::trim(s));
  if (s.size() > 120) s = s.substr(0, 117) + "...";
  return s;
}

Finding location_finding(std::string signal, std::string evidence, std::string where,
                         double confidence = 1.0, std::optional<GeoPoint> point = std::nullopt) {
  Finding f;
  f.point = point;
  f.category = Category::location;
  f.signal = std::move(signal);
  f.evidence = std::move(evidence);
  f.where = std::move(where);
  f.confidence = confidence;
  return f;
}

bool is_video_container(MediaType t) {
  return t == MediaType::mp4 || t == MediaType::mov || t == MediaType::m4v || t == MediaType::threegp;
}

// Degrees, minutes, seconds rationals of an EXIF GPS tag, with its N/S/E/W reference.
std::optional<double> exif_coordinate(const Exiv2::ExifData& exif, const char* key, const char* ref_key) {
  const auto it = exif.findKey(Exiv2::ExifKey(key));
  if (it == exif.end() || it->count() == 0) return std::nullopt;
  double value = 0, unit = 1;
  for (long i = 0; i < std::min<long>(3, long(it->count())); ++i, unit *= 60) {
    const Exiv2::Rational r = it->toRational(i);
    if (r.second == 0) {
      if (r.first == 0) continue;
      return std::nullopt;
    }
    value += double(r.first) / double(r.second) / unit;
  }
  if (!std::isfinite(value)) return std::nullopt;
  const auto ref = exif.findKey(Exiv2::ExifKey(ref_key));
  if (ref != exif.end()) {
    const std::string r = ref->toString();
    if (!r.empty() && (r[0] == 'S' || r[0] == 'W')) value = -value;
  }
  return value;
}

// XMP writes GPS as "52,22.2N" or "52,22,12N".
std::optional<double> xmp_coordinate(const std::string& s) {
  if (s.size() < 2) return std::nullopt;
  const char ref = s.back();
  double parts[3] = {0, 0, 0};
  int n = 0;
  for (const std::string& p : util::split(s.substr(0, s.size() - 1), ',')) {
    if (n == 3) return std::nullopt;
    char* end = nullptr;
    parts[n++] = std::strtod(p.c_str(), &end);
    if (end == p.c_str()) return std::nullopt;
  }
  double v = parts[0] + parts[1] / 60 + parts[2] / 3600;
  if (ref == 'S' || ref == 'W') v = -v;
  else if (ref != 'N' && ref != 'E') return std::nullopt;
  return v;
}

// A text tag's value as text, also when a maker note types it as bytes (Panasonic's City is
// "undefined", NUL-padded); empty when it is not printable text.
std::string tag_text(const Exiv2::Exifdatum& d) {
  if (d.typeId() == Exiv2::asciiString) return std::string(util::trim(d.toString()));
  if (d.typeId() != Exiv2::undefined || d.size() == 0 || d.size() > 256) return {};
  std::string bytes(size_t(d.size()), '\0');
  d.copy(reinterpret_cast<Exiv2::byte*>(bytes.data()), Exiv2::invalidByteOrder);
  bytes.resize(std::min(bytes.size(), bytes.find('\0')));
  for (const char c : bytes)
    if (static_cast<unsigned char>(c) < 0x20) return {};
  return std::string(util::trim(util::to_valid_utf8(bytes)));
}

}  // namespace

bool is_makernote_location(const std::string& group, const std::string& tag) {
  if (group == "Image" || group == "Photo" || group == "Iop" || group == "Thumbnail" || group == "GPSInfo" ||
      group.starts_with("SubImage") || group == "MakerNote")
    return false;
  if (tag.find("GPS") != std::string::npos || tag.find("Latitude") != std::string::npos ||
      tag.find("Longitude") != std::string::npos)
    return true;
  // Place names, by make: not every "Location" is one (Pentax's is its world-time city,
  // "Hometown" or "Destination", in every photo).
  if (group.starts_with("Panasonic"))
    return tag == "Country" || tag == "State" || tag == "City" || tag == "City2" || tag == "Landmark" ||
           tag == "Location";
  return group.starts_with("Samsung") && tag == "LocationName";
}

bool is_xmp_place(const std::string& key) {
  return key == "Xmp.photoshop.City" || key == "Xmp.photoshop.State" || key == "Xmp.photoshop.Country" ||
         key == "Xmp.iptc.Location" || key == "Xmp.iptc.CountryCode" || key.starts_with("Xmp.iptcExt.LocationShown") ||
         key.starts_with("Xmp.iptcExt.LocationCreated") || key.starts_with("Xmp.xmpDM.shotLocation") ||
         key == "Xmp.exif.GPSAreaInformation";
}

namespace {

// The GPS block IFD0 points at, and the maker note's location.
void read_exif_blocks(const Exiv2::ExifData& exif, std::vector<Finding>& out) {
  const auto lat = exif_coordinate(exif, "Exif.GPSInfo.GPSLatitude", "Exif.GPSInfo.GPSLatitudeRef");
  const auto lon = exif_coordinate(exif, "Exif.GPSInfo.GPSLongitude", "Exif.GPSInfo.GPSLongitudeRef");
  std::string gps_tags, makernote_tags;
  for (const Exiv2::Exifdatum& d : exif) {
    const std::string group = d.groupName(), tag = d.tagName();
    if (group == "GPSInfo") {
      if (tag != "GPSVersionID") gps_tags += (gps_tags.empty() ? "" : ", ") + tag;
    } else if (is_makernote_location(group, tag)) {
      makernote_tags += (makernote_tags.empty() ? "" : ", ") + d.key();
      if (const std::string text = tag_text(d); !text.empty()) makernote_tags += "=" + text;
    }
  }
  if (lat && lon && std::abs(*lat) <= 90 && std::abs(*lon) <= 180 && !(*lat == 0 && *lon == 0))
    out.push_back(location_finding("exif_gps", coords(*lat, *lon) + " in the EXIF GPS block", "exif", 1.0,
                                   GeoPoint{*lat, *lon}));
  else if (!gps_tags.empty())
    out.push_back(location_finding("exif_gps", "EXIF GPS block without usable coordinates (" +
                                                   shorten(gps_tags) + ")", "exif", 0.4));
  if (!makernote_tags.empty())
    out.push_back(location_finding("makernote_gps", "maker note location tags: " + shorten(makernote_tags),
                                   "exif", 0.6));
}

// exiv2 follows the GPSInfo pointer of IFD0 only: one in IFD1, the thumbnail's directory (where
// some taggers write it), it shows as a mere number, Exif.Thumbnail.GPSTag. exiv2 reads the block
// it points at from a copy of `tiff` (the Exif block) whose header names IFD1 as the first IFD.
// Empty when `tiff` is not at hand or has no IFD1.
Exiv2::ExifData ifd1_as_first(std::string_view tiff) {
  if (tiff.size() < 8 || !(tiff.starts_with("II") || tiff.starts_with("MM"))) return {};
  const bool le = tiff[0] == 'I';
  const auto byte = [&](size_t at) { return uint32_t(uint8_t(tiff[at])); };
  const auto u16 = [&](size_t at) { return le ? byte(at) | byte(at + 1) << 8 : byte(at) << 8 | byte(at + 1); };
  const auto u32 = [&](size_t at) { return le ? u16(at) | u16(at + 2) << 16 : u16(at) << 16 | u16(at + 2); };
  const size_t ifd0 = u32(4);
  if (ifd0 > tiff.size() - 2) return {};
  const size_t next = ifd0 + 2 + 12 * size_t(u16(ifd0));
  if (next > tiff.size() - 4) return {};
  const uint32_t ifd1 = u32(next);
  if (ifd1 == 0 || ifd1 > tiff.size() - 2) return {};
  std::string copy(tiff);
  for (int b = 0; b < 4; ++b) copy[4 + b] = char(le ? ifd1 >> (8 * b) : ifd1 >> (8 * (3 - b)));
  Exiv2::ExifData exif;
  Exiv2::ExifParser::decode(exif, reinterpret_cast<const Exiv2::byte*>(copy.data()), uint32_t(copy.size()));
  return exif;
}

// `tiff`: the Exif block `exif` was read from, when at hand (ifd1_as_first).
void read_exif_location(const Exiv2::ExifData& exif, std::vector<Finding>& out, std::string_view tiff = {}) {
  read_exif_blocks(exif, out);
  if (exif.findKey(Exiv2::ExifKey("Exif.Thumbnail.GPSTag")) == exif.end()) return;
  std::vector<Finding> ifd1;
  read_exif_blocks(ifd1_as_first(tiff), ifd1);
  std::erase_if(ifd1, [](const Finding& f) { return f.signal != "exif_gps"; });
  if (ifd1.empty()) ifd1.push_back(location_finding("exif_gps", "a GPS block mediascan could not read", "exif", 0.4));
  for (Finding& f : ifd1) out.push_back((f.evidence += " (pointed to from IFD1, the thumbnail's directory)", std::move(f)));
}

// The Exif block of a JPEG (its first APP1 "Exif\0\0", the one exiv2 reads) or a TIFF: empty for
// other formats.
std::string_view exif_block(std::string_view bytes, MediaType type) {
  if (type == MediaType::tiff) return bytes;
  if (type != MediaType::jpeg) return {};
  for (const JpegSegment& s : jpeg_header_segments(bytes))
    if (s.marker == 0xE1 && s.length >= 10 && bytes.substr(s.offset + 4, 6) == std::string_view("Exif\0\0", 6))
      return bytes.substr(s.offset + 10, s.length - 10);
  return {};
}

// A coordinate in a vendor's own XMP property: "+48.858400", or as exif:GPS writes it.
std::optional<double> vendor_coordinate(const std::string& s) {
  if (auto v = xmp_coordinate(s)) return v;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || !std::isfinite(v) || std::abs(v) > 180) return std::nullopt;
  return v;
}

void read_xmp_location(const Exiv2::XmpData& xmp, std::vector<Finding>& out) {
  std::optional<double> lat, lon;
  // A position in a vendor's namespace (a DJI drone's drone-dji:GpsLatitude/GpsLongitude).
  std::optional<double> vendor_lat, vendor_lon;
  bool vendor_zero = false;  // a drone without a GPS fix writes 0
  std::string vendor_names;
  std::string names;
  for (const Exiv2::Xmpdatum& d : xmp) {
    const std::string key = d.key();
    const std::string local = d.tagName();
    if (key == "Xmp.exif.GPSLatitude") lat = xmp_coordinate(d.toString());
    else if (key == "Xmp.exif.GPSLongitude") lon = xmp_coordinate(d.toString());
    else if (!key.starts_with("Xmp.exif.") && (bmff::is_latitude_xmp_name(local) || bmff::is_longitude_xmp_name(local))) {
      const auto v = vendor_coordinate(d.toString());
      if (!v) continue;
      (bmff::is_latitude_xmp_name(local) ? vendor_lat : vendor_lon) = v;
      vendor_names += (vendor_names.empty() ? "" : "/") + d.groupName() + ":" + local;
      if (*v == 0) vendor_zero = true;
    }
    else if (is_xmp_place(key)) {
      const std::string v = d.toString();
      if (!util::trim(v).empty()) names += (names.empty() ? "" : ", ") + d.tagName() + "=" + v;
    }
  }
  if (lat && lon)
    out.push_back(location_finding("xmp_gps", coords(*lat, *lon) + " in XMP exif:GPSLatitude/GPSLongitude", "xmp",
                                   1.0, GeoPoint{*lat, *lon}));
  else if (lat || lon)
    out.push_back(location_finding("xmp_gps", std::string(lat ? "latitude " : "longitude ") +
                                                  std::to_string(lat ? *lat : *lon) + " in XMP (the other half is missing)",
                                   "xmp", 0.6));
  if (vendor_zero && (!vendor_lat || *vendor_lat == 0) && (!vendor_lon || *vendor_lon == 0)) {
    // (0, 0) is "no position", as in the EXIF GPS block.
  } else if (vendor_lat && vendor_lon)
    out.push_back(location_finding("xmp_gps", coords(*vendor_lat, *vendor_lon) + " in XMP " + shorten(vendor_names),
                                   "xmp", 1.0, GeoPoint{*vendor_lat, *vendor_lon}));
  else if (vendor_lat || vendor_lon)
    out.push_back(location_finding("xmp_gps", "coordinate " + std::to_string(vendor_lat ? *vendor_lat : *vendor_lon) +
                                                  " in XMP " + shorten(vendor_names), "xmp", 0.6));
  if (!names.empty()) out.push_back(location_finding("iptc_location", "XMP place: " + shorten(names), "xmp", 0.8));
}

void read_iptc_location(const Exiv2::IptcData& iptc, std::vector<Finding>& out) {
  std::string names;
  for (const char* key : {"Iptc.Application2.SubLocation", "Iptc.Application2.City",
                          "Iptc.Application2.ProvinceState", "Iptc.Application2.CountryName",
                          "Iptc.Application2.CountryCode", "Iptc.Application2.LocationName",
                          "Iptc.Application2.LocationCode"}) {
    const auto it = iptc.findKey(Exiv2::IptcKey(key));
    if (it != iptc.end() && !util::trim(it->toString()).empty())
      names += (names.empty() ? "" : ", ") + it->tagName() + "=" + it->toString();
  }
  if (!names.empty()) out.push_back(location_finding("iptc_location", "IPTC place: " + shorten(names), "iptc", 0.8));
}

void identity(std::vector<Finding>& out, const char* signal, const std::string& what,
              const std::string& value, const char* where, double confidence) {
  if (util::trim(value).empty()) return;
  Finding f;
  f.category = Category::identity;
  f.signal = signal;
  f.evidence = what + ": " + shorten(value);
  f.where = where;
  f.confidence = confidence;
  out.push_back(std::move(f));
}

void read_identity(const Exiv2::ExifData& exif, const Exiv2::XmpData& xmp, const Exiv2::IptcData& iptc,
                   std::vector<Finding>& out) {
  for (const Exiv2::Exifdatum& d : exif) {
    const std::string tag = d.tagName();
    if (d.typeId() == Exiv2::undefined && d.size() > 256) continue;  // binary blobs
    if (tag.find("SerialNumber") != std::string::npos || tag == "InternalSerialNumber")
      identity(out, "identity:serial", "camera serial number (" + d.key() + ")", d.toString(), "exif", 0.9);
    else if (tag == "CameraOwnerName" || tag == "OwnerName" || tag == "Artist" || tag == "XPAuthor")
      // Windows' XP tags are UCS-2 bytes, which exiv2 prints as text.
      identity(out, "identity:owner", "owner name (" + d.key() + ")", tag == "XPAuthor" ? d.print(&exif) : d.toString(),
               "exif", 0.9);
    else if (tag == "Copyright")
      identity(out, "identity:owner", "copyright (" + d.key() + ")", d.toString(), "exif", 0.6);
    else if (tag == "ImageUniqueID")
      identity(out, "identity:unique_id", "unique image id (" + d.key() + ")", d.toString(), "exif", 0.5);
    else if (tag == "HostComputer" || (tag == "Software" && d.groupName() == "Image"))
      identity(out, "identity:software", "device or software (" + d.key() + ")", d.toString(), "exif", 0.3);
  }
  for (const Exiv2::Xmpdatum& d : xmp) {
    const std::string key = d.key();
    if (key == "Xmp.aux.SerialNumber" || key == "Xmp.aux.LensSerialNumber" ||
        key == "Xmp.exifEX.BodySerialNumber" || key == "Xmp.exifEX.LensSerialNumber")
      identity(out, "identity:serial", "camera serial number (" + key + ")", d.toString(), "xmp", 0.9);
    else if (key == "Xmp.dc.creator" || key == "Xmp.exifEX.CameraOwnerName" || key == "Xmp.aux.OwnerName" ||
             key.starts_with("Xmp.iptc.CreatorContactInfo"))
      identity(out, "identity:owner", "owner or creator (" + key + ")", d.toString(), "xmp", 0.9);
    else if (key == "Xmp.dc.rights")
      identity(out, "identity:owner", "rights holder (" + key + ")", d.toString(), "xmp", 0.6);
    else if (key == "Xmp.xmpMM.OriginalDocumentID" || key == "Xmp.xmpMM.DocumentID")
      identity(out, "identity:unique_id", "unique document id (" + key + ")", d.toString(), "xmp", 0.4);
  }
  for (const char* key : {"Iptc.Application2.Byline", "Iptc.Application2.Copyright", "Iptc.Application2.Contact"}) {
    const auto it = iptc.findKey(Exiv2::IptcKey(key));
    if (it != iptc.end()) identity(out, "identity:owner", std::string("creator (") + key + ")", it->toString(), "iptc", 0.8);
  }
}

void read_capture(const Exiv2::ExifData& exif, Capture& c) {
  auto text = [&](const char* key) {
    const auto it = exif.findKey(Exiv2::ExifKey(key));
    return it == exif.end() ? std::string() : util::to_valid_utf8(util::trim(it->toString()));
  };
  std::string t = text("Exif.Photo.DateTimeOriginal");
  if (t.empty()) t = text("Exif.Image.DateTime");
  if (t.size() >= 19 && t[4] == ':' && t[7] == ':') {
    t[4] = t[7] = '-';
    t[10] = 'T';
    c.local_time = t.substr(0, 19);
  }
  c.utc_offset = text("Exif.Photo.OffsetTimeOriginal");
  c.make = text("Exif.Image.Make");
  c.model = text("Exif.Image.Model");
  if (const auto it = exif.findKey(Exiv2::ExifKey("Exif.Photo.Flash")); it != exif.end() && it->count())
    c.flash_fired = (it->toLong() & 1) != 0;
  if (const auto it = exif.findKey(Exiv2::ExifKey("Exif.Photo.ISOSpeedRatings")); it != exif.end() && it->count())
    c.iso = it->toLong();
  if (const auto it = exif.findKey(Exiv2::ExifKey("Exif.Image.Orientation")); it != exif.end() && it->count()) {
    const long o = it->toLong();
    if (o >= 1 && o <= 8) c.orientation = int(o);
  }
}

// The text typed into a photo (Capture::text): titles, descriptions, comments and keywords,
// each distinct value once, without the camera makers' fillers ("OLYMPUS DIGITAL CAMERA").
void read_typed_text(const Exiv2::ExifData& exif, const Exiv2::XmpData& xmp, const Exiv2::IptcData& iptc, Capture& c) {
  constexpr size_t kMaxText = 4096;
  std::vector<std::string> values;
  const char* store = "exif";
  const auto add = [&](std::string v) {
    v = util::trim(util::to_valid_utf8(v));
    if (v.starts_with("charset=")) v = util::trim(v.substr(v.find(' ') == std::string::npos ? v.size() : v.find(' ')));
    static constexpr std::string_view kFillers[] = {"OLYMPUS DIGITAL CAMERA", "SONY DSC", "DIGITAL CAMERA", "default",
                                                    "Default", "Screenshot", "binary comment"};
    if (v.empty() || std::find(std::begin(kFillers), std::end(kFillers), v) != std::end(kFillers) ||
        std::find(values.begin(), values.end(), v) != values.end())
      return;
    if (values.empty()) c.text_where = store;
    values.push_back(std::move(v));
  };
  for (const char* key : {"Exif.Image.ImageDescription", "Exif.Photo.UserComment", "Exif.Image.XPTitle",
                          "Exif.Image.XPComment", "Exif.Image.XPSubject", "Exif.Image.XPKeywords"}) {
    const auto it = exif.findKey(Exiv2::ExifKey(key));
    if (it != exif.end()) add(std::string(key).starts_with("Exif.Image.XP") || std::string(key) == "Exif.Photo.UserComment"
                                  ? it->print(&exif) : it->toString());
  }
  store = "iptc";
  for (const char* key : {"Iptc.Application2.ObjectName", "Iptc.Application2.Headline", "Iptc.Application2.Caption",
                          "Iptc.Application2.Keywords"})
    for (auto it = iptc.begin(); it != iptc.end(); ++it)
      if (it->key() == key) add(it->toString());
  store = "xmp";
  for (const Exiv2::Xmpdatum& d : xmp) {
    const std::string key = d.key();
    if (key.starts_with("Xmp.dc.title") || key.starts_with("Xmp.dc.description") || key.starts_with("Xmp.dc.subject") ||
        key == "Xmp.photoshop.Headline" || key.starts_with("Xmp.exif.UserComment"))
      add(d.toString());
  }
  for (const std::string& v : values) {
    if (c.text.size() + v.size() + 1 > kMaxText) break;
    c.text += (c.text.empty() ? "" : "\n") + v;
  }
}

struct Parsed {
  std::vector<Finding> locations, identities;
  Capture capture;
  std::vector<std::string> problems;  // exiv2 warnings and errors
};

// The Exif and XMP segments of a JPEG that exiv2 skips (jpeg_blocks.h): their location and
// identity count as much as the first's (other readers show them).
void read_extra_jpeg_blocks(std::string_view bytes, bool want_identity, Parsed& p) {
  for (const JpegBlock& block : extra_jpeg_blocks(bytes)) {
    if (block.repeated) continue;
    std::vector<Finding> locations, identities;
    Exiv2::ExifData exif;
    Exiv2::XmpData xmp;
    if (block.kind == JpegBlock::Kind::exif) {
      Exiv2::ExifParser::decode(exif, reinterpret_cast<const Exiv2::byte*>(block.payload.data()),
                                uint32_t(block.payload.size()));
      read_exif_location(exif, locations, block.payload);
    } else {
      if (Exiv2::XmpParser::decode(xmp, std::string(block.payload)) != 0)
        p.problems.push_back("an XMP segment exiv2 skips cannot be parsed");
      read_xmp_location(xmp, locations);
    }
    if (want_identity) read_identity(exif, xmp, Exiv2::IptcData(), identities);
    const char* which = block.kind == JpegBlock::Kind::exif ? " (in an Exif segment exiv2 skips)"
                                                            : " (in an XMP segment exiv2 skips)";
    for (Finding& f : locations) f.evidence += which;
    for (Finding& f : identities) f.evidence += which;
    p.locations.insert(p.locations.end(), locations.begin(), locations.end());
    p.identities.insert(p.identities.end(), identities.begin(), identities.end());
  }
}

Parsed parse(std::string_view bytes, MediaType type, bool want_identity, const util::FileBytes* whole);

// What follows a JPEG's end (`trailer`): a motion photo's video, or the images stored after it
// (MPF previews, gain maps, a JPEG glued on), each with Exif and XMP of its own. Their location
// and identity are the photo's: whoever gets the file gets them.
// What an image inside the file carries counts as the file's, said where it is (`what`).
void add_inner(Parsed& p, Parsed&& inner, const char* what) {
  for (Finding& f : inner.locations) p.locations.push_back((f.evidence += what, std::move(f)));
  for (Finding& f : inner.identities) p.identities.push_back((f.evidence += what, std::move(f)));
  for (std::string& m : inner.problems) p.problems.push_back(std::move(m) + what);
}

// Photoshop's resources (photoshop.h): their IPTC (`with_iptc`: when exiv2 has not read it
// already) and their XMP, said where they are (`what`).
void read_irb(std::string_view irb, bool with_iptc, bool want_identity, const char* what, Parsed& p) {
  bool ok = true;
  const std::vector<IrbResource> resources = irb_resources(irb, ok);
  if (!ok) p.problems.push_back(std::string("Photoshop's resources are malformed") + what);
  Parsed inner;
  std::string iptc_bytes;  // several IPTC resources are read as one, as exiv2 does
  Exiv2::IptcData iptc;
  Exiv2::XmpData xmp;
  for (const IrbResource& r : resources) {
    if (r.id == kIrbIptc && with_iptc) iptc_bytes.append(irb.substr(r.offset, r.length));
    if (r.id == kIrbXmp && Exiv2::XmpParser::decode(xmp, std::string(irb.substr(r.offset, r.length))) != 0)
      inner.problems.push_back("the XMP in Photoshop's resources cannot be parsed");
  }
  if (!iptc_bytes.empty() &&
      Exiv2::IptcParser::decode(iptc, reinterpret_cast<const Exiv2::byte*>(iptc_bytes.data()), uint32_t(iptc_bytes.size())) != 0)
    inner.problems.push_back("the IPTC in Photoshop's resources cannot be parsed");
  read_xmp_location(xmp, inner.locations);
  read_iptc_location(iptc, inner.locations);
  if (want_identity) read_identity(Exiv2::ExifData(), xmp, iptc, inner.identities);
  add_inner(p, std::move(inner), what);
}

// ImageMagick's copy of a JPEG's Photoshop resources in a PNG ("Raw profile type 8bim").
void read_png_irb(std::string_view png, bool want_identity, Parsed& p) {
  static constexpr const char* kWhat = " (in Photoshop's resources, a PNG text chunk \"Raw profile type 8bim\")";
  for (const PngText& chunk : png_text_chunks(png, "Raw profile type 8bim")) {
    if (const auto irb = chunk.readable ? raw_profile_decode(chunk.text) : std::nullopt)
      read_irb(*irb, true, want_identity, kWhat, p);
    else
      p.problems.push_back(std::string("its raw profile cannot be read") + kWhat);
  }
}

bool is_matroska_or_avi(MediaType t) { return t == MediaType::mkv || t == MediaType::webm || t == MediaType::avi; }

// Reads the bytes of `bytes` or, when it is empty (an entry too big for memory, kept in a file),
// of `whole`.
bmff::ReadAt read_from(std::string_view bytes, const util::FileBytes* whole) {
  return !bytes.empty() || !whole ? bmff::read_bytes(bytes) : bmff::read_file(*whole, true);
}

std::string read_span(const bmff::ReadAt& read, Span s) {
  std::string out(s.length, '\0');
  out.resize(read(s.offset, out.data(), out.size()));
  return out;
}

// A Matroska/WebM file's location tags or an AVI's XMP (matroska_avi.h).
void read_matroska_avi(std::string_view bytes, MediaType type, bool want_identity, const util::FileBytes* whole,
                       Parsed& p) {
  constexpr size_t kMaxValue = 64 << 10, kMaxPacket = 16 << 20;  // metadata, never this big
  const bmff::ReadAt read = read_from(bytes, whole);
  const uint64_t size = bytes.empty() && whole ? whole->size() : bytes.size();
  const bool avi = type == MediaType::avi;
  const ContainerScan scan = avi ? scan_avi(read, size) : scan_matroska(read, size);
  if (!scan.complete) p.problems.push_back(avi ? "malformed RIFF chunk structure" : "malformed EBML element structure");
  for (const MatroskaTag& tag : scan.tags) {
    if (!is_location_tag(tag.name)) continue;
    std::string value = read_span(read, {tag.value.offset, std::min(tag.value.length, kMaxValue)});
    value.resize(std::min(value.size(), value.find('\0')));  // Matroska strings may be padded with zeros
    if (util::trim(value).empty()) continue;
    const auto point = bmff::parse_iso6709(value);
    const std::string evidence = point ? coords(point->lat, point->lon) : "place \"" + shorten(value) + "\"";
    // INTERFACE.md has no `where` for a Matroska tag: "quicktime" is the one it gives a video
    // container's own metadata (MP4/MOV boxes), which is what a Matroska tag is; exif, xmp and
    // iptc would name a block the file does not have.
    p.locations.push_back(location_finding("video_gps", evidence + " in the Matroska tag " + shorten(tag.name),
                                           "quicktime", point ? 1.0 : 0.8, point));
  }
  for (const Span& packet : scan.xmp_packets) {
    Exiv2::XmpData xmp;
    if (packet.length > kMaxPacket ||
        Exiv2::XmpParser::decode(xmp, read_span(read, packet)) != 0)
      p.problems.push_back("the AVI's XMP (_PMX) cannot be parsed");
    // As a QuickTime video's XMP: xmp_gps, where "xmp".
    read_xmp_location(xmp, p.locations);
    if (want_identity) read_identity(Exiv2::ExifData(), xmp, Exiv2::IptcData(), p.identities);
  }
}

void read_jpeg_trailer(std::string_view trailer, bool want_identity, Parsed& p) {
  bool complete = false;
  for (const TrailerPart& part : jpeg_trailer_parts(trailer, complete)) {
    const std::string_view bytes = trailer.substr(part.offset, part.size);
    if (part.kind == TrailerPart::Kind::video) {
      add_inner(p, parse(bytes, MediaType::mp4, want_identity, nullptr), " (in the video stored after the photo)");
    } else if (const auto head = jpeg_first_scan(bytes)) {
      add_inner(p, parse(bytes.substr(0, *head), MediaType::jpeg, want_identity, nullptr),
                " (in an image stored after the photo)");
    }
  }
}

// "1200 positions of a drone's flight (its subtitles, frame by frame; the first 48.858400,
// 2.294500)", then where the track is.
std::string subtitle_evidence(const bmff::VideoLocation& loc) {
  std::string s = std::to_string(loc.positions) + (loc.positions == 1 ? " position" : " positions") +
                  " of a drone's flight (its subtitles, frame by frame";
  if (loc.point) s += "; the first " + coords(loc.point->lat, loc.point->lon);
  return s + ")";
}

Parsed parse(std::string_view bytes, MediaType type, bool want_identity, const util::FileBytes* whole) {
  Parsed p;
  LogCapture log;
  try {
    if (is_video_container(type)) {
      std::string copy(bytes);  // scan_video without strip only reads
      // A video kept in a file is here as its skeleton: its media data is read from the file.
      const bmff::ReadAt from_file = read_from({}, whole);
      const bmff::VideoScan v = bmff::scan_video(copy, false, false, whole ? &from_file : nullptr);
      if (v.telemetry_unread) p.problems.push_back("its GoPro telemetry track cannot be read");
      if (v.subtitles_unread) p.problems.push_back("its subtitle track cannot be read");
      for (const auto& loc : v.locations) {
        std::string evidence = loc.in_media_data ? loc.text
                               : loc.positions   ? subtitle_evidence(loc)
                               : loc.point       ? coords(loc.point->lat, loc.point->lon)
                                                 : "place \"" + shorten(loc.text) + "\"";
        p.locations.push_back(location_finding("video_gps", evidence + " in " + loc.where, "quicktime",
                                               loc.point || loc.in_media_data ? 1.0 : 0.8, loc.point));
      }
      for (const std::string& packet : v.xmp_packets) {
        Exiv2::XmpData xmp;
        if (Exiv2::XmpParser::decode(xmp, packet) != 0) p.problems.push_back("XMP packet in the video cannot be parsed");
        read_xmp_location(xmp, p.locations);
        if (want_identity) read_identity(Exiv2::ExifData(), xmp, Exiv2::IptcData(), p.identities);
      }
      if (!v.complete) p.problems.push_back("malformed box structure");
    } else if (is_matroska_or_avi(type)) {
      read_matroska_avi(bytes, type, want_identity, whole, p);
    } else if (type == MediaType::heic || type == MediaType::avif) {
      // exiv2 0.27's BMFF reader misses the Exif of many HEIC files (seen with libheif's):
      // find the items ourselves and let exiv2 decode their contents.
      bool ok = true;
      Exiv2::ExifData exif;
      Exiv2::XmpData xmp;
      std::string_view tiff;
      for (const bmff::HeifItem& item : bmff::heif_metadata_items(bytes, ok)) {
        if (item.kind == bmff::HeifItem::Kind::xmp) {
          if (Exiv2::XmpParser::decode(xmp, std::string(bytes.substr(item.offset, item.length))) != 0)
            p.problems.push_back("the XMP item cannot be parsed");
          continue;
        }
        const size_t skip = item.length >= 4 ? size_t(bmff::read_be32(bytes, item.offset)) : item.length;
        if (skip + 4 > item.length) {
          p.problems.push_back("the Exif item is malformed");
          continue;
        }
        tiff = bytes.substr(item.offset + 4 + skip, item.length - 4 - skip);
        Exiv2::ExifParser::decode(exif, reinterpret_cast<const Exiv2::byte*>(tiff.data()), uint32_t(tiff.size()));
      }
      if (!ok) p.problems.push_back("the HEIF item structure is malformed");
      read_exif_location(exif, p.locations, tiff);
      read_xmp_location(xmp, p.locations);
      if (want_identity) read_identity(exif, xmp, Exiv2::IptcData(), p.identities);
      read_capture(exif, p.capture);
    } else if (type == MediaType::jpeg || type == MediaType::png || type == MediaType::webp ||
               type == MediaType::tiff || type == MediaType::gif || type == MediaType::bmp) {
      auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(bytes.data()), long(bytes.size()));
      if (image.get() == nullptr) throw Exiv2::Error(Exiv2::kerFileContainsUnknownImageType);
      image->readMetadata();
      read_exif_location(image->exifData(), p.locations, exif_block(bytes, type));
      read_xmp_location(image->xmpData(), p.locations);
      read_iptc_location(image->iptcData(), p.locations);
      if (want_identity) read_identity(image->exifData(), image->xmpData(), image->iptcData(), p.identities);
      read_capture(image->exifData(), p.capture);
      read_typed_text(image->exifData(), image->xmpData(), image->iptcData(), p.capture);
      // The Exif thumbnail is a JPEG with Exif of its own, which some taggers and editors fill.
      if (type != MediaType::tiff) {
        const Exiv2::DataBuf thumb = Exiv2::ExifThumbC(image->exifData()).copy();
        const std::string_view t(reinterpret_cast<const char*>(thumb.pData_), thumb.size_ > 0 ? size_t(thumb.size_) : 0);
        if (const auto head = t.starts_with("\xFF\xD8") ? jpeg_first_scan(t) : std::nullopt)
          add_inner(p, parse(t.substr(0, *head), MediaType::jpeg, want_identity, nullptr), " (in the Exif thumbnail)");
      }
      if (type == MediaType::jpeg) read_extra_jpeg_blocks(bytes, want_identity, p);
      // exiv2 reads the IPTC of a JPEG's Photoshop resources, not their XMP.
      if (type == MediaType::jpeg)
        if (const JpegIrb irb = jpeg_irb(bytes); !irb.bytes.empty())
          read_irb(irb.bytes, false, want_identity, " (in Photoshop's resources, APP13)", p);
      if (type == MediaType::png) read_png_irb(bytes, want_identity, p);
      if (const auto trailer = type == MediaType::jpeg ? trailing_data(bytes, type) : std::nullopt)
        read_jpeg_trailer(bytes.substr(trailer->offset), want_identity, p);
      if (const auto xmp_span = type == MediaType::gif ? gif_xmp_packet(bytes) : std::nullopt) {
        Exiv2::XmpData xmp;
        if (Exiv2::XmpParser::decode(xmp, std::string(bytes.substr(xmp_span->offset, xmp_span->length))) != 0)
          p.problems.push_back("the GIF's XMP cannot be parsed");
        read_xmp_location(xmp, p.locations);
        if (want_identity) read_identity(Exiv2::ExifData(), xmp, Exiv2::IptcData(), p.identities);
      }
    }
  } catch (const Exiv2::AnyError& e) {
    p.problems.push_back(util::to_valid_utf8(e.what()));
  } catch (const std::exception& e) {
    p.problems.push_back(util::to_valid_utf8(e.what()));
  }
  for (const std::string& m : log.messages()) p.problems.push_back(m);
  return p;
}

}  // namespace

void read_embedded_metadata(Item& item, const MetadataChecks& checks, const util::FileBytes* whole) {
  // A Matroska or AVI file too big for memory has no skeleton (large_entry.h): its tags are read
  // from the file.
  if ((item.bytes.empty() && !(whole && is_matroska_or_avi(item.type))) || item.kind == Kind::other) return;
  Parsed p = parse(item.bytes, item.type, checks.identity, whole);
  if (checks.location) item.findings.insert(item.findings.end(), p.locations.begin(), p.locations.end());
  if (checks.identity) item.findings.insert(item.findings.end(), p.identities.begin(), p.identities.end());
  item.capture = p.capture;
  if (!p.problems.empty()) {
    item.metadata_complete = false;
    std::string message = "metadata partly unreadable, so its location status is unknown: " + p.problems.front();
    if (p.problems.size() > 1) message += " (+" + std::to_string(p.problems.size() - 1) + " more)";
    item.errors.push_back({"metadata_damaged", message});
  }
}

std::vector<Finding> embedded_findings(std::string_view bytes, MediaType type, bool& complete,
                                       const util::FileBytes* whole, std::string* typed_text) {
  Parsed p = parse(bytes, type, true, whole);
  complete = p.problems.empty();
  if (typed_text) *typed_text = p.capture.text;
  p.locations.insert(p.locations.end(), p.identities.begin(), p.identities.end());
  return p.locations;
}

}  // namespace mediascan
