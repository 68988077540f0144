// X/Twitter archive: data/tweets.js (older: tweet.js; large archives: tweets-part1.js, ...) holds
// `window.YTD.tweets.part0 = [ {"tweet": {...}}, ... ]`; media sit in data/tweets_media/ named
// `<tweet id>-<media name>`.
#include <algorithm>
#include <cmath>
#include <optional>

#include <nlohmann/json.hpp>

#include "scanner/ingest/sidecars.h"
#include "scanner/metadata/sidecar_clean.h"
#include "scanner/util/json_split.h"
#include "scanner/util/text.h"
#include "scanner/util/time.h"

namespace mediascan {
namespace {

using nlohmann::json;

std::string string_at(const json& obj, const char* key) {
  const auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A coordinate as a number or, as the archive writes them, a string.
std::optional<double> number(const json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) try { return std::stod(v.get<std::string>()); } catch (...) {}
  return std::nullopt;
}

// GeoJSON order is [lon, lat]; the legacy "geo" field is [lat, lon].
void read_point(const json& t, const char* key, bool lon_first, const std::string& path,
                Context& c) {
  const auto it = t.find(key);
  if (it == t.end() || !it->is_object()) return;
  const auto pt = it->find("coordinates");
  if (pt == it->end() || !pt->is_array() || pt->size() != 2) return;
  const auto a = number((*pt)[0]), b = number((*pt)[1]);
  if (!a || !b) return;
  add_geo(c, lon_first ? *b : *a, lon_first ? *a : *b, path, key);
}

// A tweet tagged with a place but no point: the middle of the place's bounding box, when the box
// is a point of interest (a bar, a stadium: at most ~1 km across). A city's or a country's middle
// would be a point nobody was at, and tweets tagged with one city would look like a recurring place.
void read_small_place(const json& place, const std::string& path, Context& c) {
  // A town is no point of interest however small its box: only "poi" places, or places of no type.
  if (const auto type = place.find("place_type"); type != place.end() && type->is_string() && *type != "poi") return;
  const auto box = place.find("bounding_box");
  if (box == place.end() || !box->is_object()) return;
  const auto rings = box->find("coordinates");
  if (rings == box->end() || !rings->is_array() || rings->empty() || !(*rings)[0].is_array()) return;
  double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;
  int points = 0;
  for (const json& pt : (*rings)[0]) {
    if (!pt.is_array() || pt.size() != 2) return;
    const auto lon = number(pt[0]), lat = number(pt[1]);
    if (!lon || !lat || std::abs(*lat) > 90 || std::abs(*lon) > 180) return;
    min_lat = std::min(min_lat, *lat), max_lat = std::max(max_lat, *lat);
    min_lon = std::min(min_lon, *lon), max_lon = std::max(max_lon, *lon);
    ++points;
  }
  constexpr double kSmall = 0.01;  // degrees: ~1.1 km of latitude
  if (points == 0 || max_lat - min_lat > kSmall || max_lon - min_lon > kSmall) return;
  add_geo(c, (min_lat + max_lat) / 2, (min_lon + max_lon) / 2, path, "place.bounding_box");
}

// Element `index` of a tweets file: {"tweet": {...}} (or community_tweet, deleted_tweet).
// `sink`: its post goes to out.post_sink, not out.posts.
void read_tweet(const json& wrapper, size_t index, bool deleted, bool sink, const std::string& path,
                SidecarIndex& out) {
  if (!wrapper.is_object()) return;
  const json* t = &wrapper;
  for (const char* key : {"tweet", "community_tweet", "deleted_tweet"})
    if (wrapper.contains(key) && wrapper[key].is_object()) t = &wrapper[key];
  const std::string id = string_at(*t, "id_str").empty() ? string_at(*t, "id") : string_at(*t, "id_str");
  if (id.empty()) return;
  Context c;
  c.sidecars.push_back(path);
  c.caption = util::unescape_basic_html(string_at(*t, "full_text").empty()
                                            ? string_at(*t, "text")
                                            : string_at(*t, "full_text"));
  if (auto when = util::parse_twitter_time(string_at(*t, "created_at")))
    c.taken = c.uploaded = util::iso8601_utc(*when);
  read_point(*t, "coordinates", true, path, c);
  read_point(*t, "geo", false, path, c);
  if (const auto p = t->find("place"); p != t->end() && p->is_object()) {
    c.place = string_at(*p, "full_name");
    if (c.geo.empty()) read_small_place(*p, path, c);
  }
  if (id.find_first_not_of("0123456789") == std::string::npos) c.platform_url = "https://x.com/i/web/status/" + id;
  if (!deleted && !c.caption.empty()) {
    TextPost post{path, "", "/" + std::to_string(index), c, {}, id};
    // A retweet repeats someone else's words ("RT @name: …"): shown as the user's, but not
    // written by them.
    post.context.text_kind = c.caption.starts_with("RT @") ? "retweet" : "tweet";
    if (sink) out.post_sink(std::move(post));
    else out.posts.push_back(std::move(post));
  }
  out.tweets.put(id, c);
  out.evidence["twitter"] += 1;
}

}  // namespace

void TweetIndex::put(const std::string& id, const Context& context) {
  log_.push_back(id, context);
  records_[id] = log_.size() - 1;
}

std::optional<Context> TweetIndex::find(const std::string& id) const {
  const auto it = records_.find(id);
  if (it == records_.end()) return std::nullopt;
  return log_.at(it->second).second;
}

void TweetIndex::for_each(const std::function<void(const std::string&, const Context&)>& fn) const {
  std::vector<std::pair<std::string_view, size_t>> sorted(records_.begin(), records_.end());
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [id, record] : sorted) fn(std::string(id), log_.at(record).second);
}

namespace {

// What a `.js` file's head says: `window.YTD.<name> = ` and where its JSON starts. The prefix is
// a line ("window.YTD.tweets.part0 = ["): its '=' is looked for in the first kYtdPrefixBytes, as
// the cleaners look for it.
struct YtdHead {
  size_t json_at = 0;
  bool tweets = false;   // a file of tweets (the others count as evidence only)
  bool deleted = false;  // in the archive but no longer on the platform: no text item for them
};

std::optional<YtdHead> ytd_head(std::string_view text) {
  const auto assign = text.substr(0, kYtdPrefixBytes).find('=');
  if (!text.starts_with("window.YTD.") || assign == std::string_view::npos) return std::nullopt;
  const std::string_view name = text.substr(11, assign - 11);
  YtdHead head;
  head.json_at = assign + 1;
  head.tweets = name.starts_with("tweets.") || name.starts_with("tweet.") || name.starts_with("community_tweet.") ||
                name.starts_with("deleted_tweets.");
  head.deleted = name.starts_with("deleted_tweets.");
  return head;
}

// A file that starts as an X file does but has no '=' where its prefix ends: said, not skipped.
bool broken_ytd(const std::string& path, std::string_view head, SidecarIndex& out) {
  if (!head.starts_with("window.YTD.")) return false;
  out.errors.push_back({path, "no '=' within " + std::to_string(kYtdPrefixBytes) +
                                  " bytes of its \"window.YTD.\" prefix: not read as an X archive file"});
  return true;
}

}  // namespace

bool parse_twitter_js(const std::string& path, std::string_view text, SidecarIndex& out) {
  const auto head = ytd_head(text);
  if (!head) return broken_ytd(path, text, out);
  out.evidence["twitter"] += 1;
  if (!head->tweets) return true;
  // One tweet at a time: a big archive's tweets.js is hundreds of megabytes, and ten times that
  // as one document.
  const std::string_view array = text.substr(head->json_at);
  if (const auto error = json_syntax_error(array)) {
    out.errors.push_back({path, "not valid JSON after the YTD prefix: " + *error});
    return true;
  }
  // With a sink, the tweets' posts leave as they are read (in order: none waits before them).
  const bool sink = out.post_sink && out.posts.empty();
  size_t index = 0;
  util::json_array_each(array, [&](std::string_view element) {
    read_tweet(json::parse(element.begin(), element.end()), index++, head->deleted, sink, path, out);
    return true;
  });
  return true;
}

bool parse_twitter_js(const std::string& path, const util::FileBytes& file, SidecarIndex& out, size_t max_element) {
  const std::string start = file.read(0, kYtdPrefixBytes);
  const auto head = ytd_head(start);
  if (!head) return broken_ytd(path, start, out);
  out.evidence["twitter"] += 1;
  if (!head->tweets) return true;
  // Checked whole before any tweet is read, as the text is; then read.
  std::optional<std::string> error;
  const util::JsonSplit checked = util::json_array_each(file, head->json_at, max_element, [&](std::string_view element) {
    return !(error = json_syntax_error(element));
  });
  if (checked != util::JsonSplit::done) {
    out.errors.push_back(
        {path, error ? "not valid JSON after the YTD prefix: " + *error
               : checked == util::JsonSplit::wrong_kind
                   ? std::string("no array of tweets after the YTD prefix")
                   : "not valid JSON after the YTD prefix, or a tweet of more than " + std::to_string(max_element >> 20) +
                         " MiB in it"});
    return true;
  }
  const bool sink = out.post_sink && out.posts.empty();
  size_t index = 0;
  util::json_array_each(file, head->json_at, max_element, [&](std::string_view element) {
    read_tweet(json::parse(element.begin(), element.end()), index++, head->deleted, sink, path, out);
    return true;
  });
  return true;
}

}  // namespace mediascan
