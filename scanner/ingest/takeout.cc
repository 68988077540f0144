// Google Takeout Photos sidecars: `<name>.json` (until 2024) and
// `<name>.supplemental-metadata.json` (since), one per photo or video, plus one album file
// (`metadata.json`, localised: `Metadaten.json`, `métadonnées.json`, ...) per folder.
#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "scanner/ingest/entry_path.h"
#include "scanner/ingest/json_parts.h"
#include "scanner/ingest/sidecars.h"
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

// {"timestamp": "1557669802", "formatted": "..."} -> ISO-8601.
std::string takeout_time(const json& obj, const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end() || !it->is_object()) return {};
  const auto ts = it->find("timestamp");
  if (ts == it->end()) return {};
  if (ts->is_number()) {
    // A timestamp no clock reaches is no time (and casting it to int64_t would be undefined).
    const double v = ts->get<double>();
    return std::abs(v) < 1e12 ? util::iso8601_utc(int64_t(v)) : std::string();
  }
  if (ts->is_string())
    if (auto v = util::parse_unix_seconds(ts->get<std::string>())) return util::iso8601_utc(*v);
  return {};
}

void read_geo(const json& obj, const char* key, const std::string& path, Context& c) {
  const auto it = obj.find(key);
  if (it == obj.end() || !it->is_object()) return;
  const auto lat = it->find("latitude"), lon = it->find("longitude");
  if (lat == it->end() || lon == it->end() || !lat->is_number() || !lon->is_number()) return;
  add_geo(c, lat->get<double>(), lon->get<double>(), path, key);
}

// Splits "name(3)" into ("name", 3).
std::pair<std::string, int> split_counter(const std::string& s) {
  if (s.size() < 3 || s.back() != ')') return {s, 0};
  const auto open = s.rfind('(');
  if (open == std::string::npos || open + 2 >= s.size()) return {s, 0};
  int n = 0;
  for (size_t i = open + 1; i + 1 < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9' || n > 100000) return {s, 0};
    n = n * 10 + (s[i] - '0');
  }
  return {s.substr(0, open), n};
}

}  // namespace

std::string takeout_folder(std::string_view dir) {
  for (size_t at = dir.find("Takeout"); at != std::string_view::npos; at = dir.find("Takeout", at + 1)) {
    const size_t end = at + 7;
    if (at < 2 || dir[at - 1] != '/' || (end != dir.size() && dir[end] != '/')) continue;
    // The part holding this Takeout folder: "takeout-20240501T101010Z-002.zip", or the folder it
    // was extracted into. Without its number it names the export.
    const size_t slash = dir.rfind('/', at - 2);
    const size_t part_start = slash == std::string_view::npos ? 0 : slash + 1;
    const auto part = util::takeout_part(dir.substr(part_start, at - 1 - part_start));
    if (!part) return std::string(dir);
    return std::string(dir.substr(0, part_start)) + part->first + std::string(dir.substr(at - 1));
  }
  return std::string(dir);
}

namespace {

// The album's own file in each folder, by its name: Google writes it in the account's language,
// and a "(1)" when two albums of one name share a folder.
bool is_album_file(const std::string& path) {
  static const std::set<std::string, std::less<>> kNames = {
      "metadata", "metadaten", "métadonnées", "metadatos", "metadati", "metadane", "metadados", "metagegevens"};
  std::string name = util::to_lower_ascii(base_name(path));
  if (!name.ends_with(".json")) return false;
  name.resize(name.size() - 5);
  return kNames.count(split_counter(name).first) > 0;
}

// The places an album's enrichments name (locationEnrichment's list, mapEnrichment's origin and
// destination): {"name", "description", "latitudeE7", "longitudeE7"} each.
void read_enrichment_place(const json& place, const std::string& path, const char* field, Context& c) {
  if (!place.is_object()) return;
  if (std::string name = string_at(place, "name"); !util::trim(name).empty())
    c.place += (c.place.empty() ? "" : ", ") + name;
  const auto lat = place.find("latitudeE7"), lon = place.find("longitudeE7");
  if (lat != place.end() && lon != place.end() && lat->is_number() && lon->is_number())
    add_geo(c, lat->get<double>() / 1e7, lon->get<double>() / 1e7, path, field);
}

// Where an album says it was: its geoData/geoDataExif, its "location", and the places of its
// enrichments.
Context album_location(const json& album, const std::string& path) {
  Context c;
  read_geo(album, "geoData", path, c);
  read_geo(album, "geoDataExif", path, c);
  if (std::string where = string_at(album, "location"); !util::trim(where).empty()) c.place = where;
  const auto enrichments = album.find("enrichments");
  if (enrichments == album.end() || !enrichments->is_array()) return c;
  for (const json& e : *enrichments) {
    if (!e.is_object()) continue;
    if (const auto loc = e.find("locationEnrichment"); loc != e.end() && loc->is_object())
      if (const auto places = loc->find("location"); places != loc->end() && places->is_array())
        for (const json& place : *places) read_enrichment_place(place, path, "enrichments/locationEnrichment", c);
    if (const auto map = e.find("mapEnrichment"); map != e.end() && map->is_object())
      for (const char* end : {"origin", "destination"})
        if (const auto place = map->find(end); place != map->end())
          read_enrichment_place(*place, path, "enrichments/mapEnrichment", c);
  }
  return c;
}

// An album's metadata.json: {"title", "description", "access", "date", "location", "geoData",
// "enrichments"} or the older {"albumData": {...}}. Its title names the folder's photos. Its
// description and the story lines Google wrote into it (narrativeEnrichment) are texts of their
// own, as a Facebook album's ("Zo dronken elke avond"); where it says it was goes with the first
// of them, or, when it has none, is counted in a location record of the file (index.cc).
void read_album(const std::string& path, const std::string& dir, const json& doc, SidecarIndex& out) {
  const bool nested = doc.contains("albumData") && doc["albumData"].is_object();
  const json& album = nested ? doc["albumData"] : doc;
  const std::string prefix = nested ? "/albumData" : "";
  const std::string title = string_at(album, "title");
  out.takeout_albums[dir] = title;
  out.evidence["google_takeout"] += 1;
  const auto text = [&](std::string body, std::string pointer) {
    if (util::trim(body).empty()) return;
    TextPost post{path, "", std::move(pointer), {}, {}, {}};
    post.context.caption = std::move(body);
    post.context.album = title;
    post.context.taken = takeout_time(album, "date");
    post.context.sidecars.push_back(path);
    post.context.text_kind = "album";
    out.posts.push_back(std::move(post));
  };
  const size_t first = out.posts.size();
  text(string_at(album, "description"), prefix + "/description");
  if (const auto enrichments = album.find("enrichments"); enrichments != album.end() && enrichments->is_array())
    for (size_t i = 0; i < enrichments->size(); ++i)
      if (const json& e = (*enrichments)[i]; e.is_object())
        if (const auto story = e.find("narrativeEnrichment"); story != e.end() && story->is_object())
          text(string_at(*story, "text"), prefix + "/enrichments/" + std::to_string(i) + "/narrativeEnrichment/text");
  if (out.posts.size() == first) return;
  Context where = album_location(album, path);
  out.posts[first].context.geo = std::move(where.geo);
  out.posts[first].context.place = std::move(where.place);
}

// parse_takeout_json, with `people` (when not empty) the text of a "people" array too big to be in
// `doc` (which then has it empty), read one person at a time.
bool read_takeout(const std::string& path, const json& doc, SidecarIndex& out, std::string_view people) {
  if (!doc.is_object()) return false;
  const std::string dir(takeout_folder(dir_name(path)));
  // The album's file is known by its name first: a flat one may hold geoData and look like a
  // photo's sidecar, whose caption and place would then wait for a photo called "metadata".
  if (is_album_file(path) && (doc.contains("title") || doc.contains("albumData"))) {
    read_album(path, dir, doc, out);
    return true;
  }
  const bool photo = doc.contains("photoTakenTime") || doc.contains("geoData") ||
                     doc.contains("geoDataExif") || doc.contains("creationTime");
  if (!photo) {
    // An album's file under a name not known above: {"title", "date" or "access", ...}.
    const json& album = doc.contains("albumData") && doc["albumData"].is_object() ? doc["albumData"] : doc;
    if (!album.contains("title") || !(album.contains("date") || album.contains("access"))) return false;
    read_album(path, dir, doc, out);
    return true;
  }
  TakeoutSidecar s;
  s.dir = dir;
  std::string name(base_name(path));
  if (name.size() > 5 && util::iequals_ascii(name.substr(name.size() - 5), ".json"))
    name.resize(name.size() - 5);
  std::tie(s.stem, s.counter) = split_counter(name);
  s.title = string_at(doc, "title");
  Context c;
  c.sidecars.push_back(path);
  c.caption = string_at(doc, "description");
  if (const std::string url = string_at(doc, "url"); url.starts_with("https://photos.google.com/"))
    c.platform_url = url;
  c.taken = takeout_time(doc, "photoTakenTime");
  c.uploaded = takeout_time(doc, "creationTime");
  read_geo(doc, "geoData", path, c);
  read_geo(doc, "geoDataExif", path, c);
  auto add_person = [&](const json& person) {
    if (person.is_object())
      if (std::string n = string_at(person, "name"); !n.empty()) c.people.push_back(n);
  };
  if (const auto p = doc.find("people"); p != doc.end() && p->is_array())
    for (const json& person : *p) add_person(person);
  if (!people.empty())
    util::json_array_each(people, [&](std::string_view person) {
      add_person(json::parse(person.begin(), person.end()));
      return true;
    });
  s.context = out.takeout_contexts.size();
  out.takeout_contexts.push_back(path, c);
  out.takeout.push_back(std::move(s));
  out.evidence["google_takeout"] += 1;
  return true;
}

}  // namespace

std::pair<std::string, int> takeout_split_counter(const std::string& s) { return split_counter(s); }

bool parse_takeout_json(const std::string& path, const json& doc, SidecarIndex& out) {
  return read_takeout(path, doc, out, {});
}

bool parse_takeout_json_text(const std::string& path, std::string_view text, SidecarIndex& out) {
  // Only what read_takeout reads, at the top and in the objects below it: an object of millions
  // of other members costs nothing, and padding cannot hide the coordinates next to it.
  static const std::set<std::string, std::less<>> kKeys = {
      "access", "albumData", "creationTime", "date", "description", "enrichments", "geoData", "geoDataExif",
      "location", "people", "photoTakenTime", "title", "url"};
  static const std::set<std::string, std::less<>> kInnerKeys = {
      "access", "date", "description", "enrichments", "geoData", "geoDataExif", "latitude", "location", "longitude",
      "timestamp", "title"};
  ShallowObject object = shallow_object(text, kSidecarWholeBytes, {},
                                        [](const std::string& key) { return kKeys.count(key) > 0; });
  std::string_view people;
  for (const std::string& key : object.split) {
    const std::string_view member = object.members.at(key);
    if (key == "people" && util::json_is_array(member)) people = member;
    else if (util::json_is_object(member))
      object.doc[key] = shallow_object(member, kSidecarWholeBytes, {},
                                       [](const std::string& inner) { return kInnerKeys.count(inner) > 0; }).doc;
  }
  return read_takeout(path, object.doc, out, people);
}

}  // namespace mediascan
