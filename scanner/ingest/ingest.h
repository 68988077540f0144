// The ingest stage's entry points: index an export (first pass: names, media types, sidecar
// context, layout) and stream its entries (second pass, see export_reader.h).
//
// Two passes because a sidecar may come after its photo, or sit in another part of a split
// export; reading the small sidecars first keeps memory flat without buffering any photo.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <unordered_set>
#include <unordered_map>
#include <vector>

#include "scanner/core/item.h"
#include "scanner/core/item_store.h"
#include "scanner/ingest/limits.h"
#include "scanner/ingest/sidecars.h"

namespace mediascan {

struct IndexedEntry {
  std::string source;
  std::string path;
  MediaType type = MediaType::unknown;
  uint64_t size = 0;  // bytes read in the first pass; the whole size only for sidecars
};

struct PathError {
  std::string source;
  std::string path;
  ItemError error;
};

struct ExportIndex {
  std::string layout;                 // facebook, instagram, google_takeout, ..., generic
  std::vector<IndexedEntry> entries;  // entries read without error, in export order
  std::vector<PathError> entry_errors;
  std::vector<PathError> sidecar_errors;
  std::vector<PathError> export_errors;  // about the export as a whole (html_export)
  ContextStore contexts;              // media path -> joined context, on disk
  PostStore posts;                    // texts that are not a caption of a media item here, on disk
  size_t readable_sources = 0;
};

ExportIndex index_export(const std::vector<std::string>& sources, const Limits& limits);

// Joins sidecar context to the media paths among `entries` (join.cc), writing each path's
// context to disk as it is joined. A media record whose URI names too many files to be joined
// is reported in `errors` (code vague_media_uri, one error per sidecar file). Throws
// std::runtime_error when the temporary file cannot be written.
// `unjoined`, when given, gets the records that reached none: their photo or video is not in the
// export (a post downloaded without its media, a memory never saved), and what they say, a
// caption or where it was, would otherwise be reported nowhere.
struct Unjoined {
  std::vector<size_t> meta;   // indices into SidecarIndex::meta
  std::vector<size_t> snaps;  // indices into SidecarIndex::snaps
};
ContextStore join_sidecars(const std::vector<IndexedEntry>& entries, const SidecarIndex& sidecars,
                           std::vector<PathError>* errors = nullptr, Unjoined* unjoined = nullptr);

// Which posts are the caption of a media item among `entries` (join.cc): their text reached the
// item's context and is checked with it, not as an item of its own.
//
// Thread-safety: constant after construction; refers to `entries`, which must outlive it.
class CaptionFinder {
 public:
  explicit CaptionFinder(const std::vector<IndexedEntry>& entries);
  ~CaptionFinder();
  bool is_caption(const TextPost& post) const;

 private:
  struct Index;
  std::unique_ptr<Index> index_;
};

// The path a text item is reported under: the file plus where in it ("posts_1.json#/3").
std::string text_item_path(const TextPost& post);

// Names the layout from entry paths and what the sidecar parsers understood (layout.cc).
std::string detect_layout(const std::vector<IndexedEntry>& entries, const SidecarIndex& sidecars);
// Whether `fragment` occurs in `path` at the start of a path component ("posts/" in
// "a/posts/x.json", not in "a/myposts/x.json").
bool has_component_prefix(std::string_view path, std::string_view fragment);

// The text_kind of an item standing for a sidecar file whose location belongs to no photo or
// post (a location history, a profile's home town, a CSV's address): its caption says how many
// values the file holds, its finding (sidecar_location) that they are there.
inline constexpr std::string_view kLocationRecord = "location_record";
// The text_kind of an item standing for the location values a sidecar keeps for photos and videos
// that are not in the export (a post downloaded without its media, memories never saved): the
// platform still keeps them with the posts, so its finding is a sidecar_geo (without a point).
inline constexpr std::string_view kPostedLocations = "posted_locations";
inline bool is_location_record(const Context& c) {
  return c.text_kind == kLocationRecord || c.text_kind == kPostedLocations;
}

// The location findings a joined context carries (category location, signal sidecar_geo; a
// place named without coordinates, sidecar_place; for a location record, sidecar_location).
std::vector<Finding> sidecar_findings(const Context& context);

}  // namespace mediascan
