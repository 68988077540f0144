// The metadata stage: reads location and identity hidden in a photo's or video's embedded
// metadata (EXIF, XMP, IPTC, Photoshop's resources, QuickTime/MP4 boxes, Matroska tags, AVI's XMP)
// and strips it without touching a pixel.
//
// Thread-safety: call init_exiv2() (exiv2_env.h) once before any thread uses these; then
// every function is safe to call concurrently on distinct items.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/core/item.h"
#include "scanner/util/file_bytes.h"

namespace mediascan {

struct MetadataChecks {
  bool location = true;
  bool identity = true;
};

// Adds findings (location: exif_gps, xmp_gps, iptc_location, video_gps, makernote_gps;
// identity: identity:serial, identity:owner, identity:unique_id, identity:software) and fills
// item.capture. A damaged metadata block adds a "metadata_damaged" error and clears
// item.metadata_complete: the location status of that item is unknown, never "clean".
// `whole`: the entry's file when `item.bytes` is the skeleton of a video kept in it (LargeEntry).
void read_embedded_metadata(Item& item, const MetadataChecks& checks, const util::FileBytes* whole = nullptr);

// The location and identity findings embedded metadata of `bytes` carries; used to verify a
// cleaned file. Sets `complete` to false when the metadata could not be read without warnings,
// and `typed_text`, when given, to the text typed into it (Capture::text).
std::vector<Finding> embedded_findings(std::string_view bytes, MediaType type, bool& complete,
                                       const util::FileBytes* whole = nullptr, std::string* typed_text = nullptr);

// Whether an exiv2 EXIF tag of group `group` is a location a camera keeps in its maker note:
// GPS, latitude and longitude tags of any maker, and place names (Panasonic's Country, State,
// City, City2, Landmark and Location, a Lumix with GPS; Samsung's LocationName). Never a tag of
// the standard IFDs (Image, Photo, Iop, Thumbnail, GPSInfo).
bool is_makernote_location(const std::string& group, const std::string& tag);

// Whether an exiv2 XMP key names a place: photoshop:City/State/Country, Iptc4xmpCore:Location/
// CountryCode, Iptc4xmpExt:LocationShown/LocationCreated (and their fields), xmpDM:shotLocation
// (Adobe's, text or a struct) and exif:GPSAreaInformation (the name of a place, beside or
// instead of the coordinates).
bool is_xmp_place(const std::string& key);

enum class StripMode { location, all };

// Bytes of a file to overwrite, at `offset`, with as many.
struct Overwrite {
  uint64_t offset = 0;
  std::string bytes;
};

struct StripResult {
  bool changed = false;            // `bytes` holds the cleaned file, or its head (`tail_from`)
  std::string bytes;
  // When set, the cleaned file is `bytes` followed by the original from this offset on: a
  // JPEG's scans, most of the file and never rewritten, are not copied.
  std::optional<size_t> tail_from;
  // The media data of a video kept in a file (strip_embedded's `whole`) to overwrite as well:
  // the positions of its subtitle track, zeroed.
  std::vector<Overwrite> overwrites;
  // The file could not be cleaned, or not all of it: what `bytes` and `overwrites` hold, if
  // anything, is still cleaner than the original.
  std::optional<ItemError> error;

  // The whole cleaned file of `original` (REQUIRES: changed).
  std::string whole(std::string_view original) const;
};

struct FileStripResult {
  std::vector<Overwrite> overwrites;  // empty: nothing to remove
  std::optional<ItemError> error;     // the file could not be cleaned
};

// What strip_embedded removes from a Matroska/WebM or AVI file too big for memory (kept in
// `file`, LargeEntry), as overwrites of its values in place: the file is never read whole. Other
// types: nothing. Throws util::ReadError when the file cannot be read.
FileStripResult strip_embedded_in_file(const util::FileBytes& file, MediaType type, StripMode mode);

// Removes location (or, with StripMode::all, all metadata but orientation and colour profile)
// from a photo or video. Pixels and media data are never re-encoded: JPEG, PNG, WebP and TIFF
// are rewritten by exiv2, HEIC/AVIF, MP4/MOV, Matroska/WebM and AVI are patched in place (an
// MP4's subtitle track too: the positions a drone writes in it are zeroed digit by digit).
// `whole`: the file when `bytes` is the skeleton of an MP4/MOV kept in it (LargeEntry); what its
// media data needs changed is then in `overwrites`.
StripResult strip_embedded(std::string_view bytes, MediaType type, StripMode mode,
                           const util::FileBytes* whole = nullptr);

}  // namespace mediascan
