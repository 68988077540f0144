// The JSON report is written piece by piece (items, groups of copies, places' paths), never held
// as one document; what it writes must be exactly the dump of the document it stands for.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scanner/report/json_report.h"

namespace mediascan {
namespace {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

class JsonReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("mediascan-json-report-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                        "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes `r`, checks the text is the dump of what it parses to, and returns that document.
  ojson written(const RunResult& r) {
    const fs::path path = dir_ / "r.json";
    write_json_report(r, path);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const ojson doc = ojson::parse(text.str());
    EXPECT_EQ(text.str(), doc.dump(2) + "\n");
    return doc;
  }

  fs::path dir_;
};

Item photo(std::string path) {
  Item item;
  item.path = std::move(path);
  item.kind = Kind::image;
  Finding f;
  f.signal = "exif_gps";
  f.evidence = "GPS 48.8584, 2.2945";
  f.where = "exif";
  f.fixed = true;
  f.point = GeoPoint{48.8584, 2.2945};
  item.findings.push_back(f);
  return item;
}

TEST_F(JsonReportTest, EmptyRunHasEmptyArrays) {
  RunResult r;
  const ojson doc = written(r);
  EXPECT_EQ(doc["items"], ojson::array());
  EXPECT_EQ(doc["duplicates"], ojson::array());
  EXPECT_EQ(doc["places"], ojson::array());
}

TEST_F(JsonReportTest, ItemsCopiesAndPlacesWrittenPieceByPieceAreTheDocument) {
  RunResult r;
  // Names that need escaping, one that is not UTF-8 (replaced, not the end of the report).
  const std::vector<std::string> paths = {"a/\"quoted\".jpg", "a/caf\xC3\xA9.jpg", "a/bad\xFF.jpg", "b/1.jpg",
                                          "b/2.jpg", "b/3.jpg"};
  for (const std::string& p : paths) r.items.push_back(photo(p));
  r.errors.push_back({"x.zip", "x.zip", {"invalid_archive", "\"duplicates\": [] is no placeholder"}});
  r.analysis.duplicates = {{0, 3}, {1, 4, 5}};
  r.analysis.places = {{{48.8584, 2.2945}, {0, 1, 2}, 2, "likely home"}, {{-33.8572, 151.2153}, {3, 4}, 0, "recurring place"}};
  r.clean = CleanSummary{"out.zip", 3, {}};
  r.summary = summarize(r.items, r.errors);
  const ojson doc = written(r);
  ASSERT_EQ(doc["items"].size(), paths.size());
  EXPECT_EQ(doc["items"][1]["path"], "a/caf\xC3\xA9.jpg");
  EXPECT_EQ(doc["items"][2]["path"], "a/bad\xEF\xBF\xBD.jpg");
  EXPECT_EQ(doc["duplicates"], ojson::parse(R"([["a/\"quoted\".jpg", "b/1.jpg"], ["a/café.jpg", "b/2.jpg", "b/3.jpg"]])"));
  ASSERT_EQ(doc["places"].size(), 2u);
  EXPECT_EQ(doc["places"][0]["label"], "likely home");
  EXPECT_EQ(doc["places"][0]["night"], 2);
  EXPECT_EQ(doc["places"][0]["paths"], ojson::parse(R"(["a/\"quoted\".jpg", "a/café.jpg", "a/bad\uFFFD.jpg"])"));
  EXPECT_EQ(doc["places"][1]["paths"], ojson::parse(R"(["b/1.jpg", "b/2.jpg"])"));
  EXPECT_EQ(doc["clean"]["changed"], 3);
  EXPECT_EQ(doc["errors"][0]["message"], "\"duplicates\": [] is no placeholder");
}

TEST_F(JsonReportTest, ManyItemsAreWrittenAMegabyteAtATime) {
  RunResult r;
  for (int i = 0; i < 20000; ++i) r.items.push_back(photo("photos/" + std::to_string(i) + ".jpg"));
  std::vector<size_t> all(r.items.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  r.analysis.duplicates = {all};
  r.analysis.places = {{{48.8584, 2.2945}, all, 0, "likely home"}};
  r.summary = summarize(r.items, r.errors);
  const ojson doc = written(r);
  EXPECT_EQ(doc["items"].size(), 20000u);
  EXPECT_EQ(doc["duplicates"][0].size(), 20000u);
  EXPECT_EQ(doc["places"][0]["paths"][19999], "photos/19999.jpg");
}

}  // namespace
}  // namespace mediascan
