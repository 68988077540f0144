// ISO base media file format (MP4, MOV, 3GP, HEIF/HEIC, AVIF): just enough box parsing to find
// where location hides and to patch it in place, so no offset in stco/co64/iloc ever moves.
// exiv2 0.27 cannot write these containers; this is the hand-written part.
//
// Thread-safety: pure functions over the caller's buffer.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/core/item.h"
#include "scanner/util/file_bytes.h"

namespace mediascan::bmff {

struct Box {
  uint32_t type = 0;
  size_t start = 0;   // offset of the box header in the buffer
  size_t header = 0;  // header length (8, 16, +16 for uuid)
  size_t size = 0;    // whole box, header included
  size_t payload() const { return start + header; }
  size_t end() const { return start + size; }
};

constexpr uint32_t fourcc(const char (&s)[5]) {
  return uint32_t(uint8_t(s[0])) << 24 | uint32_t(uint8_t(s[1])) << 16 |
         uint32_t(uint8_t(s[2])) << 8 | uint32_t(uint8_t(s[3]));
}

// Big-endian 32-bit value at `at` (REQUIRES: at + 4 <= data.size()).
uint32_t read_be32(std::string_view data, size_t at);

// The boxes in data[begin, end). Sets `ok` to false (and stops) at a box that does not fit.
std::vector<Box> children(std::string_view data, size_t begin, size_t end, bool& ok);

// "+52.3700+004.8900+010.000/" (ISO 6709, decimal degrees or degrees-minutes-seconds).
std::optional<GeoPoint> parse_iso6709(std::string_view s);

// A location stored in a video's metadata boxes.
struct VideoLocation {
  std::optional<GeoPoint> point;  // nullopt for a place name without coordinates
  std::string where;              // box path, e.g. "moov/udta/©xyz"
  std::string text;               // what it says, for the evidence
  // A GPS track in the media data (a GoPro's GPMF `gpmd` samples): found by its sample
  // description, neither read nor removed (that would mean rewriting the media data).
  bool in_media_data = false;
  // How many positions a subtitle track's samples give (a DJI drone's flight data, a line a
  // frame; `point` is the first): read, and zeroed in place by `strip`.
  int positions = 0;
};

// Bytes of the file to overwrite at `offset` with as many: media data the scan does not hold.
struct MediaPatch {
  uint64_t offset = 0;
  std::string bytes;
};

struct VideoScan {
  std::vector<VideoLocation> locations;
  std::vector<std::string> xmp_packets;  // XMP found in udta/XMP_ or the XMP uuid box
  bool complete = true;                  // false when a box was malformed
  bool telemetry_unread = false;         // a GoPro telemetry track's samples could not be read
  bool subtitles_unread = false;         // a subtitle track's samples could not all be read
  // With `strip`, when the samples were read through `media`: the subtitle samples whose
  // positions were zeroed, to overwrite in the file (with no `media`, `data` itself is patched).
  std::vector<MediaPatch> media_patches;
};

// Reads up to `n` bytes of the whole file at `offset` (the offsets its sample tables give) into
// `buf`: how many it read, fewer at the end of the file, 0 when it cannot.
using ReadAt = std::function<size_t(uint64_t offset, char* buf, size_t n)>;
// Reads `bytes` as a file (they must outlive the reader).
ReadAt read_bytes(std::string_view bytes);
// Reads `file` (which must outlive the reader). A util::ReadError goes to the caller (a strip
// that cannot read its file cleans nothing), or, when `lenient`, reads as the file's end (a scan
// reports what it could read, and says the structure was cut short).
ReadAt read_file(const util::FileBytes& file, bool lenient);

// Finds every location in a video. With `strip`, also removes them in place: ©xyz and loci
// boxes and location items of meta/ilst become `free` boxes of the same size, XMP location
// values are blanked (or, with `empty_xmp`, for --strip all, whole XMP packets emptied and
// every udta and meta box made `free`: titles, artists, comments, make, model). Sizes and offsets
// never change. A GoPro telemetry track counts when its first samples hold GPS records; a
// subtitle track (tx3g, text) when its samples give positions (gps_text.h), which `strip`
// zeroes digit by digit. Samples are read from `data` itself, or through `media` when `data` is
// a skeleton (LargeEntry).
VideoScan scan_video(std::string& data, bool strip, bool empty_xmp = false, const ReadAt* media = nullptr);

// Overwrites an XMP packet in place with an empty, well-formed one padded with spaces.
void empty_xmp_packet(char* packet, size_t size);

// A metadata item of a HEIF/AVIF file, located through meta/iinf and meta/iloc.
struct HeifItem {
  enum class Kind { exif, xmp } kind;
  size_t offset = 0;        // first byte of the item in the file
  size_t length = 0;
  size_t length_field = 0;  // where iloc stores the extent length (to shorten it), 0 if none
  int length_size = 0;      // bytes of that field: 4 or 8
};

// The Exif and XMP items of a HEIF file with one extent each in the file itself. `ok` is false
// when the structure cannot be trusted (then nothing must be patched).
std::vector<HeifItem> heif_metadata_items(std::string_view data, bool& ok);

// Rewrites the extent length iloc records for `item` (same field width, so nothing moves).
void set_heif_length(std::string& data, const HeifItem& item, size_t length);

// Blanks, in place, the values of XMP properties that give a location (exif:GPS*,
// photoshop:City/State/Country, Iptc4xmpCore:Location/CountryCode, Iptc4xmpExt:LocationShown/
// LocationCreated, xmpDM:shotLocation), known by their namespace whatever prefix the packet
// binds it to, and of any property whose name says it is one (is_location_xmp_name).
// Returns how many values were blanked.
int blank_xmp_location(char* packet, size_t size);

// Whether the local name of an XMP property (without its prefix) names a position, whatever
// the vendor namespace it is in: DJI drones write drone-dji:GpsLatitude, GpsLongitude (or
// GpsLongtitude) and AbsoluteAltitude beside the Exif GPS; others write Camera:GPSLatitude.
bool is_location_xmp_name(std::string_view local);
// Whether it names a latitude (a longitude): a vendor's coordinate to report.
bool is_latitude_xmp_name(std::string_view local);
bool is_longitude_xmp_name(std::string_view local);

}  // namespace mediascan::bmff
