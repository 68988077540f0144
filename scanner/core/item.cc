#include "scanner/core/item.h"

#include <algorithm>
#include <set>
#include <unordered_set>
#include <utility>

namespace mediascan {

std::string_view to_string(Category c) {
  switch (c) {
    case Category::location: return "location";
    case Category::identity: return "identity";
    case Category::people: return "people";
    case Category::nightlife: return "nightlife";
    case Category::alcohol: return "alcohol";
    case Category::explicit_content: return "explicit";
    case Category::document: return "document";
    case Category::text: return "text";
  }
  return "unknown";
}

std::string_view to_string(Level l) {
  switch (l) {
    case Level::ok: return "ok";
    case Level::low: return "low";
    case Level::medium: return "medium";
    case Level::high: return "high";
  }
  return "ok";
}

std::string_view to_string(Action a) {
  switch (a) {
    case Action::ok: return "ok";
    case Action::fixed: return "fixed";
    case Action::restrict: return "restrict";
    case Action::remove: return "remove";
  }
  return "ok";
}

bool Context::empty() const {
  return caption.empty() && title.empty() && album.empty() && taken.empty() && uploaded.empty() &&
         place.empty() && upload_ip.empty() && platform_url.empty() && text_kind.empty() && people.empty() && geo.empty() && sidecars.empty();
}

namespace {
void fill(std::string& mine, const std::string& theirs) {
  if (mine.empty()) mine = theirs;
}
// The values Context::merge fills: the first non-empty one wins.
void fill_values(Context& mine, const Context& theirs) {
  fill(mine.caption, theirs.caption);
  fill(mine.title, theirs.title);
  fill(mine.album, theirs.album);
  fill(mine.taken, theirs.taken);
  fill(mine.uploaded, theirs.uploaded);
  fill(mine.place, theirs.place);
  fill(mine.upload_ip, theirs.upload_ip);
  fill(mine.platform_url, theirs.platform_url);
  fill(mine.text_kind, theirs.text_kind);
}
// The key two list values are the same by.
const std::string& key_of(const std::string& s) { return s; }
std::string key_of(const SidecarGeo& g) { return std::to_string(g.sidecar.size()) + ':' + g.sidecar + g.field; }

// Appends the values of `theirs` that `mine` does not hold yet. Short lists are compared value
// with value; long ones through a set, as one Takeout sidecar can tag tens of thousands of people.
template <typename T>
void union_into(std::vector<T>& mine, const std::vector<T>& theirs) {
  if (theirs.empty()) return;
  if (mine.size() + theirs.size() <= 32) {
    for (const T& t : theirs)
      if (std::none_of(mine.begin(), mine.end(), [&](const T& m) { return key_of(m) == key_of(t); })) mine.push_back(t);
    return;
  }
  std::unordered_set<std::string> seen;
  for (const T& m : mine) seen.insert(key_of(m));
  for (const T& t : theirs)
    if (seen.insert(key_of(t)).second) mine.push_back(t);
}
}  // namespace

void Context::merge(const Context& other) {
  fill_values(*this, other);
  union_into(people, other.people);
  union_into(sidecars, other.sidecars);
  union_into(geo, other.geo);
}

void ContextMerger::add(const Context& other) {
  fill_values(merged_, other);
  for (const std::string& p : other.people)
    if (people_.insert(p).second) merged_.people.push_back(p);
  for (const std::string& s : other.sidecars)
    if (sidecars_.insert(s).second) merged_.sidecars.push_back(s);
  for (const SidecarGeo& g : other.geo)
    if (geo_.insert(key_of(g)).second) merged_.geo.push_back(g);
}

Context ContextMerger::take() {
  people_.clear();
  sidecars_.clear();
  geo_.clear();
  return std::exchange(merged_, Context());
}

const ItemError* unchecked_part(const Item& item) {
  static const std::set<std::string, std::less<>> kUnread = {
      "metadata_damaged", "trailing_data",  "encrypted",         "too_large",        "total_too_large", "ratio_exceeded",
      "too_deep",         "corrupt_entry",  "duplicate_path",    "overlapping_entry", "unreadable_entry", "poison",
      "name_mismatch",    "header_mismatch", "not_decoded",       "pixel_limit"};
  for (const ItemError& e : item.errors)
    if (kUnread.count(e.code)) return &e;
  return nullptr;
}

}  // namespace mediascan
