#include "scanner/ingest/sidecars.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "scanner/core/record_codec.h"
#include "scanner/ingest/entry_path.h"
#include "scanner/metadata/gps_text.h"
#include "scanner/util/json_split.h"
#include "scanner/util/text.h"

namespace mediascan {

namespace {

// Whether a file's name, lower case, is longer than `ext` and ends with it.
bool name_ends(std::string_view path, std::string_view ext) {
  const std::string name = util::to_lower_ascii(base_name(path));
  return name.size() > ext.size() && name.ends_with(ext);
}

}  // namespace

bool SidecarIndex::is_candidate(std::string_view path) {
  // A GPS track file (a drone's .SRT, .gpx, .kml, .geojson) is no sidecar, but is read whole all
  // the same: it is a location record of its own (index.cc), cleaned in place.
  return is_json(path) || name_ends(path, ".csv") || track_text_of(path).has_value();
}

bool SidecarIndex::is_json(std::string_view path) {
  return (name_ends(path, ".json") || name_ends(path, ".js")) && !track_text_of(path).has_value();
}

bool SidecarIndex::add(const std::string& path, const util::FileBytes& file, size_t max_element) {
  if (!is_json(path)) return false;
  if (name_ends(path, ".js")) {
    parse_twitter_js(path, file, *this, max_element);
    return true;
  }
  return parse_meta_json_file(path, file, *this, max_element).has_value();
}

namespace {

// Checks JSON without building its document, keeping the parser's message.
struct SyntaxCheck : nlohmann::json_sax<nlohmann::json> {
  std::optional<std::string> error;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) override {
    error = util::shortened(ex.what(), 300);  // it quotes the token it read, which may be megabytes
    return false;
  }
};

// The parser's message for the whole of `text`.
std::optional<std::string> whole_syntax_error(std::string_view text) {
  SyntaxCheck check;
  nlohmann::json::sax_parse(text, &check);
  return check.error;
}

}  // namespace

std::optional<std::string> json_syntax_error(std::string_view text, size_t split_above) {
  // A big array or object is checked part by part: the parser keeps every character since the
  // last string or number it read, and a hostile posts file of millions of "{}" made that twice
  // the file. A broken one is checked again whole, for the parser's own message. So is one with
  // a NUL byte, which is never valid JSON, but ends the input for the parser: a part followed by
  // one would pass; and a part starting with a byte order mark, which the parser skips at the
  // start of its input only.
  // Parts as big are split in their turn ({"comments_v2": [...]}).
  if (text.size() > split_above && text.find('\0') == std::string_view::npos) {
    const auto valid = [&](std::string_view part) {
      return !part.starts_with("\xEF\xBB\xBF") && !json_syntax_error(part, split_above);
    };
    if (util::json_array_each(text, valid) == util::JsonSplit::done ||
        util::json_object_each(text, [&](std::string_view key, std::string_view value) {
          return valid(key) && valid(value);
        }) == util::JsonSplit::done)
      return std::nullopt;
  }
  return whole_syntax_error(text);
}

void SidecarIndex::add(const std::string& path, std::string_view content) {
  if (track_text_of(path)) return;  // no platform's records (index.cc)
  const std::string lower = util::to_lower_ascii(base_name(path));
  if (lower.size() > 4 && lower.ends_with(".csv")) {
    parse_linkedin_csv(path, content, *this);
    return;
  }
  if (lower.ends_with(".js")) {
    parse_twitter_js(path, content, *this);
    return;
  }
  // An array (Facebook's and Instagram's posts files, the biggest of an export) and a big object
  // are checked and read part by part: as a document either would take five to ten times its
  // size in memory. No other platform's sidecar is an array.
  if (const auto error = json_syntax_error(content, kSidecarWholeBytes)) {
    errors.push_back({path, "not valid JSON: " + *error});
    return;
  }
  if (util::json_is_array(content)) {
    parse_meta_json_text(path, content, *this, kSidecarWholeBytes);
    return;
  }
  if (parse_instagram_media_json(path, content, *this)) return;
  // A big object is Snapchat's list of memories or a Facebook/Instagram container such as
  // {"comments_v2": [...]}, read part by part. A Takeout sidecar is a few hundred bytes, unless
  // someone wrote a long description or tagged thousands of people.
  if (content.size() > kSidecarWholeBytes) {
    if (parse_snapchat_json_text(path, content, *this)) return;
    if (parse_takeout_json_text(path, content, *this)) return;
    parse_meta_json_text(path, content, *this, kSidecarWholeBytes);
    return;
  }
  const nlohmann::json doc = nlohmann::json::parse(content);
  if (parse_takeout_json(path, doc, *this)) return;
  if (parse_snapchat_json(path, doc, *this)) return;
  parse_meta_json(path, doc, *this);
}

// A field added to TextPost must be added to the record below too (and to the round-trip test).
static_assert(sizeof(void*) != 8 || sizeof(TextPost) == 512, "TextPost changed: update PostStore");

void PostStore::push_back(const TextPost& post) {
  std::string record;
  RecordWriter w(record);
  w.str(post.sidecar);
  w.str(post.source);
  w.str(post.pointer);
  encode_context(w, post.context);
  w.strs(post.media_uris);
  w.str(post.tweet_id);
  log_.push_back(record);
}

TextPost PostStore::at(size_t i) const {
  const std::string record = log_.at(i);
  RecordReader r(record);
  TextPost post;
  post.sidecar = r.str();
  post.source = r.str();
  post.pointer = r.str();
  decode_context(r, post.context);
  post.media_uris = r.strs();
  post.tweet_id = r.str();
  if (!r.done()) throw std::runtime_error("a stored post is damaged (temporary file)");
  return post;
}

bool add_geo(Context& ctx, double lat, double lon, const std::string& sidecar, std::string field) {
  if (!std::isfinite(lat) || !std::isfinite(lon) || std::abs(lat) > 90 || std::abs(lon) > 180)
    return false;
  if (lat == 0 && lon == 0) return false;
  ctx.geo.push_back({GeoPoint{lat, lon}, sidecar, std::move(field)});
  return true;
}

}  // namespace mediascan
