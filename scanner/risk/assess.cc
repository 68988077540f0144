#include "scanner/risk/assess.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "scanner/util/text.h"

namespace mediascan {
namespace {

constexpr std::string_view kDefaultPolicy =
#include "default_policy.inc"
    ;

// "fixed" is what the scan says of an item it cleaned, never a policy's choice.
Action action_from_string(const std::string& s) {
  if (s == "remove") return Action::remove;
  if (s == "restrict") return Action::restrict;
  if (s == "ok") return Action::ok;
  throw std::runtime_error("unknown action \"" + s + "\" (remove, restrict, ok)");
}

// A key the policy does not know would be ignored ("enabeld": false leaves the category on):
// refused instead, with its name.
void only_keys(const nlohmann::json& object, std::initializer_list<std::string_view> known, const std::string& where) {
  if (!object.is_object()) throw std::runtime_error(where + " must be a JSON object");
  for (const auto& [key, value] : object.items())
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      std::string list;
      for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      throw std::runtime_error("unknown key \"" + key + "\" in " + where + " (" + list + ")");
    }
}

// nlohmann keeps the last of two equal keys: the first would be silently ignored.
nlohmann::json parse_without_duplicates(std::string_view text) {
  std::vector<std::set<std::string>> keys;  // of each object being parsed, innermost last
  return nlohmann::json::parse(text, [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (event == Event::object_start) keys.emplace_back();
    else if (event == Event::object_end && !keys.empty()) keys.pop_back();
    else if (event == Event::key && !keys.empty() && !keys.back().insert(parsed.get<std::string>()).second)
      throw std::runtime_error("the key \"" + parsed.get<std::string>() + "\" appears twice in one object");
    return true;
  });
}

std::string phrase(Category c, const std::vector<const Finding*>& found) {
  std::set<std::string> parts;
  switch (c) {
    case Category::location:
      for (const Finding* f : found)
        parts.insert(f->fixed                         ? "the platform keeps it with the post or photo: removed from the "
                                                        "cleaned copy only, remove it on the platform"
                     : f->signal == "recurring_place"   ? "a place that recurs"
                     : f->where.starts_with("sidecar:") ? "the export's sidecar"
                     : f->where == "quicktime"          ? "video metadata"
                                                        : f->where);
      break;
    case Category::identity:
      for (const Finding* f : found) parts.insert(f->evidence.substr(0, f->evidence.find(" (")));
      break;
    default:
      parts.insert(found.front()->evidence);
  }
  std::string list;
  for (const std::string& p : parts) list += (list.empty() ? "" : ", ") + p;
  switch (c) {
    case Category::location: return "location recorded (" + list + ")";
    case Category::identity: return list;
    default: return list;
  }
}

// What the cleaned export no longer carries: "location and identity metadata (camera serial
// number) removed in the cleaned export".
std::string removed_phrase(const std::vector<const Finding*>& fixed) {
  std::map<Category, std::vector<const Finding*>> by_category;
  for (const Finding* f : fixed) by_category[f->category].push_back(f);
  std::vector<std::string> parts;
  for (const auto& [category, found] : by_category)
    parts.push_back(category == Category::location   ? std::string("location")
                    : category == Category::identity ? "identity metadata (" + phrase(category, found) + ")"
                                                     : std::string(to_string(category)));
  return util::in_words(parts) + " removed in the cleaned export";
}

// Local hour a photo was taken, from the camera clock, or from UTC and the longitude (solar
// time) when only the export's UTC time is known. -1 when unknown.
int local_hour(const Item& item, const std::optional<GeoPoint>& where) {
  const std::string& camera = item.capture.local_time;
  if (camera.size() >= 13) return std::atoi(camera.c_str() + 11);
  const std::string& utc = item.context.taken;
  if (utc.size() < 13 || !where) return -1;
  const double hour = std::atoi(utc.c_str() + 11) + where->lon / 15.0;
  return int(std::floor(std::fmod(hour + 48.0, 24.0)));
}

// Union-find over item indexes.
struct Groups {
  std::vector<size_t> parent;
  explicit Groups(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  size_t find(size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void join(size_t a, size_t b) { parent[find(a)] = find(b); }
  std::vector<std::vector<size_t>> sets(size_t min_size) {
    std::unordered_map<size_t, std::vector<size_t>> by_root;
    for (size_t i = 0; i < parent.size(); ++i) by_root[find(i)].push_back(i);
    std::vector<std::vector<size_t>> out;
    for (auto& [root, members] : by_root)
      if (members.size() >= min_size) out.push_back(std::move(members));
    std::sort(out.begin(), out.end());
    return out;
  }
};

// What the run-wide analysis keeps of each item: a few dozen bytes, not the item.
struct Keys {
  // SHA-256 of the bytes, as two independent 64-bit hashes of its text (two different files
  // share both with odds far below 1e-20 at a million items); 0, 0 when the item has none.
  std::vector<std::pair<uint64_t, uint64_t>> sha;
  std::vector<std::optional<uint64_t>> phash;
  struct Point {
    size_t item;
    GeoPoint point;
    int hour;  // local hour it was taken, -1 when unknown
  };
  std::vector<Point> points;  // items with coordinates
};

uint64_t fnv1a(std::string_view s) {
  uint64_t h = 14695981039346656037ull;
  for (char c : s) h = (h ^ uint8_t(c)) * 1099511628211ull;
  return h;
}

std::optional<GeoPoint> item_point(const Item& item) {
  for (const Finding& f : item.findings)
    if (f.category == Category::location && f.point) return f.point;
  return std::nullopt;
}

Keys gather_keys(const ItemStore& items) {
  Keys k;
  k.sha.reserve(items.size());
  k.phash.reserve(items.size());
  items.for_each([&](size_t i, const Item& item) {
    k.sha.push_back(item.sha256.empty() ? std::pair<uint64_t, uint64_t>{0, 0}
                                        : std::pair<uint64_t, uint64_t>{std::hash<std::string>()(item.sha256) | 1,
                                                                        fnv1a(item.sha256)});
    k.phash.push_back(item.phash);
    if (auto p = item_point(item)) k.points.push_back({i, *p, local_hour(item, p)});
  });
  return k;
}

struct PairHash {
  size_t operator()(const std::pair<uint64_t, uint64_t>& p) const { return p.first ^ (p.second * 0x9E3779B97F4A7C15ull); }
};

std::vector<std::vector<size_t>> find_duplicates(const Keys& k) {
  Groups g(k.sha.size());
  std::unordered_map<std::pair<uint64_t, uint64_t>, size_t, PairHash> by_sha;
  // Two hashes within 3 bits agree exactly on at least one of their four 16-bit blocks.
  std::unordered_map<uint64_t, std::vector<size_t>> by_block;
  for (size_t i = 0; i < k.sha.size(); ++i) {
    if (k.sha[i].first != 0) {
      auto [it, fresh] = by_sha.emplace(k.sha[i], i);
      if (!fresh) g.join(i, it->second);
    }
    const std::optional<uint64_t>& phash = k.phash[i];
    if (!phash) continue;
    for (uint64_t block = 0; block < 4; ++block) {
      const uint64_t key = (block << 16) | ((*phash >> (16 * block)) & 0xFFFF);
      auto& bucket = by_block[key];
      for (size_t j : bucket)
        if (std::popcount(*phash ^ *k.phash[j]) <= 3) g.join(i, j);
      if (bucket.size() < 64) bucket.push_back(i);  // a flat colour would make one huge bucket
    }
  }
  return g.sets(2);
}

// Metres between two points, on a plane tangent at their mean latitude (good to well under a
// metre at the distances the places check looks at).
double metres(const GeoPoint& a, const GeoPoint& b) {
  const double x = (b.lon - a.lon) * std::cos((a.lat + b.lat) * M_PI / 360) * 111320.0;
  const double y = (b.lat - a.lat) * 110540.0;
  return std::hypot(x, y);
}

// Points of a place, and the box of their latitudes and longitudes.
struct Box {
  std::vector<size_t> members;  // indexes into Keys::points
  double lon_min = 1e9, lon_max = -1e9, lat_min = 1e9, lat_max = -1e9;
  void add(size_t k, const GeoPoint& p) {
    members.push_back(k);
    lon_min = std::min(lon_min, p.lon);
    lon_max = std::max(lon_max, p.lon);
    lat_min = std::min(lat_min, p.lat);
    lat_max = std::max(lat_max, p.lat);
  }
};

// Bounds of metres() between any point of `a` and any point of `b`: metres() scales longitude
// by the cosine of the pair's mean latitude, which lies between the boxes' latitudes.
double nearest_metres(const Box& a, const Box& b) {
  const double polar = std::min(std::max({std::abs(a.lat_min), std::abs(a.lat_max), std::abs(b.lat_min), std::abs(b.lat_max)}), 90.0);
  const double gap_lat = std::max({0.0, b.lat_min - a.lat_max, a.lat_min - b.lat_max}) * 110540.0;
  const double gap_lon = std::max({0.0, b.lon_min - a.lon_max, a.lon_min - b.lon_max}) *
                         std::max(0.0, std::cos(polar * M_PI / 180)) * 111320.0;
  return std::hypot(gap_lat, gap_lon);
}
double farthest_metres(const Box& a, const Box& b) {
  const double south = std::min(a.lat_min, b.lat_min), north = std::max(a.lat_max, b.lat_max);
  const double equatorward = south <= 0 && north >= 0 ? 0.0 : std::min(std::abs(south), std::abs(north));
  const double span_lon = std::max(a.lon_max, b.lon_max) - std::min(a.lon_min, b.lon_min);
  return std::hypot((north - south) * 110540.0, span_lon * std::cos(equatorward * M_PI / 180) * 111320.0);
}

// Points within kRadius of each other, directly or through others, make one place. The points
// go into cells of kSide metres a side, small enough that all the points of one cell are within
// kRadius of each other: a cell joins its points without comparing them, and only cells near
// each other are compared. Two crowded cells are compared box of ~10 m by box of ~10 m: a pair
// of boxes within kRadius throughout settles it, one beyond kRadius throughout is skipped, and
// only the rest compare point with point. A home where 30,000 photos were taken is a few
// cells, not 450 million pairs.
std::vector<Place> find_places(const Keys& keys) {
  constexpr double kRadius = 150.0;  // metres
  constexpr double kSide = 100.0;    // metres: a cell's diagonal is 141 m
  constexpr double kRowDegrees = kSide / 110540.0;
  constexpr double kRows = 2;        // rows within kRadius of a row: ceil(150 / 100)
  const auto& points = keys.points;
  // A row of cells is a band of latitude; its cells are `side` metres of longitude at its middle.
  auto row_of = [](double lat, double side) { return long(std::floor(lat * 110540.0 / side)); };
  auto column_of = [](long row, double lon, double side) {
    const double lat = (double(row) + 0.5) * side / 110540.0;
    return long(std::floor(lon * std::max(std::cos(lat * M_PI / 180), 0.01) * 111320.0 / side));
  };
  auto grid = [&](const std::vector<size_t>& members, double side) {
    std::map<std::pair<long, long>, Box> boxes;  // (row, column) -> box
    for (size_t k : members) {
      const GeoPoint& p = points[k].point;
      const long row = row_of(p.lat, side);
      boxes[{row, column_of(row, p.lon, side)}].add(k, p);
    }
    return boxes;
  };
  auto any_close = [&](const Box& a, const Box& b) {
    for (size_t i : a.members)
      for (size_t j : b.members)
        if (metres(points[i].point, points[j].point) <= kRadius) return true;
    return false;
  };
  auto close = [&](const Box& a, const Box& b) {
    if (a.members.size() * b.members.size() <= 4096) return any_close(a, b);
    const auto fine_a = grid(a.members, 10.0), fine_b = grid(b.members, 10.0);
    for (const auto& [ka, x] : fine_a)
      for (const auto& [kb, y] : fine_b) {
        if (nearest_metres(x, y) > kRadius) continue;
        if (farthest_metres(x, y) <= kRadius || any_close(x, y)) return true;
      }
    return false;
  };

  std::vector<size_t> all(points.size());
  std::iota(all.begin(), all.end(), 0);
  const std::map<std::pair<long, long>, Box> cells = grid(all, kSide);
  Groups g(points.size());
  for (const auto& [key, c] : cells)
    for (size_t k : c.members) g.join(k, c.members.front());
  for (const auto& [key, c] : cells) {
    const auto [row, column] = key;
    // The longitudes within kRadius of the cell, at the cell's latitude nearest a pole.
    // Within 50 km of a pole every longitude may be near: the whole rows are searched.
    const double polar = std::max(std::abs(c.lat_min), std::abs(c.lat_max)) + kRows * kRowDegrees;
    const double cos_polar = std::cos(std::min(polar, 90.0) * M_PI / 180);
    const double reach = cos_polar < 0.01 ? 360.0 : kRadius / (cos_polar * 111320.0);
    for (long r = row - long(kRows); r <= row + long(kRows); ++r) {
      const long first = column_of(r, c.lon_min - reach, kSide), last = column_of(r, c.lon_max + reach, kSide);
      for (auto it = cells.lower_bound({r, first}); it != cells.end() && it->first <= std::pair{r, last}; ++it) {
        if (it->first <= key) continue;  // each pair of cells once
        const Box& d = it->second;
        if (g.find(c.members.front()) == g.find(d.members.front())) continue;
        if (nearest_metres(c, d) <= kRadius && close(c, d)) g.join(c.members.front(), d.members.front());
      }
    }
  }
  std::vector<Place> places;
  for (const auto& members : g.sets(3)) {
    Place p;
    for (size_t k : members) {
      const Keys::Point& point = points[k];
      p.items.push_back(point.item);
      p.center.lat += point.point.lat / double(members.size());
      p.center.lon += point.point.lon / double(members.size());
      if (point.hour >= 20 || (point.hour >= 0 && point.hour < 6)) ++p.night;
    }
    p.label = p.night * 2 >= int(members.size()) ? "likely home" : "recurring place";
    places.push_back(std::move(p));
  }
  return places;
}

}  // namespace

Category category_from_string(std::string_view s, bool& ok) {
  ok = true;
  for (Category c : {Category::location, Category::identity, Category::people, Category::nightlife,
                     Category::alcohol, Category::explicit_content, Category::document, Category::text})
    if (to_string(c) == s) return c;
  ok = false;
  return Category::text;
}

std::optional<Level> level_from_string(std::string_view s) {
  for (Level l : {Level::ok, Level::low, Level::medium, Level::high})
    if (to_string(l) == s) return l;
  return std::nullopt;
}

Policy Policy::defaults() {
  static const Policy parsed = [] {
    Policy bare;
    bare.actions = {{Level::high, Action::remove}, {Level::medium, Action::restrict},
                    {Level::low, Action::restrict}, {Level::ok, Action::ok}};
    return Policy::parse(kDefaultPolicy, bare);
  }();
  return parsed;
}

Policy Policy::parse(std::string_view text) { return parse(text, defaults()); }

Policy Policy::parse(std::string_view text, const Policy& base) {
  nlohmann::json doc;
  try {
    doc = parse_without_duplicates(text);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string("policy is not valid JSON: ") + e.what());
  }
  if (!doc.is_object() || doc.value("schema", "") != "mediascan.policy/1")
    throw std::runtime_error("policy must be a JSON object with \"schema\": \"mediascan.policy/1\"");
  Policy p = base;
  try {
    only_keys(doc, {"schema", "description", "levels", "actions", "categories"}, "the policy");
    if (const auto levels = doc.find("levels"); levels != doc.end()) {
      only_keys(*levels, {"high", "medium", "low"}, "levels");
      p.high = levels->value("high", p.high);
      p.medium = levels->value("medium", p.medium);
      p.low = levels->value("low", p.low);
      if (!(p.low > 0 && p.low < p.medium && p.medium < p.high && p.high <= 1))
        throw std::runtime_error("levels must satisfy 0 < low < medium < high <= 1");
    }
    if (const auto actions = doc.find("actions"); actions != doc.end())
      for (const auto& [level, action] : actions->items()) {
        const auto l = level_from_string(level);
        if (!l) throw std::runtime_error("unknown level \"" + level + "\" in actions");
        p.actions[*l] = action_from_string(action.get<std::string>());
      }
    if (const auto cats = doc.find("categories"); cats != doc.end())
      for (const auto& [name, rule] : cats->items()) {
        bool ok = false;
        const Category c = category_from_string(name, ok);
        const bool topic = name.starts_with("text:") && name.size() > 5;
        if (!ok && !topic) throw std::runtime_error("unknown category \"" + name + "\"");
        if (topic && !p.text_topics.count(name.substr(5))) p.text_topics[name.substr(5)] = p.categories[Category::text];
        only_keys(rule, {"enabled", "weight", "threshold", "at_least"}, "\"" + name + "\"");
        CategoryRule& r = topic ? p.text_topics[name.substr(5)] : p.categories[c];
        r.enabled = rule.value("enabled", r.enabled);
        r.weight = rule.value("weight", r.weight);
        r.threshold = rule.value("threshold", r.threshold);
        if (rule.contains("at_least")) {
          r.at_least = level_from_string(rule["at_least"].get<std::string>());
          if (!r.at_least) throw std::runtime_error("unknown level in " + name + ".at_least");
        }
        if (r.weight < 0 || r.weight > 1 || r.threshold < 0 || r.threshold > 1)
          throw std::runtime_error(name + ": weight and threshold must be between 0 and 1");
      }
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string("policy field has the wrong type: ") + e.what());
  }
  return p;
}

std::vector<std::string> Policy::unknown_text_topics(const std::set<std::string>& known) const {
  std::vector<std::string> out;
  for (const auto& [topic, rule] : text_topics)
    if (!known.count(topic)) out.push_back("text:" + topic);
  return out;
}

std::pair<const CategoryRule*, std::string> Policy::rule_for(const Finding& f) const {
  const auto category = categories.find(f.category);
  const CategoryRule* rule = category == categories.end() ? nullptr : &category->second;
  std::string name(to_string(f.category));
  if (f.category == Category::text)
    if (const auto colon = f.signal.find(':'); colon != std::string::npos) {
      const std::string topic = f.signal.substr(colon + 1);
      name += ":" + topic;
      // A disabled "text" category turns every topic off.
      if (const auto it = text_topics.find(topic); it != text_topics.end() && rule && rule->enabled) rule = &it->second;
    }
  return {rule, name};
}

void assess(Item& item, const Policy& policy) {
  // Counted findings per rule (a category, or a text topic), with the rule.
  std::map<std::string, std::pair<const CategoryRule*, std::vector<const Finding*>>> open;
  std::vector<const Finding*> fixed;
  for (const Finding& f : item.findings) {
    // A place the platform recorded with a photo or post (a check-in, a tweet's point, Google
    // Photos' location) is gone from the cleaned copy, not from the post online: it still counts.
    const bool on_platform = f.category == Category::location && f.where.starts_with("sidecar:") &&
                             (f.signal == "sidecar_geo" || f.signal == "sidecar_place");
    if (f.fixed && !on_platform) {
      fixed.push_back(&f);
      continue;
    }
    const auto [rule, name] = policy.rule_for(f);
    if (!rule || !rule->enabled || f.confidence < rule->threshold) continue;
    auto& slot = open[name];
    slot.first = rule;
    slot.second.push_back(&f);
  }
  // Independent signals combine like probabilities: 1 - prod(1 - weight_c * confidence_c).
  double keep = 1.0;
  std::optional<Level> floor;
  std::vector<std::pair<double, std::string>> reasons;
  for (auto& [name, counted] : open) {
    auto& [rule, found] = counted;
    std::sort(found.begin(), found.end(), [](const Finding* a, const Finding* b) { return a->confidence > b->confidence; });
    const double contribution = rule->weight * std::clamp(found.front()->confidence, 0.0, 1.0);
    keep *= 1.0 - contribution;
    if (rule->at_least && (!floor || *rule->at_least > *floor)) floor = rule->at_least;
    reasons.push_back({contribution, phrase(found.front()->category, found)});
  }
  // Rounded: 1 - (1 - 0.3 * 0.5) is 0.15000000000000002, not the 0.15 a policy's level starts at.
  item.score = std::round((1.0 - keep) * 1e9) / 1e9;
  Level level = item.score >= policy.high     ? Level::high
                : item.score >= policy.medium ? Level::medium
                : item.score >= policy.low    ? Level::low
                                              : Level::ok;
  if (floor && *floor > level) level = *floor;
  item.level = level;
  const auto action = policy.actions.find(level);
  item.action = action == policy.actions.end() ? Action::ok : action->second;
  if (level == Level::ok && !fixed.empty()) item.action = Action::fixed;
  std::sort(reasons.begin(), reasons.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  item.reason.clear();
  for (const auto& [weight, text] : reasons) item.reason += (item.reason.empty() ? "" : "; ") + text;
  if (item.reason.empty() && !fixed.empty()) item.reason = removed_phrase(fixed);
  // What was not checked is shown for a person to look at, never as "ok": an entry that crashed
  // or hung the scanner (whoever crafted it may have wanted just that) at medium, one partly or
  // never read (damaged metadata, encrypted, too large) at low.
  if (const ItemError* unchecked = unchecked_part(item)) {
    const bool poison = unchecked->code == "poison";
    item.level = std::max(item.level, poison ? Level::medium : Level::low);
    item.action = std::max(item.action, Action::restrict);
    item.reason = (poison ? std::string("not checked: it crashed or hung the scanner")
                          : "not checked completely (" + unchecked->code + ")") +
                  "; look at it yourself" + (item.reason.empty() ? std::string() : "; " + item.reason);
  }
}

RunAnalysis analyse_run(const ItemStore& items) {
  const Keys keys = gather_keys(items);
  RunAnalysis r;
  r.duplicates = find_duplicates(keys);
  r.places = find_places(keys);
  return r;
}

void add_place_finding(Item& item, const Place& place) {
  // Once the cleaned export has no coordinates for this photo, it no longer shows the place.
  const bool cleaned = std::all_of(item.findings.begin(), item.findings.end(), [](const Finding& x) {
    return x.category != Category::location || !x.point || x.fixed;
  });
  char evidence[200];
  std::snprintf(evidence, sizeof evidence, "one of %zu photos taken within 150 m of %.4f, %.4f (%d at night): %s",
                place.items.size(), place.center.lat, place.center.lon, place.night, place.label.c_str());
  Finding f;
  f.fixed = cleaned;
  f.category = Category::location;
  f.signal = "recurring_place";
  f.confidence = place.label == "likely home" ? 0.9 : 0.6;
  f.evidence = evidence;
  // Where the photo's own point is (its EXIF, XMP, video metadata or sidecar): what the place is
  // read from.
  const auto own = std::find_if(item.findings.begin(), item.findings.end(),
                                [](const Finding& x) { return x.category == Category::location && x.point; });
  f.where = own == item.findings.end() ? "exif" : own->where;
  f.point = place.center;
  item.findings.push_back(std::move(f));
}

}  // namespace mediascan
