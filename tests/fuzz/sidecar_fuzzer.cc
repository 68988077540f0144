// Fuzzes the sidecar parsers and the sidecar cleaner. The first input byte picks the sidecar's
// name from sidecar_names.h (which routes it: Takeout, Facebook/Instagram, Snapchat, X/Twitter,
// LinkedIn); the rest is its content. Then:
//   - SidecarIndex::add, join_sidecars and CaptionFinder against media entries named after what
//     the parsers found (so that joins happen) plus a few fixed ones;
//   - json_syntax_error and parse_meta_json_text / parse_snapchat_json_text, which check and read
//     a big document part by part, against the parser's verdict and the whole document's records;
//   - clean_sidecar, and its promise: once cleaned, the sidecar gives the parsers no location;
//     clean_sidecar_in_place gives the same bytes, and so does clean_sidecar_stream (when it
//     walks into values, or an error that says it had to);
//   - coordinates_left on the file as on the text.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "scanner/ingest/ingest.h"
#include "scanner/ingest/sidecars.h"
#include "scanner/metadata/sidecar_clean.h"
#include "scanner/util/spill_file.h"
#include "tests/fuzz/sidecar_names.h"

namespace {

using namespace mediascan;


// Media an export could hold next to the sidecar, so that every join has something to match.
std::vector<IndexedEntry> fake_media(const SidecarIndex& idx) {
  std::vector<IndexedEntry> media = {
      {"s", "Takeout/Google Photos/Trip 2019/IMG_0001.jpg", MediaType::jpeg, 100},
      {"s", "Takeout/Google Photos/Trip 2019/IMG_0001(1).jpg", MediaType::jpeg, 100},
      {"s", "Takeout/Google Photos/Trip 2019/IMG_0001-edited.jpg", MediaType::jpeg, 100},
      {"s", "your_facebook_activity/posts/media/album/1234567890.jpg", MediaType::jpeg, 100},
      {"s", "media/posts/201901/abc.mp4", MediaType::mp4, 100},
      {"s", "data/tweets_media/1234567890-abcdef.jpg", MediaType::jpeg, 100},
      {"s", "memories/2020-01-01_0a1b2c3d-0000-4000-8000-0123456789ab-main.mp4", MediaType::mp4, 100},
      {"s", "memories/2020-01-01.jpg", MediaType::jpeg, 100},
  };
  auto add = [&](std::string path, MediaType t) {
    if (media.size() < 64) media.push_back({"s", std::move(path), t, 100});
  };
  for (size_t i = 0; i < idx.meta.size(); ++i) add(idx.meta.at(i).first, MediaType::jpeg);
  for (const TakeoutSidecar& t : idx.takeout) {
    add(t.dir + "/" + t.title, MediaType::jpeg);
    add(t.dir + "/" + t.stem, MediaType::jpeg);
  }
  idx.tweets.for_each([&](const std::string& id, const Context&) { add("data/tweets_media/" + id + "-x.jpg", MediaType::jpeg); });
  for (const SnapMemory& s : idx.snaps)
    add("memories/" + s.date + "_" + s.mid + "-main." + (s.video ? "mp4" : "jpg"),
        s.video ? MediaType::mp4 : MediaType::jpeg);
  for (const TextPost& p : idx.posts)
    for (const std::string& uri : p.media_uris) add(uri, MediaType::jpeg);
  return media;
}

size_t geo_count(const SidecarIndex& idx) {
  size_t n = 0;
  for (size_t i = 0; i < idx.meta.size(); ++i) n += idx.meta.at(i).second.geo.size();
  for (const TakeoutSidecar& t : idx.takeout) n += idx.takeout_contexts.at(t.context).second.geo.size();
  idx.tweets.for_each([&](const std::string&, const Context& c) { n += c.geo.size(); });
  for (const SnapMemory& s : idx.snaps) n += s.context.geo.size();
  for (const TextPost& p : idx.posts) n += p.context.geo.size();
  return n;
}

void fail(const char* what, const std::string& path) {
  std::fprintf(stderr, "fuzz_sidecar: %s (as %s)\n", what, path.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string path = fuzz::sidecar_name(data[0]);
  const std::string_view content(reinterpret_cast<const char*>(data + 1), size - 1);

  // Big arrays and objects are checked and read part by part (here: all of them): the verdict
  // must be the parser's on the whole, and what is read what the whole document gives.
  const bool valid = nlohmann::json::accept(content);
  if (json_syntax_error(content, 0).has_value() == valid) fail("json_syntax_error disagrees with the parser", path);
  if (valid) {
    const nlohmann::json doc = nlohmann::json::parse(content);
    SidecarIndex whole, parts;
    if (parse_meta_json(path, doc, whole) != parse_meta_json_text(path, content, parts, 0))
      fail("parse_meta_json_text recognises what parse_meta_json does not", path);
    if (parts.meta.size() != whole.meta.size() || parts.posts.size() != whole.posts.size())
      fail("parse_meta_json_text reads other records than parse_meta_json", path);
    for (size_t i = 0; i < whole.meta.size(); ++i)
      if (!(parts.meta.at(i) == whole.meta.at(i))) fail("parse_meta_json_text reads another record", path);
    for (size_t i = 0; i < whole.posts.size(); ++i)
      if (parts.posts[i].pointer != whole.posts[i].pointer || !(parts.posts[i].context == whole.posts[i].context) ||
          parts.posts[i].media_uris != whole.posts[i].media_uris)
        fail("parse_meta_json_text reads another post", path);
    // With a sink, the posts leave as they are read: the same ones, in the same order.
    SidecarIndex sunk;
    std::vector<TextPost> handed;
    sunk.post_sink = [&](TextPost&& p) { handed.push_back(std::move(p)); };
    parse_meta_json_text(path, content, sunk, 0);
    for (const TextPost& p : sunk.posts) handed.push_back(p);
    if (handed.size() != parts.posts.size()) fail("the post sink got other posts", path);
    for (size_t i = 0; i < handed.size(); ++i)
      if (handed[i].pointer != parts.posts[i].pointer || !(handed[i].context == parts.posts[i].context) ||
          handed[i].media_uris != parts.posts[i].media_uris)
        fail("the post sink got another post", path);
    SidecarIndex snaps_whole, snaps_parts;
    if (parse_snapchat_json(path, doc, snaps_whole) != parse_snapchat_json_text(path, content, snaps_parts) ||
        snaps_whole.snaps.size() != snaps_parts.snaps.size() || snaps_whole.evidence != snaps_parts.evidence)
      fail("parse_snapchat_json_text reads other memories than parse_snapchat_json", path);
  }

  SidecarIndex idx;
  idx.add(path, content);
  util::SpillFile spill;
  spill.put(content);
  const util::FileBytes file(nullptr, spill.fd(), 0, content.size(), path);
  // Kept in a file, an X `.js` file is read a tweet at a time, a JSON array an element at a time:
  // the same tweets, records, posts and evidence.
  if (SidecarIndex from_file; from_file.add(path, file, 1 << 20)) {
    std::vector<std::string> a, b;
    idx.tweets.for_each([&](const std::string& id, const Context& c) { a.push_back(id + " " + c.caption); });
    from_file.tweets.for_each([&](const std::string& id, const Context& c) { b.push_back(id + " " + c.caption); });
    if (a != b || idx.posts.size() != from_file.posts.size() || idx.evidence != from_file.evidence ||
        idx.meta.size() != from_file.meta.size())
      fail("SidecarIndex::add reads a file otherwise than its text", path);
    for (size_t i = 0; i < idx.posts.size(); ++i)
      if (!(idx.posts[i].context == from_file.posts[i].context) || idx.posts[i].pointer != from_file.posts[i].pointer)
        fail("SidecarIndex::add reads another post from a file", path);
    for (size_t i = 0; i < idx.meta.size(); ++i)
      if (!(idx.meta.at(i) == from_file.meta.at(i))) fail("SidecarIndex::add reads another media record from a file", path);
    // An error where the text has one; an X file's also when its JSON is valid but no array.
    if (!idx.errors.empty() && from_file.errors.empty()) fail("SidecarIndex::add misses an error in a file", path);
  }
  const std::vector<IndexedEntry> media = fake_media(idx);
  const auto contexts = join_sidecars(media, idx);
  for (const IndexedEntry& e : media)
    if (const auto c = contexts.find(e.path)) (void)sidecar_findings(*c);
  const CaptionFinder captions(media);
  for (const TextPost& p : idx.posts) {
    (void)captions.is_caption(p);
    (void)text_item_path(p);
  }
  (void)detect_layout(media, idx);

  const SidecarClean clean = clean_sidecar(content);
  std::string in_place(content);
  if (clean_sidecar_in_place(in_place).fields != clean.fields ||
      in_place != (clean.fields > 0 ? clean.text : std::string(content)))
    fail("clean_sidecar_in_place differs from clean_sidecar", path);
  // Read a piece at a time, with every value whole and with values of more than 64, 16 and 5
  // bytes walked into: the same bytes and count, or (walked into) an error of its own.
  for (const size_t whole_limit : {kSidecarWholeLimit, size_t{64}, size_t{16}, size_t{5}}) {
    std::string streamed;
    const util::Chunks out = [&](std::string_view piece) { streamed.append(piece); };
    const SidecarClean stream = clean_sidecar_stream(file, &out, whole_limit);
    if (whole_limit != kSidecarWholeLimit && stream.unwalkable) continue;
    if (stream.error.has_value() != clean.error.has_value() ||
        (stream.error && stream.error->message != clean.error->message))
      fail("clean_sidecar_stream judges the file otherwise than clean_sidecar", path);
    if (stream.fields != clean.fields || (clean.fields > 0 && streamed != clean.text))
      fail("clean_sidecar_stream differs from clean_sidecar", path);
  }
  if (coordinates_left(file) != coordinates_left(content)) fail("coordinates_left differs on a file", path);
  if (clean.error) return 0;
  // The cleaned export keeps the sidecar as cleaned (or as it was, when nothing was found):
  // either way the parsers must find no location in it any more.
  SidecarIndex again;
  again.add(path, clean.fields > 0 ? std::string_view(clean.text) : content);
  if (geo_count(again) > 0) fail("a location survived clean_sidecar", path);
  return 0;
}
