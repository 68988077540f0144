#include <unordered_map>
#include <unordered_set>

#include "scanner/ingest/entry_path.h"
#include "scanner/ingest/ingest.h"
#include "scanner/util/text.h"

namespace mediascan {
namespace {

using Contexts = std::unordered_map<std::string, Context>;

std::string clean_components(std::string_view path) {
  std::string out;
  for (const std::string& part : util::split(path, '/')) {
    if (part.empty() || part == ".") continue;
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

// Facebook/Instagram URIs are relative to the export root, which may sit under a top folder,
// another part, or a nested archive: a URI names every media path it is a whole-component
// suffix of.
class UriIndex {
 public:
  explicit UriIndex(const std::vector<IndexedEntry>& media) {
    for (const IndexedEntry& e : media) by_name_[base_name(e.path)].push_back(&e.path);
  }
  template <typename Fn>
  void for_each_match(std::string uri, Fn&& fn) const {
    while (uri.starts_with("/") || uri.starts_with("./")) uri.erase(0, uri[0] == '/' ? 1 : 2);
    const auto it = by_name_.find(base_name(uri));
    if (it == by_name_.end()) return;
    for (const std::string* path : it->second) {
      // Archives may name entries "./x" or "a//b": compare without empty or "." components.
      const std::string p = path->find("/.") != std::string::npos || path->find("//") != std::string::npos ||
                                    path->starts_with("./")
                                ? clean_components(*path)
                                : *path;
      if (p == uri || (p.ends_with(uri) && p[p.size() - uri.size() - 1] == '/')) fn(*path);
    }
  }

 private:
  std::unordered_map<std::string_view, std::vector<const std::string*>> by_name_;
};

void join_meta(const std::vector<IndexedEntry>& media, SidecarIndex& idx, Contexts& out) {
  const UriIndex uris(media);
  while (!idx.meta.empty()) {
    const MetaRef& ref = idx.meta.front();
    uris.for_each_match(ref.uri, [&](const std::string& path) { out[path].merge(ref.context); });
    idx.meta.pop_front();
  }
}

constexpr std::string_view kSupplemental = ".supplemental-metadata";
// Suffixes Google Photos gives edited copies, in the languages Takeout is most used in.
constexpr std::string_view kEditedSuffixes[] = {"-edited", "-bearbeitet", "-bewerkt", "-modifié",
                                                "-editado", "-modificato", "-edytowane", "-redigerad"};

std::pair<std::string, std::string> split_ext(const std::string& name) {
  const auto dot = name.rfind('.');
  if (dot == std::string::npos || dot == 0) return {name, ""};
  return {name.substr(0, dot), name.substr(dot)};
}

// Every sidecar stem Takeout may have written for a media file called `name`: the name itself,
// the name plus any prefix of ".supplemental-metadata" (the 51-character limit cuts it
// anywhere), or a cut-off name when the name alone is too long.
std::vector<std::string> takeout_stems(const std::string& name) {
  std::vector<std::string> stems{name};
  const std::string full = name + std::string(kSupplemental);
  for (size_t len = full.size(); len >= name.size() + 2; --len) stems.push_back(full.substr(0, len));
  for (size_t len = name.size() - 1; len >= 40 && len < name.size(); --len)
    stems.push_back(name.substr(0, len));
  return stems;
}

struct TakeoutKey {
  std::string dir, stem;
  int counter;
  bool operator==(const TakeoutKey&) const = default;
};
struct TakeoutKeyHash {
  size_t operator()(const TakeoutKey& k) const {
    return std::hash<std::string>()(k.dir) ^ (std::hash<std::string>()(k.stem) * 31) ^
           size_t(k.counter);
  }
};

void join_takeout(const std::vector<IndexedEntry>& media, const SidecarIndex& idx, Contexts& out) {
  if (idx.takeout.empty() && idx.takeout_albums.empty()) return;
  std::unordered_map<TakeoutKey, const TakeoutSidecar*, TakeoutKeyHash> by_stem;
  std::unordered_map<std::string, std::vector<const TakeoutSidecar*>> by_title;  // dir/title
  for (const TakeoutSidecar& s : idx.takeout) {
    by_stem.emplace(TakeoutKey{s.dir, s.stem, s.counter}, &s);
    by_title[s.dir + "/" + s.title].push_back(&s);
  }
  auto find = [&](const std::string& dir, const std::string& name, int counter) -> const TakeoutSidecar* {
    for (const std::string& stem : takeout_stems(name))
      if (auto it = by_stem.find({dir, stem, counter}); it != by_stem.end()) return it->second;
    return nullptr;
  };
  for (const IndexedEntry& e : media) {
    const std::string dir(dir_name(e.path));
    const std::string name(base_name(e.path));
    const auto [stem, ext] = split_ext(name);
    const auto [bare, counter] = takeout_split_counter(stem);
    // "image(1).jpg" -> "image.jpg(1).json"; some exports keep the counter in place instead.
    const TakeoutSidecar* s = counter ? find(dir, bare + ext, counter) : nullptr;
    if (!s) s = find(dir, name, 0);
    if (!s) {
      // An edited copy has no sidecar of its own: it shares the original's.
      for (std::string_view suffix : kEditedSuffixes)
        if (bare.ends_with(suffix) && (s = find(dir, bare.substr(0, bare.size() - suffix.size()) + ext, counter)))
          break;
    }
    if (!s) {
      // Last resort: the original file name Google keeps in the sidecar, when only one claims it.
      const auto it = by_title.find(dir + "/" + name);
      if (it != by_title.end() && it->second.size() == 1) s = it->second.front();
    }
    const auto album = idx.takeout_albums.find(dir);
    if (!s && album == idx.takeout_albums.end()) continue;
    Context& c = out[e.path];
    if (s) c.merge(s->context);
    if (album != idx.takeout_albums.end() && !album->second.empty()) c.album = album->second;
    if (c.album.empty()) c.album = std::string(base_name(dir));
  }
}

bool in_tweet_media_folder(std::string_view path) {
  const std::string_view folder = base_name(dir_name(path));
  return folder.ends_with("tweets_media") || folder.ends_with("tweet_media");
}

void join_twitter(const std::vector<IndexedEntry>& media, const SidecarIndex& idx, Contexts& out) {
  if (idx.tweets.empty()) return;
  for (const IndexedEntry& e : media) {
    if (!in_tweet_media_folder(e.path)) continue;
    const std::string_view name = base_name(e.path);
    const auto it = idx.tweets.find(std::string(name.substr(0, name.find('-'))));
    if (it != idx.tweets.end()) out[e.path].merge(it->second);
  }
}

// The first 8-4-4-4-12 hex id in `s`, lower case, or "".
std::string find_uuid(std::string_view s) {
  auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  for (size_t i = 0; i + 36 <= s.size(); ++i) {
    bool ok = true;
    for (size_t k = 0; k < 36 && ok; ++k)
      ok = (k == 8 || k == 13 || k == 18 || k == 23) ? s[i + k] == '-' : hex(s[i + k]);
    if (ok) return util::to_lower_ascii(s.substr(i, 36));
  }
  return {};
}

void join_snapchat(const std::vector<IndexedEntry>& media, const SidecarIndex& idx, Contexts& out) {
  if (idx.snaps.empty()) return;
  std::unordered_map<std::string, const SnapMemory*> by_mid;
  std::unordered_map<std::string, std::vector<const SnapMemory*>> by_day;
  for (const SnapMemory& m : idx.snaps) {
    if (!m.mid.empty()) by_mid[m.mid] = &m;
    by_day[m.date + (m.video ? "v" : "i")].push_back(&m);
  }
  for (const IndexedEntry& e : media) {
    const std::string_view name = base_name(e.path);
    const SnapMemory* m = nullptr;
    if (auto it = by_mid.find(find_uuid(name)); it != by_mid.end()) m = it->second;
    if (!m && name.size() >= 10) {
      // Memories saved without their id keep the date: join when that day has one of this kind.
      const bool video = kind_of(e.type) == Kind::video;
      const auto day = by_day.find(std::string(name.substr(0, 10)) + (video ? "v" : "i"));
      if (day != by_day.end() && day->second.size() == 1) m = day->second.front();
    }
    if (m) out[e.path].merge(m->context);
  }
}

}  // namespace

void mark_captions(const std::vector<IndexedEntry>& media, std::deque<TextPost>& posts) {
  const UriIndex uris(media);
  std::unordered_set<std::string_view> tweets_with_media;
  for (const IndexedEntry& e : media)
    if (in_tweet_media_folder(e.path)) {
      const std::string_view name = base_name(e.path);
      tweets_with_media.insert(name.substr(0, name.find('-')));
    }
  for (TextPost& post : posts) {
    for (const std::string& uri : post.media_uris)
      uris.for_each_match(uri, [&](const std::string&) { post.is_caption = true; });
    if (!post.tweet_id.empty() && tweets_with_media.count(post.tweet_id)) post.is_caption = true;
  }
}

std::string text_item_path(const TextPost& post) { return post.sidecar + "#" + post.pointer; }

std::unordered_map<std::string, Context> join_sidecars(const std::vector<IndexedEntry>& media,
                                                       SidecarIndex& sidecars) {
  Contexts out;
  join_meta(media, sidecars, out);
  join_takeout(media, sidecars, out);
  join_twitter(media, sidecars, out);
  join_snapchat(media, sidecars, out);
  return out;
}

}  // namespace mediascan
