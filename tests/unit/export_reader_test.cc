#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <libdeflate.h>

#include <clocale>
#include <cstring>
#include <map>
#include <set>

#include "scanner/core/large_entry.h"
#include "scanner/ingest/entry_fetcher.h"
#include "scanner/ingest/entry_path.h"
#include "scanner/ingest/export_reader.h"
#include "scanner/ingest/ingest.h"
#include "scanner/ingest/zip_index.h"
#include "scanner/metadata/sidecar_clean.h"
#include "tests/unit/archive_builder.h"

namespace mediascan {
namespace {

using test::Format;
using test::TempDir;
using test::TestEntry;

struct Read {
  std::vector<Entry> entries;
  std::map<std::string, std::string> error_of;  // path -> code
  std::vector<std::string> paths;               // entries read without error
};

Read read_all(const std::vector<std::string>& sources, Limits limits = {}) {
  ExportReader reader(sources, limits);
  Read r;
  while (auto e = reader.next([](const std::string&, MediaType) { return Want::all; })) {
    if (e->error) r.error_of[e->path] = e->error->code;
    else r.paths.push_back(e->path);
    r.entries.push_back(std::move(*e));
  }
  return r;
}

TEST(ExportReader, ReadsZipEntriesWithTypesByMagic) {
  TempDir dir;
  const auto zip = dir.write("a.zip", test::build_archive({{"photos/x.png", test::jpeg_bytes()},
                                                           {"v.bin", test::mp4_bytes()},
                                                           {"notes.txt", "hello"}},
                                                          Format::zip));
  const Read r = read_all({zip});
  ASSERT_EQ(r.entries.size(), 3u);
  EXPECT_EQ(r.entries[0].path, "photos/x.png");
  EXPECT_EQ(r.entries[0].type, MediaType::jpeg);  // the bytes decide, not the name
  EXPECT_EQ(r.entries[1].type, MediaType::mp4);
  EXPECT_EQ(r.entries[2].type, MediaType::unknown);
  EXPECT_EQ(r.entries[0].source, "a.zip");
  EXPECT_TRUE(r.entries[0].complete);
  EXPECT_EQ(r.entries[0].data, test::jpeg_bytes());
}

TEST(ExportReader, RefusesUnsafeNamesAndLinksButKeepsNeighbours) {
  TempDir dir;
  const auto tar = dir.write(
      "h.tar", test::build_archive({{"../../evil.jpg", test::jpeg_bytes()},
                                    {"/etc/abs.jpg", test::jpeg_bytes()},
                                    {"a/../../b.jpg", test::jpeg_bytes()},
                                    {"ok1.jpg", test::jpeg_bytes()},
                                    {"link.jpg", "", AE_IFLNK, "/etc/passwd"},
                                    {"hard.jpg", "", AE_IFREG, "ok1.jpg", true},
                                    {"dev", "", AE_IFCHR},
                                    {"fifo", "", AE_IFIFO},
                                    {"ok2.jpg", test::jpeg_bytes()}},
                                   Format::tar));
  const Read r = read_all({tar});
  EXPECT_EQ(r.error_of.at("../../evil.jpg"), "unsafe_path");
  EXPECT_EQ(r.error_of.at("/etc/abs.jpg"), "unsafe_path");
  EXPECT_EQ(r.error_of.at("a/../../b.jpg"), "unsafe_path");
  EXPECT_EQ(r.error_of.at("link.jpg"), "symlink");
  EXPECT_EQ(r.error_of.at("hard.jpg"), "hardlink");
  EXPECT_EQ(r.error_of.at("dev"), "special_file");
  EXPECT_EQ(r.error_of.at("fifo"), "special_file");
  EXPECT_EQ(r.paths, (std::vector<std::string>{"ok1.jpg", "ok2.jpg"}));
}

TEST(ExportReader, RefusesNamesLongerThanTheLimitAndReportsThemShortened) {
  // 1024 bytes pass; 1025 do not, in a zip (its directory read by hand too) and a tar (pax).
  const std::string at_limit = std::string(1000, 'a') + "/" + std::string(16, 'b') + "/ok.jpg";
  const std::string over = "\xc3\xa9" + std::string(197, 'c') + "\xc3\xa9/" + std::string(900, 'd') + "/x.jpg";
  ASSERT_EQ(at_limit.size(), 1024u);
  ASSERT_GT(over.size(), 1024u);
  std::setlocale(LC_ALL, "C.UTF-8");  // as main() does: libarchive converts names by the locale
  for (const Format format : {Format::zip, Format::tar}) {
    TempDir dir;
    const auto archive = dir.write("long", test::build_archive({{over, test::jpeg_bytes()},
                                                                 {"../" + std::string(2000, 'u'), test::jpeg_bytes()},
                                                                 {at_limit, test::jpeg_bytes()},
                                                                 {"next.jpg", test::jpeg_bytes()}},
                                                                format));
    const Read r = read_all({archive});
    EXPECT_EQ(r.paths, (std::vector<std::string>{at_limit, "next.jpg"}));
    // Also unsafe: reported by the length first, never whole.
    EXPECT_EQ(r.error_of.at("../" + std::string(197, 'u') + "\u2026"), "name_too_long");
    // Reported by its first 200 bytes, cut before the character the 200th byte is in.
    const std::string shown = "\xc3\xa9" + std::string(197, 'c') + "\u2026";
    ASSERT_EQ(r.error_of.count(shown), 1u) << r.error_of.begin()->first;
    EXPECT_EQ(r.error_of.at(shown), "name_too_long");
  }
}

TEST(ExportReader, EntrySizeCountsBytesReadNotDeclared) {
  TempDir dir;
  const auto zip = dir.write("a.zip", test::build_archive({{"big.jpg", test::jpeg_bytes() + std::string(5000, 'b')},
                                                           {"small.jpg", test::jpeg_bytes()}},
                                                          Format::tar_gz));
  Limits limits;
  limits.max_entry_bytes = 2000;
  const Read r = read_all({zip}, limits);
  EXPECT_EQ(r.error_of.at("big.jpg"), "too_large");
  EXPECT_EQ(r.paths, std::vector<std::string>{"small.jpg"});
}

TEST(ExportReader, StopsACompressionBomb) {
  TempDir dir;
  const auto zip = dir.write("bomb.zip", test::build_archive({{"zeros.bin", std::string(40 << 20, '\0')},
                                                              {"after.jpg", test::jpeg_bytes()}},
                                                             Format::zip));
  Limits limits;
  limits.max_ratio = 50;
  const Read r = read_all({zip}, limits);
  EXPECT_EQ(r.error_of.at("zeros.bin"), "ratio_exceeded");
  EXPECT_EQ(r.paths, std::vector<std::string>{"after.jpg"});
}

// 4 MiB that deflate about 70-fold fit in the blocks libarchive reads ahead: read, not taken
// for a bomb (they were, whatever the limit, until the ratio counted those blocks).
TEST(ExportReader, AnEntryDeflatingSeventyFoldIsNoBomb) {
  std::string json = "{\"v\": \"";
  for (uint32_t seed = 9; json.size() < (4u << 20);) {
    seed = seed * 1103515245 + 12345;
    json += (seed >> 16) % 300 == 0 ? char('a' + (seed >> 24) % 26) : 'a';
  }
  json += "\"}";
  for (const Format format : {Format::zip, Format::tar_gz}) {
    TempDir dir;
    const auto zip = dir.write("a", test::build_archive({{"posts.json", json}, {"after.jpg", test::jpeg_bytes()}}, format));
    const Read r = read_all({zip}, Limits{});
    EXPECT_TRUE(r.error_of.empty()) << r.error_of.begin()->first << ": " << r.error_of.begin()->second;
    EXPECT_EQ(r.paths, (std::vector<std::string>{"posts.json", "after.jpg"}));
  }
}

// An export downloaded in HTML format gets one html_export error; nothing else does.
TEST(IndexExport, HtmlFormatIsReportedOnlyForAnHtmlExport) {
  struct Case {
    const char* what;
    std::vector<std::string> paths;
    const char* layout;
    bool reported;
  };
  const Case cases[] = {
      {"Facebook 2024, HTML", {"your_facebook_activity/posts/your_posts_1.html", "your_facebook_activity/posts/media/a/1.jpg"},
       "facebook", true},
      {"Facebook before 2018", {"index.htm", "html/timeline.htm", "photos/123/1.jpg"}, "facebook", true},
      {"Instagram, stories only", {"content/stories.html", "media/stories/202001/1.jpg"}, "instagram", true},
      {"a website", {"mysite/index.html", "mysite/blog/trip.html", "mysite/assets/media/posts/2023/1.jpg"}, "instagram",
       false},
      {"Facebook JSON, damaged, with a page",
       {"your_facebook_activity/posts/your_posts_1.json", "your_facebook_activity/messages/inbox/x/files/menu.html",
        "your_facebook_activity/posts/media/a/1.jpg"},
       "facebook", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    std::vector<TestEntry> entries;
    for (const std::string& path : c.paths)
      entries.push_back({path, path.ends_with(".jpg") ? test::jpeg_bytes() : path.ends_with(".json") ? "{" : "<html></html>"});
    TempDir dir;
    const ExportIndex index = index_export({dir.write("e.zip", test::build_archive(entries, Format::zip))}, Limits{});
    EXPECT_EQ(index.layout, c.layout);
    ASSERT_EQ(index.export_errors.size(), c.reported ? 1u : 0u);
    if (c.reported) {
      EXPECT_EQ(index.export_errors[0].error.code, "html_export");
    }
  }
}

TEST(ExportReader, TotalSizeLimitStopsTheExport) {
  TempDir dir;
  std::vector<TestEntry> entries;
  for (int i = 0; i < 10; ++i) entries.push_back({"p" + std::to_string(i) + ".jpg", test::jpeg_bytes()});
  const auto zip = dir.write("a.zip", test::build_archive(entries, Format::zip));
  Limits limits;
  limits.max_total_bytes = 3 * test::jpeg_bytes().size() + 10;
  const Read r = read_all({zip}, limits);
  EXPECT_EQ(r.paths.size(), 3u);
  EXPECT_EQ(r.error_of.at("p3.jpg"), "total_too_large");
  EXPECT_EQ(r.entries.size(), 4u);  // nothing after the stop
}

TEST(ExportReader, EntryCountLimit) {
  TempDir dir;
  std::vector<TestEntry> entries;
  for (int i = 0; i < 20; ++i) entries.push_back({"e" + std::to_string(i), ""});
  const auto zip = dir.write("many.zip", test::build_archive(entries, Format::zip));
  Limits limits;
  limits.max_entries = 5;
  const Read r = read_all({zip}, limits);
  EXPECT_EQ(r.paths.size(), 5u);
  EXPECT_EQ(r.error_of.at("e5"), "too_many_entries");
}

TEST(ExportReader, OpensNestedArchivesAndNamesTheirItems) {
  TempDir dir;
  const std::string deeper = test::build_archive({{"d.jpg", test::jpeg_bytes()}}, Format::tar_gz);
  const std::string inner = test::build_archive(
      {{"in/a.jpg", test::jpeg_bytes()}, {"deeper.tar.gz", deeper}}, Format::zip);
  const auto outer = dir.write("outer.zip", test::build_archive({{"inner.zip", inner}, {"top.jpg", test::jpeg_bytes()}}, Format::zip));
  const Read r = read_all({outer});
  EXPECT_EQ(r.paths, (std::vector<std::string>{"inner.zip/in/a.jpg", "inner.zip/deeper.tar.gz/d.jpg", "top.jpg"}));
  EXPECT_TRUE(r.error_of.empty());

  Limits shallow;
  shallow.max_depth = 1;
  const Read s = read_all({outer}, shallow);
  EXPECT_EQ(s.error_of.at("inner.zip/deeper.tar.gz"), "too_deep");
  EXPECT_EQ(s.paths, (std::vector<std::string>{"inner.zip/in/a.jpg", "top.jpg"}));
}

TEST(ExportReader, TruncatedArchiveKeepsWhatCameBeforeTheDamage) {
  TempDir dir;
  std::vector<TestEntry> entries;
  uint32_t seed = 1;
  for (int i = 0; i < 6; ++i) {
    std::string noise(200000, '\0');  // incompressible, like photo data
    for (char& c : noise) c = char((seed = seed * 1103515245u + 12345u) >> 24);
    entries.push_back({"p" + std::to_string(i) + ".jpg", test::jpeg_bytes() + noise});
  }
  for (Format f : {Format::zip, Format::tar_gz}) {
    const std::string whole = test::build_archive(entries, f);
    const auto cut = dir.write(f == Format::zip ? "cut.zip" : "cut.tgz", whole.substr(0, whole.size() / 2));
    const Read r = read_all({cut});
    EXPECT_GE(r.paths.size(), 1u) << "format " << int(f);
    EXPECT_LT(r.paths.size(), 6u);
    bool reported = false;
    for (const auto& [path, code] : r.error_of) reported |= code == "corrupt_archive" || code == "corrupt_entry";
    EXPECT_TRUE(reported) << "format " << int(f);
  }
}

TEST(ExportReader, ACompressedFileThatCannotBeDecompressedIsDamagedNotAPlainFile) {
  // A tarball cut short in its first block holds no tar header libarchive can recognise, so it
  // looked like a lone .gz (an ordinary file): its photos went unread without a word.
  const std::string tgz = test::build_archive({{"in/a.jpg", test::jpeg_bytes()}}, Format::tar_gz);
  const std::string text(100000, 't');
  std::string gz(text.size() + 100, '\0');
  libdeflate_compressor* z = libdeflate_alloc_compressor(6);
  gz.resize(libdeflate_gzip_compress(z, text.data(), text.size(), gz.data(), gz.size()));
  libdeflate_free_compressor(z);
  ASSERT_GT(gz.size(), 20u);
  // A big one (16 MiB or more) is judged from the temporary file it went to: a gzip magic
  // followed by no valid header.
  uint32_t seed = 7;
  std::string big = "\x1f\x8b\x08\xff" + std::string(size_t{17} << 20, '\0');
  for (size_t i = 4; i < big.size(); ++i) big[i] = char((seed = seed * 1103515245u + 12345u) >> 24);
  TempDir dir;
  const auto zip = dir.write("e.zip", test::build_archive({{"cut.tgz", tgz.substr(0, 40)},
                                                           {"notes.txt.gz", gz},
                                                           {"cut.txt.gz", gz.substr(0, gz.size() / 2)},
                                                           {"header.gz", gz.substr(0, 5)},
                                                           {"big.gz", big},
                                                           {"whole.tgz", tgz}},
                                                          Format::zip));
  const Read r = read_all({zip});
  EXPECT_EQ(r.error_of, (std::map<std::string, std::string>{{"cut.tgz", "corrupt_archive"},
                                                            {"cut.txt.gz", "corrupt_archive"},
                                                            {"header.gz", "corrupt_archive"},
                                                            {"big.gz", "corrupt_archive"}}));
  // A lone .gz that decompresses is an ordinary file, its bytes as they are.
  EXPECT_EQ(r.paths, (std::vector<std::string>{"notes.txt.gz", "whole.tgz/in/a.jpg"}));
  for (const Entry& e : r.entries) {
    if (e.path == "notes.txt.gz") {
      EXPECT_EQ(e.data, gz);
    }
  }
}

// X's profile.js: its "location" is what the profile shows everyone, a place the platform keeps
// (sidecar_place), like Facebook's profile and LinkedIn's Profile.csv.
TEST(IndexExport, AnXProfilesLocationIsAPlaceTheProfileShows) {
  TempDir dir;
  const std::string zip = dir.write(
      "x.zip",
      test::build_archive(
          {{"data/manifest.js", R"(window.__THAR_CONFIG = {"userInfo": {"userName": "jan"}})"},
           {"data/tweets.js", "window.YTD.tweets.part0 = []"},
           {"data/profile.js",
            R"(window.YTD.profile.part0 = [{"profile": {"description": {"bio": "Data nerd", "location": "Rotterdam, NL"}}}])"}},
          Format::zip));
  const ExportIndex index = index_export({zip}, Limits{});
  EXPECT_EQ(index.layout, "twitter");
  std::vector<Context> records;
  for (size_t i = 0; i < index.posts.size(); ++i)
    if (const TextPost post = index.posts.at(i); post.context.text_kind == kLocationRecord && post.sidecar == "data/profile.js")
      records.push_back(post.context);
  ASSERT_EQ(records.size(), 1u);
  const std::vector<Finding> found = sidecar_findings(records[0]);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].signal, "sidecar_place");
  EXPECT_NE(found[0].evidence.find("your profile shows it"), std::string::npos) << found[0].evidence;
}

// Takeout's location history as a phone of some years writes it: tens or hundreds of megabytes.
std::string location_history(size_t at_least) {
  std::string json = "{\n  \"locations\": [";
  for (int i = 0; json.size() < at_least; ++i)
    json += std::string(i ? "," : "") + "{\n    \"latitudeE7\": " + std::to_string(510000000 + i) +
            ",\n    \"longitudeE7\": 37000000,\n    \"timestamp\": \"2023-03-14T10:00:00.000Z\"\n  }";
  return json + "]\n}\n";
}

// A JSON sidecar of 16 MiB or more is kept in a file (kept_in_file). Up to the sidecar limit the
// join reads it whole as before; over it, its location is counted a piece at a time and it is a
// location record all the same (it was reported as unread, and its location not at all).
TEST(IndexExport, BigJsonSidecarsAreReadOrCountedFromTheirFile) {
  TempDir dir;
  const std::string history = location_history(LargeEntry::kFrom + 4096);
  const std::string zip = dir.write(
      "e.zip", test::build_archive({{"Takeout/Location History/Records.json", history}}, Format::zip));
  const auto record_of = [](const ExportIndex& index) {
    std::optional<Context> found;
    for (size_t i = 0; i < index.posts.size(); ++i)
      if (const TextPost post = index.posts.at(i); post.context.text_kind == kLocationRecord) found = post.context;
    return found;
  };
  const SidecarClean whole = clean_sidecar(history);
  ASSERT_GT(whole.fields, 0);
  const std::string values = std::to_string(whole.fields) + " location values";

  const ExportIndex read = index_export({zip}, Limits{});
  ASSERT_TRUE(record_of(read));
  EXPECT_TRUE(record_of(read)->caption.starts_with(values)) << record_of(read)->caption;
  EXPECT_TRUE(read.sidecar_errors.empty());

  Limits small;
  small.max_sidecar_bytes = 1 << 20;
  const ExportIndex counted = index_export({zip}, small);
  ASSERT_TRUE(record_of(counted));
  EXPECT_TRUE(record_of(counted)->caption.starts_with(values)) << record_of(counted)->caption;
  ASSERT_EQ(counted.sidecar_errors.size(), 1u);
  EXPECT_NE(counted.sidecar_errors[0].error.message.find("not joined to photos (its location is counted and cleaned)"),
            std::string::npos)
      << counted.sidecar_errors[0].error.message;

  // From a review: one over the limit that the cleaner can neither walk (a value of more than
  // 8 MiB) nor hold was read as X's and passed over; its location is now an open finding, and
  // an error says why it stays.
  const auto letters = [](size_t n) {  // that do not compress past the reader's ratio limit
    std::string out(n, 'a');
    uint32_t state = 1;
    for (char& c : out) c = char('a' + (state = state * 1103515245 + 12345) % 26);
    return out;
  };
  const std::string likes = "window.YTD.like.part0 = [{\"like\": {\"fullText\": \"" + letters(kSidecarWholeLimit + 1) +
                            "\"}}, {\"like\": {\"latitude\": 51.0543, \"longitude\": 3.7174, \"pad\": \"" +
                            letters(LargeEntry::kFrom - kSidecarWholeLimit) + "\"}}]";
  const std::string x = dir.write("x.zip", test::build_archive({{"data/like.js", likes}}, Format::zip));
  const ExportIndex walked = index_export({x}, small);
  ASSERT_TRUE(record_of(walked));
  EXPECT_NE(record_of(walked)->caption.find("could not be counted or removed"), std::string::npos)
      << record_of(walked)->caption;
  ASSERT_EQ(walked.sidecar_errors.size(), 1u);
  EXPECT_TRUE(walked.sidecar_errors[0].error.message.starts_with("location not removed"))
      << walked.sidecar_errors[0].error.message;

  // A tweets.js over the limit is read a tweet at a time all the same (no tweet is over it): its
  // photo is joined.
  std::string tweets = R"(window.YTD.tweets.part0 = [{"tweet": {"id_str": "1050118621198921728",
      "full_text": "Friday drinks", "created_at": "Wed Oct 10 20:19:24 +0000 2018",
      "coordinates": {"type": "Point", "coordinates": ["4.89", "52.37"]}}})";
  for (int id = 2; tweets.size() <= LargeEntry::kFrom; ++id)
    tweets += R"(, {"tweet": {"id_str": ")" + std::to_string(id) + R"(", "full_text": ")" + letters(500 << 10) + "\"}}";
  tweets += "]";
  const std::string photo = "data/tweets_media/1050118621198921728-DpKzX.jpg";
  const std::string archive = dir.write(
      "t.zip", test::build_archive({{"data/tweets.js", tweets}, {photo, test::jpeg_bytes()}}, Format::zip));
  const ExportIndex joined = index_export({archive}, small);
  const auto context = joined.contexts.find(photo);
  ASSERT_TRUE(context);
  EXPECT_EQ(context->caption, "Friday drinks");
  ASSERT_EQ(context->geo.size(), 1u);
  EXPECT_TRUE(joined.sidecar_errors.empty());

  // One that is no valid JSON says so, and has no record.
  const std::string broken = dir.write(
      "b.zip", test::build_archive({{"Takeout/Location History/Records.json", history + "x"}}, Format::zip));
  const ExportIndex invalid = index_export({broken}, small);
  EXPECT_FALSE(record_of(invalid));
  ASSERT_EQ(invalid.sidecar_errors.size(), 1u);
  EXPECT_NE(invalid.sidecar_errors[0].error.message.find("not valid JSON"), std::string::npos);
}

TEST(IndexExport, LocationThatBelongsToNoPhotoIsAnItemOfItsOwn) {
  // Snapchat's location history, Facebook's profile (home town), LinkedIn's Profile.csv: one
  // location record each. A posts file whose location went to its photo, and a file with no
  // location, make none.
  TempDir dir;
  const std::string zip = dir.write(
      "e.zip",
      test::build_archive(
          {{"json/location_history.json",
            R"({"Location History": [{"Time": "2023-03-14 21:30:00 UTC", "Latitude, Longitude": "51.05 \u00b1 14 meters, 3.71 \u00b1 14 meters"}]})"},
           {"profile_information/profile_information.json",
            R"({"profile_v2": {"name": {"full_name": "Jan"}, "current_city": {"value": "Gent"}, "hometown": {"value": "Brugge"}}})"},
           {"Profile.csv", "First Name,Geo Location\r\nJan,\"Gent, Belgium\"\r\n"},
           {"posts/your_posts_1.json",
            R"([{"attachments": [{"data": [{"media": {"uri": "posts/media/a.jpg", "creation_timestamp": 1,
                "media_metadata": {"photo_metadata": {"exif_data": [{"latitude": 51.0, "longitude": 3.7}]}}}}]}]}])"},
           {"posts/media/a.jpg", test::jpeg_bytes()},
           {"account.json", R"({"username": "jan"})"}},
          Format::zip));
  const ExportIndex index = index_export({zip}, Limits{});
  std::map<std::string, Context> records;  // file -> its record's context
  for (size_t i = 0; i < index.posts.size(); ++i) {
    const TextPost post = index.posts.at(i);
    if (post.context.text_kind == kLocationRecord) records[post.sidecar] = post.context;
  }
  ASSERT_EQ(records.size(), 3u);
  EXPECT_TRUE(records.count("Profile.csv"));
  EXPECT_TRUE(records["profile_information/profile_information.json"].caption.starts_with("2 location values"));
  // Its finding names the file, so that the verification of the cleaned file settles it.
  const std::vector<Finding> found = sidecar_findings(records.at("json/location_history.json"));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].signal, "sidecar_location");
  EXPECT_EQ(found[0].category, Category::location);
  EXPECT_EQ(found[0].where, "sidecar:json/location_history.json");
  // A profile's city and home town are on the profile for everyone to see: a place the platform
  // keeps (sidecar_place, which the cleaned copy does not settle), not a private history.
  const std::vector<Finding> profile = sidecar_findings(records.at("profile_information/profile_information.json"));
  ASSERT_EQ(profile.size(), 1u);
  EXPECT_EQ(profile[0].signal, "sidecar_place");
  EXPECT_EQ(sidecar_findings(records.at("Profile.csv")).at(0).signal, "sidecar_place");

  // Snapchat's memories, downloaded without their media: the records reach no photo, so their
  // location is a record of its own (posted_locations); with a memory's photo in the export, it
  // is that photo's.
  const std::string memories = R"({"Saved Media": [{"Date": "2023-03-14 21:30:00 UTC", "Media Type": "Image",
      "Location": "Latitude, Longitude: 52.37, 4.89",
      "Download Link": "https://app.snapchat.com/dmd/memories?uid=u&sid=s&mid=3F2A1B4C-5D6E-4F70-8192-A3B4C5D6E7F8&ts=1"}]})";
  auto records_in = [&](const std::vector<TestEntry>& entries) {
    const ExportIndex i = index_export({dir.write("s.zip", test::build_archive(entries, Format::zip))}, Limits{});
    int n = 0;
    for (size_t k = 0; k < i.posts.size(); ++k) n += i.posts.at(k).context.text_kind == kPostedLocations;
    return n;
  };
  EXPECT_EQ(records_in({{"json/memories_history.json", memories}}), 1);
  EXPECT_EQ(records_in({{"json/memories_history.json", memories},
                        {"memories/2023-03-14_3F2A1B4C-5D6E-4F70-8192-A3B4C5D6E7F8-main.jpg", test::jpeg_bytes()}}),
            0);
}

// From a review: Instagram's profile names its photo, which is in the export, so the file's
// records reached a photo and its "City" went into no item though the cleaned copy empties it;
// its locations of interest were neither reported nor cleaned.
TEST(ExportReader, AProfileWhosePhotoIsThereStillReportsItsCity) {
  TempDir dir;
  const std::string zip = dir.write(
      "e.zip",
      test::build_archive(
          {{"personal_information/personal_information.json",
            R"({"profile_user": [{"title": "", "media_map_data": {"Profile Photo": {"uri": "media/profile/202001/1_n.jpg",
                "creation_timestamp": 1580000000, "title": ""}},
                "string_map_data": {"Name": {"href": "", "value": "Jan", "timestamp": 0},
                                    "City": {"href": "", "value": "Gent", "timestamp": 0}}}]})"},
           {"media/profile/202001/1_n.jpg", test::jpeg_bytes()},
           {"information_about_you/locations_of_interest.json",
            R"({"label_values": [{"label": "Locations of interest", "vec": [{"value": "Gent"}, {"value": "Brugge"}]}]})"},
           // Its one location value, the upload IP, is the photo's: no record of its own.
           {"photos_and_videos/your_photos.json",
            R"({"photos": [{"uri": "photos_and_videos/2_n.jpg", "media_metadata": {"photo_metadata": {"upload_ip": "81.1.2.3"}}}]})"},
           {"photos_and_videos/2_n.jpg", test::jpeg_bytes()}},
          Format::zip));
  const ExportIndex index = index_export({zip}, Limits{});
  std::map<std::string, std::string> records;  // file -> its record's caption
  for (size_t i = 0; i < index.posts.size(); ++i)
    if (const TextPost post = index.posts.at(i); post.context.text_kind == kLocationRecord)
      records[post.sidecar] = post.context.caption;
  ASSERT_EQ(records.size(), 2u);
  EXPECT_TRUE(records["personal_information/personal_information.json"].starts_with("1 location value "));
  EXPECT_TRUE(records["information_about_you/locations_of_interest.json"].starts_with("2 location values"));
  EXPECT_TRUE(index.contexts.find("media/profile/202001/1_n.jpg"));  // the photo still has its record
}

TEST(IndexExport, ATakeoutSidecarsAltitudeIsItsPhotosNotALocationOfItsOwn) {
  // Coordinates of 0, 0 (no location) beside an altitude: the sidecar belongs to its photo, and
  // is no "location that belongs to no photo".
  TempDir dir;
  const std::string sidecar = R"({"title": "IMG_A.jpg", "photoTakenTime": {"timestamp": "1700000000"},
      "geoData": {"latitude": 0.0, "longitude": 0.0, "altitude": 12.0},
      "geoDataExif": {"latitude": 0.0, "longitude": 0.0, "altitude": 12.0}})";
  const std::string zip = dir.write(
      "takeout-20240101T000000Z-001.zip",
      test::build_archive({{"Takeout/Google Photos/Photos from 2023/IMG_A.jpg", test::jpeg_bytes()},
                           {"Takeout/Google Photos/Photos from 2023/IMG_A.jpg.supplemental-metadata.json", sidecar}},
                          Format::zip));
  const ExportIndex index = index_export({zip}, Limits{});
  for (size_t i = 0; i < index.posts.size(); ++i)
    EXPECT_FALSE(is_location_record(index.posts.at(i).context)) << index.posts.at(i).sidecar;
  EXPECT_TRUE(index.contexts.find("Takeout/Google Photos/Photos from 2023/IMG_A.jpg"));
}

TEST(ExportReader, SeveralSourcesAreOneExport) {
  TempDir dir;
  const auto p1 = dir.write("takeout-001.zip", test::build_archive({{"Takeout/a.jpg", test::jpeg_bytes()}}, Format::zip));
  const auto p2 = dir.write("takeout-002.zip", test::build_archive({{"Takeout/b.jpg", test::jpeg_bytes()}}, Format::zip));
  const Read r = read_all({p1, p2, (dir.path() / "missing.zip").string()});
  ASSERT_EQ(r.paths.size(), 2u);
  EXPECT_EQ(r.entries[0].source, "takeout-001.zip");
  EXPECT_EQ(r.entries[1].source, "takeout-002.zip");
  EXPECT_EQ(r.entries[2].error->code, "unreadable_source");
}

TEST(ExportReader, FolderSourceDoesNotFollowSymlinks) {
  TempDir dir;
  dir.write("exp/b.jpg", test::jpeg_bytes());
  dir.write("exp/a/c.png", test::png_bytes());
  std::filesystem::create_symlink("/etc/passwd", dir.path() / "exp/link.jpg");
  const Read r = read_all({(dir.path() / "exp").string()});
  EXPECT_EQ(r.paths, (std::vector<std::string>{"a/c.png", "b.jpg"}));
  EXPECT_EQ(r.error_of.at("link.jpg"), "symlink");
}

TEST(ExportReader, SameNameTwiceInOneArchiveIsFlagged) {
  TempDir dir;
  const auto zip = dir.write("dup.zip", test::build_archive({{"a.jpg", test::jpeg_bytes('1')},
                                                             {"a.jpg", test::jpeg_bytes('2')}}, Format::zip));
  const auto part2 = dir.write("part2.zip", test::build_archive({{"a.jpg", test::jpeg_bytes('3')}}, Format::zip));
  const Read r = read_all({zip, part2});
  ASSERT_EQ(r.entries.size(), 3u);
  EXPECT_FALSE(r.entries[0].error);
  EXPECT_EQ(r.entries[1].error->code, "duplicate_path");
  // Another file under that name in another part: only the first part's is read.
  EXPECT_EQ(r.entries[2].error->code, "duplicate_path");
}

TEST(ExportReader, ATarHeaderFailingItsChecksumIsOneErrorAndTheRestIsRead) {
  // libarchive retries each block after a damaged header as a header: each came back as an
  // entry without a name (unsafe_path "empty entry name"), 144 for a photo of 72 KB.
  TempDir dir;
  std::string tar = test::build_archive({{"p1.jpg", test::jpeg_bytes('1') + std::string(20000, '1')},
                                         {"p2.jpg", test::jpeg_bytes('2') + std::string(20000, '2')},
                                         {"p3.jpg", test::jpeg_bytes('3') + std::string(20000, '3')}}, Format::tar);
  const size_t header = tar.find(std::string("p2.jpg\0", 7));
  ASSERT_NE(header, std::string::npos);
  tar.replace(header + 148, 8, std::string("9999999\0", 8));
  const Read r = read_all({dir.write("badsum.tar", tar)});
  EXPECT_EQ(r.paths, (std::vector<std::string>{"p1.jpg", "p3.jpg"}));
  ASSERT_EQ(r.error_of.size(), 1u);
  EXPECT_EQ(r.error_of.begin()->first, "badsum.tar");
  EXPECT_EQ(r.error_of.begin()->second, "corrupt_entry");
}

TEST(EntryPath, ZipNamesThatAreNotUtf8AreCp437) {
  EXPECT_EQ(zip_name_to_utf8("Urlaub/J\x94rg.jpg"), "Urlaub/J\u00f6rg.jpg");
  EXPECT_EQ(zip_name_to_utf8("Urlaub/J\x81rg.jpg"), "Urlaub/J\u00fcrg.jpg");
  EXPECT_EQ(zip_name_to_utf8("\xe2\x96\x91"), "\u2591");  // valid UTF-8 stays as it is
  EXPECT_EQ(zip_name_to_utf8("\xb0"), "\u2591");
}

TEST(ExportReader, TheSameFileInTwoPartsIsReadOnce) {
  // Split Takeouts repeat archive_browser.html and their folders in each part: the cleaned zip
  // held them twice, a cleaned folder skipped the second copy while its item said fixed.
  TempDir dir;
  const std::string html = "<html>Takeout</html>";
  const auto p1 = dir.write("takeout-001.zip", test::build_archive({{"Takeout/", "", AE_IFDIR},
                                                                    {"Takeout/archive_browser.html", html},
                                                                    {"Takeout/a.jpg", test::jpeg_bytes('1')}}, Format::zip));
  const auto p2 = dir.write("takeout-002.zip", test::build_archive({{"Takeout/", "", AE_IFDIR},
                                                                    {"Takeout/archive_browser.html", html},
                                                                    {"Takeout/a.jpg", test::jpeg_bytes('2')},
                                                                    {"Takeout/b.jpg", test::jpeg_bytes('3')}}, Format::zip));
  ExportReader reader({p1, p2}, Limits{}, /*structure=*/true);
  std::vector<std::string> read;
  std::map<std::string, std::string> errors;
  while (auto e = reader.next([](const std::string&, MediaType) { return Want::all; })) {
    if (e->error) errors[e->source + ":" + e->path] = e->error->message;
    else read.push_back(e->source + ":" + e->path);
  }
  EXPECT_EQ(read, (std::vector<std::string>{"takeout-001.zip:Takeout", "takeout-001.zip:Takeout/archive_browser.html",
                                            "takeout-001.zip:Takeout/a.jpg", "takeout-002.zip:Takeout/b.jpg"}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors.begin()->first, "takeout-002.zip:Takeout/a.jpg");
  EXPECT_NE(errors.begin()->second.find("takeout-001.zip"), std::string::npos);
}

TEST(ExportReader, EntriesKeepTheNamesTheirArchiveGivesThem) {
  TempDir dir;
  const auto zip = dir.write("n.zip", test::build_archive({{"./c.jpg", test::jpeg_bytes()},
                                                           {"a//b.jpg", test::jpeg_bytes()},
                                                           {"a/b.jpg", test::jpeg_bytes()}}, Format::zip));
  const Read r = read_all({zip});
  EXPECT_EQ(r.paths, (std::vector<std::string>{"./c.jpg", "a//b.jpg", "a/b.jpg"}));
}

TEST(ExportReader, SevenZip) {
  TempDir dir;
  const auto p = dir.write("a.7z", test::build_archive({{"x.jpg", test::jpeg_bytes()}, {"y.txt", "t"}}, Format::sevenzip));
  const Read r = read_all({p});
  EXPECT_EQ(r.paths, (std::vector<std::string>{"x.jpg", "y.txt"}));
}

TEST(ExportReader, NotAnArchiveIsUnreadable) {
  TempDir dir;
  const auto p = dir.write("photo.jpg", test::jpeg_bytes());
  ExportReader reader({p}, Limits{});
  auto e = reader.next([](const std::string&, MediaType) { return Want::head; });
  ASSERT_TRUE(e && e->error);
  EXPECT_EQ(e->error->code, "unreadable_source");
  EXPECT_FALSE(reader.next([](const std::string&, MediaType) { return Want::head; }));
  EXPECT_EQ(reader.readable_sources(), 0u);
}

}  // namespace
}  // namespace mediascan

namespace mediascan {
namespace {

// Deferred reads: big entries of a zip or a folder come back with only their head, and a
// worker's EntryFetcher reads them again, in any order, with the same limits.
std::vector<Entry> read_deferrable(const std::vector<std::string>& sources, Limits limits = {}) {
  ExportReader reader(sources, limits);
  std::vector<Entry> out;
  while (auto e = reader.next([](const std::string&, MediaType) { return Want::all_deferrable; }))
    out.push_back(std::move(*e));
  return out;
}

std::string big(char fill, size_t n = 300 * 1024) {
  std::string s = test::jpeg_bytes();
  s.resize(n, fill);
  return s;
}

TEST(EntryFetcher, ReadsDeferredEntriesInAnyOrder) {
  TempDir dir;
  const auto zip = dir.write("e.zip", test::build_archive({{"a.jpg", big('a')}, {"small.txt", "tiny"},
                                                           {"b.jpg", big('b')}, {"c.jpg", big('c')}},
                                                          Format::zip));
  for (const char* name : {"f/a.jpg", "f/b.jpg", "f/c.jpg"}) dir.write(name, big(name[2]));
  dir.write("f/small.txt", "tiny");
  for (const std::string& source : {zip, (dir.path() / "f").string()}) {
    std::vector<Entry> entries = read_deferrable({source});
    std::vector<Entry*> deferred;
    for (Entry& e : entries)
      if (e.deferred) deferred.push_back(&e);
    ASSERT_EQ(deferred.size(), 3u) << source;
    for (const Entry* e : deferred) {  // the head only, and what it shows
      EXPECT_EQ(e->data, big(e->path[e->path.size() - 5]).substr(0, kMagicBytes)) << e->path;
      EXPECT_EQ(e->type, MediaType::jpeg);
    }
    EntryFetcher fetcher({});
    // Backwards: every fetch has to reopen the source and skip forward again.
    for (auto it = deferred.rbegin(); it != deferred.rend(); ++it) {
      Entry& e = **it;
      fetcher.fetch(e);
      ASSERT_FALSE(e.error) << e.path << ": " << e.error->message;
      EXPECT_FALSE(e.deferred);
      EXPECT_TRUE(e.complete);
      EXPECT_EQ(e.data.size(), e.size);
      if (e.path.ends_with(".jpg")) {
        EXPECT_EQ(e.data, big(e.path[e.path.size() - 5])) << e.path;
      }
    }
  }
}

TEST(ExportReader, HeadOnlyOfBigZipEntriesThenTheNextEntryWhole) {
  TempDir dir;
  const auto zip = dir.write("h.zip", test::build_archive({{"a.bin", big('a')}, {"b.jpg", big('b')}, {"c.txt", "last"}},
                                                          Format::zip));
  ExportReader reader({zip}, {});
  std::vector<Entry> got;
  while (auto e = reader.next([](const std::string& path, MediaType) {
    return path == "c.txt" ? Want::all : Want::head;
  }))
    got.push_back(std::move(*e));
  ASSERT_EQ(got.size(), 3u);
  for (int i : {0, 1}) {
    EXPECT_FALSE(got[size_t(i)].error);
    EXPECT_FALSE(got[size_t(i)].complete);
    EXPECT_EQ(got[size_t(i)].data, big(i ? 'b' : 'a').substr(0, kMagicBytes));
  }
  EXPECT_EQ(got[1].type, MediaType::jpeg);
  EXPECT_TRUE(got[2].complete);
  EXPECT_EQ(got[2].data, "last");
}

TEST(ZipIndex, HeadOfAStoredOrDeflatedEntryWithoutTheRest) {
  TempDir dir;
  std::string noise(200 * 1024, '\0');
  uint32_t x = 1;
  for (char& c : noise) c = char((x = x * 1103515245 + 12345) >> 24);
  for (const char* options : {"zip:compression=deflate", "zip:compression=store"}) {
    const auto zip = dir.write("h.zip", test::build_archive({{"n.bin", noise}, {"t.txt", "short"}}, Format::zip, options));
    const int fd = ::open(zip.c_str(), O_RDONLY | O_CLOEXEC);
    const auto index = ZipIndex::read(fd, 10, 1024);
    ASSERT_TRUE(index);
    EXPECT_EQ(read_zip_head(fd, *index->find("n.bin"), 512), noise.substr(0, 512)) << options;
    EXPECT_EQ(read_zip_head(fd, *index->find("t.txt"), 512), "short") << options;
    ZipRecord cut = *index->find("n.bin");  // data said to lie past the end of the file
    cut.data_offset += 1ull << 40;
    EXPECT_FALSE(read_zip_head(fd, cut, 512));
    ::close(fd);
  }
}

TEST(ZipIndex, FindsEachNameOnceAndNoNameTwoEntriesShare) {
  TempDir dir;
  std::vector<test::TestEntry> files;
  for (int i = 0; i < 300; ++i) files.emplace_back("d/" + std::to_string(i) + ".jpg", "x" + std::to_string(i));
  files.emplace_back("d/7.jpg", "again");  // a name used twice
  const auto zip = dir.write("n.zip", test::build_archive(files, Format::zip));
  const int fd = ::open(zip.c_str(), O_RDONLY | O_CLOEXEC);
  const auto index = ZipIndex::read(fd, 1000, 1024);
  ASSERT_TRUE(index);
  for (int i = 0; i < 300; ++i) {
    const std::string name = "d/" + std::to_string(i) + ".jpg";
    const ZipRecord* r = index->find(name);
    if (i == 7) {
      EXPECT_EQ(r, nullptr);
      continue;
    }
    ASSERT_NE(r, nullptr) << name;
    EXPECT_EQ(r->name, name);
    EXPECT_EQ(read_zip_head(fd, *r, 64), "x" + std::to_string(i));
  }
  EXPECT_EQ(index->find("d/300.jpg"), nullptr);
  EXPECT_EQ(index->find(""), nullptr);
  ::close(fd);
}

// What any zip writer makes has no overlaps; an entry said to be long enough to cover the
// entries after it overlaps each of them (a zip bomb's trick), read from a file or from memory.
TEST(ZipIndex, EntriesWhoseDataOverlapAreNamed) {
  TempDir dir;
  std::vector<test::TestEntry> files;
  for (int i = 0; i < 20; ++i) files.emplace_back("d/" + std::to_string(i) + ".jpg", std::string(size_t(100 + i), char('a' + i)));
  files.emplace_back("d/empty.txt", "");
  for (const char* options : {"zip:compression=deflate", "zip:compression=store"}) {
    std::string zip = test::build_archive(files, Format::zip, options);
    const auto in_memory = [&zip](uint64_t at, void* buf, size_t n) {
      if (at > zip.size() || n > zip.size() - at) return false;
      std::memcpy(buf, zip.data() + at, n);
      return true;
    };
    auto index = ZipIndex::read(in_memory, zip.size(), 100, 1024);
    ASSERT_TRUE(index) << options;
    EXPECT_TRUE(index->overlapping().empty()) << options;
    const int fd = ::open(dir.write("o.zip", zip).c_str(), O_RDONLY | O_CLOEXEC);
    index = ZipIndex::read(fd, 100, 1024);
    ::close(fd);
    ASSERT_TRUE(index) << options;
    EXPECT_TRUE(index->overlapping().empty()) << options;
    ASSERT_NE(index->find("d/5.jpg"), nullptr);
    EXPECT_EQ(index->find("d/5.jpg")->uncompressed, 105u);

    // d/15.jpg's central record says its data runs to the central directory.
    const size_t record = zip.find(std::string("PK\x01\x02", 4));
    const size_t at = zip.find("d/15.jpg", record) - 46;
    const ZipRecord fifteen = *index->find("d/15.jpg");
    const uint32_t reach = uint32_t(record - fifteen.data_offset);
    std::memcpy(&zip[at + 20], &reach, 4);
    index = ZipIndex::read(in_memory, zip.size(), 100, 1024);
    ASSERT_TRUE(index) << options;
    std::set<std::string> expected = {"d/15.jpg", "d/16.jpg", "d/17.jpg", "d/18.jpg", "d/19.jpg", "d/empty.txt"};
    EXPECT_EQ(std::set<std::string>(index->overlapping().begin(), index->overlapping().end()), expected) << options;
    EXPECT_EQ(index->find("d/16.jpg"), nullptr);
    EXPECT_NE(index->find("d/14.jpg"), nullptr);

    // The reader refuses them, each by name.
    const Read r = read_all({dir.write("p.zip", zip)});
    for (const std::string& name : expected) EXPECT_EQ(r.error_of.count(name) ? r.error_of.at(name) : "", "overlapping_entry") << name;
    EXPECT_EQ(r.paths.size(), 15u) << options;
    // Bytes before a zip move every offset its directory gives (libarchive reads such a zip).
    zip = std::string(1000, '#') + zip;
    const auto shifted = ZipIndex::read(in_memory, zip.size(), 100, 1024);
    ASSERT_TRUE(shifted) << options;
    EXPECT_EQ(shifted->overlapping().size(), expected.size());
    EXPECT_EQ(shifted->find("d/14.jpg")->data_offset, index->find("d/14.jpg")->data_offset + 1000);
  }
}

// Entries each too small for the ratio to judge (or sharing compressed data) cannot make an
// archive as a whole expand more than --max-ratio times its size: the rest of it is not read.
TEST(ExportReader, AnArchiveAsAWholeKeepsToTheRatio) {
  TempDir dir;
  std::vector<test::TestEntry> files;
  for (int i = 0; i < 10; ++i) files.emplace_back("blank/" + std::to_string(i) + ".bmp", std::string(600 * 1024, '\0'));
  files.emplace_back("after.txt", "not read");
  for (const Format format : {Format::zip, Format::tar_gz, Format::sevenzip}) {
    const auto path = dir.write("z", test::build_archive(files, format));
    Read r = read_all({path});
    ASSERT_EQ(r.error_of.size(), 1u);
    EXPECT_EQ(r.error_of.begin()->second, "ratio_exceeded");
    EXPECT_EQ(r.paths.size() + 1, r.entries.size()) << "nothing after the entry that went past it";
    EXPECT_LT(r.paths.size(), 6u);
    Limits lenient;
    lenient.max_ratio = 100000;
    r = read_all({path}, lenient);
    EXPECT_TRUE(r.error_of.empty());
    EXPECT_EQ(r.paths.size(), 11u);
    // A bomb entry refused on its own costs only itself, even in an archive far smaller than
    // the bomb, whether it is read here or handed to a worker (in a zip with bytes before it,
    // whose compressed sizes are unknown, it is read here).
    const std::string bomb_bytes = test::build_archive({{"before.txt", "healthy"},
                                                        {"zeros.jpg", test::jpeg_bytes() + std::string(40 << 20, '\0')},
                                                        {"after.jpg", test::jpeg_bytes()}},
                                                       format);
    for (const std::string& stub : {std::string(), std::string(format == Format::zip ? 1000 : 0, '#')}) {
      ExportReader reader({dir.write("b", stub + bomb_bytes)}, Limits{});
      std::vector<std::string> seen;
      while (auto e = reader.next([](const std::string&, MediaType) { return Want::all_deferrable; })) {
        if (e->path == "zeros.jpg" && !e->deferred) {
          ASSERT_TRUE(e->error) << stub.size();
          EXPECT_EQ(e->error->message.find("as a whole"), std::string::npos) << e->error->message;
        } else {
          EXPECT_FALSE(e->error) << e->path << ": " << e->error->message;
        }
        seen.push_back(e->path);
      }
      EXPECT_EQ(seen, (std::vector<std::string>{"before.txt", "zeros.jpg", "after.jpg"})) << stub.size();
    }
    // Inside another archive, judged against its own size.
    const auto outer = dir.write("outer.zip", test::build_archive({{"in/a.bin", test::build_archive(files, format)}}, Format::zip,
                                                                  "zip:compression=store"));
    r = read_all({outer});
    ASSERT_EQ(r.error_of.size(), 1u);
    EXPECT_TRUE(r.error_of.begin()->first.starts_with("in/a.bin/blank/")) << r.error_of.begin()->first;
    EXPECT_EQ(r.error_of.begin()->second, "ratio_exceeded");
  }
}

TEST(EntryFetcher, EnforcesTheLimitsAndNoticesAChangedSource) {
  TempDir dir;
  const auto zip = dir.write("l.zip", test::build_archive({{"a.jpg", big('a')}, {"z.jpg", std::string(5 << 20, 'z')}},
                                                          Format::zip));
  Limits limits;
  limits.max_entry_bytes = 1 << 20;
  std::vector<Entry> entries = read_deferrable({zip}, limits);
  ASSERT_EQ(entries.size(), 2u);
  ASSERT_TRUE(entries[1].error);  // over the entry limit by its declared size: never deferred
  EXPECT_EQ(entries[1].error->code, "too_large");
  // The zeros of z.jpg compress ~1000:1; a ratio limit is applied by the fetcher as by the reader.
  Limits strict;
  strict.max_ratio = 1.5;
  std::vector<Entry> again = read_deferrable({zip}, {});
  ASSERT_TRUE(again[1].deferred);
  EntryFetcher ratio(strict);
  ratio.fetch(again[1]);
  ASSERT_TRUE(again[1].error);
  EXPECT_EQ(again[1].error->code, "ratio_exceeded");
  // The source replaced between listing and reading: the entry's name no longer matches.
  dir.write("l.zip", test::build_archive({{"other.jpg", big('o')}, {"x.jpg", big('x')}}, Format::zip));
  EntryFetcher fetcher({});
  ASSERT_TRUE(entries[0].deferred);
  fetcher.fetch(entries[0]);
  ASSERT_TRUE(entries[0].error);
  EXPECT_EQ(entries[0].error->code, "corrupt_entry");
}

}  // namespace
}  // namespace mediascan

namespace mediascan {
namespace {

// Regression for the direct zip path: a central directory name that differs from the local
// header's (extraction tools disagree on which one they use) is refused, and ZIP64 records
// are understood.
TEST(EntryFetcher, DirectZipReadRefusesTwoNamesAndReadsZip64) {
  TempDir dir;
  std::string bytes = test::build_archive({{"a.jpg", big('a')}, {"b.jpg", big('b')}}, Format::zip);
  const size_t local_b = bytes.find("b.jpg");  // the first "b.jpg" is b's local header
  ASSERT_NE(local_b, std::string::npos);
  bytes[local_b] = 'x';
  const auto zip = dir.write("two-names.zip", bytes);
  std::vector<Entry> entries = read_deferrable({zip});
  ASSERT_EQ(entries.size(), 2u);
  EntryFetcher fetcher({});
  ASSERT_TRUE(entries[0].deferred);
  fetcher.fetch(entries[0]);
  EXPECT_FALSE(entries[0].error);  // the healthy neighbour is read
  ASSERT_TRUE(entries[1].error) << entries[1].path;
  EXPECT_EQ(entries[1].error->code, "name_mismatch");
  EXPECT_FALSE(entries[1].deferred);

  // The direct path finds an entry by the shared central directory alone: with an ordinal that
  // points nowhere (the libarchive walk would fail) it still reads the right bytes.
  std::vector<Entry> direct = read_deferrable({dir.write("direct.zip", test::build_archive({{"d.jpg", big('d')}}, Format::zip))});
  ASSERT_TRUE(direct[0].deferred && direct[0].deferred->zip);
  direct[0].deferred->ordinal = 999;
  fetcher.fetch(direct[0]);
  ASSERT_FALSE(direct[0].error) << direct[0].error->message;
  EXPECT_EQ(direct[0].data, big('d'));

  const auto zip64 = dir.write("z64.zip", test::build_archive({{"c.jpg", big('c')}}, Format::zip, "zip:zip64"));
  std::vector<Entry> more = read_deferrable({zip64});
  ASSERT_EQ(more.size(), 1u);
  ASSERT_TRUE(more[0].deferred && more[0].deferred->zip);  // libarchive writes a ZIP64 end record beside a plain one
  fetcher.fetch(more[0]);
  ASSERT_FALSE(more[0].error) << more[0].error->message;
  EXPECT_EQ(more[0].data, big('c'));
}

}  // namespace
}  // namespace mediascan

namespace mediascan {
namespace {

// libarchive counted no raw bytes while it read a stored entry of an archive opened from memory,
// so the ratio limit took every stored entry over 1 MiB inside an archive for a bomb.
TEST(ExportReader, StoredAnd7zEntriesOverAMiBAreNoBomb) {
  TempDir dir;
  std::string photo = test::jpeg_bytes();
  for (uint32_t x = 1; photo.size() < (3u << 20); x = x * 1664525u + 1013904223u) photo += char(x >> 24);
  const std::string inner = test::build_archive({{"a/big.jpg", photo}}, Format::zip, "zip:compression=store");
  const auto outer = dir.write("outer.zip", test::build_archive({{"inner.zip", inner}}, Format::zip, "zip:compression=store"));
  const Read r = read_all({outer});
  EXPECT_TRUE(r.error_of.empty()) << r.error_of.begin()->second;
  ASSERT_EQ(r.paths, std::vector<std::string>{"inner.zip/a/big.jpg"});
  EXPECT_EQ(r.entries[0].data, photo);

  // 7z reads its header at the end first and then goes back for the data: libarchive's own
  // count of raw bytes went backwards, and every 7z entry over 1 MiB was taken for a bomb.
  const auto seven = dir.write("big.7z", test::build_archive({{"big.jpg", photo}}, Format::sevenzip));
  const Read s = read_all({seven});
  EXPECT_TRUE(s.error_of.empty()) << s.error_of.begin()->second;
  ASSERT_EQ(s.paths, std::vector<std::string>{"big.jpg"});
  EXPECT_EQ(s.entries[0].data, photo);
}

// A place named without coordinates (a tweet's town, a check-in whose place has none) is a
// location finding of its own; with coordinates, the coordinates are the finding.
TEST(IndexExport, APlaceNamedWithoutCoordinatesIsAFinding) {
  Context town;
  town.place = "Ghent, Belgium";
  town.sidecars = {"data/tweets.js"};
  const std::vector<Finding> found = sidecar_findings(town);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].signal, "sidecar_place");
  EXPECT_EQ(found[0].category, Category::location);
  EXPECT_EQ(found[0].where, "sidecar:data/tweets.js");
  EXPECT_NE(found[0].evidence.find("Ghent, Belgium"), std::string::npos);

  Context point = town;
  point.geo.push_back({{51.05, 3.72}, "data/tweets.js", "coordinates"});
  ASSERT_EQ(sidecar_findings(point).size(), 1u);
  EXPECT_EQ(sidecar_findings(point)[0].signal, "sidecar_geo");
}

}  // namespace
}  // namespace mediascan
