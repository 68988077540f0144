#include <algorithm>
#include <cstdio>
#include <map>
#include <string_view>
#include <vector>
#include <unordered_set>

#include "scanner/ingest/export_reader.h"
#include "scanner/ingest/ingest.h"
#include "scanner/metadata/gps_text.h"
#include "scanner/metadata/sidecar_clean.h"
#include "scanner/util/text.h"

namespace mediascan {
namespace {

// A Facebook or Instagram export downloaded in HTML format (the platforms' default) holds its
// captions, albums, dates and places in HTML pages, which are not read: without a word, its
// photos would look checked and clean while the pages beside them keep where they were taken.
// Known by pages where the JSON format has its files, and no JSON file there.
void report_html_format(ExportIndex& index) {
  static const std::map<std::string, std::vector<std::string_view>> kContentFolders = {
      {"facebook", {"your_facebook_activity/", "posts/", "photos_and_videos/", "html/"}},
      {"instagram", {"your_instagram_activity/", "content/"}},
      // Snapchat's "My Data" holds JSON files only when "Export JSON Files" was ticked.
      {"snapchat", {"html/", "json/"}}};
  const auto folders = kContentFolders.find(index.layout);
  if (folders == kContentFolders.end()) return;
  const IndexedEntry* first = nullptr;
  size_t pages = 0;
  for (const IndexedEntry& e : index.entries) {
    const std::string path = util::to_lower_ascii(e.path);
    const bool page = path.ends_with(".html") || path.ends_with(".htm");
    if (!page && !path.ends_with(".json")) continue;
    if (std::none_of(folders->second.begin(), folders->second.end(), [&](std::string_view f) { return has_component_prefix(path, f); }))
      continue;
    if (!page) return;  // a JSON export (perhaps with a page or two)
    if (!first) first = &e;
    ++pages;
  }
  if (!first) return;
  const bool snapchat = index.layout == "snapchat";
  const std::string platform = index.layout == "facebook" ? "Facebook" : snapchat ? "Snapchat" : "Instagram";
  const std::string counted = (pages == 1 ? "1 HTML page, " : std::to_string(pages) + " HTML pages, such as ") + first->path;
  index.export_errors.push_back(
      {first->source, first->path,
       ItemError{"html_export", "this " + platform + " export was downloaded in HTML format (" + counted +
                                    "): mediascan reads the JSON format, so the " +
                                    (snapchat ? "dates and places of your memories" : "captions, albums, dates and places") +
                                    " " + platform + " keeps beside the photos were not read, and a cleaned copy keeps its "
                                    "pages as they are. Download your information again " +
                                    (snapchat ? "with \"Export JSON Files\" ticked" : "with the format set to JSON") +
                                    " for a complete check."}});
}

// What the parsers made of the sidecars so far: media records, Takeout sidecars and albums,
// tweets, memories and posts not yet handed on.
size_t records_of(const SidecarIndex& s) {
  return s.meta.size() + s.takeout.size() + s.takeout_albums.size() + s.tweets.size() + s.snaps.size() + s.posts.size();
}

// Where the parsers' records are: the file being read made those past these.
struct RecordMarks {
  size_t meta, takeout, snaps, tweets;
};
RecordMarks record_marks(const SidecarIndex& s) {
  return {s.meta.size(), s.takeout_contexts.size(), s.snaps.size(), s.tweets.size()};
}

// Whether any record made since `from` carries a location (an upload IP counts: the cleaner
// empties it as one): when none does, the file's location values (Instagram's profile "City"
// beside its profile photo) are reported by no media item. Tweets are kept by id, not in order:
// a file that made some is taken to carry its location in them.
bool records_located(const SidecarIndex& s, const RecordMarks& from) {
  const auto located = [](const Context& c) { return !c.geo.empty() || !c.place.empty() || !c.upload_ip.empty(); };
  if (s.tweets.size() != from.tweets) return true;
  // A Takeout sidecar is its one photo's: what it holds beside a point (an altitude beside
  // coordinates of 0, 0) is that photo's, not a location of its own.
  if (s.takeout_contexts.size() != from.takeout) return true;
  for (size_t i = from.meta; i < s.meta.size(); ++i)
    if (located(s.meta.at(i).second)) return true;
  for (size_t i = from.snaps; i < s.snaps.size(); ++i)
    if (located(s.snaps[i].context)) return true;
  return false;
}

TextPost location_record(const std::string& path, int values) {
  TextPost post;
  post.sidecar = path;
  post.context.text_kind = kLocationRecord;
  post.context.caption = std::to_string(values) + (values == 1 ? " location value" : " location values") +
                         " (coordinates, places, addresses) that belong to no photo or post";
  post.context.sidecars.push_back(path);
  return post;
}

// A GPS track file: a drone's subtitles (the .SRT beside its video, a position a frame), a GPX,
// KML or GeoJSON track. None of its positions belongs to a photo: the file is an item of its own.
TextPost track_record(const std::string& path, TrackText kind, const TextPositions& found) {
  const int positions = found.positions, addresses = found.addresses;
  TextPost post = location_record(path, positions + addresses);
  std::string what;
  if (positions) what = std::to_string(positions) + (positions == 1 ? " position" : " positions");
  if (positions && addresses) what += " and ";
  if (addresses) what += std::to_string(addresses) + (addresses == 1 ? " address" : " addresses");
  post.context.caption = what +
                         (kind == TrackText::subtitles ? " of a drone's flight (its subtitles, frame by frame)"
                                                       : " of a GPS track") +
                         (positions + addresses == 1 ? " that belongs" : " that belong") + " to no photo or post";
  return post;
}

// A sidecar's records whose photo or video is not in the export (a post downloaded without its
// media, Snapchat memories never saved): a caption no post holds becomes a text item of its own,
// named by the file it was the caption of; the location values of the rest, one item per sidecar.
void report_unjoined(const SidecarIndex& sidecars, const Unjoined& unjoined,
                     const std::map<std::string, std::string>& sidecar_sources, PostStore& posts) {
  // The texts the posts already hold, per sidecar: a Facebook photo's caption is its post's.
  const auto key = [](const std::string& sidecar, const std::string& text) {
    return std::hash<std::string>{}(sidecar) ^ (std::hash<std::string>{}(text) * 0x9E3779B97F4A7C15ull);
  };
  std::unordered_set<size_t> texts;
  for (size_t i = 0; i < posts.size(); ++i) {
    const TextPost post = posts.at(i);
    texts.insert(key(post.sidecar, post.context.caption));
  }
  std::unordered_set<size_t> named;  // (sidecar, URI) of the text items made here
  std::map<std::string, std::pair<int, int>> located;  // sidecar -> (records, location values)
  const auto count = [&](const Context& c) {
    const int values = int(c.geo.size()) + !c.place.empty();
    if (values == 0 || c.sidecars.empty()) return;
    auto& [records, total] = located[c.sidecars.front()];
    ++records;
    total += values;
  };
  const auto source_of = [&](const std::string& sidecar) {
    const auto it = sidecar_sources.find(sidecar);
    return it == sidecar_sources.end() ? std::string() : it->second;
  };
  for (const size_t i : unjoined.meta) {
    auto [uri, c] = sidecars.meta.at(i);
    if (c.sidecars.empty()) continue;
    const std::string sidecar = c.sidecars.front();
    // One item a file: a photo named twice in one sidecar is named once.
    if (c.caption.empty() || texts.count(key(sidecar, c.caption)) || !named.insert(key(sidecar, uri)).second) {
      count(c);
      continue;
    }
    texts.insert(key(sidecar, c.caption));
    TextPost post;
    post.sidecar = sidecar;
    post.source = source_of(sidecar);
    post.pointer = uri;  // "posts_1.json#media/posts/202401/1.jpg": the caption of that file
    post.context = std::move(c);
    post.context.text_kind = "post";
    if (post.context.taken.empty()) post.context.taken = post.context.uploaded;
    posts.push_back(post);
  }
  for (const size_t i : unjoined.snaps) count(sidecars.snaps.at(i).context);
  for (const auto& [sidecar, found] : located) {
    TextPost post = location_record(sidecar, found.second);
    post.source = source_of(sidecar);
    post.context.text_kind = kPostedLocations;
    post.context.caption = std::to_string(found.second) + (found.second == 1 ? " location value" : " location values") +
                           " of " + std::to_string(found.first) +
                           (found.first == 1 ? " photo or video" : " photos or videos") +
                           " not in this export (the platform keeps them with the posts)";
    posts.push_back(post);
  }
}

// The item of a big sidecar the cleaner cannot walk nor hold: a finding that stays open, with the
// reason, for location neither counted nor removed.
TextPost uncounted_record(const std::string& path, const ItemError& why) {
  TextPost post = location_record(path, 0);
  post.context.caption =
      "location values (coordinates, places, addresses) that could not be counted or removed: " + why.message;
  return post;
}

}  // namespace

ExportIndex index_export(const std::vector<std::string>& sources, const Limits& limits) {
  ExportIndex index;
  SidecarIndex sidecars;
  PostStore posts;  // of every sidecar, moved to disk as they are read, or after each file
  std::string source;  // of the sidecar being read
  std::map<std::string, std::string> record_sources;  // files that made media records -> their source
  sidecars.post_sink = [&](TextPost&& post) {
    post.source = source;
    posts.push_back(post);
  };
  ExportReader reader(sources, limits);
  const WantFn want = [&](const std::string& path, MediaType type) {
    return type == MediaType::unknown && SidecarIndex::is_candidate(path) ? Want::all : Want::head;
  };
  while (auto e = reader.next(want)) {
    if (e->error) {
      index.entry_errors.push_back({e->source, e->path, *e->error});
      continue;
    }
    if (e->complete && e->type == MediaType::unknown && SidecarIndex::is_candidate(e->path)) {
      source = e->source;
      const size_t made = records_of(sidecars) + posts.size();
      const size_t made_posts = sidecars.posts.size() + posts.size();
      const RecordMarks marks = record_marks(sidecars);
      // A big JSON sidecar (kept_in_file) is read from its file a part at a time where it can be
      // (X's `.js` files, Facebook's and Instagram's posts files: arrays); any other is read
      // whole up to the sidecar limit, as a small one is, and over it only counted.
      bool read = false;
      try {
        if (e->file) read = sidecars.add(e->path, *e->file, limits.max_sidecar_bytes);
        if (!read && e->file && e->size <= limits.max_sidecar_bytes) {
          e->data = e->file->read(0, size_t(e->file->size()));
          e->file.reset();
        }
        if (!read && !e->file && e->size <= limits.max_sidecar_bytes) {
          sidecars.add(e->path, e->data);
          read = true;
        }
      } catch (const util::ReadError& x) {
        index.entry_errors.push_back({e->source, e->path, ItemError{"corrupt_entry", x.what()}});
        sidecars.posts.clear();  // of a file that could not be read to its end
        continue;
      }
      if (!read && e->file) {
        // Too big to join to photos: its location values are counted a piece at a time, as the
        // cleaning will read it.
        SidecarClean counted;
        try {
          counted = clean_sidecar_stream(*e->file, nullptr);
        } catch (const util::ReadError& x) {
          counted.error = ItemError{"corrupt_entry", x.what()};
        }
        if (counted.fields > 0 || counted.unwalkable) {
          TextPost post = counted.unwalkable ? uncounted_record(e->path, *counted.error)
                                             : location_record(e->path, counted.fields);
          post.source = e->source;
          posts.push_back(post);
        }
        sidecars.errors.push_back({e->path, "sidecar larger than " + std::to_string(limits.max_sidecar_bytes) +
                                                " bytes: not joined to photos" +
                                                (counted.error ? " (" + counted.error->message + ")"
                                                               : " (its location is counted and cleaned)")});
      } else if (!read) {
        // A CSV or track file over the limit (never kept in a file), or a JSON file whose size
        // was not known before it was read.
        sidecars.errors.push_back({e->path, "sidecar larger than " + std::to_string(limits.max_sidecar_bytes) +
                                                " bytes; not read"});
      } else {
        // One read from its file: counted as the cleaning will read it. One the cleaner can
        // neither walk nor hold keeps its location, and says why.
        std::optional<SidecarClean> counted;
        if (e->file) {
          try {
            counted = clean_big_sidecar(*e->file, {}, limits.max_sidecar_bytes);
          } catch (const util::ReadError& x) {
            counted = SidecarClean{0, {}, ItemError{"corrupt_entry", x.what()}};
          }
          if (counted->unwalkable) sidecars.errors.push_back({e->path, "location not removed: " + counted->error->message});
        }
        if (const auto track = track_text_of(e->path)) {
          if (const TextPositions found = find_positions(e->data, *track); found.positions + found.addresses > 0)
            sidecars.posts.push_back(track_record(e->path, *track, found));
          else if (*track == TrackText::geojson)  // a place's address in its properties, no coordinates
            if (const int values = sidecar_location_values(e->path, e->data); values > 0)
              sidecars.posts.push_back(location_record(e->path, values));
        } else if (records_of(sidecars) + posts.size() == made) {
          // A file whose location belongs to no photo or post (a location history, a profile's
          // home town, a CSV's address): an item of its own says it is there. The location of
          // media records whose media are not in the export is known once the records are joined
          // (report_unjoined).
          if (counted && counted->unwalkable)
            sidecars.posts.push_back(uncounted_record(e->path, *counted->error));
          else if (const int values = counted ? counted->fields : sidecar_location_values(e->path, e->data); values > 0)
            sidecars.posts.push_back(location_record(e->path, values));
        } else {
          record_sources[e->path] = e->source;
          // Records that carry none of the file's location (Instagram's profile "City" beside the
          // profile photo it names): the file's values are an item of their own.
          if (sidecars.posts.size() + posts.size() == made_posts && !e->file && e->size <= kSidecarWholeBytes &&
              !records_located(sidecars, marks))
            if (const int values = sidecar_location_values(e->path, e->data); values > 0)
              sidecars.posts.push_back(location_record(e->path, values));
        }
        for (TextPost& post : sidecars.posts) {
          post.source = e->source;
          posts.push_back(post);
        }
        sidecars.posts.clear();
      }
    }
    index.entries.push_back({e->source, e->path, e->type, e->size});
  }
  index.readable_sources = reader.readable_sources();
  for (const SidecarError& s : sidecars.errors)
    index.sidecar_errors.push_back({"", s.path, ItemError{"invalid_sidecar", s.message}});
  Unjoined unjoined;
  index.contexts = join_sidecars(index.entries, sidecars, &index.sidecar_errors, &unjoined);
  report_unjoined(sidecars, unjoined, record_sources, posts);
  const CaptionFinder captions(index.entries);
  for (size_t i = 0; i < posts.size(); ++i)
    if (TextPost post = posts.at(i); !captions.is_caption(post)) index.posts.push_back(post);
  index.layout = detect_layout(index.entries, sidecars);
  report_html_format(index);
  return index;
}

// A profile's own file: the city, home town or country in it is what the profile shows everyone
// (Facebook's profile, Instagram's personal information and "account based in", LinkedIn's
// Profile.csv, X's profile.js), not a private history.
bool is_profile_file(std::string_view path) {
  const std::string name = util::to_lower_ascii(path.substr(path.find_last_of('/') + 1));
  return name == "profile_information.json" || name == "personal_information.json" ||
         name == "account_based_in.json" || name == "profile.csv" || name == "profile.js";
}

std::vector<Finding> sidecar_findings(const Context& context) {
  std::vector<Finding> out;
  if (is_location_record(context) && !context.sidecars.empty()) {
    const bool profile = is_profile_file(context.sidecars.front());
    Finding f;
    f.category = Category::location;
    // Kept by the platform (posts, memories, a public profile): sidecar_geo or sidecar_place,
    // which the cleaned copy does not settle.
    f.signal = context.text_kind == kPostedLocations ? "sidecar_geo" : profile ? "sidecar_place" : "sidecar_location";
    f.confidence = 0.9;
    f.evidence = context.caption + ", in " + context.sidecars.front() + (profile ? " (your profile shows it)" : "");
    f.where = "sidecar:" + context.sidecars.front();
    out.push_back(std::move(f));
  }
  // A place named without coordinates (a tweet's town, a check-in whose place has none, an
  // Instagram post's location): less precise than a point, as telling to whoever reads it.
  if (context.geo.empty() && !context.place.empty() && !context.sidecars.empty() && !is_location_record(context)) {
    Finding f;
    f.category = Category::location;
    f.signal = "sidecar_place";
    f.confidence = 0.8;
    f.evidence = "the place \"" + context.place + "\" in " + context.sidecars.front();
    f.where = "sidecar:" + context.sidecars.front();
    out.push_back(std::move(f));
  }
  for (const SidecarGeo& g : context.geo) {
    char coords[64];
    std::snprintf(coords, sizeof coords, "%.6f, %.6f", g.point.lat, g.point.lon);
    Finding f;
    f.category = Category::location;
    f.signal = "sidecar_geo";
    f.confidence = 1.0;
    f.evidence = std::string(coords) + " in " + g.field + " of " + g.sidecar;
    f.where = "sidecar:" + g.sidecar;
    f.point = g.point;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace mediascan
