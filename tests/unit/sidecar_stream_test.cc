// clean_sidecar_stream: a JSON sidecar too big to hold (Takeout's Records.json, a posts file of
// hundreds of megabytes), cleaned a piece at a time into the bytes clean_sidecar makes of it.
#include <gtest/gtest.h>

#include <string>

#include "scanner/metadata/sidecar_clean.h"
#include "tests/unit/bytes_in_file.h"

namespace mediascan {
namespace {

// `text` in a temporary file, as ingest keeps a big entry.
using InFile = test::BytesInFile;

struct Streamed {
  SidecarClean result;
  std::string text;
};

Streamed stream(const std::string& in, size_t whole_limit) {
  const InFile file(in);
  Streamed s;
  const util::Chunks out = [&](std::string_view piece) { s.text.append(piece); };
  s.result = clean_sidecar_stream(file.bytes(), &out, whole_limit);
  return s;
}

// Takeout's location history: an object of one array of records, millions of them.
std::string records(int n) {
  std::string json = "{\n  \"locations\": [";
  for (int i = 0; i < n; ++i)
    json += std::string(i ? "," : "") + "{\n    \"latitudeE7\": " + std::to_string(510000000 + i * 7) +
            ",\n    \"longitudeE7\": " + std::to_string(37000000 + i * 13) +
            ",\n    \"accuracy\": 12,\n    \"timestamp\": \"2023-03-14T10:00:00.000Z\"\n  }";
  return json + "]\n}\n";
}

// A Facebook posts file: an array of posts with their places, titles naming them, and an
// Instagram entry labelled a place.
std::string posts(int n) {
  std::string json = "\xEF\xBB\xBF[";
  for (int i = 0; i < n; ++i)
    json += std::string(i ? ",\n" : "") + R"({"timestamp": 1700000000, "title": "Jan checked in to Bar Sud.",
  "attachments": [{"data": [{"place": {"name": "Bar Sud", "coordinate": {"latitude": 51.05, "longitude": 3.72},
  "address": "Korenmarkt 1, Gent", "url": "https://www.facebook.com/barsud"}}]}],
  "data": [{"post": "Borrel \"met\" iedereen\\n"}],
  "label_values": [{"vec": [{"value": "Gent"}], "label": "Locations of interest"}]})";
  return json + "]";
}

// Every value whole, and every object and array bigger than a few bytes walked into: the bytes
// and the count of clean_sidecar.
TEST(SidecarStream, GivesTheBytesOfTheWholeFileClean) {
  for (const std::string& in : {records(300), posts(40), std::string(R"({"a": [1, 2, {"city": "Gent"}], "b": {}, "c": []})"),
                                std::string("window.YTD.tweets.part0 = [{\"tweet\": {\"coordinates\": {\"coordinates\": "
                                            "[\"3.72\", \"51.05\"]}, \"full_text\": \"hi\"}}];\n")}) {
    const SidecarClean whole = clean_sidecar(in);
    ASSERT_FALSE(whole.error) << in.substr(0, 80);
    ASSERT_GT(whole.fields, 0);
    for (const size_t limit : {kSidecarWholeLimit, size_t{4096}, size_t{1024}}) {
      const Streamed s = stream(in, limit);
      ASSERT_FALSE(s.result.error) << limit << ": " << s.result.error->message;
      EXPECT_EQ(s.result.fields, whole.fields) << limit;
      EXPECT_EQ(s.text, whole.text) << limit;
    }
  }
  // More than a buffer's worth (1 MiB) of records, walked into at the top.
  const std::string big = records(20000);
  ASSERT_GT(big.size(), size_t{2} << 20);
  const Streamed s = stream(big, 4096);
  EXPECT_EQ(s.result.fields, 20000 * 4);  // under "locations", every value goes
  EXPECT_EQ(s.text, clean_sidecar(big).text);
}

TEST(SidecarStream, CountsWithoutWriting) {
  const InFile file(records(50));
  const SidecarClean counted = clean_sidecar_stream(file.bytes(), nullptr, 256);
  EXPECT_FALSE(counted.error);
  EXPECT_EQ(counted.fields, 200);
  EXPECT_TRUE(counted.text.empty());
}

TEST(SidecarStream, AnInvalidFileIsAnErrorAsWhole) {
  for (const std::string& in : {std::string(R"({"locations": [{"latitudeE7": 1}, ]})"), std::string(R"([{"city": "Gent"})"),
                                std::string(R"([{"city": "Gent"}] x)"), std::string("window.YTD.tweets.part0 [1]"),
                                std::string(R"({"a": "unterminated)")}) {
    const SidecarClean whole = clean_sidecar(in);
    ASSERT_TRUE(whole.error) << in;
    for (const size_t limit : {kSidecarWholeLimit, size_t{8}}) {
      const Streamed s = stream(in, limit);
      ASSERT_TRUE(s.result.error) << in;
      EXPECT_EQ(s.result.fields, 0);
      if (limit == kSidecarWholeLimit) {
        EXPECT_EQ(s.result.error->message, whole.error->message) << in;
      }
    }
  }
}

// What needs the whole of an object bigger than the limit is an error, never a cleaning that
// leaves a place behind: a title naming its places, a label after the members it names a place.
TEST(SidecarStream, AnObjectItCannotCleanInPiecesIsAnError) {
  std::string pad = "[";
  for (int i = 0; i < 20; ++i) pad += std::string(i ? ", " : "") + "\"padding" + std::to_string(i) + "\"";
  pad += "]";
  const std::string title =
      R"({"title": "Jan checked in to Bar Sud.", "attachments": [{"place": {"name": "Bar Sud"}}], "pad": )" + pad + "}";
  ASSERT_EQ(clean_sidecar(title).text.find("Bar Sud."), std::string::npos);
  const Streamed t = stream(title, 100);
  ASSERT_TRUE(t.result.error);
  EXPECT_NE(t.result.error->message.find("title"), std::string::npos) << t.result.error->message;
  EXPECT_EQ(stream(title, 4096).text, clean_sidecar(title).text);  // held whole, cut as always

  const std::string label = R"({"vec": [{"value": "Gent"}], "pad": )" + pad + R"(, "label": "Locations of interest"})";
  ASSERT_EQ(clean_sidecar(label).text.find("Gent"), std::string::npos);
  const Streamed l = stream(label, 100);
  ASSERT_TRUE(l.result.error);
  EXPECT_NE(l.result.error->message.find("labelled a place"), std::string::npos) << l.result.error->message;
  // The label first: known before the members, so walked into all the same.
  const std::string first = R"({"label": "Locations of interest", "vec": [{"value": "Gent"}], "pad": )" + pad + "}";
  const Streamed f = stream(first, 100);
  ASSERT_FALSE(f.result.error);
  EXPECT_EQ(f.text, clean_sidecar(first).text);

  const Streamed v = stream(R"({"city": ")" + std::string(300, 'z') + "\"}", 100);  // one value over it
  ASSERT_TRUE(v.result.error);
  EXPECT_NE(v.result.error->message.find("value of more than"), std::string::npos);
}

// From a review: a number of exactly the limit was refused (its end was looked for only below it).
TEST(SidecarStream, AValueOfExactlyTheLimitIsHeldWhole) {
  for (const auto& [in, limit] : {std::pair{std::string("[1,2]"), size_t{1}}, std::pair{std::string("0"), size_t{1}},
                                  std::pair{std::string(R"({"lat":[1234567890123456,1]})"), size_t{16}},
                                  std::pair{std::string(R"({"city":["0123456789abcd"]})"), size_t{16}}}) {
    const Streamed s = stream(in, limit);
    ASSERT_FALSE(s.result.error) << in << ": " << s.result.error->message;
    EXPECT_EQ(s.result.fields, clean_sidecar(in).fields) << in;
    if (s.result.fields > 0) {
      EXPECT_EQ(s.text, clean_sidecar(in).text);
    }
  }
  const Streamed over = stream(R"({"lat":[12345678901234567,1]})", 16);
  ASSERT_TRUE(over.result.error);
  EXPECT_TRUE(over.result.unwalkable);
}

// From a review: a Messenger thread of 9 MiB ({"participants", "messages": [... a shared
// location ...], "title": "Jan and An"}) is an object bigger than the limit with a title, which
// the walk cannot clean; the scan's clean_big_sidecar then cleans it whole, as a small one is,
// when it may hold it, and says why not when it may not.
TEST(SidecarStream, WhatCannotBeWalkedIsCleanedWholeWhenItMayBeHeld) {
  std::string thread = R"({"participants": [{"name": "Jan"}, {"name": "An"}], "messages": [)";
  while (thread.size() < kSidecarWholeLimit + 4096) thread += R"({"sender_name": "Jan", "content": "see you there"},)";
  thread += R"({"sender_name": "An", "location": {"name": "Bar Sud", "latitude": 51.0543, "longitude": 3.7174}}],
  "title": "Jan and An at Bar Sud", "thread_path": "inbox/janan_1"})";
  const SidecarClean whole = clean_sidecar(thread);
  ASSERT_FALSE(whole.error);
  ASSERT_EQ(whole.text.find("Bar Sud"), std::string::npos);  // cut from the title too
  const InFile file(thread);
  EXPECT_TRUE(clean_sidecar_stream(file.bytes(), nullptr).unwalkable);

  std::string written;
  int sinks = 0;
  const util::Chunks out = [&](std::string_view piece) { written.append(piece); };
  const auto fresh = [&] {
    written.clear();  // what the walk wrote goes
    ++sinks;
    return &out;
  };
  const SidecarClean held = clean_big_sidecar(file.bytes(), fresh, thread.size());
  ASSERT_FALSE(held.error);
  EXPECT_EQ(held.fields, whole.fields);
  EXPECT_EQ(written, whole.text);
  EXPECT_EQ(sinks, 2);
  EXPECT_EQ(clean_big_sidecar(file.bytes(), {}, thread.size()).fields, whole.fields);  // counted only

  const SidecarClean refused = clean_big_sidecar(file.bytes(), fresh, thread.size() - 1);
  EXPECT_TRUE(refused.error);
  EXPECT_EQ(refused.fields, 0);
}

TEST(SidecarStream, CoordinatesLeftInAFile) {
  // A pair across the edge of the first window (1 MiB), and one at the very end.
  std::string filler(util::ByteSource::kChunk - 4, ' ');
  for (const std::string& in : {filler + "51.0543, 3.7174 ", "[" + filler + "0, 0, \"51.0543\", \"3.7174\"]",
                                std::string(3 * util::ByteSource::kChunk, '1') + " 51.05431,3.71742"}) {
    const InFile file(in);
    EXPECT_TRUE(coordinates_left(in));
    EXPECT_TRUE(coordinates_left(file.bytes())) << in.size();
  }
  for (const std::string& in : {filler + "51.05, 3.71 ", filler + "x51.0543, 3.7174", filler + "251.0543, 3.7174"}) {
    const InFile file(in);
    EXPECT_FALSE(coordinates_left(in));
    EXPECT_FALSE(coordinates_left(file.bytes())) << in.size();
  }
}

}  // namespace
}  // namespace mediascan
