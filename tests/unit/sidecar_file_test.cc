// Sidecars too big to hold (kept in a file by ingest) that the first pass reads a part at a time:
// an X archive's tweets.js a tweet at a time (the tweets' contexts wait on disk for the join), a
// Facebook or Instagram posts file an element at a time. The same records, posts and joins as the
// text gives, without the file in memory.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scanner/ingest/ingest.h"
#include "scanner/ingest/sidecars.h"
#include "scanner/metadata/sidecar_clean.h"
#include "scanner/util/json_split.h"
#include "tests/unit/bytes_in_file.h"

namespace mediascan {
namespace {

using InFile = test::BytesInFile;

std::vector<std::string> elements(util::JsonSplit& result, const std::string& json, size_t max = 1 << 20) {
  std::vector<std::string> out;
  const InFile file(json);
  result = util::json_array_each(file.bytes(), 0, max, [&](std::string_view e) {
    out.emplace_back(e);
    return true;
  });
  return out;
}

TEST(JsonFileSplit, TheElementsOfTheText) {
  // Elements of every kind, strings with brackets, commas and escaped quotes, and elements across
  // the buffer's MiB boundaries.
  std::string big = "\xEF\xBB\xBF [\n";
  for (int i = 0; big.size() < (size_t{3} << 20); ++i)
    big += std::string(i ? " ,\n " : "") + R"({"s": "a, ] } \" [", "n": [1, {"x": null}], "i": )" + std::to_string(i) + "}";
  big += "\n]\n";
  for (const std::string& json : {big, std::string("[]"), std::string(" [ 1 , \"two\" , [3] , {\"4\": 4} , true ] "),
                                  std::string("[1 2]")}) {
    std::vector<std::string> expected;
    const util::JsonSplit whole = util::json_array_each(json, [&](std::string_view e) {
      expected.emplace_back(e);
      return true;
    });
    util::JsonSplit from_file;
    EXPECT_EQ(elements(from_file, json), expected);
    EXPECT_EQ(from_file, whole);
  }
  for (const std::string& bad : {std::string("[1, 2"), std::string("[1,, 2]"), std::string("[1] x"), std::string("[\"a]")}) {
    util::JsonSplit result;
    elements(result, bad);
    EXPECT_EQ(result, util::JsonSplit::malformed) << bad;
    EXPECT_EQ(util::json_array_each(bad, [](std::string_view) { return true; }), util::JsonSplit::malformed) << bad;
  }
  util::JsonSplit result;
  elements(result, "{\"a\": 1}");
  EXPECT_EQ(result, util::JsonSplit::wrong_kind);
  // The text ends at a NUL byte, as the JSON parser's does (the fuzzer found a tweets.js padded
  // with NULs read by the text's way and refused by the file's).
  EXPECT_EQ(elements(result, std::string("[1, 2]\0\0\0", 9)), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(result, util::JsonSplit::done);
  elements(result, std::string("[1,\0 2]", 8));
  EXPECT_EQ(result, util::JsonSplit::malformed);
  // An element over the bound is refused, not held.
  elements(result, "[\"" + std::string(5000, 'x') + "\"]", 4096);
  EXPECT_EQ(result, util::JsonSplit::malformed);
  EXPECT_EQ(elements(result, "[\"" + std::string(5000, 'x') + "\"]", 8192).size(), 1u);
}

// tweets.js of `n` tweets, some with a point, some retweets, some without text.
std::string tweets_js(int n) {
  std::string js = "window.YTD.tweets.part0 = [";
  for (int i = 0; i < n; ++i) {
    js += std::string(i ? ",\n" : "\n") + R"(  {"tweet": {"id_str": ")" + std::to_string(1000 + i) +
          R"(", "created_at": "Wed Oct 10 20:19:24 +0000 2018", "full_text": )" +
          (i % 7 == 0 ? std::string("\"\"") : i % 5 == 0 ? "\"RT @x: said " + std::to_string(i) + "\"" : "\"tweet " + std::to_string(i) + "\"");
    if (i % 3 == 0) js += R"(, "coordinates": {"type": "Point", "coordinates": ["4.89", "52.37"]})";
    js += "}}";
  }
  return js + "\n]";
}

struct Read {
  std::vector<std::string> posts;  // pointer, kind and caption of each
  std::vector<std::string> tweets;  // id, caption and points of each
  std::vector<SidecarError> errors;
};

Read read(const SidecarIndex& idx) {
  Read r;
  for (const TextPost& p : idx.posts) r.posts.push_back(p.pointer + " " + p.context.text_kind + " " + p.context.caption);
  idx.tweets.for_each([&](const std::string& id, const Context& c) {
    r.tweets.push_back(id + " " + c.caption + " " + std::to_string(c.geo.size()) + " " + c.taken);
  });
  r.errors = idx.errors;
  return r;
}

TEST(TwitterFile, ReadsWhatTheTextGives) {
  for (const std::string& js : {tweets_js(3000), std::string("window.YTD.like.part0 = [{\"like\": {}}]"),
                                std::string("window.YTD.deleted_tweets.part0 = [{\"tweet\": {\"id_str\": \"7\", \"full_text\": \"gone\"}}]")}) {
    SidecarIndex text, file;
    text.add("data/tweets.js", js);
    const InFile in(js);
    ASSERT_TRUE(file.add("data/tweets.js", in.bytes(), 1 << 20));
    const Read a = read(text), b = read(file);
    EXPECT_EQ(a.posts, b.posts);
    EXPECT_EQ(a.tweets, b.tweets);
    EXPECT_TRUE(a.errors.empty());
    EXPECT_TRUE(b.errors.empty());
    EXPECT_EQ(text.evidence, file.evidence);
  }
  // Invalid after the prefix: an error and no tweet, whichever way it is read.
  for (const std::string& js : {tweets_js(50) + "x", tweets_js(50).substr(0, 400)}) {
    SidecarIndex text, file;
    text.add("data/tweets.js", js);
    const InFile in(js);
    ASSERT_TRUE(file.add("data/tweets.js", in.bytes(), 1 << 20));
    EXPECT_EQ(text.errors.size(), 1u);
    ASSERT_EQ(file.errors.size(), 1u);
    EXPECT_TRUE(file.errors[0].message.starts_with("not valid JSON after the YTD prefix")) << file.errors[0].message;
    EXPECT_EQ(file.tweets.size(), 0u);
    EXPECT_TRUE(file.posts.empty());
  }
}

// From a review: a tweet over the bound made the whole file invalid at 16 MiB whatever the limit
// (now the first pass's sidecar limit); a file that starts as an X file but has no '=' in its
// first 4 KiB was passed over without a word, its tweets lost.
TEST(TwitterFile, WhatItCannotReadItSays) {
  const std::string js = tweets_js(20);
  const InFile in(js);
  SidecarIndex bounded;
  ASSERT_TRUE(bounded.add("data/tweets.js", in.bytes(), 60));
  ASSERT_EQ(bounded.errors.size(), 1u);
  EXPECT_NE(bounded.errors[0].message.find("a tweet of more than"), std::string::npos) << bounded.errors[0].message;
  for (const std::string& broken : {std::string("window.YTD.tweets.part0 [{\"tweet\": {\"id_str\": \"1\"}}]"),
                                    "window.YTD.tweets.part0" + std::string(5000, ' ') + "= []"}) {
    SidecarIndex text, file;
    text.add("data/tweets.js", broken);
    const InFile b(broken);
    ASSERT_TRUE(file.add("data/tweets.js", b.bytes(), 1 << 20));
    for (const SidecarIndex* idx : {&text, &file}) {
      ASSERT_EQ(idx->errors.size(), 1u);
      EXPECT_NE(idx->errors[0].message.find("not read as an X archive file"), std::string::npos);
    }
    EXPECT_TRUE(clean_sidecar(broken).error);  // the cleaners look for the '=' as far
    EXPECT_TRUE(clean_sidecar_stream(b.bytes(), nullptr).error);
  }
  SidecarIndex manifest;  // X's own manifest.js is no YTD file, and no error
  manifest.add("data/manifest.js", "window.__THAR_CONFIG = {}");
  EXPECT_TRUE(manifest.errors.empty());
}

// With a sink (the first pass's), the posts leave as they are read, in order.
TEST(TwitterFile, PostsGoToTheSink) {
  const std::string js = tweets_js(100);
  SidecarIndex plain, sunk;
  plain.add("data/tweets.js", js);
  std::vector<std::string> handed;
  sunk.post_sink = [&](TextPost&& p) { handed.push_back(p.pointer + " " + p.context.caption); };
  const InFile in(js);
  ASSERT_TRUE(sunk.add("data/tweets.js", in.bytes(), 1 << 20));
  EXPECT_TRUE(sunk.posts.empty());
  std::vector<std::string> expected;
  for (const TextPost& p : plain.posts) expected.push_back(p.pointer + " " + p.context.caption);
  EXPECT_EQ(handed, expected);
  EXPECT_FALSE(handed.empty());
}

// A Facebook posts file of `n` posts: photos with their GPS, check-ins, text.
std::string posts_json(int n) {
  std::string json = "[";
  for (int i = 0; i < n; ++i) {
    json += std::string(i ? ",\n" : "\n") + R"({"timestamp": )" + std::to_string(1700000000 + i) +
            R"(, "data": [{"post": "post )" + std::to_string(i) + R"("}], "title": "Jan shared a memory.")";
    if (i % 3 == 0)
      json += R"(, "attachments": [{"data": [{"media": {"uri": "your_facebook_activity/posts/media/a/)" +
              std::to_string(i) + R"(.jpg", "creation_timestamp": 1700000000, "title": "album",
              "media_metadata": {"photo_metadata": {"exif_data": [{"latitude": 51.05, "longitude": 3.72}]}}}}]}])";
    else if (i % 3 == 1)
      json += R"(, "attachments": [{"data": [{"place": {"name": "Bar Sud", "coordinate": {"latitude": 51.05, "longitude": 3.72}}}]}])";
    json += "}";
  }
  return json + "\n]";
}

TEST(PostsFile, ReadsWhatTheTextGives) {
  const std::string path = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json";
  for (const std::string& json : {posts_json(3000), posts_json(2)}) {
    SidecarIndex text, file;
    text.add(path, json);
    const InFile in(json);
    ASSERT_TRUE(file.add(path, in.bytes(), 1 << 20));
    ASSERT_EQ(text.meta.size(), file.meta.size());
    EXPECT_GT(file.meta.size(), 0u);
    for (size_t i = 0; i < text.meta.size(); ++i) EXPECT_TRUE(text.meta.at(i) == file.meta.at(i)) << i;
    ASSERT_EQ(text.posts.size(), file.posts.size());
    for (size_t i = 0; i < text.posts.size(); ++i) {
      EXPECT_EQ(text.posts[i].pointer, file.posts[i].pointer);
      EXPECT_TRUE(text.posts[i].context == file.posts[i].context) << i;
    }
    EXPECT_EQ(text.evidence, file.evidence);
    EXPECT_TRUE(file.errors.empty());
  }
  // Invalid: an error, no record. An element over the bound: the same.
  for (const auto& [json, bound] : {std::pair{posts_json(20) + "]", size_t{1} << 20}, std::pair{posts_json(20), size_t{100}}}) {
    SidecarIndex file;
    const InFile in(json);
    ASSERT_TRUE(file.add(path, in.bytes(), bound));
    ASSERT_EQ(file.errors.size(), 1u);
    EXPECT_TRUE(file.errors[0].message.starts_with("not valid JSON")) << file.errors[0].message;
    EXPECT_EQ(file.meta.size(), 0u);
  }
  // What is no array, and what is no JSON, is read whole.
  SidecarIndex other;
  const InFile object(R"({"comments_v2": []})"), csv("a,b\n1,2\n");
  EXPECT_FALSE(other.add("comments.json", object.bytes(), 1 << 20));
  EXPECT_FALSE(other.add("Profile.csv", csv.bytes(), 1 << 20));
}

TEST(TweetIndex, KeepsTheLastOfAnIdOnDisk) {
  TweetIndex tweets;
  EXPECT_TRUE(tweets.empty());
  Context a, b;
  a.caption = "first";
  b.caption = "second";
  tweets.put("1", a);
  tweets.put("2", a);
  tweets.put("1", b);
  EXPECT_EQ(tweets.size(), 2u);
  ASSERT_TRUE(tweets.find("1"));
  EXPECT_EQ(tweets.find("1")->caption, "second");
  EXPECT_FALSE(tweets.find("3"));
  std::vector<std::string> ids;
  tweets.for_each([&](const std::string& id, const Context&) { ids.push_back(id); });
  EXPECT_EQ(ids, (std::vector<std::string>{"1", "2"}));
}

}  // namespace
}  // namespace mediascan
