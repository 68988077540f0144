// Core data model shared by every stage (see ../shared/DESIGN.md, "Core types").
//
// Thread-safety: plain values. An Item is owned by exactly one pipeline token at a time; a stage
// may read and add to the item it holds and must not keep references to it after returning.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "scanner/core/media_type.h"
#include "scanner/util/spill_file.h"

namespace mediascan {

enum class Category { location, identity, people, nightlife, alcohol, explicit_content, document, text };
std::string_view to_string(Category c);

struct GeoPoint {
  double lat = 0;
  double lon = 0;
  bool operator==(const GeoPoint&) const = default;
};

// A location a sidecar file gives for a media item.
struct SidecarGeo {
  GeoPoint point;
  std::string sidecar;  // path of the sidecar inside the export
  std::string field;    // e.g. "geoData", "exif_data[0]", "place.coordinate"
  bool operator==(const SidecarGeo&) const = default;
};

// What the export says about a media item beyond its bytes, joined from sidecar files.
struct Context {
  std::string caption;
  std::string title;
  std::string album;
  std::string taken;     // ISO-8601 UTC, empty when unknown
  std::string uploaded;  // ISO-8601 UTC, empty when unknown
  std::string place;     // a place name (check-in), not coordinates
  std::string upload_ip;
  std::vector<std::string> people;
  std::vector<SidecarGeo> geo;
  std::vector<std::string> sidecars;  // paths of the sidecar files joined to this item
  std::string platform_url;           // where the platform shows it (from the export), if known
  // For a text item (a post, comment or tweet with no photo): what it is, "post", "comment",
  // "group_post", "group_comment", "tweet", "retweet", "share", "album" (an album's description),
  // "check_in" (a check-in with neither text nor photo: its title, or its place's name), or
  // "location_record" (a file of location
  // that belongs to no photo or post), "posted_locations" (the location a sidecar keeps for
  // photos and videos not in the export); its text is in `caption`. Empty otherwise.
  std::string text_kind;

  bool empty() const;
  // Fills what this context lacks from `other` and unions the lists; first non-empty value wins.
  void merge(const Context& other);
  bool operator==(const Context&) const = default;
};

// Merges contexts one after another as Context::merge does, in time linear in what they hold.
// Context::merge goes over the whole context it merges into: fine for the few records that name
// a photo, quadratic for the hundreds of thousands a hostile posts file can.
class ContextMerger {
 public:
  void add(const Context& other);
  // What was merged so far; the merger starts anew.
  Context take();

 private:
  Context merged_;
  std::unordered_set<std::string> people_, sidecars_, geo_;  // geo_: sidecar's size, ':', sidecar, field
};

struct Finding {
  Category category = Category::location;
  std::string signal;    // e.g. "sidecar_geo", "exif_gps", "face"
  double confidence = 1.0;
  std::string evidence;  // human-readable
  std::optional<std::array<int, 4>> box;  // x, y, width, height in image pixels
  bool fixed = false;    // true only when the cleaned export no longer carries it
  std::string where;     // "exif", "xmp", "sidecar:path.json", "pixels", ...
  std::optional<GeoPoint> point;  // the coordinates a location finding gives
  bool operator==(const Finding&) const = default;
};

struct ItemError {
  std::string code;     // stable machine code, e.g. "encrypted", "unknown_format"
  std::string message;  // for a person
  bool operator==(const ItemError&) const = default;
};

// How and when a photo was taken, from its embedded metadata (cues for the night-out checks).
struct Capture {
  std::string local_time;  // camera clock, "2019-05-12T23:48:00"; empty when unknown
  std::string utc_offset;  // "+02:00" when the file records it
  std::optional<bool> flash_fired;
  std::optional<long> iso;
  int orientation = 1;     // EXIF orientation, 1..8
  std::string make, model;
  // Text a person or an app typed into the file (a title, description, comment or keywords from
  // Exif, IPTC or XMP), one value a line; checked like a caption. `text_where` is the first
  // value's store: "exif", "iptc" or "xmp" (a finding's `where`).
  std::string text;
  std::string text_where;
  bool operator==(const Capture&) const = default;
};

enum class Level { ok, low, medium, high };
enum class Action { ok, fixed, restrict, remove };
std::string_view to_string(Level l);
std::string_view to_string(Action a);

struct Item;

// The error of an item that says part of it was never read or checked: its metadata could not be
// read completely (so "no location found" means "unknown"), or the entry itself was refused or
// could not be read (encrypted, too large, damaged, a duplicate), or its pixels could not be
// decoded for the face and scene checks. nullptr when it was checked.
const ItemError* unchecked_part(const Item& item);

// One entry of the export on its way through the pipeline.
struct Item {
  // Identity: set by ingest, constant afterwards.
  std::string path;    // path inside the export as the archive names it (nested: outer.zip/inner/x)
  std::string source;  // the SOURCE argument (part) the entry came from
  Kind kind = Kind::other;
  MediaType type = MediaType::unknown;
  uint64_t size = 0;   // bytes actually read
  std::string bytes;   // entry contents; released by the last stage that needs them
  Context context;
  Capture capture;
  // False when the embedded metadata could not be read completely: then "no location found"
  // means "unknown", never "clean".
  bool metadata_complete = true;

  // Pixels: set by the vision stage.
  int width = 0, height = 0;     // full size as the file declares it (0 when not decoded)
  std::string thumbnail_jpeg;    // small re-encoded preview for the report, empty if none
  // Where the pipeline's writer set the preview aside (RunResult::previews); then
  // thumbnail_jpeg is empty.
  std::optional<util::SpillFile::Ref> thumbnail_spilled;
  std::optional<uint64_t> phash; // perceptual hash, to group re-encoded copies

  // Results: added by the analysis stages and the assessment.
  std::string sha256;
  std::vector<Finding> findings;
  std::vector<ItemError> errors;
  double score = 0;
  Level level = Level::ok;
  Action action = Action::ok;
  std::string reason;  // one line for a person
  bool operator==(const Item&) const = default;
};

}  // namespace mediascan
