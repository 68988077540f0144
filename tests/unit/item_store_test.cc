#include "scanner/core/item_store.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace mediascan {
namespace {

// Every field that is stored, set to something other than its default.
Item full_item(size_t n) {
  Item item;
  item.path = "your_facebook_activity/posts/media/Album/" + std::to_string(n) + ".jpg";
  item.source = "facebook-jdoe.zip";
  item.kind = Kind::image;
  item.type = MediaType::jpeg;
  item.size = 3'500'000 + n;
  Context& c = item.context;
  c.caption = "Caption \xF0\x9F\x8D\xBA " + std::to_string(n);
  c.caption += std::string(1, '\0') + "after a nul";
  c.title = "title";
  c.album = "Album 1";
  c.taken = "2023-01-01T23:10:00Z";
  c.uploaded = "2023-01-02T10:00:00Z";
  c.place = "Cafe Paris";
  c.upload_ip = "81.82.1.2";
  c.people = {"Anneke de Vries", ""};
  c.geo = {{{48.85, 2.29}, "posts_1.json", "exif_data[0]"}, {{-33.9, 151.2}, "album/1.json", "place.coordinate"}};
  c.sidecars = {"posts_1.json", "album/1.json"};
  c.platform_url = "https://photos.google.com/photo/x";
  c.text_kind = "post";
  item.capture = {"2023-01-01T23:10:00", "+02:00", false, -1, 6, "Apple", "iPhone 13", "so drunk\nparty", "xmp"};
  item.metadata_complete = false;
  item.width = 4000;
  item.height = -3;
  item.thumbnail_spilled = util::SpillFile::Ref{1ull << 40, 5000};
  item.phash = 0xF0F0F0F0F0F0F0F0ull;
  item.sha256 = std::string(64, 'a');
  Finding face;
  face.category = Category::people;
  face.signal = "face";
  face.confidence = 0.873;
  face.evidence = "a face";
  face.box = std::array<int, 4>{-1, 2, 300, 400};
  face.where = "pixels";
  Finding gps;
  gps.category = Category::location;
  gps.signal = "exif_gps";
  gps.evidence = "48.85, 2.29";
  gps.fixed = true;
  gps.where = "exif";
  gps.point = GeoPoint{48.85, -2.29};
  item.findings = {face, gps, Finding{}};
  item.errors = {{"trailing_data", "12 bytes after the end"}, {"not_cleaned", ""}};
  item.score = 0.91;
  item.level = Level::high;
  item.action = Action::remove;
  item.reason = "location recorded (exif)";
  return item;
}

TEST(ItemStore, RecordKeepsEveryField) {
  for (const Item& item : {full_item(7), Item{}}) {
    const Item back = decode_item(encode_item(item));
    EXPECT_EQ(back, item);
  }
  Item no_flash = full_item(1);
  no_flash.capture.flash_fired = true;
  no_flash.capture.iso = std::nullopt;
  EXPECT_EQ(decode_item(encode_item(no_flash)), no_flash);
}

TEST(ItemStore, BytesAndInMemoryPreviewAreNotKept) {
  Item item = full_item(1);
  item.bytes = "the photo";
  item.thumbnail_jpeg = "a preview";
  const Item back = decode_item(encode_item(item));
  EXPECT_TRUE(back.bytes.empty());
  EXPECT_TRUE(back.thumbnail_jpeg.empty());
}

TEST(ItemStore, DamagedRecordIsRefused) {
  const std::string record = encode_item(full_item(1));
  for (size_t cut : {size_t(0), size_t(1), record.size() / 2, record.size() - 1})
    EXPECT_THROW(decode_item(std::string_view(record).substr(0, cut)), std::runtime_error) << cut;
  EXPECT_THROW(decode_item(record + "x"), std::runtime_error);
  // A length far beyond the record: refused, not a huge allocation.
  EXPECT_THROW(decode_item("\xFF\xFF\xFF\xFF\x0F"), std::runtime_error);
}

// Enough items that for_each reads them in several runs (each item is about 1 KiB here).
TEST(ItemStore, ItemsComeBackInOrderAcrossReadRuns) {
  ItemStore store;
  EXPECT_TRUE(store.empty());
  store.for_each([](size_t, const Item&) { FAIL() << "an empty store has no items"; });
  constexpr size_t kCount = 12'000;
  for (size_t i = 0; i < kCount; ++i) store.push_back(full_item(i));
  ASSERT_EQ(store.size(), kCount);
  size_t seen = 0;
  store.for_each([&](size_t i, const Item& item) {
    ASSERT_EQ(i, seen++);
    ASSERT_EQ(item, full_item(i));
  });
  EXPECT_EQ(seen, kCount);
  EXPECT_EQ(store.at(0), full_item(0));
  EXPECT_EQ(store.at(kCount - 1), full_item(kCount - 1));
  EXPECT_THROW(store.at(kCount), std::out_of_range);
}

Finding recurring() {
  Finding f;
  f.signal = "recurring_place";
  return f;
}

TEST(ItemStore, UpdateEachKeepsChangesAndGrowth) {
  ItemStore store;
  for (size_t i = 0; i < 5000; ++i) store.push_back(full_item(i));
  store.update_each([](size_t i, Item& item) {
    item.reason = std::string(i % 7 * 100, 'r');  // records grow and shrink
    if (i % 2) item.findings.push_back(recurring());
  });
  ASSERT_EQ(store.size(), 5000u);
  store.for_each([](size_t i, const Item& item) {
    Item want = full_item(i);
    want.reason = std::string(i % 7 * 100, 'r');
    if (i % 2) want.findings.push_back(recurring());
    ASSERT_EQ(item, want) << i;
  });
  ItemStore moved = std::move(store);
  EXPECT_EQ(moved.at(4999).reason, std::string(4999 % 7 * 100, 'r'));
}

TEST(ItemStore, UnwritableFolderIsAClearError) {
  ItemStore store("/nonexistent-folder-for-mediascan");
  try {
    store.push_back(Item{});
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-folder-for-mediascan"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace mediascan

namespace mediascan {
namespace {

TEST(ContextStore, FindsEveryJoinedContextAndNothingElse) {
  ContextStore store;
  for (size_t i = 0; i < 3000; ++i) store.add("Takeout/Google Photos/Trip/IMG_" + std::to_string(i) + ".jpg", full_item(i).context);
  store.add("", Context{});  // an empty path and an empty context are still a pair
  store.finish();
  EXPECT_EQ(store.size(), 3001u);
  for (size_t i = 0; i < 3000; i += 7) {
    const auto c = store.find("Takeout/Google Photos/Trip/IMG_" + std::to_string(i) + ".jpg");
    ASSERT_TRUE(c) << i;
    EXPECT_EQ(*c, full_item(i).context);
  }
  EXPECT_EQ(store.find(""), Context{});
  EXPECT_FALSE(store.find("Takeout/Google Photos/Trip/IMG_3000.jpg"));
  EXPECT_FALSE(store.find("IMG_1.jpg"));
  EXPECT_FALSE(ContextStore().find("anything"));
}

TEST(ContextStore, AddedOneByOneAPathAddedTwiceGivesItsContextsMerged) {
  ContextStore store;
  for (size_t i = 0; i < 500; ++i) store.add("p/" + std::to_string(i) + ".jpg", full_item(i).context);
  Context other;
  other.caption = "another caption";  // the first one's stays
  other.people = {"Zoë"};             // added to the first one's
  store.add("p/3.jpg", other);
  EXPECT_THROW(store.find("p/1.jpg"), std::logic_error);  // not finished
  store.finish();
  Context merged = full_item(3).context;
  merged.merge(other);
  ASSERT_NE(merged, full_item(3).context);
  EXPECT_EQ(store.find("p/3.jpg"), merged);
  EXPECT_EQ(store.find("p/499.jpg"), full_item(499).context);
  EXPECT_FALSE(store.find("p/500.jpg"));
}

TEST(ContextLog, GivesBackEachKeyAndContextInOrder) {
  ContextLog log;
  EXPECT_TRUE(log.empty());
  for (size_t i = 0; i < 2000; ++i) log.push_back(i % 3 ? "uri/" + std::to_string(i) : "", full_item(i).context);
  ASSERT_EQ(log.size(), 2000u);
  for (size_t i : {0, 1, 2, 999, 1999}) {
    const auto [key, context] = log.at(i);
    EXPECT_EQ(key, i % 3 ? "uri/" + std::to_string(i) : "");
    EXPECT_EQ(context, full_item(i).context);
  }
  EXPECT_THROW(log.at(2000), std::out_of_range);
  EXPECT_THROW(ContextLog().at(0), std::out_of_range);  // never written: no file to read
}

TEST(ContextLog, AnUnwritableFolderIsAClearError) {
  ContextLog log("/nonexistent-folder-for-mediascan");
  try {
    log.push_back("k", Context{});
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-folder-for-mediascan"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace mediascan
