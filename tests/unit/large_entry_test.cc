// Entries too big to hold in memory: read in pieces from a file (util::FileBytes), an MP4's
// metadata boxes in memory and its media data left in the file (LargeEntry), and the readers
// that hand such entries over in a file instead of a string.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <random>

#include "scanner/core/large_entry.h"
#include "scanner/ingest/entry_fetcher.h"
#include "scanner/ingest/export_reader.h"
#include "scanner/util/spill_file.h"
#include "tests/unit/archive_builder.h"

namespace mediascan {
namespace {

using test::Format;
using test::TempDir;

std::string noise(size_t n, unsigned seed = 1) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = char(rng() & 0xFF);
  return s;
}

std::string box(std::string_view type, std::string_view payload) {
  const uint32_t n = uint32_t(8 + payload.size());
  std::string b{char(n >> 24), char(n >> 16), char(n >> 8), char(n)};
  return b + std::string(type) + std::string(payload);
}

// A box with a 64-bit size (size field 1), as cameras write big mdat boxes.
std::string big_box(std::string_view type, std::string_view payload) {
  std::string b("\0\0\0\x01", 4);
  b += type;
  const uint64_t n = 16 + payload.size();
  for (int i = 7; i >= 0; --i) b += char(n >> (8 * i));
  return b + std::string(payload);
}

const std::string kFtyp = box("ftyp", std::string("isom\0\0\x02\0isommp42", 16));
const std::string kMoov = box("moov", box("udta", box("\xA9xyz", std::string("\0\x12\x15\xC7+52.3702+004.8952/", 22))));

util::FileBytes in_file(const std::string& bytes) {
  auto spill = std::make_shared<util::SpillFile>();
  spill->put("0123456789");  // the entry does not start at the file's start
  spill->put(bytes);
  return util::FileBytes(spill, spill->fd(), 10, bytes.size(), "test entry");
}

std::string all_of(const util::ByteSource& source) {
  std::string out;
  source.for_each_chunk([&](std::string_view piece) {
    EXPECT_LE(piece.size(), util::ByteSource::kChunk);
    out += piece;
  });
  EXPECT_EQ(out.size(), source.size());
  return out;
}

TEST(FileBytes, ReadsARangeInPieces) {
  const std::string bytes = noise(2 * util::ByteSource::kChunk + 123);
  const util::FileBytes file = in_file(bytes);
  EXPECT_EQ(all_of(file), bytes);
  EXPECT_EQ(file.read(bytes.size() - 3, 10), bytes.substr(bytes.size() - 3));
  EXPECT_EQ(file.read(bytes.size(), 10), "");
  std::string part;
  file.for_each_chunk(5, util::ByteSource::kChunk + 7, [&](std::string_view piece) { part += piece; });
  EXPECT_EQ(part, bytes.substr(5, util::ByteSource::kChunk + 7));
}

TEST(LargeEntry, KeepsTheMetadataBoxesAndLeavesTheMediaDataInTheFile) {
  const std::string mdat = box("mdat", noise(300 * 1024));
  const std::string wide = big_box("mdat", noise(200 * 1024, 2));
  const std::string small_free = box("free", std::string(100, '\0'));
  const std::string original = kFtyp + mdat + small_free + kMoov + wide;  // moov after the data, as cameras write
  LargeEntry large(in_file(original), MediaType::mp4);
  EXPECT_FALSE(large.problem);
  EXPECT_EQ(large.skeleton, kFtyp + box("mdat", "") + small_free + kMoov + box("mdat", ""));
  EXPECT_EQ(large.size(), original.size());
  EXPECT_EQ(all_of(large), original);

  // What the metadata stage changes in the skeleton is what the entry gives from then on.
  const size_t at = large.skeleton.find("+52.3702");
  ASSERT_NE(at, std::string::npos);
  large.skeleton.replace(at, 8, "+00.0000");
  std::string expected = original;
  expected.replace(original.find("+52.3702"), 8, "+00.0000");
  EXPECT_EQ(all_of(large), expected);
}

TEST(LargeEntry, ADamagedStructureGoesOnAsItIs) {
  // The last box claims more bytes than the file has (a video cut short).
  std::string cut = kFtyp + kMoov + box("mdat", noise(100 * 1024));
  cut.resize(cut.size() - 1000);
  LargeEntry damaged(in_file(cut), MediaType::mov);
  ASSERT_TRUE(damaged.problem);
  EXPECT_EQ(damaged.skeleton, kFtyp + kMoov);
  EXPECT_EQ(all_of(damaged), cut);

  // Another format: no skeleton at all, the bytes as they are.
  const std::string avi = "RIFF" + noise(70 * 1024);
  LargeEntry other(in_file(avi), MediaType::avi);
  EXPECT_TRUE(other.skeleton.empty());
  EXPECT_FALSE(other.problem);
  EXPECT_EQ(all_of(other), avi);
}

// A Matroska/AVI file has no skeleton: it is cleaned by overwriting its values where they are,
// also across the pieces it is handed on in. Regression: such files were never cleaned.
TEST(LargeEntry, OverwritesGoIntoTheBytesHandedOn) {
  const size_t n = 3 * util::ByteSource::kChunk;
  const std::string original = noise(n, 7);
  LargeEntry large(in_file(original), MediaType::mkv);
  const size_t straddling = util::ByteSource::kChunk - 3;
  large.overwrite(straddling, "LOCATION");
  large.overwrite(10, std::string(4, '\0'));
  large.overwrite(n - 2, "EN");
  large.overwrite(20, "");
  std::string expected = original;
  expected.replace(straddling, 8, "LOCATION");
  expected.replace(10, 4, std::string(4, '\0'));
  expected.replace(n - 2, 2, "EN");
  EXPECT_EQ(large.size(), n);
  EXPECT_EQ(all_of(large), expected);
  EXPECT_EQ(large.file().read(0, n), original);  // the file itself is never written
}

TEST(LargeEntry, OnlyBigVideosJsonSidecarsAndFilesOfNoMediaKindAreKeptInAFile) {
  const uint64_t big = LargeEntry::kFrom;
  EXPECT_TRUE(kept_in_file("v/clip.mp4", MediaType::mp4, big));
  EXPECT_TRUE(kept_in_file("v/clip.mkv", MediaType::mkv, big));
  EXPECT_TRUE(kept_in_file("files/backup.bin", MediaType::unknown, big));
  EXPECT_FALSE(kept_in_file("v/clip.mp4", MediaType::mp4, big - 1));
  EXPECT_FALSE(kept_in_file("p/panorama.jpg", MediaType::jpeg, big));            // decoded whole
  EXPECT_TRUE(kept_in_file("posts/your_posts_1.json", MediaType::unknown, big));  // cleaned a piece at a time
  EXPECT_TRUE(kept_in_file("data/tweets.js", MediaType::unknown, big));
  EXPECT_FALSE(kept_in_file("posts/your_posts_1.json", MediaType::unknown, big - 1));
  EXPECT_FALSE(kept_in_file("Profile.csv", MediaType::unknown, big));       // parsed whole
  EXPECT_FALSE(kept_in_file("tracks/ride.gpx", MediaType::unknown, big));
  EXPECT_FALSE(kept_in_file("places.geojson", MediaType::unknown, big));
  EXPECT_FALSE(kept_in_file("inner.zip", MediaType::zip, big));                    // opened as an archive
}

// A video big enough to be kept in a file, with a location in its moov.
std::string big_video() {
  return kFtyp + kMoov + box("mdat", noise(size_t(LargeEntry::kFrom) + 4096, 3));
}

TEST(EntryFetcher, BigVideosComeInAFileFromEveryKindOfSource) {
  TempDir dir;
  const std::string video = big_video();
  const std::vector<test::TestEntry> entries{{"a.jpg", test::jpeg_bytes()}, {"v/clip.mp4", video}};
  const std::string deflated = dir.write("d.zip", test::build_archive(entries, Format::zip));
  const std::string stored = dir.write("s.zip", test::build_archive(entries, Format::zip, "zip:compression=store"));
  const std::string tgz = dir.write("t.tgz", test::build_archive(entries, Format::tar_gz));
  dir.write("f/a.jpg", test::jpeg_bytes());
  dir.write("f/v/clip.mp4", video);
  for (const std::string& source : {deflated, stored, tgz, (dir.path() / "f").string()}) {
    ExportReader reader({source}, {});
    EntryFetcher fetcher({});
    int videos = 0;
    while (auto e = reader.next([](const std::string&, MediaType) { return Want::all_deferrable; })) {
      if (e->deferred) fetcher.fetch(*e);
      ASSERT_FALSE(e->error) << source << " " << e->path << ": " << e->error->message;
      if (e->path != "v/clip.mp4") {
        EXPECT_FALSE(e->file);
        continue;
      }
      ++videos;
      ASSERT_TRUE(e->file) << source;
      EXPECT_EQ(e->type, MediaType::mp4);
      EXPECT_EQ(e->size, video.size());
      EXPECT_LE(e->data.size(), kMagicBytes) << "the whole video in memory as well";
      EXPECT_TRUE(all_of(*e->file) == video) << source;
      if (source.ends_with("/f")) {  // a folder's file is read where it is, not copied
        struct stat in_folder {}, read_from {};
        ASSERT_EQ(::stat((dir.path() / "f/v/clip.mp4").c_str(), &in_folder), 0);
        ASSERT_EQ(::stat(e->file->whole_file_name().c_str(), &read_from), 0);
        EXPECT_EQ(in_folder.st_ino, read_from.st_ino);
      }
    }
    EXPECT_EQ(videos, 1) << source;
  }
}

TEST(EntryFetcher, ABigEntryThatDoesNotMatchItsCrcIsRefused) {
  TempDir dir;
  std::string zip = test::build_archive({{"v/clip.mp4", big_video()}}, Format::zip, "zip:compression=store");
  const size_t data = zip.find("mdat");
  ASSERT_NE(data, std::string::npos);
  zip[data + 5000] ^= 1;
  const std::string path = dir.write("bad.zip", zip);
  ExportReader reader({path}, {});
  auto e = reader.next([](const std::string&, MediaType) { return Want::all_deferrable; });
  ASSERT_TRUE(e && e->deferred);
  EntryFetcher({}).fetch(*e);
  ASSERT_TRUE(e->error);
  EXPECT_EQ(e->error->code, "corrupt_entry");
  EXPECT_FALSE(e->file);
}

}  // namespace
}  // namespace mediascan

namespace mediascan {
namespace {

TEST(LargeEntry, BytesAfterTheLastBoxAndMetadataTooBigToRead) {
  // Fewer than 8 bytes after the last box are no box: passed over, as the parser does.
  const std::string trailing = kFtyp + kMoov + box("mdat", noise(100 * 1024)) + std::string(4, '\0');
  LargeEntry a(in_file(trailing), MediaType::mp4);
  EXPECT_FALSE(a.problem);
  EXPECT_EQ(a.skeleton, kFtyp + kMoov + box("mdat", ""));
  EXPECT_EQ(all_of(a), trailing);

  // A moov past the skeleton's limit is left unread, and says so.
  const std::string huge = kFtyp + box("moov", std::string(size_t(LargeEntry::kMaxSkeleton), 'm'));
  LargeEntry b(in_file(huge), MediaType::mov);
  ASSERT_TRUE(b.problem);
  EXPECT_TRUE(b.unread);
  EXPECT_EQ(b.skeleton, kFtyp);
  EXPECT_EQ(b.size(), huge.size());

  // Millions of tiny boxes: every header read through the window, the result the same.
  std::string tiny = kFtyp;
  for (int i = 0; i < 200000; ++i) tiny += box("free", "");
  LargeEntry c(in_file(tiny), MediaType::mp4);
  EXPECT_FALSE(c.problem);
  EXPECT_EQ(c.skeleton, tiny);
  EXPECT_EQ(all_of(c), tiny);
}

}  // namespace
}  // namespace mediascan
