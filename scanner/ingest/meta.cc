// Facebook "Download Your Information" and Instagram JSON. Both write media objects
// ({"uri": ..., "creation_timestamp": ..., "media_metadata": ...}) inside posts, albums, stories
// and many other files whose shapes change from year to year, so instead of one parser per file
// this walks any document, carrying post- and album-level context down to each media object.
#include <algorithm>
#include <cmath>
#include <deque>
#include <optional>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "scanner/ingest/entry_path.h"
#include "scanner/ingest/ingest.h"
#include "scanner/ingest/json_parts.h"
#include "scanner/ingest/sidecars.h"
#include "scanner/util/json_split.h"
#include "scanner/util/text.h"
#include "scanner/util/time.h"

namespace mediascan {
namespace {

using nlohmann::json;

// Deeper nesting than any real export has; bounds the recursion on hostile input.
constexpr int kMaxDepth = 64;
// What walk_text reads of a big object, at most: its members, and the size of a part it parses
// whole (the members enter_object() reads, a media object). No export writes objects anywhere
// near as wide or parts as big; a hostile one would take ten times its size as documents.
constexpr size_t kMaxMembers = 100000;
constexpr size_t kMaxWholePart = size_t{16} << 20;

struct Walk {
  const std::string& path;
  bool instagram;
  bool groups;  // a file of group posts or comments
  SidecarIndex& out;
  size_t whole_bytes = 0;  // walk_text parses text up to this size whole
  int media = 0;
  int posts = 0;  // this file's posts so far; the post number n is out.posts[first + n - handed]
  size_t first = 0;   // posts in out.posts before this file's
  size_t handed = 0;  // this file's posts handed to out.post_sink
  std::deque<bool> done{};  // of this file's posts still in out.posts: whether their object is read
  bool refused = false;     // a part was left unread (reported once)
};

// Context inherited from enclosing objects (a post, an album).
struct Outer {
  std::string post_text;
  std::string post_title;
  std::string album;
  std::string post_time;
  std::string place;
  std::vector<std::pair<GeoPoint, std::string>> place_geo;
  std::vector<std::string> people;
  int post = -1;  // number (Walk::posts) of the post whose text is the media's caption
};

std::string text(const json& v) {
  return v.is_string() ? util::repair_mojibake(v.get<std::string>()) : std::string();
}

std::string text_at(const json& obj, const char* key) {
  const auto it = obj.find(key);
  return it == obj.end() ? std::string() : text(*it);
}

std::optional<double> number_at(const json& obj, const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end()) return std::nullopt;
  if (it->is_number()) return it->get<double>();
  if (it->is_string()) {
    try {
      return std::stod(it->get<std::string>());
    } catch (const std::exception&) {
    }
  }
  return std::nullopt;
}

std::string time_at(const json& obj, const char* key) {
  const auto v = number_at(obj, key);
  // A timestamp no clock reaches is no time (and casting it to int64_t would be undefined).
  return v && std::abs(*v) < 1e12 ? util::iso8601_utc(int64_t(*v)) : std::string();
}

void read_place(const json& place, Outer& outer) {
  if (!place.is_object()) return;
  if (std::string name = text_at(place, "name"); !name.empty()) outer.place = name;
  if (const auto c = place.find("coordinate"); c != place.end() && c->is_object()) {
    const auto lat = number_at(*c, "latitude"), lon = number_at(*c, "longitude");
    if (lat && lon) outer.place_geo.push_back({GeoPoint{*lat, *lon}, "place.coordinate"});
  }
}

void read_people(const json& tags, std::vector<std::string>& people) {
  if (!tags.is_array()) return;
  for (const json& t : tags) {
    std::string name = t.is_object() ? text_at(t, "name") : text(t);
    if (!name.empty()) people.push_back(std::move(name));
  }
}

// RFC 6901: "~" and "/" in a key are escaped so the pointer names one place.
std::string pointer_key(const std::string& key) {
  std::string out;
  for (char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

void add_post(Walk& w, const std::string& pointer, std::string kind, std::string text, std::string when,
              const Outer& outer) {
  TextPost p;
  p.sidecar = w.path;
  p.pointer = pointer;
  p.context.caption = std::move(text);
  p.context.text_kind = std::move(kind);
  p.context.taken = p.context.uploaded = std::move(when);
  p.context.place = outer.place;
  p.context.sidecars.push_back(w.path);
  for (const auto& [point, field] : outer.place_geo) add_geo(p.context, point.lat, point.lon, w.path, field);
  w.out.posts.push_back(std::move(p));
  w.done.push_back(false);
  ++w.posts;
}

TextPost& post_number(Walk& w, int n) { return w.out.posts[w.first + size_t(n) - w.handed]; }

// Posts [from, to) are read to the end of the object that made them (no media below it can add
// itself to them any more): with a sink, every post read so far in this way goes, in order.
void finish_posts(Walk& w, int from, int to) {
  for (int n = from; n < to; ++n) w.done[size_t(n) - w.handed] = true;
  if (!w.out.post_sink || w.first != 0) return;
  while (!w.done.empty() && w.done.front()) {
    w.out.post_sink(std::move(w.out.posts.front()));
    w.out.posts.pop_front();
    w.done.pop_front();
    ++w.handed;
  }
}

// Comments: Facebook `data[].comment.comment`, Instagram `string_map_data.Comment.value`.
void read_comment(const json& obj, const std::string& pointer, const Outer& outer, Walk& w) {
  const std::string kind = w.groups ? "group_comment" : "comment";
  if (const auto d = obj.find("data"); d != obj.end() && d->is_array())
    for (const json& x : *d)
      if (const auto c = x.find("comment"); x.is_object() && c != x.end() && c->is_object())
        if (std::string text = text_at(*c, "comment"); !text.empty()) {
          std::string when = time_at(*c, "timestamp");
          add_post(w, pointer, kind, std::move(text), when.empty() ? time_at(obj, "timestamp") : when, outer);
        }
  if (const auto m = obj.find("string_map_data"); m != obj.end() && m->is_object())
    if (const auto c = m->find("Comment"); c != m->end() && c->is_object())
      if (std::string text = text_at(*c, "value"); !text.empty()) {
        std::string when;
        if (const auto t = m->find("Time"); t != m->end() && t->is_object()) when = time_at(*t, "timestamp");
        add_post(w, pointer, kind, std::move(text), when.empty() ? time_at(*c, "timestamp") : when, outer);
      }
}

// Post-level facts: the text of `data[].post`, `attachments[].data[].place`, `tags`. Returns
// the text this object itself posts (Facebook `data[].post`, an Instagram carousel's title),
// or "" when it posts none (an inherited post text is not its own).
std::string read_post_level(const json& obj, Outer& outer, bool instagram) {
  std::string own;
  if (const auto t = obj.find("timestamp"); t != obj.end()) outer.post_time = time_at(obj, "timestamp");
  if (const auto d = obj.find("data"); d != obj.end() && d->is_array())
    for (const json& x : *d)
      if (x.is_object())
        if (std::string post = text_at(x, "post"); !post.empty()) own = outer.post_text = post;
  if (const auto a = obj.find("attachments"); a != obj.end() && a->is_array())
    for (const json& att : *a)
      if (const auto d = att.find("data"); att.is_object() && d != att.end() && d->is_array())
        for (const json& x : *d)
          if (x.is_object() && x.contains("place")) read_place(x["place"], outer);
  if (obj.contains("place")) read_place(obj["place"], outer);
  if (const auto t = obj.find("tags"); t != obj.end()) read_people(*t, outer.people);
  if ((obj.contains("attachments") || obj.contains("data") || obj.contains("media")) &&
      obj.contains("title"))
    outer.post_title = text_at(obj, "title");
  if (own.empty() && instagram && obj.contains("media") && obj.contains("title")) own = outer.post_title;
  return own;
}

// Whether a post's attachments hold a photo or video (which then carries its place).
bool holds_media(const json& post) {
  const auto a = post.find("attachments");
  if (a == post.end() || !a->is_array()) return false;
  for (const json& att : *a)
    if (const auto d = att.find("data"); att.is_object() && d != att.end() && d->is_array())
      for (const json& x : *d)
        if (x.is_object() && x.contains("media")) return true;
  return false;
}

MetaRef read_media(const json& m, const Outer& outer, const Walk& w) {
  MetaRef ref;
  ref.uri = text_at(m, "uri");
  Context& c = ref.context;
  c.sidecars.push_back(w.path);
  const std::string title = text_at(m, "title");
  const std::string description = text_at(m, "description");
  if (w.instagram) {
    // Instagram keeps the caption in the media title, or in the post title for carousels.
    c.caption = !title.empty() ? title : !description.empty() ? description : outer.post_title;
  } else {
    // Facebook: the description is the photo's caption, the title names its album.
    c.caption = !description.empty() ? description : outer.post_text;
    c.title = outer.post_title;
    c.album = !outer.album.empty() ? outer.album : title;
  }
  if (c.album.empty()) c.album = outer.album;
  c.uploaded = time_at(m, "creation_timestamp");
  if (c.uploaded.empty()) c.uploaded = outer.post_time;
  c.place = outer.place;
  c.people = outer.people;
  if (const auto t = m.find("tags"); t != m.end()) read_people(*t, c.people);

  if (const auto md = m.find("media_metadata"); md != m.end() && md->is_object()) {
    for (const auto& [kind, meta] : md->items()) {  // photo_metadata, video_metadata
      if (!meta.is_object()) continue;
      const auto read_exif = [&](const json& e, const std::string& field) {
        const auto lat = number_at(e, "latitude"), lon = number_at(e, "longitude");
        if (lat && lon) add_geo(c, *lat, *lon, w.path, field);
        if (c.taken.empty()) c.taken = time_at(e, "taken_timestamp");
        if (c.upload_ip.empty()) c.upload_ip = text_at(e, "upload_ip");
      };
      const std::string field = "media_metadata." + kind;
      const auto exif = meta.find("exif_data");
      if (exif == meta.end() || !exif->is_array()) {
        read_exif(meta, field);  // exports before 2020: the fields sit in photo_metadata itself
        continue;
      }
      for (size_t i = 0; i < exif->size(); ++i)
        if ((*exif)[i].is_object())
          read_exif((*exif)[i], field + ".exif_data[" + std::to_string(i) + "]");
    }
  }
  for (const auto& [point, field] : outer.place_geo)
    add_geo(c, point.lat, point.lon, w.path, "attachments.place.coordinate");
  // No taken time here: the join falls back to the upload time once every record of the photo
  // is merged, so that a record without one (an album's cover photo) does not hide another's.
  return ref;
}

bool is_local_uri(const json& v) {
  if (!v.is_string()) return false;
  const std::string& s = v.get_ref<const std::string&>();
  return !s.empty() && s.find("://") == std::string::npos;
}

// What walk() reads at an object itself: a media object (then nullopt: nothing below it is
// walked), or the post-, comment- and album-level context its children inherit.
std::optional<Outer> enter_object(const json& v, const Outer& inherited, Walk& w, const std::string& pointer) {
  if (const auto uri = v.find("uri"); uri != v.end() && is_local_uri(*uri)) {
    const MetaRef ref = read_media(v, inherited, w);
    w.out.meta.push_back(ref.uri, ref.context);
    ++w.media;
    // The enclosing post's text is this media's caption unless the media has its own.
    if (inherited.post >= 0 && ref.context.caption == post_number(w, inherited.post).context.caption)
      post_number(w, inherited.post).media_uris.push_back(ref.uri);
    return std::nullopt;
  }
  Outer outer = inherited;
  // An album file: {"name": ..., "description": ..., "photos": [...]}. Its description is a
  // text of its own (no photo's caption).
  if (v.contains("photos") && v.contains("name")) {
    outer.album = text_at(v, "name");
    if (std::string about = text_at(v, "description"); !about.empty())
      add_post(w, pointer, "album", std::move(about), time_at(v, "last_modified_timestamp"), outer);
  }
  // A post's text becomes a TextPost; the media below it take it as their caption.
  if (std::string text = read_post_level(v, outer, w.instagram); !text.empty()) {
    add_post(w, pointer, w.groups ? "group_post" : "post", std::move(text),
             outer.post_time.empty() ? time_at(v, "creation_timestamp") : outer.post_time, outer);
    outer.post = w.posts - 1;
  } else if (v.contains("attachments") && outer.place_geo.size() > inherited.place_geo.size() && !holds_media(v)) {
    // A check-in with neither text nor photo ("Jan was at Bar Sud."): its place is a post of its
    // own, or where it was would go unreported.
    add_post(w, pointer, "check_in", !outer.post_title.empty() ? outer.post_title : outer.place,
             outer.post_time.empty() ? time_at(v, "creation_timestamp") : outer.post_time, outer);
  }
  read_comment(v, pointer, outer, w);
  return outer;
}

// `pointer` is the JSON pointer of `v`, extended and restored on the way down (no copy per node).
void walk(const json& v, const Outer& inherited, Walk& w, int depth, std::string& pointer) {
  if (depth > kMaxDepth) return;
  const size_t here = pointer.size();
  if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i) {
      pointer += '/' + std::to_string(i);
      walk(v[i], inherited, w, depth + 1, pointer);
      pointer.resize(here);
    }
    return;
  }
  if (!v.is_object()) return;
  const int before = w.posts;
  const std::optional<Outer> outer = enter_object(v, inherited, w, pointer);
  if (!outer) return;
  const int made = w.posts;  // the object's own posts: [before, made)
  for (const auto& [key, child] : v.items())
    if (child.is_structured()) {
      pointer += '/' + pointer_key(key);
      walk(child, *outer, w, depth + 1, pointer);
      pointer.resize(here);
    }
  finish_posts(w, before, made);
}

// The members of an object enter_object() reads (and "photos" and "media", whose presence only
// it asks about).
bool read_by_enter_object(const std::string& key) {
  static const std::set<std::string, std::less<>> kKeys = {
      "attachments", "creation_timestamp", "data", "name", "place", "string_map_data", "tags", "timestamp", "title",
      "uri"};
  return kKeys.count(key) > 0;
}

// Leaves a part of the file unread, saying so once per file.
void refuse(Walk& w, const std::string& pointer, const std::string& why) {
  if (std::exchange(w.refused, true)) return;
  // A key can be megabytes long: the pointer is cut as util::shortened cuts.
  w.out.errors.push_back({w.path, "part of it was not read (" + why + ", at " +
                                      (pointer.empty() ? "/" : util::shortened(pointer, 200)) +
                                      "): captions, tags and places there are not checked"});
}

// What walk_text leaves out of big object `v` (see kMaxMembers): all of it, when it is too wide
// (`why`), or the members enter_object() would parse whole that are too big (`big`): those are
// walked as any other member, not read as the object's own.
struct Oversized {
  std::string why;
  std::set<std::string> big;
};

Oversized oversized(std::string_view v) {
  size_t members = 0;
  Oversized out;
  util::json_object_each(v, [&](std::string_view key, std::string_view value) {
    if (++members > kMaxMembers) {
      out.why = "an object of more than " + std::to_string(kMaxMembers) + " members";
      return false;
    }
    if (value.size() > kMaxWholePart && (util::json_is_array(value) || util::json_is_object(value)))
      if (std::string k = json::parse(key.begin(), key.end()).get<std::string>(); read_by_enter_object(k))
        out.big.insert(std::move(k));
    return true;
  });
  return out;
}

// walk() for JSON text `v` (REQUIRES: valid JSON), without the document of a big one (a document
// takes five to ten times its size, and a heavy user's comments file, {"comments_v2": [...]},
// is tens of megabytes). Text of up to w.whole_bytes is parsed whole; a bigger array is walked
// element by element; a bigger object has the members enter_object() reads parsed, the others
// standing as empty arrays or objects while it reads them, then walked in their turn. The same
// records and posts as walk() on the whole document, in the same order (an object's members in
// key order, as the document keeps them); a media object is parsed whole.
void walk_text(std::string_view v, const Outer& inherited, Walk& w, int depth, std::string& pointer) {
  if (depth > kMaxDepth) return;
  const bool array = util::json_is_array(v);
  if (v.size() <= w.whole_bytes || !(array || util::json_is_object(v))) {
    walk(json::parse(v.begin(), v.end()), inherited, w, depth, pointer);
    return;
  }
  const size_t here = pointer.size();
  if (array) {
    size_t i = 0;
    util::json_array_each(v, [&](std::string_view element) {
      pointer += '/' + std::to_string(i++);
      walk_text(element, inherited, w, depth + 1, pointer);
      pointer.resize(here);
      return true;
    });
    return;
  }
  const Oversized over = oversized(v);
  if (!over.why.empty()) return refuse(w, pointer, over.why);
  for (const std::string& key : over.big)
    refuse(w, pointer + '/' + pointer_key(key),
           "a \"" + key + "\" of more than " + std::to_string(kMaxWholePart >> 20) + " MiB, not read as its object's own");
  const ShallowObject object = shallow_object(v, w.whole_bytes, [&](const std::string& key) {
    return read_by_enter_object(key) && !over.big.count(key);
  });
  if (const auto uri = object.doc.find("uri"); uri != object.doc.end() && is_local_uri(*uri)) {
    // A media object: read whole.
    if (v.size() > kMaxWholePart)
      return refuse(w, pointer, "a media object of more than " + std::to_string(kMaxWholePart >> 20) + " MiB");
    walk(json::parse(v.begin(), v.end()), inherited, w, depth, pointer);
    return;
  }
  const int before = w.posts;
  const std::optional<Outer> outer = enter_object(object.doc, inherited, w, pointer);
  if (!outer) return;
  const int made = w.posts;  // the object's own posts: [before, made)
  for (const auto& [key, child] : object.doc.items())
    if (child.is_structured()) {
      pointer += '/' + pointer_key(key);
      if (object.split.count(key)) walk_text(object.members.at(key), *outer, w, depth + 1, pointer);
      else walk(child, *outer, w, depth + 1, pointer);
      pointer.resize(here);
    }
  finish_posts(w, before, made);
}

bool instagram_path(const std::string& path) {
  const std::string p = util::to_lower_ascii(path);
  return p.find("instagram") != std::string::npos || p.starts_with("content/") ||
         p.find("/content/") != std::string::npos;
}

}  // namespace

namespace {

Walk start_walk(const std::string& path, SidecarIndex& out) {
  const std::string lower = util::to_lower_ascii(path);
  Walk w{path, instagram_path(path), lower.find("group") != std::string::npos, out};
  w.first = out.posts.size();
  return w;
}

bool end_walk(const Walk& w) {
  const int found = w.media + w.posts;
  if (found == 0) return false;
  // Facebook and Instagram both keep conversations in messages/inbox/<thread>/message_1.json:
  // one whose path names neither platform is a hint only, or a user who sends more photos than
  // they post would make an Instagram export look like Facebook's.
  const std::string lower = util::to_lower_ascii(w.path);
  const bool shared_format = has_component_prefix(lower, "messages/") &&
                             lower.find("instagram") == std::string::npos &&
                             lower.find("facebook") == std::string::npos;
  w.out.evidence[w.instagram ? "instagram" : "facebook"] += shared_format ? 1 : found;
  return true;
}

}  // namespace

bool parse_instagram_media_json(const std::string& path, std::string_view text, SidecarIndex& out) {
  if (util::to_lower_ascii(base_name(path)) != "media.json") return false;
  static constexpr std::string_view kLists[] = {"\"photos\"", "\"videos\"", "\"stories\"", "\"profile\"",
                                                "\"direct\""};
  int media = 0;
  // One list and one element at a time: a heavy user's file holds thousands.
  util::json_object_each(text, [&](std::string_view key, std::string_view list) {
    if (std::find(std::begin(kLists), std::end(kLists), key) == std::end(kLists)) return true;
    const std::string album(key.substr(1, key.size() - 2));
    util::json_array_each(list, [&](std::string_view element) {
      const json m = json::parse(element, nullptr, false);
      if (!m.is_object() || m.contains("uri")) return true;
      const auto where = m.find("path");
      if (where == m.end() || !is_local_uri(*where)) return true;
      Context c;
      c.sidecars.push_back(path);
      c.caption = text_at(m, "caption");
      if (const auto when = util::parse_date_time_utc(text_at(m, "taken_at"))) c.taken = util::iso8601_utc(*when);
      c.place = text_at(m, "location");  // a place's name, no coordinates
      if (album != "photos" && album != "videos") c.album = album;
      out.meta.push_back(where->get<std::string>(), c);
      ++media;
      return true;
    });
    return true;
  });
  if (media == 0) return false;
  out.evidence["instagram"] += media;
  return true;
}

bool parse_meta_json(const std::string& path, const json& doc, SidecarIndex& out) {
  Walk w = start_walk(path, out);
  std::string pointer;
  walk(doc, Outer{}, w, 0, pointer);
  return end_walk(w);
}

bool parse_meta_json_text(const std::string& path, std::string_view text, SidecarIndex& out, size_t whole_bytes) {
  Walk w = start_walk(path, out);
  w.whole_bytes = whole_bytes;
  std::string pointer;
  walk_text(text, Outer{}, w, 0, pointer);
  return end_walk(w);
}

std::optional<bool> parse_meta_json_file(const std::string& path, const util::FileBytes& file, SidecarIndex& out,
                                         size_t max_element) {
  // Checked whole before any element is read, as SidecarIndex::add checks a text.
  std::optional<std::string> error;
  const util::JsonSplit checked = util::json_array_each(file, 0, max_element, [&](std::string_view element) {
    return !(error = json_syntax_error(element));
  });
  if (checked == util::JsonSplit::wrong_kind) return std::nullopt;
  if (checked != util::JsonSplit::done) {
    out.errors.push_back({path, "not valid JSON: " + (error ? *error
                                                            : "its array is malformed, or holds an element of more than " +
                                                                  std::to_string(max_element >> 20) + " MiB")});
    return false;
  }
  // walk_text's way through an array, an element at a time.
  Walk w = start_walk(path, out);
  w.whole_bytes = kSidecarWholeBytes;
  std::string pointer;
  size_t i = 0;
  util::json_array_each(file, 0, max_element, [&](std::string_view element) {
    pointer = '/' + std::to_string(i++);
    walk_text(element, Outer{}, w, 1, pointer);
    return true;
  });
  return end_walk(w);
}

}  // namespace mediascan
