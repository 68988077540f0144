// What the first pass learns from the export's sidecar files (JSON, JS, CSV) before any media
// is read, so that context joins whatever the order of entries in the archive.
//
// Thread-safety: filled by one thread (the indexing pass), read-only afterwards.
#pragma once

#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "scanner/core/item.h"
#include "scanner/core/item_store.h"
#include "scanner/util/file_bytes.h"

namespace mediascan {

// Facebook and Instagram: a media object names its file by a URI relative to the export root.
struct MetaRef {
  std::string uri;
  Context context;
};

// Google Takeout: a `<name>.json` / `<name>.supplemental-metadata.json` sidecar.
struct TakeoutSidecar {
  std::string dir;    // folder of the sidecar inside the export
  std::string stem;   // file name without ".json" and without a trailing "(N)"
  int counter = 0;    // N of a trailing "(N)", 0 when none
  std::string title;  // the original file name Google stored in the sidecar
  size_t context = 0;  // its context: record number in SidecarIndex::takeout_contexts
};

// Snapchat memory from memories_history.json.
struct SnapMemory {
  std::string mid;   // media id from the download link, lower case
  std::string date;  // "YYYY-MM-DD"
  bool video = false;
  Context context;
};

// A post, comment or tweet the export holds as text. When its text became the caption of a
// photo or video found in the export, the text is checked with that item; otherwise it is an
// item of its own (kind text).
struct TextPost {
  std::string sidecar;  // the file inside the export
  std::string source;   // the SOURCE it came from (set by the indexing pass)
  std::string pointer;  // where in the file: a JSON pointer ("/comments_v2/3"), or "/N" for row N of a CSV
  Context context;      // text in caption, kind in text_kind, date, platform_url, geo
  std::vector<std::string> media_uris;  // Facebook/Instagram media this text is the caption of
  std::string tweet_id;                 // X: the tweet's media are named "<id>-..."
};

// Posts set aside on disk in the order they come and read back by number: the first pass's,
// then the export's text items (ExportIndex::posts). A heavy user's export holds tens of
// thousands of posts and comments; what stays in memory is 16 bytes a post.
//
// Thread-safety: push_back() by one thread; at() from any number of threads once the writes are
// done.
class PostStore {
 public:
  // The temporary file goes in `dir` (default $TMPDIR), made on the first push_back().
  explicit PostStore(std::filesystem::path dir = {}) : log_(std::move(dir)) {}

  size_t size() const { return log_.size(); }
  bool empty() const { return log_.empty(); }
  // Throws std::runtime_error when the file cannot be written.
  void push_back(const TextPost& post);
  // Post `i`. Throws std::out_of_range past the end, std::runtime_error when it cannot be read.
  TextPost at(size_t i) const;

 private:
  util::SpillLog log_;
};

// A sidecar bigger than this is checked and read part by part (util::json_array_each), not as
// one document, which takes five to ten times its size.
inline constexpr size_t kSidecarWholeBytes = size_t{1} << 20;

struct SidecarError {
  std::string path;
  std::string message;
};

// Tweets by id, their contexts on disk: an archive holds every tweet of the account (hundreds of
// thousands for some), and a photo in data/tweets_media/ is joined by the id its name starts
// with. What stays in memory is the id and a record number. A tweet put again (a second tweets
// file repeating it) replaces the first.
//
// Thread-safety: put() by one thread; the rest from any number of threads once the puts are done.
class TweetIndex {
 public:
  void put(const std::string& id, const Context& context);  // throws std::runtime_error (disk)
  std::optional<Context> find(const std::string& id) const;
  size_t size() const { return records_.size(); }
  bool empty() const { return records_.empty(); }
  // Every tweet, in the order of their ids.
  void for_each(const std::function<void(const std::string& id, const Context&)>& fn) const;

 private:
  ContextLog log_;
  std::unordered_map<std::string, size_t> records_;  // id -> its record in log_
};

class SidecarIndex {
 public:
  // Whether a file of this name may be a sidecar and should be read whole in the first pass.
  static bool is_candidate(std::string_view path);
  // Whether a candidate is JSON (or X's `.js`), which the cleaner can read a piece at a time: one
  // too big to hold is kept in a file (kept_in_file), no CSV or track file is.
  static bool is_json(std::string_view path);
  // Parses one candidate; unknown files are ignored, broken ones recorded in errors().
  void add(const std::string& path, std::string_view content);
  // add() for a candidate kept in a file (kept_in_file), when it can be read without holding it:
  // X's `.js` files a tweet at a time, a JSON array (Facebook's and Instagram's posts files) an
  // element at a time, none of whose elements may be over `max_element` bytes. False when it is
  // to be read whole. Throws util::ReadError.
  bool add(const std::string& path, const util::FileBytes& file, size_t max_element);

  // The Facebook and Instagram media records (MetaRef: the URI as key), on disk: an export has
  // one or two for every photo.
  ContextLog meta;
  std::vector<TakeoutSidecar> takeout;
  ContextLog takeout_contexts;  // on disk: a Takeout export has a sidecar for every photo
  std::map<std::string, std::string> takeout_albums;  // folder -> album title
  TweetIndex tweets;
  std::vector<SnapMemory> snaps;
  // The posts of the files added so far; the indexing pass moves them to disk (PostStore) after
  // each file. A deque: it grows without copying what it holds.
  std::deque<TextPost> posts;
  // When set (and `posts` is empty when a file is added), a Facebook or Instagram file's posts
  // are handed here in order as soon as the part of the file that makes them is read, instead
  // of waiting in `posts` for the end of the file: 100,000 comments are ~100 MB.
  std::function<void(TextPost&&)> post_sink;
  // Evidence for the layout: how many sidecars of each platform were understood.
  std::map<std::string, int> evidence;
  std::vector<SidecarError> errors;
};

// Parsers, one per platform (meta.cc, takeout.cc, twitter.cc, snapchat.cc, linkedin.cc). Each
// returns true when it recognised the document as its own.
bool parse_meta_json(const std::string& path, const nlohmann::json& doc, SidecarIndex& out);
// The same for a document as text (REQUIRES: valid JSON), read part by part where it is bigger
// than `whole_bytes` (tests make that small): what parse_meta_json gives for the whole document,
// without the whole document in memory.
bool parse_meta_json_text(const std::string& path, std::string_view text, SidecarIndex& out,
                          size_t whole_bytes = kSidecarWholeBytes);
// The same for a file whose top level is an array (a posts file of hundreds of megabytes), read an
// element at a time: nothing when it is no array (to be read whole), false when it is none of
// theirs or no valid JSON (recorded in out.errors). An element of more than `max_element` bytes
// makes it invalid. Throws util::ReadError.
std::optional<bool> parse_meta_json_file(const std::string& path, const util::FileBytes& file, SidecarIndex& out,
                                         size_t max_element);
// Instagram's "Download Data" before 2020: media.json, {"photos": [{"caption", "taken_at",
// "location", "path"}], "videos", "stories", "profile", "direct"}, read element by element.
// (REQUIRES: valid JSON.)
bool parse_instagram_media_json(const std::string& path, std::string_view text, SidecarIndex& out);
bool parse_takeout_json(const std::string& path, const nlohmann::json& doc, SidecarIndex& out);
// The same for a document as text (REQUIRES: a valid JSON object) over kSidecarWholeBytes: only
// the members parse_takeout_json reads are kept, each object's read without its big members,
// its "people" one person at a time.
bool parse_takeout_json_text(const std::string& path, std::string_view text, SidecarIndex& out);
bool parse_snapchat_json(const std::string& path, const nlohmann::json& doc, SidecarIndex& out);
// The same for a document as text (REQUIRES: valid JSON), its memories parsed one at a time.
bool parse_snapchat_json_text(const std::string& path, std::string_view text, SidecarIndex& out);
bool parse_twitter_js(const std::string& path, std::string_view text, SidecarIndex& out);
// The same read from a file a tweet at a time, an X archive's tweets.js of hundreds of megabytes
// never held; a tweet of more than `max_element` bytes makes it invalid. Throws util::ReadError.
bool parse_twitter_js(const std::string& path, const util::FileBytes& file, SidecarIndex& out, size_t max_element);
bool parse_linkedin_csv(const std::string& path, std::string_view text, SidecarIndex& out);

// The JSON parser's message when `text` is not valid JSON, found without building a document;
// text bigger than `split_above` is checked part by part (tests make that small), a broken one
// again whole for the parser's message.
std::optional<std::string> json_syntax_error(std::string_view text, size_t split_above = kSidecarWholeBytes);

// The folder a Takeout sidecar or photo is in, with the number of the part that holds it taken
// out: the parts of a split export kept side by side in one folder
// ("takeout-20240501T101010Z-001.zip/Takeout/Google Photos/A", "takeout-20240501T101010Z-002/
// Takeout/Google Photos/A") hold one folder, as they do given as sources; another export (another
// name, another time) keeps its own. `dir` itself when no numbered part holds a Takeout folder.
std::string takeout_folder(std::string_view dir);

// Splits a Takeout name "name(3)" into ("name", 3); (name, 0) without a counter.
std::pair<std::string, int> takeout_split_counter(const std::string& s);

// A location finding field by field, skipping the (0, 0) that platforms write for "none".
bool add_geo(Context& ctx, double lat, double lon, const std::string& sidecar, std::string field);

}  // namespace mediascan
