#include <algorithm>
#include <deque>
#include <map>
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

// Compares two "/"-separated paths component by component from the last one. A path whose
// components end the other's sorts first, so the paths ending in the same components lie
// together in this order.
int compare_from_end(std::string_view a, std::string_view b) {
  while (!a.empty() && !b.empty()) {
    const size_t sa = a.rfind('/'), sb = b.rfind('/');
    const std::string_view ca = sa == std::string_view::npos ? a : a.substr(sa + 1);
    const std::string_view cb = sb == std::string_view::npos ? b : b.substr(sb + 1);
    if (const int c = ca.compare(cb); c != 0) return c;
    a = sa == std::string_view::npos ? std::string_view() : a.substr(0, sa);
    b = sb == std::string_view::npos ? std::string_view() : b.substr(0, sb);
  }
  return a.empty() ? (b.empty() ? 0 : -1) : 1;
}

// Whether the components of `tail` end `path`.
bool ends_in_components(std::string_view path, std::string_view tail) {
  return path == tail || (path.ends_with(tail) && path[path.size() - tail.size() - 1] == '/');
}

// How many leading components `a` and `b` share.
size_t common_components(std::string_view a, std::string_view b) {
  size_t n = 0;
  while (!a.empty() && !b.empty()) {
    const size_t sa = a.find('/'), sb = b.find('/');
    if (a.substr(0, sa) != b.substr(0, sb)) break;
    ++n;
    a = sa == std::string_view::npos ? std::string_view() : a.substr(sa + 1);
    b = sb == std::string_view::npos ? std::string_view() : b.substr(sb + 1);
  }
  return n;
}

// Facebook/Instagram URIs are relative to the export root, which may sit under a top folder,
// another part, or a nested archive: a URI names the media paths it is a whole-component
// suffix of. The media paths are kept sorted from their last component (compare_from_end), so
// that those a URI names are one run, found by a binary search: no URI is compared with every
// file of the same name, which a hostile export could make millions of comparisons each.
class UriIndex {
 public:
  // A URI naming more media files than this is too vague to join ("a.jpg" in an export of
  // thousands of folders each holding an a.jpg): it is joined to none of them. A real one names
  // one file, or one in each copy when the same export is in a folder twice.
  static constexpr size_t kMaxNamed = 64;

  explicit UriIndex(const std::vector<IndexedEntry>& entries) {
    for (size_t k = 0; k < entries.size(); ++k) {
      if (!is_media(entries[k])) continue;
      const std::string& path = entries[k].path;
      // Archives may name entries "./x" or "a//b": compare without empty or "." components.
      std::string_view key = path;
      if (path.find("/.") != std::string::npos || path.find("//") != std::string::npos || path.starts_with("./") ||
          path.starts_with("/"))
        key = cleaned_.emplace_back(clean_components(path));
      keys_.push_back({key, k});
    }
    std::sort(keys_.begin(), keys_.end(),
              [](const Key& x, const Key& y) { return compare_from_end(x.path, y.path) < 0; });
  }

  struct Named {
    std::vector<size_t> entries;  // by number in the entries given, in path order from the end
    bool too_many = false;        // named more than kMaxNamed: joined to none
  };
  // The media entries `uri` names; of several, those in the folder nearest `sidecar`, the file
  // the URI was read from (a copy of the export joins its own photos).
  Named named(std::string_view uri, std::string_view sidecar = {}) const {
    Named out;
    const std::string tail = clean_components(uri);
    if (tail.empty()) return out;
    auto it = std::lower_bound(keys_.begin(), keys_.end(), tail, [](const Key& x, const std::string& t) {
      return compare_from_end(x.path, t) < 0;
    });
    std::vector<const Key*> run;
    for (; it != keys_.end() && ends_in_components(it->path, tail); ++it) {
      if (run.size() == kMaxNamed) {
        out.too_many = true;
        return out;
      }
      run.push_back(&*it);
    }
    const std::string folder = clean_components(sidecar);  // as the keys: "./x" is "x"
    size_t best = 0;
    for (const Key* k : run) best = std::max(best, common_components(k->path, folder));
    for (const Key* k : run)
      if (common_components(k->path, folder) == best) out.entries.push_back(k->entry);
    return out;
  }

 private:
  struct Key {
    std::string_view path;  // the entry's path, or its cleaned copy in cleaned_
    size_t entry;
  };
  std::vector<Key> keys_;
  std::deque<std::string> cleaned_;  // a deque: the views into it stay valid as it grows
};

// Which Facebook/Instagram media record reaches which entry: (entry number, record number)
// pairs, sorted, so that each entry's records can be merged in the order they were read. A
// record whose URI names too many files is counted in `too_vague` under its sidecar.
std::vector<std::pair<size_t, size_t>> meta_matches(const std::vector<IndexedEntry>& entries,
                                                    const SidecarIndex& idx,
                                                    std::map<std::string, std::pair<size_t, std::string>>& too_vague,
                                                    std::vector<bool>& vague_records) {
  std::vector<std::pair<size_t, size_t>> out;
  if (idx.meta.empty()) return out;
  const UriIndex uris(entries);
  vague_records.assign(idx.meta.size(), false);
  for (size_t i = 0; i < idx.meta.size(); ++i) {
    const auto [uri, context] = idx.meta.at(i);
    const std::string sidecar = context.sidecars.empty() ? std::string() : context.sidecars.front();
    const UriIndex::Named named = uris.named(uri, sidecar);
    if (named.too_many) {
      auto& [count, example] = too_vague[sidecar];
      if (count++ == 0) example = uri;
      vague_records[i] = true;
    }
    for (const size_t k : named.entries) out.emplace_back(k, i);
  }
  std::sort(out.begin(), out.end());
  return out;
}

constexpr std::string_view kSupplemental = ".supplemental-metadata";
// Suffixes Google Photos gives edited copies, in the languages Takeout is most used in.
constexpr std::string_view kEditedSuffixes[] = {"-edited", "-bearbeitet", "-bewerkt", "-modifié",
                                                "-editado", "-modificato", "-edytowane", "-redigerad"};

// The photo types of a Live or motion photo, whose sidecar its video half shares.
constexpr std::string_view kLivePhotoExtensions[] = {".HEIC", ".heic", ".JPG", ".jpg", ".JPEG", ".jpeg"};
// The photo types Google Photos keeps, as cameras name them: an edited copy (saved as JPEG) shares
// the sidecar of an original of any of them.
constexpr std::string_view kPhotoExtensions[] = {".HEIC", ".heic", ".JPG", ".jpg", ".JPEG", ".jpeg", ".PNG", ".png",
                                                 ".DNG", ".dng", ".HEIF", ".heif", ".WEBP", ".webp"};

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
    const std::string dir(takeout_folder(dir_name(e.path)));
    const std::string name(base_name(e.path));
    const auto [stem, ext] = split_ext(name);
    const auto [bare, counter] = takeout_split_counter(stem);
    // "image(1).jpg" -> "image.jpg(1).json"; some exports keep the counter in place instead.
    const TakeoutSidecar* s = counter ? find(dir, bare + ext, counter) : nullptr;
    if (!s) s = find(dir, name, 0);
    if (!s) {
      // An edited copy has no sidecar of its own: it shares the original's.
      for (std::string_view suffix : kEditedSuffixes)
        if (bare.ends_with(suffix) && (s = find_original(dir, bare.substr(0, bare.size() - suffix.size()), ext, counter)))
          break;
    }
    if (!s && kind_of(e.type) == Kind::video && util::iequals_ascii(ext, ".MP")) {
      // The video half of a Pixel motion photo (PXL_1.MP beside PXL_1.MP.jpg) shares the photo's.
      for (std::string_view photo : kLivePhotoExtensions)
        if ((s = find(dir, bare + ext + std::string(photo), counter))) break;
    }
    if (!s && kind_of(e.type) == Kind::video) {
      // The video half of an iPhone Live Photo (IMG_1234.MP4 beside IMG_1234.HEIC) has no
      // sidecar of its own: it shares the photo's, taken at the same moment and place.
      for (std::string_view photo : kLivePhotoExtensions)
        if ((s = find(dir, bare + std::string(photo), counter))) break;
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

  // The sidecar of the original an edited copy was made from, `stem` its name without the suffix:
  // of the same type first, else a photo's (an edited HEIC or RAW is saved as JPEG). Its counter
  // may come before the suffix (IMG_7(1)-edited.jpg, the edit of IMG_7(1).jpg).
  const TakeoutSidecar* find_original(const std::string& dir, const std::string& stem, const std::string& ext,
                                      int counter) const {
    std::vector<std::pair<std::string, int>> names{{stem, counter}};
    if (const auto [bare, inner] = takeout_split_counter(stem); inner && !counter) names.insert(names.begin(), {bare, inner});
    for (const auto& [name, n] : names) {
      if (const TakeoutSidecar* s = find(dir, name + ext, n)) return s;
      for (std::string_view photo : kPhotoExtensions)
        if (const TakeoutSidecar* s = find(dir, name + std::string(photo), n)) return s;
    }
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
  const auto tweet = idx.tweets.find(std::string(name.substr(0, name.find('-'))));
  if (!tweet) return false;
  c.merge(*tweet);
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
  explicit SnapchatJoin(const SidecarIndex& idx) : first_(idx.snaps.data()), used_(idx.snaps.size()) {
    for (const SnapMemory& m : idx.snaps) {
      if (!m.mid.empty()) by_mid_[m.mid] = &m;
      by_day_[m.date + (m.video ? "v" : "i")].push_back(&m);
    }
  }

  bool join(const IndexedEntry& e, Context& c) {
    // A photo sent or received in a chat (chat_media/2023-03-14_b~….jpeg) is no memory, though
    // its name starts with a date as a memory's does.
    if (by_day_.empty() || has_component_prefix(util::to_lower_ascii(e.path), "chat_media/")) return false;
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
    used_[size_t(m - first_)] = true;
    return true;
  }

  // The memories no entry was joined to.
  std::vector<size_t> unused() const {
    std::vector<size_t> out;
    for (size_t i = 0; i < used_.size(); ++i)
      if (!used_[i]) out.push_back(i);
    return out;
  }

 private:
  const SnapMemory* first_;
  std::vector<bool> used_;
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
  for (const std::string& uri : post.media_uris)
    if (!index_->uris.named(uri).entries.empty()) return true;
  return !post.tweet_id.empty() && index_->tweets_with_media.count(post.tweet_id) > 0;
}

std::string text_item_path(const TextPost& post) { return post.sidecar + "#" + post.pointer; }

ContextStore join_sidecars(const std::vector<IndexedEntry>& entries, const SidecarIndex& sidecars,
                           std::vector<PathError>* errors, Unjoined* unjoined) {
  // Entry by entry, so that no more than one joined context is held at a time: the media
  // records each entry matches, in the order they were read, then its Takeout sidecar and
  // album, its tweet, its Snapchat memory.
  std::map<std::string, std::pair<size_t, std::string>> too_vague;  // sidecar -> (records, a URI)
  std::vector<bool> vague_records;  // named too many files: their own error says so (vague_media_uri)
  const std::vector<std::pair<size_t, size_t>> matches = meta_matches(entries, sidecars, too_vague, vague_records);
  const TakeoutJoin takeout(sidecars);
  SnapchatJoin snapchat(sidecars);
  ContextStore out;
  auto match = matches.begin();
  for (size_t k = 0; k < entries.size(); ++k) {
    const IndexedEntry& e = entries[k];
    if (!is_media(e)) continue;
    ContextMerger records;
    bool joined = false;
    for (; match != matches.end() && match->first == k; ++match) {
      records.add(sidecars.meta.at(match->second).second);
      joined = true;
    }
    Context c = records.take();
    joined |= takeout.join(e, c);
    joined |= join_tweet(e, sidecars, c);
    joined |= snapchat.join(e, c);
    if (c.taken.empty()) c.taken = c.uploaded;  // a Facebook/Instagram photo's upload, when nothing says more
    if (joined) out.add(e.path, c);
  }
  out.finish();
  if (unjoined) {
    // A record naming too many files names files that are in the export: not "missing".
    std::vector<bool> matched = vague_records;
    matched.resize(sidecars.meta.size());
    for (const auto& [entry, record] : matches) matched[record] = true;
    for (size_t i = 0; i < matched.size(); ++i)
      if (!matched[i]) unjoined->meta.push_back(i);
    unjoined->snaps = snapchat.unused();
  }
  if (errors)
    for (const auto& [sidecar, vague] : too_vague)
      errors->push_back({"", sidecar,
                         ItemError{"vague_media_uri",
                                   std::to_string(vague.first) + " media record(s) name more than " +
                                       std::to_string(UriIndex::kMaxNamed) + " files each (such as \"" +
                                       vague.second + "\"); their caption, tags and location were joined to none of them"}});
  return out;
}

}  // namespace mediascan
