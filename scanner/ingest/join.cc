#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "scanner/ingest/entry_path.h"
#include "scanner/ingest/ingest.h"
#include "scanner/util/text.h"

namespace mediascan {
namespace {

std::string clean_components(std::string_view path) {
  std::string out;
  for (const std::string& part : util::split(path, '/')) {
    if (part.empty() || part == ".") continue;
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

bool is_media(const IndexedEntry& e) { return kind_of(e.type) != Kind::other; }

// Facebook/Instagram URIs are relative to the export root, which may sit under a top folder,
// another part, or a nested archive: a URI names every media path it is a whole-component
// suffix of.
class UriIndex {
 public:
  explicit UriIndex(const std::vector<IndexedEntry>& entries) : entries_(entries) {
    for (size_t k = 0; k < entries.size(); ++k)
      if (is_media(entries[k])) by_name_[base_name(entries[k].path)].push_back(k);
  }
  // Calls fn(k) for each media entry entries[k] that `uri` names.
  template <typename Fn>
  void for_each_match(std::string uri, Fn&& fn) const {
    while (uri.starts_with("/") || uri.starts_with("./")) uri.erase(0, uri[0] == '/' ? 1 : 2);
    const auto it = by_name_.find(base_name(uri));
    if (it == by_name_.end()) return;
    for (const size_t k : it->second) {
      const std::string& path = entries_[k].path;
      // Archives may name entries "./x" or "a//b": compare without empty or "." components.
      const std::string p = path.find("/.") != std::string::npos || path.find("//") != std::string::npos ||
                                    path.starts_with("./")
                                ? clean_components(path)
                                : path;
      if (p == uri || (p.ends_with(uri) && p[p.size() - uri.size() - 1] == '/')) fn(k);
    }
  }

 private:
  const std::vector<IndexedEntry>& entries_;
  std::unordered_map<std::string_view, std::vector<size_t>> by_name_;
};

// Which Facebook/Instagram media record reaches which entry: (entry number, record number)
// pairs, sorted, so that each entry's records can be merged in the order they were read.
std::vector<std::pair<size_t, size_t>> meta_matches(const std::vector<IndexedEntry>& entries,
                                                    const SidecarIndex& idx) {
  std::vector<std::pair<size_t, size_t>> out;
  if (idx.meta.empty()) return out;
  const UriIndex uris(entries);
  for (size_t i = 0; i < idx.meta.size(); ++i)
    uris.for_each_match(idx.meta.at(i).first, [&](size_t k) { out.emplace_back(k, i); });
  std::sort(out.begin(), out.end());
  return out;
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

class TakeoutJoin {
 public:
  explicit TakeoutJoin(const SidecarIndex& idx) : idx_(idx) {
    for (const TakeoutSidecar& s : idx.takeout) {
      by_stem_.emplace(TakeoutKey{s.dir, s.stem, s.counter}, &s);
      by_title_[s.dir + "/" + s.title].push_back(&s);
    }
  }

  // Joins the sidecar and album of media entry `e` into `c`; false when it has neither.
  bool join(const IndexedEntry& e, Context& c) const {
    if (idx_.takeout.empty() && idx_.takeout_albums.empty()) return false;
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
      const auto it = by_title_.find(dir + "/" + name);
      if (it != by_title_.end() && it->second.size() == 1) s = it->second.front();
    }
    const auto album = idx_.takeout_albums.find(dir);
    if (!s && album == idx_.takeout_albums.end()) return false;
    if (s) c.merge(idx_.takeout_contexts.at(s->context).second);
    if (album != idx_.takeout_albums.end() && !album->second.empty()) c.album = album->second;
    if (c.album.empty()) c.album = std::string(base_name(dir));
    return true;
  }

 private:
  const TakeoutSidecar* find(const std::string& dir, const std::string& name, int counter) const {
    for (const std::string& stem : takeout_stems(name))
      if (auto it = by_stem_.find({dir, stem, counter}); it != by_stem_.end()) return it->second;
    return nullptr;
  }

  const SidecarIndex& idx_;
  std::unordered_map<TakeoutKey, const TakeoutSidecar*, TakeoutKeyHash> by_stem_;
  std::unordered_map<std::string, std::vector<const TakeoutSidecar*>> by_title_;  // dir/title
};

bool in_tweet_media_folder(std::string_view path) {
  const std::string_view folder = base_name(dir_name(path));
  return folder.ends_with("tweets_media") || folder.ends_with("tweet_media");
}

bool join_tweet(const IndexedEntry& e, const SidecarIndex& idx, Context& c) {
  if (idx.tweets.empty() || !in_tweet_media_folder(e.path)) return false;
  const std::string_view name = base_name(e.path);
  const auto it = idx.tweets.find(std::string(name.substr(0, name.find('-'))));
  if (it == idx.tweets.end()) return false;
  c.merge(it->second);
  return true;
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

class SnapchatJoin {
 public:
  explicit SnapchatJoin(const SidecarIndex& idx) {
    for (const SnapMemory& m : idx.snaps) {
      if (!m.mid.empty()) by_mid_[m.mid] = &m;
      by_day_[m.date + (m.video ? "v" : "i")].push_back(&m);
    }
  }

  bool join(const IndexedEntry& e, Context& c) const {
    if (by_day_.empty()) return false;
    const std::string_view name = base_name(e.path);
    const SnapMemory* m = nullptr;
    if (auto it = by_mid_.find(find_uuid(name)); it != by_mid_.end()) m = it->second;
    if (!m && name.size() >= 10) {
      // Memories saved without their id keep the date: join when that day has one of this kind.
      const bool video = kind_of(e.type) == Kind::video;
      const auto day = by_day_.find(std::string(name.substr(0, 10)) + (video ? "v" : "i"));
      if (day != by_day_.end() && day->second.size() == 1) m = day->second.front();
    }
    if (!m) return false;
    c.merge(m->context);
    return true;
  }

 private:
  std::unordered_map<std::string, const SnapMemory*> by_mid_;
  std::unordered_map<std::string, std::vector<const SnapMemory*>> by_day_;
};

}  // namespace

struct CaptionFinder::Index {
  explicit Index(const std::vector<IndexedEntry>& entries) : uris(entries) {}
  UriIndex uris;
  std::unordered_set<std::string_view> tweets_with_media;
};

CaptionFinder::CaptionFinder(const std::vector<IndexedEntry>& entries) : index_(std::make_unique<Index>(entries)) {
  for (const IndexedEntry& e : entries)
    if (is_media(e) && in_tweet_media_folder(e.path)) {
      const std::string_view name = base_name(e.path);
      index_->tweets_with_media.insert(name.substr(0, name.find('-')));
    }
}

CaptionFinder::~CaptionFinder() = default;

bool CaptionFinder::is_caption(const TextPost& post) const {
  bool found = false;
  for (const std::string& uri : post.media_uris)
    if (!found) index_->uris.for_each_match(uri, [&](size_t) { found = true; });
  return found || (!post.tweet_id.empty() && index_->tweets_with_media.count(post.tweet_id) > 0);
}

std::string text_item_path(const TextPost& post) { return post.sidecar + "#" + post.pointer; }

ContextStore join_sidecars(const std::vector<IndexedEntry>& entries, const SidecarIndex& sidecars) {
  // Entry by entry, so that no more than one joined context is held at a time: the media
  // records each entry matches, in the order they were read, then its Takeout sidecar and
  // album, its tweet, its Snapchat memory.
  const std::vector<std::pair<size_t, size_t>> matches = meta_matches(entries, sidecars);
  const TakeoutJoin takeout(sidecars);
  const SnapchatJoin snapchat(sidecars);
  ContextStore out;
  auto match = matches.begin();
  for (size_t k = 0; k < entries.size(); ++k) {
    const IndexedEntry& e = entries[k];
    if (!is_media(e)) continue;
    Context c;
    bool joined = false;
    for (; match != matches.end() && match->first == k; ++match) {
      c.merge(sidecars.meta.at(match->second).second);
      joined = true;
    }
    joined |= takeout.join(e, c);
    joined |= join_tweet(e, sidecars, c);
    joined |= snapchat.join(e, c);
    if (joined) out.add(e.path, c);
  }
  out.finish();
  return out;
}

}  // namespace mediascan
