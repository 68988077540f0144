// Fuzzes the metadata reader and stripper: the input is a photo or video whose type is detected
// from its bytes, as the pipeline does. It is read (read_embedded_metadata, embedded_findings),
// stripped in both modes, and every stripped output is read again the way the pipeline verifies
// a cleaned file. A video is also read the way a big one is (LargeEntry: its top-level boxes
// from a file, big media data boxes left there), which must give back its bytes exactly, before
// and after its skeleton is stripped in place. Every input is also cleaned as each kind of
// track file (a drone's subtitles, GPX/KML, GeoJSON), which must then hold nothing to find.
//
// exiv2 (a system library) is not instrumented: coverage guides through mediascan's own code
// (the ISO-BMFF walker, PNG/HEIC/video patching, the readers around exiv2). ASan still sees
// exiv2's allocations, so leaks and bad frees inside it are reported.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "scanner/core/item.h"
#include "scanner/core/large_entry.h"
#include "scanner/core/media_type.h"
#include "scanner/metadata/exiv2_env.h"
#include "scanner/metadata/gps_text.h"
#include "scanner/metadata/metadata.h"
#include "scanner/metadata/sidecar_clean.h"
#include "scanner/util/spill_file.h"

namespace {

using namespace mediascan;

void reread(const StripResult& r, std::string_view original, MediaType type) {
  if (!r.changed) return;
  const std::string cleaned = r.whole(original);
  // A stripped file is still the same kind of file: the cleaned export keeps its name.
  if (const MediaType after = detect_media_type(cleaned); after != type) {
    std::fprintf(stderr, "fuzz_metadata: stripping turned a %s into a %s\n", std::string(to_string(type)).c_str(),
                 std::string(to_string(after)).c_str());
    std::abort();
  }
  bool complete = true;
  (void)embedded_findings(cleaned, type, complete);
  Item item;
  item.bytes = cleaned;
  item.type = type;
  item.kind = kind_of(type);
  read_embedded_metadata(item, MetadataChecks{});
}

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "fuzz_metadata: %s\n", what);
  std::abort();
}

void as_large(std::string_view bytes, MediaType type) {
  static util::SpillFile spill;  // one temporary file, grown by every input
  const util::SpillFile::Ref ref = spill.put(bytes);
  std::shared_ptr<const void> none;
  LargeEntry large(util::FileBytes(none, spill.fd(), ref.offset, ref.size, "fuzz input"), type);
  auto whole = [&] {
    std::string out;
    large.for_each_chunk([&](std::string_view piece) { out += piece; });
    return out;
  };
  if (large.size() != bytes.size() || whole() != bytes) fail("a big video does not give back its bytes");
  const StripResult r = strip_embedded(large.skeleton, type, StripMode::location);
  if (!r.changed || r.whole(large.skeleton).size() != large.skeleton.size()) return;
  large.skeleton = r.whole(large.skeleton);
  if (whole().size() != bytes.size()) fail("stripping a big video's skeleton changed its size");
}

// The input as a track file (a drone's subtitles, GPX/KML, GeoJSON), cleaned as the pipeline
// cleans one, and its promises: positions and addresses zeroed or blanked where they stand (no
// size moves, but for a valid GeoJSON, whose numbers become 0), nothing left for the
// verification (a GeoJSON that is no valid JSON: no position left, and never said clean).
void clean_track(std::string_view bytes, TrackText kind) {
  std::string cleaned(bytes);
  const int found = clean_track_in_place(cleaned, kind);
  if (found == 0 && cleaned != bytes) fail("a track file without positions changed");
  const bool json = kind == TrackText::geojson && !clean_sidecar(bytes).error;
  if (!json && cleaned.size() != bytes.size()) fail("a cleaned track file changed size");
  if (found == 0) return;
  const TextPositions left = find_positions(cleaned, kind);
  if (left.positions + left.addresses > 0) fail("a cleaned track file still holds a position or address");
  if (track_positions_left(cleaned, kind) != (kind == TrackText::geojson && !json))
    fail("the verification misjudges a cleaned track file");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  init_exiv2();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const TrackText kind : {TrackText::subtitles, TrackText::xml, TrackText::geojson}) clean_track(bytes, kind);
  const MediaType type = detect_media_type(bytes.substr(0, kMagicBytes));
  if (kind_of(type) != Kind::image && kind_of(type) != Kind::video) return 0;

  Item item;
  item.bytes.assign(bytes);
  item.type = type;
  item.kind = kind_of(type);
  read_embedded_metadata(item, MetadataChecks{});
  (void)looks_truncated(bytes, type);

  bool complete = true;
  (void)embedded_findings(bytes, type, complete);

  reread(strip_embedded(bytes, type, StripMode::location), bytes, type);
  reread(strip_embedded(bytes, type, StripMode::all), bytes, type);
  if (kind_of(type) == Kind::video) as_large(bytes, type);
  return 0;
}
