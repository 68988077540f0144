// Scores, levels and actions for combinations of findings, under the default and custom policies.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <set>

#include "scanner/risk/assess.h"

namespace mediascan {
namespace {

Finding finding(Category c, double confidence, bool fixed = false, std::string evidence = "e") {
  Finding f;
  f.category = c;
  f.signal = "test";
  f.confidence = confidence;
  f.evidence = std::move(evidence);
  f.fixed = fixed;
  f.where = "exif";
  return f;
}

Item with(std::vector<Finding> findings, const Policy& p = Policy::defaults()) {
  Item item;
  item.findings = std::move(findings);
  assess(item, p);
  return item;
}

TEST(Assess, NothingFoundIsOk) {
  const Item item = with({});
  EXPECT_EQ(item.level, Level::ok);
  EXPECT_EQ(item.action, Action::ok);
  EXPECT_DOUBLE_EQ(item.score, 0);
}

TEST(Assess, LocationAloneIsMediumAndRestricted) {
  const Item item = with({finding(Category::location, 1.0)});
  EXPECT_EQ(item.level, Level::medium);
  EXPECT_EQ(item.action, Action::restrict);
  EXPECT_NE(item.reason.find("location recorded"), std::string::npos);
}

TEST(Assess, SignalsFromSeveralCategoriesCombine) {
  const Item people = with({finding(Category::people, 0.9)});
  const Item alcohol = with({finding(Category::alcohol, 0.8)});
  const Item both = with({finding(Category::people, 0.9), finding(Category::alcohol, 0.8),
                          finding(Category::nightlife, 0.8)});
  EXPECT_GT(both.score, people.score);
  EXPECT_GT(both.score, alcohol.score);
  EXPECT_EQ(both.level, Level::high);
  EXPECT_EQ(both.action, Action::remove);
  // Many findings of one category count once, by the strongest.
  EXPECT_DOUBLE_EQ(with({finding(Category::people, 0.9), finding(Category::people, 0.5)}).score, people.score);
}

TEST(Assess, FixedFindingsNoLongerCount) {
  const Item item = with({finding(Category::location, 1.0, true)});
  EXPECT_EQ(item.level, Level::ok);
  EXPECT_EQ(item.action, Action::fixed);
}

TEST(Assess, BelowThresholdIsShownButNotCounted) {
  const Item item = with({finding(Category::people, 0.2)});  // people threshold 0.5
  EXPECT_EQ(item.level, Level::ok);
  EXPECT_EQ(item.findings.size(), 1u);
}

TEST(Assess, ExplicitIsAlwaysHigh) {
  EXPECT_EQ(with({finding(Category::explicit_content, 0.55)}).level, Level::high);
}

TEST(Policy, LawFirmMakesAnyAlcoholHigh) {
  const Policy p = Policy::parse(R"({"schema": "mediascan.policy/1",
      "categories": {"alcohol": {"at_least": "high", "threshold": 0.1}, "location": {"enabled": false}}})");
  EXPECT_EQ(with({finding(Category::alcohol, 0.2)}, p).level, Level::high);
  EXPECT_EQ(with({finding(Category::alcohol, 0.2)}).level, Level::ok);  // default: below threshold
  EXPECT_EQ(with({finding(Category::location, 1.0)}, p).level, Level::ok);  // switched off
  // What the custom file leaves out keeps the default.
  EXPECT_EQ(with({finding(Category::explicit_content, 0.9)}, p).level, Level::high);
}

TEST(Policy, ActionsAndLevelsAreConfigurable) {
  const Policy p = Policy::parse(R"({"schema": "mediascan.policy/1", "levels": {"low": 0.1, "medium": 0.3, "high": 0.5},
      "actions": {"medium": "remove"}})");
  const Item item = with({finding(Category::location, 0.6)}, p);  // 0.36
  EXPECT_EQ(item.level, Level::medium);
  EXPECT_EQ(item.action, Action::remove);
}

// Why Policy::parse refuses `json`, or "accepted".
std::string message(const char* json) {
  try {
    Policy::parse(json);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "accepted";
}

TEST(Policy, BadPoliciesAreRefusedWithTheReason) {
  EXPECT_NE(message("{").find("not valid JSON"), std::string::npos);
  EXPECT_NE(message(R"({"categories": {}})").find("schema"), std::string::npos);
  EXPECT_NE(message(R"({"schema": "mediascan.policy/1", "categories": {"drugs": {}}})").find("drugs"), std::string::npos);
  EXPECT_NE(message(R"({"schema": "mediascan.policy/1", "levels": {"low": 0.9}})").find("levels"), std::string::npos);
  EXPECT_NE(message(R"({"schema": "mediascan.policy/1", "categories": {"text": {"weight": "x"}}})").find("type"), std::string::npos);
  EXPECT_NE(message(R"({"schema": "mediascan.policy/1", "actions": {"high": "burn"}})").find("burn"), std::string::npos);
}

// From a review: each of these was accepted, and did nothing or something else.
TEST(Policy, MistakesAreRefusedNamingTheKey) {
  EXPECT_NE(message(R"({"schema": "mediascan.policy/1", "categories": {"alcohol": {"enabeld": false}}})").find("\"enabeld\""), std::string::npos);
  EXPECT_NE(message(R"({"schema": "mediascan.policy/1", "categories": {"text:drugs": {"wieght": 1}}})").find("\"wieght\""), std::string::npos);
  EXPECT_NE(message(R"({"schema": "mediascan.policy/1", "actions": {"high": "fixed"}})").find("\"fixed\""), std::string::npos);
  EXPECT_NE(message(R"({"schema": "mediascan.policy/1", "categories": {"text": {"weight": 0.1}, "text": {"weight": 0.9}}})").find("\"text\" appears twice"), std::string::npos);
  EXPECT_NE(message(R"({"schema": "mediascan.policy/1", "levels": {"low": 0.1, "hihg": 0.9}})").find("\"hihg\""), std::string::npos);
  EXPECT_NE(message(R"({"schema": "mediascan.policy/1", "categorys": {}})").find("\"categorys\""), std::string::npos);
  EXPECT_NE(message(R"({"schema": "mediascan.policy/1", "categories": {"alcohol": 0.5}})").find("alcohol"), std::string::npos);
  // The same key in two different objects is no duplicate.
  EXPECT_EQ(message(R"({"schema": "mediascan.policy/1", "categories": {"alcohol": {"weight": 0.5}, "text": {"weight": 0.5}}})"), "accepted");
  // A text topic is checked against the lexicons by the caller, which knows them.
  const Policy p = Policy::parse(R"({"schema": "mediascan.policy/1", "categories": {"text:alchohol": {"weight": 1}}})");
  EXPECT_EQ(p.unknown_text_topics({"alcohol", "drugs", "profanity", "violence", "discrimination", "employer", "sexual", "personal_data"}),
            std::vector<std::string>{"text:alchohol"});
  EXPECT_TRUE(Policy::defaults().unknown_text_topics({"alcohol", "drugs", "profanity", "violence", "discrimination",
                                                      "employer", "sexual", "personal_data"}).empty());
}

// From a review: a Samsung photo whose only identity data is its Software and ImageUniqueID
// came out low/restrict with a score of 0.15000000000000002, just over the boundary.
TEST(Assess, AnImageUniqueIdAloneIsNothingToActOn) {
  Finding id = finding(Category::identity, 0.5, false, "unique image id (Exif.Photo.ImageUniqueID): A16LLMA00SM");
  Finding software = finding(Category::identity, 0.3, false, "device or software (Exif.Image.Software): G991BXXU");
  const Item samsung = with({id, software});
  EXPECT_EQ(samsung.level, Level::ok);
  EXPECT_EQ(samsung.action, Action::ok);
  // An owner's name or a serial number still counts.
  EXPECT_EQ(with({finding(Category::identity, 0.9, false, "owner name (Exif.Image.Artist): Jan")}).level, Level::low);
  // A score exactly on a level's lower bound is that level, and reads as the number it is.
  const Policy p = Policy::parse(R"({"schema": "mediascan.policy/1", "categories": {"identity": {"threshold": 0.3}}})");
  const Item bound = with({id}, p);
  EXPECT_EQ(bound.score, 0.15);
  EXPECT_EQ(bound.level, Level::low);
}

// From a review: with --strip all, an item whose owner and serial were removed (and which had no
// location) was said to have had its location removed.
TEST(Assess, AFixedItemSaysWhatWasRemoved) {
  const Item owner = with({finding(Category::identity, 0.9, true, "owner name (Exif.Image.Artist): Jan"),
                           finding(Category::identity, 0.9, true, "camera serial number (Exif.Photo.BodySerialNumber): 123")});
  EXPECT_EQ(owner.action, Action::fixed);
  EXPECT_EQ(owner.reason, "identity metadata (camera serial number, owner name) removed in the cleaned export");
  const Item both = with({finding(Category::location, 1.0, true), finding(Category::identity, 0.9, true, "owner name (x): Jan")});
  EXPECT_EQ(both.reason, "location and identity metadata (owner name) removed in the cleaned export");
  EXPECT_EQ(with({finding(Category::location, 1.0, true)}).reason, "location removed in the cleaned export");
}

// A place the platform recorded with a post (a check-in, a tweet's point) is removed from the
// cleaned copy, not from the post online (from a review: a public airport check-in was "ok,
// fixed"). A location record (a history file) is the export's own, and is fixed by the clean.
TEST(Assess, APlaceThePlatformKeepsStillCountsAfterTheClean) {
  Finding checkin = finding(Category::location, 1.0, true);
  checkin.signal = "sidecar_geo";
  checkin.where = "sidecar:your_facebook_activity/posts/your_posts_1.json";
  const Item online = with({checkin});
  EXPECT_EQ(online.level, Level::medium);
  EXPECT_EQ(online.action, Action::restrict);
  EXPECT_NE(online.reason.find("remove it on the platform"), std::string::npos) << online.reason;
  Finding history = checkin;
  history.signal = "sidecar_location";
  EXPECT_EQ(with({history}).action, Action::fixed);
  EXPECT_EQ(with({finding(Category::location, 1.0, true)}).action, Action::fixed);  // the file's own
}

// What could not be checked is never "ok": the person is told to look at it (from a review,
// where photos with damaged metadata and encrypted entries were listed under "Nothing found").
TEST(Assess, WhatCouldNotBeCheckedIsNeverOk) {
  for (const char* code : {"metadata_damaged", "trailing_data", "encrypted", "too_large", "corrupt_entry"}) {
    Item item;
    item.errors.push_back({code, "…"});
    assess(item, Policy::defaults());
    EXPECT_EQ(item.level, Level::low) << code;
    EXPECT_EQ(item.action, Action::restrict) << code;
    EXPECT_EQ(item.reason, std::string("not checked completely (") + code + "); look at it yourself");
  }
  Item fixed = with({finding(Category::location, 1.0, true)});
  fixed.errors.push_back({"metadata_damaged", "…"});
  assess(fixed, Policy::defaults());
  EXPECT_EQ(fixed.action, Action::restrict);  // not "fixed": part of it was never read
  Item damaged_image;
  damaged_image.errors.push_back({"truncated_image", "the file ends early"});  // read as far as it goes
  assess(damaged_image, Policy::defaults());
  EXPECT_EQ(damaged_image.level, Level::ok);
}

Item photo_at(double lat, double lon, std::string local_time, std::string sha = "", std::optional<uint64_t> phash = {}) {
  Item item;
  Finding f = finding(Category::location, 1.0);
  f.point = GeoPoint{lat, lon};
  item.findings.push_back(f);
  item.capture.local_time = std::move(local_time);
  item.sha256 = std::move(sha);
  item.phash = phash;
  return item;
}

ItemStore store_of(const std::vector<Item>& items) {
  ItemStore store;
  for (const Item& item : items) store.push_back(item);
  return store;
}

TEST(RunAnalysis, RecurringNightPlaceIsLikelyHome) {
  std::vector<Item> items = {photo_at(52.3700, 4.8900, "2023-01-01T23:10:00"),
                             photo_at(52.3705, 4.8904, "2023-02-01T22:00:00"),
                             photo_at(52.3702, 4.8897, "2023-03-01T07:30:00"),
                             photo_at(48.8566, 2.3522, "2023-04-01T12:00:00"),  // Paris, once
                             photo_at(52.3800, 4.9000, "2023-05-01T12:00:00")};  // 1.2 km away
  const RunAnalysis r = analyse_run(store_of(items));
  ASSERT_EQ(r.places.size(), 1u);
  EXPECT_EQ(r.places[0].items, (std::vector<size_t>{0, 1, 2}));
  EXPECT_EQ(r.places[0].night, 2);
  EXPECT_EQ(r.places[0].label, "likely home");
  add_place_finding(items[0], r.places[0]);
  EXPECT_EQ(items[0].findings.back().signal, "recurring_place");
  EXPECT_FALSE(items[0].findings.back().fixed);
  EXPECT_NE(items[0].findings.back().evidence.find("one of 3 photos"), std::string::npos);
  // Once the photo's coordinates are gone from the cleaned export, it no longer shows the place.
  items[1].findings[0].fixed = true;
  add_place_finding(items[1], r.places[0]);
  EXPECT_TRUE(items[1].findings.back().fixed);
}

// Places are the groups of 3 or more photos linked by steps of at most 150 m: the same groups
// as comparing every pair, on clusters around the world (far from Greenwich, where degrees of
// longitude shrink fastest with latitude, and near the pole), each spread over 20 m to 600 m.
TEST(RunAnalysis, PlacesAreWhatComparingEveryPairGives) {
  auto metres = [](const GeoPoint& a, const GeoPoint& b) {
    const double x = (b.lon - a.lon) * std::cos((a.lat + b.lat) * M_PI / 360) * 111320.0;
    return std::hypot(x, (b.lat - a.lat) * 110540.0);
  };
  const GeoPoint centres[] = {{52.37, 4.89},   {35.68, 139.76}, {-33.87, 151.21}, {34.05, -118.24},
                              {64.15, -21.94}, {78.22, 15.65},  {-54.8, -68.3},   {0.0, 0.0001}};
  std::mt19937 rng(7);
  std::vector<Item> items;
  for (const GeoPoint& c : centres)
    for (const double spread : {20.0, 150.0, 600.0}) {
      std::uniform_real_distribution<double> d(-spread, spread);
      for (int i = 0; i < 120; ++i) {
        const double dy = d(rng), dx = d(rng);
        items.push_back(photo_at(c.lat + dy / 110540.0 + spread / 20000.0,
                                 c.lon + dx / (111320.0 * std::cos(c.lat * M_PI / 180)), "2023-01-01T12:00:00"));
      }
    }
  // Crowds of 300 photos 40 m wide whose centres are 170, 185 and 200 m apart: compared box by
  // box, some joined by their nearest photos only.
  for (const double apart : {170.0, 185.0, 200.0}) {
    std::uniform_real_distribution<double> d(-20.0, 20.0);
    const GeoPoint c{47.0 + apart / 1000.0, 8.5};
    for (const double east : {0.0, apart})
      for (int i = 0; i < 300; ++i)
        items.push_back(photo_at(c.lat + d(rng) / 110540.0, c.lon + (east + d(rng)) / (111320.0 * std::cos(c.lat * M_PI / 180)),
                                 "2023-01-01T12:00:00"));
  }
  // Two crowds of 100 photos 160 m apart, joined by one photo of the second 149 m from the
  // first, in a 10 m box with one 155 m away: only comparing photo with photo finds it.
  {
    const GeoPoint p{46.00045, 7.00065};
    const double east = 1 / (111320.0 * std::cos(p.lat * M_PI / 180));
    for (int i = 0; i < 100; ++i) items.push_back(photo_at(p.lat + i * 1e-8, p.lon, "2023-01-01T12:00:00"));
    for (int i = 0; i < 100; ++i) items.push_back(photo_at(p.lat + i * 1e-8, p.lon + 160 * east, "2023-01-01T12:00:00"));
    items.push_back(photo_at(p.lat, p.lon + 149 * east, "2023-01-01T12:00:00"));
    items.push_back(photo_at(p.lat, p.lon + 155 * east, "2023-01-01T12:00:00"));
  }
  std::vector<size_t> parent(items.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](size_t x) {
    while (parent[x] != x) x = parent[x];
    return x;
  };
  for (size_t i = 0; i < items.size(); ++i)
    for (size_t j = i + 1; j < items.size(); ++j)
      if (metres(*items[i].findings[0].point, *items[j].findings[0].point) <= 150.0) parent[find(i)] = find(j);
  std::map<size_t, std::vector<size_t>> groups;
  for (size_t i = 0; i < items.size(); ++i) groups[find(i)].push_back(i);
  std::set<std::vector<size_t>> expected;
  for (const auto& [root, members] : groups)
    if (members.size() >= 3) expected.insert(members);

  const RunAnalysis r = analyse_run(store_of(items));
  std::set<std::vector<size_t>> got;
  for (const Place& p : r.places) got.insert(p.items);
  EXPECT_EQ(got, expected);
  EXPECT_GT(expected.size(), 24u);  // the 600 m spreads break into several places
}

TEST(RunAnalysis, ThreePhotos145MetresApartAreAPlaceAnywhere) {
  // Chains of 3 photos 145 m apart in every direction, chains 5 km apart: each is one place,
  // also where a degree of longitude shrinks fast with latitude (far from Greenwich).
  std::vector<Item> items;
  size_t chains = 0;
  for (const GeoPoint& c : {GeoPoint{35.68, 139.76}, GeoPoint{-33.87, 151.21}, GeoPoint{34.05, -118.24},
                            GeoPoint{61.2, -149.9}, GeoPoint{52.37, 4.89}})
    for (int k = 0; k < 36; ++k, ++chains) {
      const double angle = k * 10.0 * M_PI / 180;
      const double lat0 = c.lat + k * 5000.0 / 110540.0;
      for (int step = 0; step < 3; ++step) {
        const double lat = lat0 + step * 145.0 * std::cos(angle) / 110540.0;
        const double lon = c.lon + step * 145.0 * std::sin(angle) / (111320.0 * std::cos(lat0 * M_PI / 180));
        items.push_back(photo_at(lat, lon, "2023-01-01T12:00:00"));
      }
    }
  // At the poles, where every longitude meets: a few metres apart, at any longitude.
  for (const double lat : {89.9999, -90.0}) {
    for (const double lon : {0.0, 20.0, 40.0}) items.push_back(photo_at(lat, lon, "2023-01-01T12:00:00"));
    ++chains;
  }
  const RunAnalysis r = analyse_run(store_of(items));
  ASSERT_EQ(r.places.size(), chains);
  for (const Place& p : r.places) EXPECT_EQ(p.items.size(), 3u);
}

TEST(RunAnalysis, CopiesGroupedByBytesAndPerceptualHash) {
  std::vector<Item> items(5);
  items[0].sha256 = items[1].sha256 = "same";
  items[2].phash = 0xF0F0F0F0F0F0F0F0ull;
  items[3].phash = 0xF0F0F0F0F0F0F0F0ull ^ 0b101;  // re-encoded: 2 bits differ
  items[4].phash = 0x0F0F0F0F0F0F0F0Full;          // another picture
  const RunAnalysis r = analyse_run(store_of(items));
  EXPECT_EQ(r.duplicates, (std::vector<std::vector<size_t>>{{0, 1}, {2, 3}}));
}

}  // namespace
}  // namespace mediascan
