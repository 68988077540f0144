// Inputs the libFuzzer targets (tests/fuzz/) found, kept under tests/fuzz/regressions/<target>/.
// Every saved input is replayed through the functions its target calls (under CI's ASan/UBSan
// build a crash or leak fails here too), and each bug gets a test named after what it was.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "scanner/core/item.h"
#include "scanner/core/media_type.h"
#include "scanner/ingest/entry_fetcher.h"
#include "scanner/ingest/export_reader.h"
#include "scanner/ingest/ingest.h"
#include "scanner/ingest/sidecars.h"
#include "scanner/metadata/exiv2_env.h"
#include "scanner/metadata/gps_text.h"
#include "scanner/metadata/metadata.h"
#include "scanner/metadata/sidecar_clean.h"
#include "tests/unit/bytes_in_file.h"
#include "scanner/text/lexicon.h"
#include "scanner/text/personal_data.h"
#include "scanner/text/text_check.h"
#include "tests/fuzz/sidecar_names.h"

namespace mediascan {
namespace {

namespace fs = std::filesystem;

fs::path regressions(const std::string& target) {
  return fs::path(__FILE__).parent_path().parent_path() / "fuzz" / "regressions" / target;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The saved inputs of one target, sorted by name: (file name, bytes).
std::vector<std::pair<std::string, std::string>> inputs(const std::string& target) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!fs::is_directory(regressions(target))) return out;
  for (const auto& e : fs::directory_iterator(regressions(target)))
    if (e.is_regular_file()) out.emplace_back(e.path().filename().string(), read_file(e.path()));
  std::sort(out.begin(), out.end());
  return out;
}

// Replays: what each fuzzer does with an input (tests/fuzz/*_fuzzer.cc), without its checks.

TEST(FuzzRegression, ArchiveInputsReplay) {
  Limits limits;
  limits.max_entry_bytes = 256 << 10;
  limits.max_total_bytes = 1 << 20;
  limits.max_entries = 256;
  limits.max_sidecar_bytes = 64 << 10;
  limits.ratio_floor_bytes = 64 << 10;
  const fs::path file = fs::temp_directory_path() / ("fuzz_regression_" + std::to_string(::getpid()));
  for (const auto& [name, bytes] : inputs("archive")) {
    SCOPED_TRACE(name);
    std::ofstream(file, std::ios::binary) << bytes;
    ExportReader reader({file.string()}, limits, /*structure=*/true);
    EntryFetcher fetcher(limits);
    while (auto e = reader.next([](const std::string&, MediaType) { return Want::all_deferrable; }))
      if (e->deferred) fetcher.fetch(*e);
    index_export({file.string()}, limits);
  }
  fs::remove(file);
}

TEST(FuzzRegression, MetadataInputsReplay) {
  init_exiv2();
  for (const auto& [name, bytes] : inputs("metadata")) {
    SCOPED_TRACE(name);
    const MediaType type = detect_media_type(std::string_view(bytes).substr(0, kMagicBytes));
    Item item;
    item.bytes = bytes;
    item.type = type;
    item.kind = kind_of(type);
    read_embedded_metadata(item, MetadataChecks{});
    bool complete = true;
    embedded_findings(bytes, type, complete);
    for (StripMode mode : {StripMode::location, StripMode::all}) {
      const StripResult r = strip_embedded(bytes, type, mode);
      if (r.changed) embedded_findings(r.whole(bytes), type, complete);
    }
    for (const TrackText kind : {TrackText::subtitles, TrackText::xml, TrackText::geojson}) {  // as a track file
      std::string cleaned = bytes;
      if (clean_track_in_place(cleaned, kind) > 0) {
        const TextPositions left = find_positions(cleaned, kind);
        EXPECT_EQ(left.positions + left.addresses, 0);
      } else {
        EXPECT_EQ(cleaned, bytes);
      }
    }
  }
}

TEST(FuzzRegression, SidecarInputsReplay) {
  for (const auto& [name, bytes] : inputs("sidecar")) {
    SCOPED_TRACE(name);
    if (bytes.empty()) continue;
    // As in the fuzzer: the first byte picks the sidecar's name, the rest is its content.
    const std::string_view content = std::string_view(bytes).substr(1);
    SidecarIndex idx;
    idx.add(fuzz::sidecar_name(static_cast<uint8_t>(bytes[0])), content);
    join_sidecars({}, idx);
    const SidecarClean copy = clean_sidecar(content);
    std::string in_place(content);
    EXPECT_EQ(clean_sidecar_in_place(in_place).fields, copy.fields);
    EXPECT_EQ(in_place, copy.fields > 0 ? copy.text : std::string(content));
    // Kept in a file (a big sidecar): cleaned, and an X file read, as the text is.
    const test::BytesInFile in_file(content);
    const util::FileBytes file = in_file.bytes();
    std::string streamed;
    const util::Chunks out = [&](std::string_view piece) { streamed.append(piece); };
    const SidecarClean stream = clean_sidecar_stream(file, &out);
    EXPECT_EQ(stream.fields, copy.fields);
    EXPECT_EQ(stream.error.has_value(), copy.error.has_value());
    if (copy.fields > 0) {
      EXPECT_EQ(streamed, copy.text);
    }
    const std::string path = fuzz::sidecar_name(static_cast<uint8_t>(bytes[0]));
    if (SidecarIndex from_file; from_file.add(path, file, 1 << 20)) {
      EXPECT_EQ(from_file.evidence, idx.evidence);
      EXPECT_EQ(from_file.tweets.size(), idx.tweets.size());
      EXPECT_EQ(from_file.posts.size(), idx.posts.size());
    }
  }
}

TEST(FuzzRegression, TextInputsReplay) {
  const text::Lexicon lexicon = text::Lexicon::builtin();
  for (const auto& [name, bytes] : inputs("text")) {
    SCOPED_TRACE(name);
    text::check_text(lexicon, bytes, "caption");
    for (const text::PersonalData& p : text::find_personal_data(bytes)) EXPECT_LE(p.end, bytes.size());
  }
}

// Bugs, one test each.

// fuzz_metadata, regressions/metadata/strip_all_empties_damaged_tiff.tif (16 bytes: a TIFF header
// whose first IFD offset points back into the header). With StripMode::all, strip_with_exiv2
// reports the file as changed but exiv2's rewrite of the damaged TIFF is empty, so `--clean
// --strip all` wrote a 0-byte file in its place, with no error. A cleaning that cannot produce
// the same kind of file must fail (not_cleaned) and leave the original to the writer.
TEST(FuzzRegression, StripNeverEmptiesADamagedTiff) {
  init_exiv2();
  const std::string bytes = read_file(regressions("metadata") / "strip_all_empties_damaged_tiff.tif");
  ASSERT_EQ(detect_media_type(bytes), MediaType::tiff);
  for (StripMode mode : {StripMode::location, StripMode::all}) {
    const StripResult r = strip_embedded(bytes, MediaType::tiff, mode);
    if (r.changed) {
      EXPECT_FALSE(r.bytes.empty());
      EXPECT_EQ(detect_media_type(r.bytes), MediaType::tiff);
    }
  }
}

// fuzz_sidecar (UBSan: "1.44444e+19 is outside the range of representable values of type
// 'long'" at scanner/ingest/meta.cc time_at), regressions/sidecar/meta_timestamp_out_of_range: a
// Facebook "timestamp" beyond int64_t was cast to int64_t, which is undefined (x86 gives
// INT64_MIN, which iso8601_utc turns down). A timestamp no clock reaches is no time. This test
// passes on x86 today; only clang's UBSan (scripts/fuzz.sh, which replays this input) sees the
// undefined cast itself until time_at checks the range.
TEST(FuzzRegression, MetaTimestampOutOfRangeIsNoTime) {
  for (const char* stamp : {"14444444444444446465", "-1e300", "\"nan\""}) {
    SidecarIndex idx;
    idx.add("your_facebook_activity/posts/your_posts_1.json",
            std::string(R"([{"timestamp": )") + stamp + R"(, "data": [{"post": "hi"}]}])");
    ASSERT_EQ(idx.posts.size(), 1u) << stamp;
    EXPECT_EQ(idx.posts[0].context.taken, "") << stamp;
    EXPECT_EQ(idx.posts[0].context.uploaded, "") << stamp;
  }
}

// fuzz_metadata ("a cleaned track file still holds a position or address"), regressions/metadata/
// geojson_invalid_keeps_positions.geojson: a GeoJSON that is no valid JSON ('{"addString",
// "coordinates": [[2.2945, 48.8584, 80], ...]}'). Its positions were found, but the JSON cleaner
// refused the file, so the cleaned export kept them (and said so: the finding stayed open). Now
// its coordinates are zeroed where they stand; what else it holds (an address in a broken
// "properties") cannot be told, so it is still never verified clean.
TEST(FuzzRegression, AnInvalidGeoJsonHasItsCoordinatesZeroed) {
  const std::string bytes = read_file(regressions("metadata") / "geojson_invalid_keeps_positions.geojson");
  ASSERT_GT(find_positions(bytes, TrackText::geojson).positions, 0);
  std::string cleaned = bytes;
  EXPECT_EQ(clean_track_in_place(cleaned, TrackText::geojson), 2);
  EXPECT_EQ(cleaned.size(), bytes.size());
  EXPECT_NE(cleaned.find("[[0.0000, 00.0000, 00], [-0.00, 00.0]]"), std::string::npos) << cleaned;
  EXPECT_EQ(find_positions(cleaned, TrackText::geojson).positions, 0);
  EXPECT_TRUE(track_positions_left(cleaned, TrackText::geojson));
}

// fuzz_metadata in CI ("a track file without positions changed"), regressions/metadata/
// geojson_invalid_half_position.geojson: an invalid GeoJSON whose only coordinate has no partner.
// The clean zeroed its digits yet said it changed nothing, so the cleaned zip would have kept
// the entry's old CRC for its new bytes. A file without a whole position stays byte for byte.
TEST(FuzzRegression, AnInvalidGeoJsonWithoutAPositionIsLeftAlone) {
  const std::string bytes = read_file(regressions("metadata") / "geojson_invalid_half_position.geojson");
  std::string cleaned = bytes;
  EXPECT_EQ(clean_track_in_place(cleaned, TrackText::geojson), 0);
  EXPECT_EQ(cleaned, bytes);
}

// fuzz_metadata ("fuzz target overwrites its const input"), regressions/metadata/
// strip_writes_into_its_input.tif (a damaged TIFF with a GPS IFD). strip_with_exiv2 opens exiv2 on
// the caller's bytes without a copy (ImageFactory::open(const byte*, long) wraps them in a MemIo),
// and TiffImage::writeMetadata's non-intrusive encoding zeroes the removed values in place: the
// `std::string_view bytes` (the item's original bytes) is written through, in StripMode::location.
// DISABLED_ until scanner/metadata/strip.cc gives exiv2 a copy.
TEST(FuzzRegression, StripNeverWritesIntoItsInput) {
  init_exiv2();
  const std::string original = read_file(regressions("metadata") / "strip_writes_into_its_input.tif");
  ASSERT_EQ(detect_media_type(original), MediaType::tiff);
  for (StripMode mode : {StripMode::location, StripMode::all}) {
    std::string bytes = original;
    strip_embedded(bytes, MediaType::tiff, mode);
    EXPECT_EQ(bytes, original);
  }
}

}  // namespace
}  // namespace mediascan
