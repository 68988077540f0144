// Sidecar parsing and joining, on in-memory documents shaped like the platforms' own.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "scanner/ingest/ingest.h"
#include "scanner/util/json_split.h"

namespace mediascan {
namespace {

std::vector<IndexedEntry> media(std::initializer_list<const char*> paths) {
  std::vector<IndexedEntry> out;
  for (const char* p : paths) out.push_back({"src.zip", p, MediaType::jpeg, 100});
  return out;
}

// What join_sidecars stored, asked the way a map is.
struct Joined {
  ContextStore store;
  Context at(const std::string& path) const {
    const auto c = store.find(path);
    if (!c) throw std::out_of_range("no context joined to " + path);
    return *c;
  }
  size_t count(const std::string& path) const { return store.find(path) ? 1 : 0; }
};

Joined join(const std::vector<IndexedEntry>& entries, const SidecarIndex& idx) {
  return {join_sidecars(entries, idx)};
}

std::string takeout_json(const std::string& title, const std::string& extra = "") {
  return R"({"title": ")" + title + R"(", "description": "desc of )" + title +
         R"(", "photoTakenTime": {"timestamp": "1557669802", "formatted": "12 May 2019"},
            "geoData": {"latitude": 52.37, "longitude": 4.89, "altitude": 0.0}
            )" + extra + "}";
}

TEST(TakeoutJoin, AllSidecarNamingVariants) {
  const std::string d = "Takeout/Google Photos/Trip/";
  SidecarIndex idx;
  idx.add(d + "plain.jpg.json", takeout_json("plain.jpg"));
  idx.add(d + "new.jpg.supplemental-metadata.json", takeout_json("new.jpg"));
  idx.add(d + "cut.jpg.supplemental-metad.json", takeout_json("cut.jpg"));
  idx.add(d + "s.jpg.s.json", takeout_json("s.jpg"));
  // 46 characters of name kept, then ".json": the media name itself was cut.
  idx.add(d + "Screenshot_20190512-123456_Some Long Applicati.json",
          takeout_json("Screenshot_20190512-123456_Some Long Application.jpg"));
  idx.add(d + "image.jpg(1).json", takeout_json("image.jpg", R"(, "description": "second")"));
  idx.add(d + "image.jpg.json", takeout_json("image.jpg"));
  idx.add(d + "dup.jpg.supplemental-metadata(2).json", takeout_json("dup.jpg"));
  idx.add(d + "IMG_0001.jpg.json", takeout_json("IMG_0001.jpg", R"(, "people": [{"name": "Anna"}])"));
  idx.add(d + "renamed.json", takeout_json("titled.jpg"));
  idx.add(d + "metadata.json", R"({"title": "Summer trip", "description": "", "access": "protected", "date": {"timestamp": "1"}})");
  const auto ctx = join(
      media({"Takeout/Google Photos/Trip/plain.jpg", "Takeout/Google Photos/Trip/new.jpg",
             "Takeout/Google Photos/Trip/cut.jpg", "Takeout/Google Photos/Trip/s.jpg",
             "Takeout/Google Photos/Trip/Screenshot_20190512-123456_Some Long Application.jpg",
             "Takeout/Google Photos/Trip/image(1).jpg", "Takeout/Google Photos/Trip/image.jpg",
             "Takeout/Google Photos/Trip/dup(2).jpg", "Takeout/Google Photos/Trip/IMG_0001-edited.jpg",
             "Takeout/Google Photos/Trip/titled.jpg", "Takeout/Google Photos/Other/plain.jpg"}),
      idx);
  for (const char* name : {"plain.jpg", "new.jpg", "cut.jpg", "s.jpg",
                           "Screenshot_20190512-123456_Some Long Application.jpg", "image.jpg",
                           "dup(2).jpg", "IMG_0001-edited.jpg", "titled.jpg"}) {
    const auto c = ctx.store.find(d + name);
    ASSERT_TRUE(c) << name;
    EXPECT_EQ(c->taken, "2019-05-12T14:03:22Z") << name;
    EXPECT_EQ(c->album, "Summer trip") << name;
    ASSERT_EQ(c->geo.size(), 1u) << name;
    EXPECT_EQ(c->geo[0].field, "geoData");
  }
  EXPECT_EQ(ctx.at(d + "image(1).jpg").caption, "second");  // the (N) counter swap
  EXPECT_EQ(ctx.at(d + "image.jpg").caption, "desc of image.jpg");
  EXPECT_EQ(ctx.at(d + "IMG_0001-edited.jpg").people, std::vector<std::string>{"Anna"});
  EXPECT_EQ(ctx.at(d + "cut.jpg").sidecars[0], d + "cut.jpg.supplemental-metad.json");
  EXPECT_EQ(ctx.count("Takeout/Google Photos/Other/plain.jpg"), 0u);  // another folder's sidecar
}

TEST(TakeoutJoin, ALivePhotosVideoSharesThePhotosSidecar) {
  // Takeout writes IMG_1234.HEIC, its sidecar, and IMG_1234.MP4 without one. A video with a
  // sidecar of its own keeps it; a photo never takes a sibling's.
  const std::string d = "Takeout/Google Photos/Photos from 2023/";
  SidecarIndex idx;
  idx.add(d + "IMG_1234.HEIC.supplemental-metadata.json",
          takeout_json("IMG_1234.HEIC", R"(, "people": [{"name": "Anneke"}])"));
  idx.add(d + "IMG_2000.JPG.json", takeout_json("IMG_2000.JPG"));
  idx.add(d + "IMG_2000.MP4.json", takeout_json("IMG_2000.MP4", R"(, "description": "the clip")"));
  std::vector<IndexedEntry> entries = media({"Takeout/Google Photos/Photos from 2023/IMG_1234.HEIC",
                                             "Takeout/Google Photos/Photos from 2023/IMG_2000.JPG",
                                             "Takeout/Google Photos/Photos from 2023/IMG_3000.JPG"});
  for (const char* video : {"IMG_1234.MP4", "IMG_2000.MP4", "IMG_1234(1).MP4"})
    entries.push_back({"src.zip", d + video, MediaType::mp4, 100});
  entries.push_back({"src.zip", d + "IMG_1234.PNG", MediaType::png, 100});
  const auto ctx = join(entries, idx);
  EXPECT_EQ(ctx.at(d + "IMG_1234.MP4").people, std::vector<std::string>{"Anneke"});
  ASSERT_EQ(ctx.at(d + "IMG_1234.MP4").geo.size(), 1u);
  EXPECT_EQ(ctx.at(d + "IMG_2000.MP4").caption, "the clip");
  EXPECT_EQ(ctx.count(d + "IMG_1234.PNG"), 0u);     // a photo
  EXPECT_EQ(ctx.count(d + "IMG_1234(1).MP4"), 0u);  // another counter, another photo
}

// An album's description is a text of its own, checked like a post (from a review: "Zo dronken
// elke avond" in a Google Photos album's metadata.json was never read).
// From a review: an edit saved as JPEG of a HEIC, the video half of a Pixel motion photo
// (PXL_….MP beside PXL_….MP.jpg) and the edit of a duplicate (IMG_7777(1)-edited.jpg) were joined
// to no sidecar, though anyone could tell which was theirs.
TEST(TakeoutJoin, EditsAndMotionVideosShareTheirOriginalsSidecar) {
  const std::string d = "Takeout/Google Fotos/Fotos van 2023/";
  SidecarIndex idx;
  idx.add(d + "IMG_4321.HEIC.supplemental-metadata.json", takeout_json("IMG_4321.HEIC"));
  idx.add(d + "PXL_20230905_220000123.MP.jpg.supplemental-metadata.json", takeout_json("PXL_20230905_220000123.MP.jpg"));
  idx.add(d + "IMG_7777.jpg.supplemental-metadata.json", takeout_json("IMG_7777.jpg"));
  idx.add(d + "IMG_7777.jpg.supplemental-metadata(1).json", takeout_json("IMG_7777.jpg", R"(, "description": "dup one")"));
  std::vector<IndexedEntry> entries;
  for (const char* photo : {"IMG_4321-edited.jpg", "IMG_7777(1)-edited.jpg", "IMG_7777-edited.jpg", "IMG_9999-edited.jpg"})
    entries.push_back({"src.zip", d + photo, MediaType::jpeg, 100});
  entries.push_back({"src.zip", d + "PXL_20230905_220000123.MP", MediaType::mp4, 100});
  entries.push_back({"src.zip", d + "PXL_20230905_220000999.MP", MediaType::mp4, 100});
  const auto ctx = join(entries, idx);
  EXPECT_EQ(ctx.at(d + "IMG_4321-edited.jpg").caption, "desc of IMG_4321.HEIC");
  EXPECT_EQ(ctx.at(d + "PXL_20230905_220000123.MP").caption, "desc of PXL_20230905_220000123.MP.jpg");
  ASSERT_EQ(ctx.at(d + "PXL_20230905_220000123.MP").geo.size(), 1u);
  EXPECT_EQ(ctx.at(d + "IMG_7777(1)-edited.jpg").caption, "dup one");
  EXPECT_EQ(ctx.at(d + "IMG_7777-edited.jpg").caption, "desc of IMG_7777.jpg");
  EXPECT_EQ(ctx.count(d + "IMG_9999-edited.jpg"), 0u);         // no original
  EXPECT_EQ(ctx.count(d + "PXL_20230905_220000999.MP"), 0u);   // another photo's
}

TEST(TakeoutJoin, AnAlbumsDescriptionIsATextOfItsOwn) {
  SidecarIndex idx;
  idx.add("Takeout/Google Photos/Ibiza 2023/metadata.json",
          R"({"title": "Ibiza 2023", "description": "Zo dronken elke avond", "access": "protected",
              "date": {"timestamp": "1690000000", "formatted": "22 Jul 2023"}})");
  idx.add("Takeout/Google Photos/Thuis/metadata.json", R"({"title": "Thuis", "description": "", "access": "protected"})");
  ASSERT_EQ(idx.posts.size(), 1u);
  const TextPost post = idx.posts.at(0);
  EXPECT_EQ(post.context.text_kind, "album");
  EXPECT_EQ(post.context.caption, "Zo dronken elke avond");
  EXPECT_EQ(post.context.album, "Ibiza 2023");
  EXPECT_EQ(post.context.taken, "2023-07-22T04:26:40Z");
  EXPECT_EQ(idx.takeout_albums.at("Takeout/Google Photos/Ibiza 2023"), "Ibiza 2023");
}

// From a review: a flat metadata.json holding geoData was taken for the sidecar of a photo called
// "metadata", so its description was never checked; the place and the story of its enrichments
// were reported nowhere. An album's file is the album's whatever it holds, read whole or in parts.
TEST(TakeoutJoin, AnAlbumsFileIsTheAlbumsWhateverItHolds) {
  std::string pad = "[0";
  while (pad.size() < (size_t{1} << 20)) pad += ",0";
  pad += "]";
  for (const std::string& extra : {std::string(), ", \"pad\": " + pad}) {
    SidecarIndex idx;
    idx.add("Takeout/Google Fotos/Vrijgezellen Ibiza/metadata.json",
            R"({"title": "Vrijgezellen Ibiza", "description": "Iedereen straalbezopen", "access": "protected",
                "date": {"timestamp": "1690000000"}, "location": "",
                "geoData": {"latitude": 0.0, "longitude": 0.0, "altitude": 0.0})" + extra + "}");
    idx.add("Takeout/Google Photos/Weekend Amsterdam/metadata.json",
            R"({"title": "Weekend Amsterdam", "access": "protected", "enrichments": [
                {"locationEnrichment": {"location": [{"name": "Cafe Hoppe", "description": "Spui 18",
                                                      "latitudeE7": 523690000, "longitudeE7": 48900000}]}},
                {"narrativeEnrichment": {"text": "Got wasted at Cafe Hoppe"}}])" + extra + "}");
    EXPECT_TRUE(idx.errors.empty());
    EXPECT_TRUE(idx.takeout.empty());  // no photo's sidecar
    EXPECT_EQ(idx.takeout_albums.at("Takeout/Google Fotos/Vrijgezellen Ibiza"), "Vrijgezellen Ibiza");
    ASSERT_EQ(idx.posts.size(), 2u);
    EXPECT_EQ(idx.posts[0].context.caption, "Iedereen straalbezopen");
    EXPECT_EQ(idx.posts[0].context.text_kind, "album");
    EXPECT_TRUE(idx.posts[0].context.geo.empty());  // (0, 0) is no place
    const TextPost& story = idx.posts[1];
    EXPECT_EQ(story.context.caption, "Got wasted at Cafe Hoppe");
    EXPECT_EQ(story.context.album, "Weekend Amsterdam");
    EXPECT_EQ(text_item_path(story), "Takeout/Google Photos/Weekend Amsterdam/metadata.json#/enrichments/1/narrativeEnrichment/text");
    // The album's place goes with its first text, as a sidecar_geo finding.
    EXPECT_EQ(story.context.place, "Cafe Hoppe");
    ASSERT_EQ(story.context.geo.size(), 1u);
    EXPECT_DOUBLE_EQ(story.context.geo[0].point.lat, 52.369);
    EXPECT_DOUBLE_EQ(story.context.geo[0].point.lon, 4.89);
    EXPECT_EQ(story.context.geo[0].field, "enrichments/locationEnrichment");
    EXPECT_EQ(sidecar_findings(story.context).at(0).signal, "sidecar_geo");
  }
}

TEST(TakeoutJoin, PartsOfASplitExportInOneFolderAreOneExport) {
  // A download folder holding both zips, or both parts extracted side by side: the photo in one
  // part, its sidecar and its album's metadata.json in the other. Another export's folder that
  // has no Takeout component keeps its own folders apart.
  SidecarIndex idx;
  idx.add("takeout-20240501T101010Z-002.zip/Takeout/Google Photos/Trip/IMG_1.jpg.supplemental-metadata.json",
          takeout_json("IMG_1.jpg"));
  idx.add("takeout-20240501T101010Z-002/Takeout/Google Photos/Trip/metadata.json",
          R"({"title": "Summer trip", "access": "protected", "date": {"timestamp": "1"}})");
  idx.add("mine/a/IMG_2.jpg.json", takeout_json("IMG_2.jpg"));
  const auto ctx = join(media({"takeout-20240501T101010Z-001.zip/Takeout/Google Photos/Trip/IMG_1.jpg",
                               "takeout-20240501T101010Z-001/Takeout/Google Photos/Trip/IMG_1.jpg",
                               "mine/b/IMG_2.jpg", "MyTakeout/Google Photos/Trip/IMG_1.jpg"}),
                        idx);
  for (const char* part : {"takeout-20240501T101010Z-001.zip", "takeout-20240501T101010Z-001"}) {
    const Context c = ctx.at(std::string(part) + "/Takeout/Google Photos/Trip/IMG_1.jpg");
    EXPECT_EQ(c.caption, "desc of IMG_1.jpg") << part;
    EXPECT_EQ(c.album, "Summer trip") << part;
  }
  EXPECT_EQ(ctx.count("mine/b/IMG_2.jpg"), 0u);
  EXPECT_EQ(ctx.count("MyTakeout/Google Photos/Trip/IMG_1.jpg"), 0u);  // "Takeout" only as a whole name
  EXPECT_EQ(takeout_folder("dl/takeout-20240501T101010Z-003.tgz/Takeout"), "dl/takeout-20240501T101010Z/Takeout");
  EXPECT_EQ(takeout_folder("alice/Takeout/x"), "alice/Takeout/x");
  EXPECT_EQ(takeout_folder("Takeout2/x"), "Takeout2/x");
}

TEST(TakeoutJoin, TwoExportsInOneFolderKeepTheirOwnSidecars) {
  // Two accounts' downloads (or two downloads of one account) side by side: the same folder and
  // file names, each photo with its own sidecar, never the other's.
  SidecarIndex idx;
  const std::string a = "takeout-20240501T101010Z-001/Takeout/Google Photos/Photos from 2020/";
  const std::string b = "takeout-20240612T080000Z-001/Takeout/Google Photos/Photos from 2020/";
  const std::string c = "bob/Takeout/Google Photos/Photos from 2020/";
  idx.add(a + "IMG_0001.jpg.json", takeout_json("IMG_0001.jpg", R"(, "description": "alice")"));
  idx.add(b + "IMG_0001.jpg.json", takeout_json("IMG_0001.jpg", R"(, "description": "second download")"));
  idx.add(c + "IMG_0001.jpg.json", takeout_json("IMG_0001.jpg", R"(, "description": "bob")"));
  const auto ctx = join(media({(a + "IMG_0001.jpg").c_str(), (b + "IMG_0001.jpg").c_str(), (c + "IMG_0001.jpg").c_str(),
                               "takeout-20240612T080000Z-002/Takeout/Google Photos/Photos from 2020/IMG_0002.jpg",
                               "alice/Takeout/Google Photos/Photos from 2020/IMG_0001.jpg"}),
                        idx);
  EXPECT_EQ(ctx.at(a + "IMG_0001.jpg").caption, "alice");
  EXPECT_EQ(ctx.at(b + "IMG_0001.jpg").caption, "second download");
  EXPECT_EQ(ctx.at(c + "IMG_0001.jpg").caption, "bob");
  EXPECT_EQ(ctx.count("takeout-20240612T080000Z-002/Takeout/Google Photos/Photos from 2020/IMG_0002.jpg"), 0u);
  EXPECT_EQ(ctx.count("alice/Takeout/Google Photos/Photos from 2020/IMG_0001.jpg"), 0u);
}

TEST(TakeoutJoin, ZeroGeoDataMeansNoLocation) {
  SidecarIndex idx;
  idx.add("Takeout/Google Photos/A/x.jpg.json",
          R"({"title": "x.jpg", "photoTakenTime": {"timestamp": "1557669802"},
              "geoData": {"latitude": 0.0, "longitude": 0.0},
              "geoDataExif": {"latitude": 48.85, "longitude": 2.35}})");
  const auto ctx = join(media({"Takeout/Google Photos/A/x.jpg"}), idx);
  ASSERT_EQ(ctx.at("Takeout/Google Photos/A/x.jpg").geo.size(), 1u);
  EXPECT_EQ(ctx.at("Takeout/Google Photos/A/x.jpg").geo[0].field, "geoDataExif");
  EXPECT_EQ(ctx.at("Takeout/Google Photos/A/x.jpg").album, "A");  // no metadata.json: folder name
}

// A Takeout sidecar over the 1 MiB above which it is read member by member: thousands of
// people, padding next to the coordinates and the time, and 200,000 members of no use lose
// none of them.
TEST(TakeoutJoin, BigSidecarLosesNothing) {
  std::string pad = "[0";
  while (pad.size() < (size_t{1} << 20)) pad += ",0";
  pad += "]";
  std::string people, junk;
  for (int i = 0; i < 60000; ++i) people += std::string(i ? "," : "") + R"({"name": "P)" + std::to_string(i) + "\"}";
  for (int i = 0; i < 200000; ++i) junk += ", \"k" + std::to_string(i) + "\": {}";
  SidecarIndex idx;
  idx.add("Takeout/Google Photos/A/x.jpg.json",
          R"({"title": "x.jpg", "photoTakenTime": {"timestamp": "1557669802", "pad": )" + pad +
              R"(}, "geoData": {"pad": )" + pad + R"(, "latitude": 48.85, "longitude": 2.35},
              "people": [)" + people + "]" + junk + "}");
  ASSERT_GT(people.size(), size_t{1} << 20);
  EXPECT_TRUE(idx.errors.empty());
  const Context c = join(media({"Takeout/Google Photos/A/x.jpg"}), idx).at("Takeout/Google Photos/A/x.jpg");
  EXPECT_EQ(c.taken, "2019-05-12T14:03:22Z");
  ASSERT_EQ(c.geo.size(), 1u);
  EXPECT_EQ(c.geo[0].field, "geoData");
  EXPECT_DOUBLE_EQ(c.geo[0].point.lat, 48.85);
  ASSERT_EQ(c.people.size(), 60000u);
  EXPECT_EQ(c.people.back(), "P59999");
}

// "café 🍺" and "Proost" as Facebook writes them: one \u00XX escape per UTF-8 byte.
const char* kFacebookPosts = R"([
  {"timestamp": 1700000000,
   "data": [{"post": "Vrijdagmiddagborrel caf\u00c3\u00a9 \u00f0\u009f\u008d\u00ba"}],
   "title": "Jan Jansen updated his status.",
   "tags": [{"name": "Piet de Vries"}],
   "attachments": [
     {"data": [{"media": {"uri": "your_facebook_activity/posts/media/Mobileuploads_1/101.jpg",
                          "creation_timestamp": 1700000100, "title": "Mobile uploads",
                          "media_metadata": {"photo_metadata": {"exif_data": [
                            {"upload_ip": "2001:db8::1", "taken_timestamp": 1699990000,
                             "latitude": 52.0907, "longitude": 5.1214}]}}}}]},
     {"data": [{"place": {"name": "Caf\u00c3\u00a9 de Zwart",
                          "coordinate": {"latitude": 52.37, "longitude": 4.89}}}]}]}])";

TEST(MetaJoin, AnAlbumCoverWithoutATakenTimeDoesNotHideThePhotosOwn) {
  // The album file names the photo twice: as its cover (an upload time, no metadata) and as one
  // of its photos (a taken time). The upload time is only the fallback once both are merged.
  SidecarIndex idx;
  idx.add("photos_and_videos/album/0.json", R"({"name": "Kroegentocht", "photos": [
      {"uri": "photos_and_videos/Kroegentocht/1.jpg", "creation_timestamp": 1560000000,
       "media_metadata": {"photo_metadata": {"taken_timestamp": 1559990000}}}],
      "cover_photo": {"uri": "photos_and_videos/Kroegentocht/1.jpg", "creation_timestamp": 1560000000}})");
  const auto ctx = join(media({"photos_and_videos/Kroegentocht/1.jpg", "photos_and_videos/x/2.jpg"}), idx);
  EXPECT_EQ(ctx.at("photos_and_videos/Kroegentocht/1.jpg").taken, "2019-06-08T10:33:20Z");
  EXPECT_EQ(ctx.at("photos_and_videos/Kroegentocht/1.jpg").uploaded, "2019-06-08T13:20:00Z");
}

TEST(MetaJoin, FacebookPostWithExifPlaceTagsAndMojibake) {
  SidecarIndex idx;
  idx.add("facebook-jan-2024/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
          kFacebookPosts);
  const std::string path = "facebook-jan-2024/your_facebook_activity/posts/media/Mobileuploads_1/101.jpg";
  const auto ctx = join(media({path.c_str(), "other/101.jpg"}), idx);
  ASSERT_EQ(ctx.count(path), 1u);
  EXPECT_EQ(ctx.count("other/101.jpg"), 0u);  // same file name, different place: no join
  const Context& c = ctx.at(path);
  EXPECT_EQ(c.caption, "Vrijdagmiddagborrel café 🍺");
  EXPECT_EQ(c.album, "Mobile uploads");
  EXPECT_EQ(c.taken, "2023-11-14T19:26:40Z");
  EXPECT_EQ(c.uploaded, "2023-11-14T22:15:00Z");
  EXPECT_EQ(c.upload_ip, "2001:db8::1");
  EXPECT_EQ(c.place, "Café de Zwart");
  EXPECT_EQ(c.people, std::vector<std::string>{"Piet de Vries"});
  ASSERT_EQ(c.geo.size(), 2u);
  EXPECT_DOUBLE_EQ(c.geo[0].point.lat, 52.0907);
  EXPECT_EQ(c.geo[1].field, "attachments.place.coordinate");
}

TEST(MetaJoin, FacebookAlbumNamesItsPhotos) {
  SidecarIndex idx;
  idx.add("photos_and_videos/album/0.json",
          R"({"name": "Zomer 2019", "photos": [{"uri": "photos_and_videos/Zomer2019_abc/1.jpg",
              "creation_timestamp": 1560000000, "title": "Zomer 2019", "description": "Strand"}]})");
  const auto ctx = join(media({"photos_and_videos/Zomer2019_abc/1.jpg"}), idx);
  EXPECT_EQ(ctx.at("photos_and_videos/Zomer2019_abc/1.jpg").album, "Zomer 2019");
  EXPECT_EQ(ctx.at("photos_and_videos/Zomer2019_abc/1.jpg").caption, "Strand");
}

TEST(MetaJoin, InstagramCaptionIsTheTitle) {
  SidecarIndex idx;
  idx.add("your_instagram_activity/content/posts_1.json",
          R"([{"media": [{"uri": "media/posts/202301/17.jpg", "creation_timestamp": 1672574400,
               "title": "Proost \u00f0\u009f\u008d\u00bb",
               "media_metadata": {"photo_metadata": {"exif_data": [{"latitude": 51.9, "longitude": 4.47}]}}}],
              "title": "", "creation_timestamp": 1672574400}])");
  const auto ctx = join(media({"media/posts/202301/17.jpg"}), idx);
  EXPECT_EQ(ctx.at("media/posts/202301/17.jpg").caption, "Proost 🍻");
  EXPECT_EQ(ctx.at("media/posts/202301/17.jpg").geo.size(), 1u);
  EXPECT_EQ(detect_layout(media({"media/posts/202301/17.jpg"}), idx), "instagram");
}

// An album file naming each of `uris`, with the caption "caption <uri>".
std::string album_json(const std::vector<std::string>& uris) {
  nlohmann::json photos = nlohmann::json::array();
  for (const std::string& u : uris)
    photos.push_back({{"uri", u}, {"creation_timestamp", 1560000000}, {"title", "Album"}, {"description", "caption " + u}});
  return nlohmann::json{{"name", "Album"}, {"photos", photos}}.dump();
}

TEST(MetaJoin, AUriNamingTooManyFilesIsJoinedToNoneAndReported) {
  for (const size_t files : {size_t{64}, size_t{65}}) {
    SCOPED_TRACE(files);
    std::vector<IndexedEntry> entries;
    for (size_t i = 0; i < files; ++i) entries.push_back({"src.zip", "fb/photos_and_videos/A" + std::to_string(i) + "/a.jpg", MediaType::jpeg, 100});
    entries.push_back({"src.zip", "fb/photos_and_videos/B/b.jpg", MediaType::jpeg, 100});
    SidecarIndex idx;
    idx.add("fb/photos_and_videos/album/0.json", album_json({"a.jpg", "a.jpg", "photos_and_videos/B/b.jpg"}));
    std::vector<PathError> errors;
    const Joined ctx{join_sidecars(entries, idx, &errors)};
    EXPECT_EQ(ctx.at("fb/photos_and_videos/B/b.jpg").caption, "caption photos_and_videos/B/b.jpg");
    if (files == 64) {  // at the limit: a copy in each of 64 folders, all joined
      EXPECT_EQ(ctx.at("fb/photos_and_videos/A63/a.jpg").caption, "caption a.jpg");
      EXPECT_TRUE(errors.empty());
    } else {
      for (size_t i = 0; i < files; ++i) EXPECT_EQ(ctx.count(entries[i].path), 0u);
      ASSERT_EQ(errors.size(), 1u);
      EXPECT_EQ(errors[0].path, "fb/photos_and_videos/album/0.json");
      EXPECT_EQ(errors[0].error.code, "vague_media_uri");
      EXPECT_NE(errors[0].error.message.find("2 media record(s)"), std::string::npos) << errors[0].error.message;
      EXPECT_NE(errors[0].error.message.find("\"a.jpg\""), std::string::npos) << errors[0].error.message;
    }
    // The post's text is a caption exactly when its URI was joined.
    TextPost post;
    post.media_uris = {"a.jpg"};
    EXPECT_EQ(CaptionFinder(entries).is_caption(post), files == 64);
  }
}

TEST(MetaJoin, EachCopyOfAnExportJoinsItsOwnRecords) {
  // The same export twice in one folder: each posts file names both copies' photo; the one
  // beside it wins. A part holding the photo alone (no posts file) is still joined. The same in
  // a tar made with "tar -cf x.tar .", whose names all start with "./".
  for (const std::string top : {"", "./"}) {
    SCOPED_TRACE(top);
    const auto entries = media({(top + "copy1/fb/photos_and_videos/A/1.jpg").c_str(),
                                (top + "copy2/fb/photos_and_videos/A/1.jpg").c_str(),
                                (top + "copy2/fb/photos_and_videos/A/2.jpg").c_str()});
    SidecarIndex idx;
    idx.add(top + "copy1/fb/photos_and_videos/album/0.json", album_json({"photos_and_videos/A/1.jpg"}));
    idx.add(top + "copy2/fb/photos_and_videos/album/0.json",
            nlohmann::json{{"name", "Second"}, {"photos", {{{"uri", "photos_and_videos/A/1.jpg"}, {"description", "two"}}}}}.dump());
    idx.add(top + "other/album/0.json", album_json({"photos_and_videos/A/2.jpg"}));
    const auto ctx = join(entries, idx);
    EXPECT_EQ(ctx.at(top + "copy1/fb/photos_and_videos/A/1.jpg").caption, "caption photos_and_videos/A/1.jpg");
    EXPECT_EQ(ctx.at(top + "copy1/fb/photos_and_videos/A/1.jpg").sidecars,
              std::vector<std::string>{top + "copy1/fb/photos_and_videos/album/0.json"});
    EXPECT_EQ(ctx.at(top + "copy2/fb/photos_and_videos/A/1.jpg").caption, "two");
    EXPECT_EQ(ctx.at(top + "copy2/fb/photos_and_videos/A/2.jpg").caption, "caption photos_and_videos/A/2.jpg");
  }
}

TEST(MetaJoin, UrisMatchWholeComponentsOfCleanedPaths) {
  const auto entries = media({"./fb/media/1.jpg", "fb//media/./2.jpg", "fb/media/x1.jpg", "fb/media/1.jpg.jpg",
                              "fb/media/3.jpg/inner.jpg"});
  SidecarIndex idx;
  idx.add("fb/photos_and_videos/album/0.json",
          album_json({"/media/1.jpg", "./fb/media/2.jpg", "media/3.jpg", "b/media/1.jpg", "media//x1.jpg"}));
  const auto ctx = join(entries, idx);
  EXPECT_EQ(ctx.at("./fb/media/1.jpg").caption, "caption /media/1.jpg");
  EXPECT_EQ(ctx.at("fb//media/./2.jpg").caption, "caption ./fb/media/2.jpg");
  EXPECT_EQ(ctx.at("fb/media/x1.jpg").caption, "caption media//x1.jpg");
  EXPECT_EQ(ctx.count("fb/media/1.jpg.jpg"), 0u);         // "1.jpg" is not a whole component of it
  EXPECT_EQ(ctx.count("fb/media/3.jpg/inner.jpg"), 0u);   // names the folder, not the file
}

TEST(ContextMerger, MergesAsContextMergeDoes) {
  // Records with overlapping people, sidecars and geo fields, merged one after another.
  std::vector<Context> records;
  for (int i = 0; i < 40; ++i) {
    Context c;
    if (i % 3 == 1) c.caption = "caption " + std::to_string(i);
    if (i % 4 == 2) c.album = "album " + std::to_string(i);
    if (i == 7) c.taken = "2024-05-01T10:10:10Z";
    c.people = {"P" + std::to_string(i % 5), "P" + std::to_string(i % 7)};
    c.sidecars = {"s" + std::to_string(i % 3) + ".json"};
    c.geo.push_back({GeoPoint{52.0 + i, 4.0}, "s" + std::to_string(i % 3) + ".json", "f" + std::to_string(i % 4)});
    records.push_back(c);
  }
  Context expected;
  ContextMerger merger;
  for (const Context& c : records) {
    expected.merge(c);
    merger.add(c);
  }
  const Context got = merger.take();
  EXPECT_EQ(got, expected);
  EXPECT_EQ(got.people.size(), 7u);
  EXPECT_EQ(got.geo.size(), 12u);
  EXPECT_EQ(merger.take(), Context());  // starts anew
}

// Long lists are merged through a set (one Takeout sidecar can tag tens of thousands of people):
// still each value once, in the order first seen, duplicates within one context included.
TEST(ContextMerger, MergeOfLongListsKeepsTheFirstOfEachInOrder) {
  for (const int n : {5, 40, 3000}) {
    Context mine, theirs;
    for (int i = 0; i < n; ++i) {
      mine.people.push_back("P" + std::to_string(i % (n / 2 + 1)));
      theirs.people.push_back("P" + std::to_string((i * 7) % (n + 3)));
      theirs.geo.push_back({GeoPoint{1, 2}, "s" + std::to_string(i % 4), "f" + std::to_string(i % 3)});
    }
    std::vector<std::string> people = mine.people;  // the reference: value by value
    for (const std::string& p : theirs.people)
      if (std::find(people.begin(), people.end(), p) == people.end()) people.push_back(p);
    mine.merge(theirs);
    EXPECT_EQ(mine.people, people) << n;
    EXPECT_EQ(mine.geo.size(), std::min(n, 12)) << n;  // 12 (sidecar, field) pairs
  }
}

TEST(TwitterJoin, TweetsJsWithPrefix) {
  SidecarIndex idx;
  idx.add("data/tweets.js", R"(window.YTD.tweets.part0 = [ {"tweet": {"id_str": "1050118621198921728",
      "full_text": "Friday drinks &amp; more", "created_at": "Wed Oct 10 20:19:24 +0000 2018",
      "coordinates": {"type": "Point", "coordinates": ["4.89", "52.37"]}}} ])");
  const auto ctx = join(media({"data/tweets_media/1050118621198921728-DpKzX.jpg"}), idx);
  const Context& c = ctx.at("data/tweets_media/1050118621198921728-DpKzX.jpg");
  EXPECT_EQ(c.caption, "Friday drinks & more");
  EXPECT_EQ(c.taken, "2018-10-10T20:19:24Z");
  ASSERT_EQ(c.geo.size(), 1u);
  EXPECT_DOUBLE_EQ(c.geo[0].point.lat, 52.37);  // GeoJSON is [lon, lat]
}

TEST(TwitterJoin, APlaceOfInterestIsALocationACityIsNot) {
  // A tweet tagged with a bar (a box of a few metres) gets the box's middle; one tagged with a
  // city keeps the city's name only: its middle is nowhere the user was.
  SidecarIndex idx;
  idx.add("data/tweets.js", R"(window.YTD.tweets.part0 = [
    {"tweet": {"id_str": "1", "full_text": "at the bar", "created_at": "Wed Oct 10 20:19:24 +0000 2018",
     "place": {"full_name": "Cafe Hoppe", "place_type": "poi", "bounding_box": {"type": "Polygon",
       "coordinates": [[["4.8890", "52.3700"], ["4.8890", "52.3702"], ["4.8894", "52.3702"], ["4.8894", "52.3700"]]]}}}},
    {"tweet": {"id_str": "2", "full_text": "home town", "created_at": "Wed Oct 10 20:19:24 +0000 2018",
     "place": {"full_name": "Utrecht, Nederland", "bounding_box": {"type": "Polygon",
       "coordinates": [[["5.0", "52.0"], ["5.2", "52.0"], ["5.2", "52.1"], ["5.0", "52.1"]]]}}}},
    {"tweet": {"id_str": "3", "full_text": "village", "created_at": "Wed Oct 10 20:19:24 +0000 2018",
     "place": {"full_name": "Tiny, NL", "place_type": "city", "bounding_box": {"type": "Polygon",
       "coordinates": [[["5.0", "52.0"], ["5.005", "52.0"], ["5.005", "52.005"], ["5.0", "52.005"]]]}}}} ])");
  const auto ctx = join(media({"data/tweets_media/1-a.jpg", "data/tweets_media/2-b.jpg", "data/tweets_media/3-c.jpg"}), idx);
  EXPECT_TRUE(ctx.at("data/tweets_media/3-c.jpg").geo.empty());  // a town, however small
  const Context bar = ctx.at("data/tweets_media/1-a.jpg");
  ASSERT_EQ(bar.geo.size(), 1u);
  EXPECT_NEAR(bar.geo[0].point.lat, 52.3701, 1e-9);
  EXPECT_NEAR(bar.geo[0].point.lon, 4.8892, 1e-9);
  EXPECT_EQ(bar.geo[0].field, "place.bounding_box");
  const Context city = ctx.at("data/tweets_media/2-b.jpg");
  EXPECT_TRUE(city.geo.empty());
  EXPECT_EQ(city.place, "Utrecht, Nederland");
}

TEST(SnapchatJoin, ByMediaIdThenByDay) {
  SidecarIndex idx;
  idx.add("json/memories_history.json", R"({"Saved Media": [
    {"Date": "2022-06-30 20:11:12 UTC", "Media Type": "Image", "Location": "Latitude, Longitude: 52.37, 4.89",
     "Download Link": "https://app.snapchat.com/dmd/memories?uid=u&sid=s&mid=0A1B2C3D-0000-4000-8000-00000000AAAA&ts=1"},
    {"Date": "2022-07-01 10:00:00 UTC", "Media Type": "Image", "Location": "Latitude, Longitude: 0.0, 0.0",
     "Download Link": "https://app.snapchat.com/dmd/memories?uid=u&sid=s&mid=ffff&ts=1"}]})");
  const auto ctx = join(
      media({"memories/2022-06-30_0a1b2c3d-0000-4000-8000-00000000aaaa-main.jpg", "memories/2022-07-01_x.jpg"}), idx);
  const Context& c = ctx.at("memories/2022-06-30_0a1b2c3d-0000-4000-8000-00000000aaaa-main.jpg");
  EXPECT_EQ(c.taken, "2022-06-30T20:11:12Z");
  ASSERT_EQ(c.geo.size(), 1u);
  EXPECT_EQ(ctx.at("memories/2022-07-01_x.jpg").taken, "2022-07-01T10:00:00Z");
  EXPECT_TRUE(ctx.at("memories/2022-07-01_x.jpg").geo.empty());  // 0, 0 is "no location"
}

TEST(SnapchatJoin, AChatPhotoOfTheSameDayIsNoMemory) {
  // chat_media/ names start with the day too; only memories/ get the day's memory.
  SidecarIndex idx;
  idx.add("json/memories_history.json", R"({"Saved Media": [
    {"Date": "2023-03-14 21:30:00 UTC", "Media Type": "Image", "Location": "Latitude, Longitude: 52.37, 4.89",
     "Download Link": "https://app.snapchat.com/dmd/memories?uid=u&sid=s&mid=3F2A1B4C-5D6E-4F70-8192-A3B4C5D6E7F8&ts=1"}]})");
  const auto ctx = join(media({"memories/2023-03-14_3F2A1B4C-5D6E-4F70-8192-A3B4C5D6E7F8-main.jpg",
                               "chat_media/2023-03-14_b~EiQSFWZxY2RhbXBsZVNuYXBJZDEyMzQ1Njc4OTA.jpeg",
                               "chat_media/2023-03-14_media~7E8F9A0B-1C2D-3E4F-5A6B-7C8D9E0F1A2B.jpeg",
                               "memories/2023-03-14_saved.jpg"}),
                        idx);
  EXPECT_EQ(ctx.at("memories/2023-03-14_3F2A1B4C-5D6E-4F70-8192-A3B4C5D6E7F8-main.jpg").geo.size(), 1u);
  EXPECT_EQ(ctx.count("chat_media/2023-03-14_b~EiQSFWZxY2RhbXBsZVNuYXBJZDEyMzQ1Njc4OTA.jpeg"), 0u);
  EXPECT_EQ(ctx.count("chat_media/2023-03-14_media~7E8F9A0B-1C2D-3E4F-5A6B-7C8D9E0F1A2B.jpeg"), 0u);
  EXPECT_EQ(ctx.at("memories/2023-03-14_saved.jpg").taken, "2023-03-14T21:30:00Z");
}

TEST(Sidecars, BrokenJsonIsAnErrorNotACrash) {
  SidecarIndex idx;
  idx.add("posts/your_posts_1.json", "[{\"uri\": ");
  idx.add("deep.json", std::string(100000, '[') + std::string(100000, ']'));
  ASSERT_GE(idx.errors.size(), 1u);
  EXPECT_EQ(idx.errors[0].path, "posts/your_posts_1.json");
}

// The parser quotes the token it stopped at, which a hostile file makes megabytes long.
TEST(Sidecars, ASyntaxErrorsMessageIsShort) {
  SidecarIndex idx;
  idx.add("your_activity/posts/your_posts_1.json", "[{\"a\": \"" + std::string(3 << 20, 'x') + "\x01\"}]");
  ASSERT_EQ(idx.errors.size(), 1u);
  EXPECT_LT(idx.errors[0].message.size(), 400u);
  EXPECT_TRUE(idx.errors[0].message.starts_with("not valid JSON: ")) << idx.errors[0].message;
}

// An object too wide to walk is left unread and reported once, the rest of its file read; the
// report names where it is by a pointer cut short (a key can be megabytes long).
TEST(Sidecars, AnObjectTooWideIsReportedAndTheRestRead) {
  std::string wide;
  for (int i = 0; i <= 100000; ++i) wide += std::string(i ? "," : "") + "\"k" + std::to_string(i) + "\": {}";
  const std::string comment =
      R"({"timestamp": 1700000300, "data": [{"comment": {"timestamp": 1700000300, "comment": "still read"}}]})";
  SidecarIndex idx;
  idx.add("your_facebook_activity/comments_and_reactions/comments.json",
          R"({"comments_v2": [)" + comment + R"(], ")" + std::string(400000, 'x') + R"(": {)" + wide + "}}");
  ASSERT_EQ(idx.errors.size(), 1u);
  EXPECT_NE(idx.errors[0].message.find("more than 100000 members"), std::string::npos) << idx.errors[0].message;
  EXPECT_LT(idx.errors[0].message.size(), 400u);
  ASSERT_EQ(idx.posts.size(), 1u);
  EXPECT_EQ(idx.posts[0].context.caption, "still read");
}

TEST(InstagramJoin, TheFormatBefore2020MediaJson) {
  // media.json at the root, its media named by "path"; "location" a place's name only. Read
  // list by list and element by element, so as big as a heavy user's file makes it.
  std::string photos;
  for (int i = 0; i < 3000; ++i)
    photos += std::string(i ? "," : "") + R"({"caption": "photo )" + std::to_string(i) +
              R"(", "taken_at": "2019-01-05T20:11:12+01:00", "path": "photos/201901/)" + std::to_string(i) + R"(.jpg"})";
  const std::string doc = R"({"photos": [)" + photos + R"(, {"caption": "bar", "taken_at": "2019-01-05T20:11:12+00:00",
      "location": "Cafe de Zwart, Amsterdam", "path": "photos/201901/bar.jpg"}],
    "stories": [{"caption": "", "taken_at": "2019-05-05T23:00:00+00:00", "path": "stories/201905/s.jpg"}],
    "direct": [{"path": "https://example.com/x.jpg"}]})";
  ASSERT_GT(doc.size(), kSidecarWholeBytes / 10);
  SidecarIndex idx;
  idx.add("media.json", doc);
  EXPECT_TRUE(idx.errors.empty());
  const auto ctx = join(media({"photos/201901/bar.jpg", "photos/201901/7.jpg", "stories/201905/s.jpg"}), idx);
  EXPECT_EQ(ctx.at("photos/201901/bar.jpg").caption, "bar");
  EXPECT_EQ(ctx.at("photos/201901/bar.jpg").place, "Cafe de Zwart, Amsterdam");
  EXPECT_EQ(ctx.at("photos/201901/7.jpg").taken, "2019-01-05T19:11:12Z");
  EXPECT_EQ(ctx.at("stories/201905/s.jpg").album, "stories");
  EXPECT_EQ(detect_layout(media({"photos/201901/bar.jpg"}), idx), "instagram");
  // Another file of that shape is not read as one.
  SidecarIndex other;
  other.add("album/media.json.bak.json", doc);
  EXPECT_TRUE(other.meta.empty());
}

TEST(Layout, RecognisedFromPaths) {
  SidecarIndex none;
  EXPECT_EQ(detect_layout(media({"x/Connections.csv", "x/Profile.csv"}), none), "linkedin");
  EXPECT_EQ(detect_layout(media({"Takeout/Google Photos/a.jpg"}), none), "google_takeout");
  EXPECT_EQ(detect_layout(media({"data/tweets.js"}), none), "twitter");
  EXPECT_EQ(detect_layout(media({"a.jpg"}), none), "generic");
}

TEST(Layout, ConversationsDoNotOutvoteTheRestOfTheExport) {
  // Instagram's 2021-2023 layout keeps chats in messages/inbox/, as Facebook does: twelve photos
  // sent in a chat must not make three posts look like Facebook's.
  std::string messages = R"({"participants": [{"name": "a"}], "messages": [)";
  std::vector<IndexedEntry> entries = media({"media/posts/202201/1.jpg", "media/posts/202202/2.jpg"});
  for (int i = 0; i < 12; ++i) {
    const std::string uri = "messages/inbox/anneke_123/photos/" + std::to_string(i) + ".jpg";
    messages += std::string(i ? "," : "") + R"({"sender_name": "a", "timestamp_ms": 1, "photos": [{"uri": ")" + uri +
                R"(", "creation_timestamp": 1}]})";
    entries.push_back({"src.zip", uri, MediaType::jpeg, 100});
  }
  SidecarIndex idx;
  idx.add("content/posts_1.json", R"([{"media": [{"uri": "media/posts/202201/1.jpg", "creation_timestamp": 1, "title": "a"}]},
                                      {"media": [{"uri": "media/posts/202202/2.jpg", "creation_timestamp": 1, "title": "b"}]}])");
  idx.add("messages/inbox/anneke_123/message_1.json", messages + "]}");
  EXPECT_EQ(detect_layout(entries, idx), "instagram");
  // The same chats under your_facebook_activity/ count in full.
  SidecarIndex fb;
  fb.add("content/posts_1.json", R"([{"media": [{"uri": "media/posts/202201/1.jpg", "creation_timestamp": 1, "title": "a"}]}])");
  fb.add("your_facebook_activity/messages/inbox/anneke_123/message_1.json", messages + "]}");
  EXPECT_EQ(detect_layout(entries, fb), "facebook");
}

}  // namespace
}  // namespace mediascan

namespace mediascan {
namespace {

// The elements json_array_each hands over, or nullopt when it says the top level is no array.
std::optional<std::vector<std::string_view>> elements_of(std::string_view json) {
  std::vector<std::string_view> out;
  const util::JsonSplit r = util::json_array_each(json, [&](std::string_view e) {
    out.push_back(e);
    return true;
  });
  EXPECT_EQ(r != util::JsonSplit::wrong_kind, util::json_is_array(json));
  if (r != util::JsonSplit::done) return std::nullopt;
  return out;
}

TEST(JsonSplit, ElementsFollowStringsAndNesting) {
  const auto e = elements_of(
      "\xEF\xBB\xBF [ {\"a\": \"],[{\\\"\\\\\"}, [1, [2]] ,\"x,y\" ,-1.5e3,true , null,{}\n]  ");
  ASSERT_TRUE(e);
  EXPECT_EQ(*e, (std::vector<std::string_view>{"{\"a\": \"],[{\\\"\\\\\"}", "[1, [2]]", "\"x,y\"", "-1.5e3", "true",
                                               "null", "{}"}));
  EXPECT_EQ(elements_of(" [ ] ")->size(), 0u);
  EXPECT_FALSE(elements_of("{\"a\": [1, 2]}"));
  EXPECT_FALSE(elements_of("\"[1]\""));
  EXPECT_FALSE(elements_of(""));
  // What lies between the elements is checked: a stray comma, a missing bracket, trailing text.
  for (const char* bad : {"[1,]", "[,1]", "[1,,2]", "[1", "[1]x", "[1]]", "[\"a]", "[", "[ ,]"})
    EXPECT_FALSE(elements_of(bad)) << bad;
}

// Big arrays and objects are checked part by part; the verdict is the parser's on the whole
// text, and so is the message of a broken one.
TEST(JsonSplit, SyntaxCheckedByPartsAgreesWithTheWholeParse) {
  for (const char* text :
       {"[]", " [ ] ", "\xEF\xBB\xBF[1]", "[1 2]", "[{]", "[1,]", "[[],{}]", "[tru]", "[1,,2]", "[\"\\\"\"]",
        "[\"a\"]   ", "[{\"a\": [1, {\"b\": \"]\"}]}, -0.5e1]", "[1]]", "[\"\x01\"]", "[\"\xff\"]", "[{} {}]", "[1",
        "{}", "{\"a\": 1}", "{\"a\": }", "{\"a\" 1}", "{\"a\": 1,}", "{,}", "{\"a\": {}} x", "{1: 2}", "{\"a\": 1 \"b\": 2}",
        "{\"\\u00e9\": [1, {\"}\": \"{\"}]}", "{\"a\":1,\"a\":2}", "{\"a\": [}", "{\"a\\\": 1}", "{\"a\": \"b\"}}", "1", "\"x\"", "{\"a\":\xEF\xBB\xBF 1}", "[1, \xEF\xBB\xBF" "2]"}) {
    const auto error = json_syntax_error(text, 0);
    EXPECT_EQ(error.has_value(), !nlohmann::json::accept(text)) << text;
    if (error) {
      try {
        [[maybe_unused]] const nlohmann::json parsed = nlohmann::json::parse(text);
      } catch (const nlohmann::json::parse_error& e) {
        EXPECT_EQ(*error, e.what()) << text;
      }
    }
  }
  // A NUL byte ends the parser's input: a part followed by one must not pass where the whole
  // does not.
  using namespace std::literals;
  for (const std::string_view nul : {"[{}\0\0{}]"sv, "[1\0]"sv, "{\"a\": {}\0, \"b\": 1}"sv, "[1]\0 "sv, "[1, 2]\0x"sv})
    EXPECT_EQ(json_syntax_error(nul, 0).has_value(), !nlohmann::json::accept(nul)) << nul.size();
}

TEST(JsonSplit, ObjectMembersWithTheirKeysAsWritten) {
  std::vector<std::pair<std::string_view, std::string_view>> got;
  const auto r = util::json_object_each(R"( {"a" : 1, "b\"}" :{"c": [1, "}"]} , "d":"x,y"} )",
                                        [&](std::string_view k, std::string_view v) {
                                          got.emplace_back(k, v);
                                          return true;
                                        });
  EXPECT_EQ(r, util::JsonSplit::done);
  EXPECT_EQ(got, (std::vector<std::pair<std::string_view, std::string_view>>{
                     {"\"a\"", "1"}, {"\"b\\\"}\"", "{\"c\": [1, \"}\"]}"}, {"\"d\"", "\"x,y\""}}));
  EXPECT_EQ(util::json_object_each("[1]", [](auto, auto) { return true; }), util::JsonSplit::wrong_kind);
  EXPECT_EQ(util::json_object_each("{\"a\" 1}", [](auto, auto) { return true; }), util::JsonSplit::malformed);
  EXPECT_EQ(util::json_object_each("{1: 2}", [](auto, auto) { return true; }), util::JsonSplit::malformed);
}

// A posts file is read one element at a time; what comes out is what the whole document gives,
// JSON pointers of the posts included.
TEST(MetaJoin, ArrayReadByElementEqualsWholeDocument) {
  const std::string path = "facebook-jan-2024/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json";
  const std::string text = std::string("[") + kFacebookPosts + ", {\"data\": [{\"post\": \"Second post\"}], \"timestamp\": 1700000000}," +
                           "[{\"data\": [{\"post\": \"nested\"}]}], 7, \"text\"]";
  SidecarIndex by_element, whole;
  by_element.add(path, text);
  parse_meta_json(path, nlohmann::json::parse(text), whole);
  ASSERT_TRUE(by_element.errors.empty());
  ASSERT_EQ(by_element.meta.size(), whole.meta.size());
  ASSERT_GE(whole.meta.size(), 1u);
  for (size_t i = 0; i < whole.meta.size(); ++i) {
    EXPECT_EQ(by_element.meta.at(i), whole.meta.at(i));
  }
  ASSERT_EQ(by_element.posts.size(), whole.posts.size());
  ASSERT_GE(whole.posts.size(), 3u);
  for (size_t i = 0; i < whole.posts.size(); ++i) {
    EXPECT_EQ(by_element.posts[i].pointer, whole.posts[i].pointer);
    EXPECT_EQ(by_element.posts[i].context, whole.posts[i].context);
    EXPECT_EQ(by_element.posts[i].media_uris, whole.posts[i].media_uris);
  }
  EXPECT_EQ(by_element.posts.back().pointer, "/2/0");
  EXPECT_EQ(by_element.evidence, whole.evidence);
}

// A big document is read part by part (parse_meta_json_text); what comes out is what the whole
// document gives, whatever the size above which it splits: posts, comments, albums, messages,
// Instagram stories, keys given twice, media objects and post texts at every level.
TEST(MetaJoin, DocumentReadByPartsEqualsWholeDocument) {
  const std::string comments = R"({"comments_v2": [
      {"timestamp": 1600000000, "title": "Jan commented.",
       "data": [{"comment": {"timestamp": 1600000001, "comment": "Proost!", "author": "Jan"}}]},
      {"timestamp": 1600000100, "data": [{"comment": {"comment": "Tot morgen"}}],
       "attachments": [{"data": [{"media": {"uri": "photos/c1.jpg", "creation_timestamp": 1600000100}}]}]}],
    "zzz": {"photos": [{"uri": "photos/z.jpg"}], "name": "Late album"}})";
  const std::string album = R"({"name": "Zomer", "description": "x", "last_modified_timestamp": 1,
    "photos": [{"uri": "photos/1.jpg", "creation_timestamp": 1560000000, "title": "Zomer", "description": "Strand",
                "media_metadata": {"photo_metadata": {"exif_data": [{"latitude": 52.1, "longitude": 4.2}]}}},
               {"uri": "photos/2.jpg", "creation_timestamp": 1560000001}],
    "cover_photo": {"uri": "photos/1.jpg", "creation_timestamp": 1560000000}})";
  const std::string messages = R"({"participants": [{"name": "Anna"}, {"name": "Jan"}], "title": "Anna",
    "messages": [{"sender_name": "Anna", "timestamp_ms": 1, "content": "kijk", "photos": [{"uri": "inbox/a/p.jpg",
                  "creation_timestamp": 2}]}, {"sender_name": "Jan", "content": "leuk"}],
    "data": [{"post": "not a post file, but read as one"}], "tags": [{"name": "Piet"}],
    "place": {"name": "Café", "coordinate": {"latitude": 52.3, "longitude": 4.9}}})";
  const std::string stories = R"({"ig_stories": [{"uri": "media/stories/1.mp4", "creation_timestamp": 1672574400,
    "title": "Borrel", "media_metadata": {"video_metadata": {"exif_data": [{"latitude": 51.9, "longitude": 4.4}]}}}],
    "a": 1, "a": {"data": [{"post": "the later a"}], "media": [{"uri": "m/2.jpg"}], "title": "t"}})";
  const std::string posts = std::string("[") + kFacebookPosts + ", {\"data\": [{\"post\": \"Second\"}]}, [[{\"uri\": \"x/y.jpg\"}]]]";
  for (const auto& [path, text] : std::vector<std::pair<std::string, std::string>>{
           {"fb/your_facebook_activity/comments_and_reactions/comments.json", comments},
           {"fb/your_facebook_activity/posts/album/0.json", album},
           {"fb/your_facebook_activity/messages/inbox/anna_1/message_1.json", messages},
           {"instagram-x/your_instagram_activity/media/stories.json", stories},
           {"fb/your_facebook_activity/groups/your_posts_in_groups.json", posts}}) {
    SidecarIndex whole;
    const bool recognised = parse_meta_json(path, nlohmann::json::parse(text), whole);
    ASSERT_GT(whole.meta.size() + whole.posts.size(), 0u) << path;
    for (const size_t whole_bytes : {size_t{0}, size_t{40}, size_t{200}, size_t{1} << 20}) {
      SCOPED_TRACE(path + " split above " + std::to_string(whole_bytes));
      SidecarIndex parts;
      EXPECT_EQ(parse_meta_json_text(path, text, parts, whole_bytes), recognised);
      ASSERT_EQ(parts.meta.size(), whole.meta.size());
      for (size_t i = 0; i < whole.meta.size(); ++i) EXPECT_EQ(parts.meta.at(i), whole.meta.at(i));
      ASSERT_EQ(parts.posts.size(), whole.posts.size());
      for (size_t i = 0; i < whole.posts.size(); ++i) {
        EXPECT_EQ(parts.posts[i].pointer, whole.posts[i].pointer);
        EXPECT_EQ(parts.posts[i].context, whole.posts[i].context);
        EXPECT_EQ(parts.posts[i].media_uris, whole.posts[i].media_uris);
      }
      EXPECT_EQ(parts.evidence, whole.evidence);
    }
  }
}

// With a sink, posts leave as soon as the object that made them is read: the same posts in the
// same order, nothing left waiting at the end of the file, media captions still added to them.
TEST(MetaJoin, PostsHandedToTheSinkAsTheyAreReadAreTheSame) {
  const std::string posts = std::string("[") + kFacebookPosts +
                            R"(, {"data": [{"post": "Second"}], "attachments": [{"data": [{"media": {"uri": "m/2.jpg"}}]}]},
                               {"comments_v2": [{"data": [{"comment": {"comment": "c1"}}]}, {"data": [{"comment": {"comment": "c2"}}]}]}])";
  const std::string comments = R"({"data": [{"post": "top"}], "comments_v2": [{"data": [{"comment": {"comment": "c1"}}]},
      {"data": [{"comment": {"comment": "c2"}}], "attachments": [{"data": [{"media": {"uri": "m/3.jpg"}}]}]}]})";
  for (const auto& [path, text] : std::vector<std::pair<std::string, std::string>>{
           {"fb/your_facebook_activity/posts/your_posts_1.json", posts},
           {"fb/your_facebook_activity/comments_and_reactions/comments.json", comments}})
    for (const size_t whole_bytes : {size_t{0}, size_t{1} << 20}) {
      SCOPED_TRACE(path + " split above " + std::to_string(whole_bytes));
      SidecarIndex kept, sunk;
      std::vector<TextPost> handed;
      size_t waiting = 0;  // the most posts left in `sunk.posts` when one was handed over
      sunk.post_sink = [&](TextPost&& p) {
        waiting = std::max(waiting, sunk.posts.size());
        handed.push_back(std::move(p));
      };
      parse_meta_json_text(path, text, kept, whole_bytes);
      parse_meta_json_text(path, text, sunk, whole_bytes);
      for (TextPost& p : sunk.posts) handed.push_back(p);
      ASSERT_EQ(handed.size(), kept.posts.size());
      ASSERT_GE(handed.size(), 3u);
      for (size_t i = 0; i < handed.size(); ++i) {
        EXPECT_EQ(handed[i].pointer, kept.posts[i].pointer);
        EXPECT_EQ(handed[i].context, kept.posts[i].context);
        EXPECT_EQ(handed[i].media_uris, kept.posts[i].media_uris);
      }
      EXPECT_TRUE(sunk.posts.empty());
      // The posts file's posts left element by element; the comments file's waited behind
      // "top", whose object is the whole file.
      if (text == posts) EXPECT_LE(waiting, 2u);
      else EXPECT_EQ(waiting, handed.size());
    }
}

TEST(SnapchatJoin, MemoriesReadOneByOneEqualTheWholeDocument) {
  const std::string text = R"({"Saved Media": [
    {"Date": "2022-06-30 20:11:12 UTC", "Media Type": "Image", "Location": "Latitude, Longitude: 52.37, 4.89",
     "Download Link": "https://app.snapchat.com/dmd/memories?uid=u&sid=s&mid=0A1B2C3D-0000-4000-8000-00000000AAAA&ts=1"},
    7, {"Date": "2022-07-01 10:00:00 UTC", "Media Type": "Video", "Media Download Url": "https://x?mid=ffff"}],
    "Other": [1]})";
  SidecarIndex whole, parts;
  ASSERT_TRUE(parse_snapchat_json("json/memories_history.json", nlohmann::json::parse(text), whole));
  ASSERT_TRUE(parse_snapchat_json_text("json/memories_history.json", text, parts));
  ASSERT_EQ(parts.snaps.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(parts.snaps[i].mid, whole.snaps[i].mid);
    EXPECT_EQ(parts.snaps[i].date, whole.snaps[i].date);
    EXPECT_EQ(parts.snaps[i].video, whole.snaps[i].video);
    EXPECT_EQ(parts.snaps[i].context, whole.snaps[i].context);
  }
  EXPECT_EQ(parts.evidence, whole.evidence);
  EXPECT_FALSE(parse_snapchat_json_text("x.json", R"({"Saved": []})", parts));
}

TEST(Sidecars, BrokenArrayKeepsTheParsersMessageAndReadsNothing) {
  SidecarIndex idx;
  idx.add("posts/your_posts_1.json", R"([{"data": [{"post": "fine"}]}, {"data": )");
  ASSERT_EQ(idx.errors.size(), 1u);
  EXPECT_NE(idx.errors[0].message.find("not valid JSON: [json.exception.parse_error"), std::string::npos)
      << idx.errors[0].message;
  EXPECT_TRUE(idx.posts.empty());
  idx.add("data/tweets.js", "window.YTD.tweets.part0 = [ {\"tweet\": {\"id_str\": \"1\"}}, ");
  ASSERT_EQ(idx.errors.size(), 2u);
  EXPECT_NE(idx.errors[1].message.find("not valid JSON after the YTD prefix: [json.exception.parse_error"), std::string::npos);
}

TEST(PostStore, EveryFieldComesBackInOrder) {
  PostStore store;
  EXPECT_TRUE(store.empty());
  std::vector<TextPost> posts;
  for (int i = 0; i < 300; ++i) {
    TextPost p;
    p.sidecar = "your_facebook_activity/posts/your_posts_" + std::to_string(i % 3) + ".json";
    p.source = i % 2 ? "part-2.zip" : "";
    p.pointer = "/" + std::to_string(i) + "/data/0";
    p.context.caption = "Proost 🍻 " + std::to_string(i);
    p.context.title = "t";
    p.context.album = "a";
    p.context.taken = p.context.uploaded = "2024-05-01T10:10:10Z";
    p.context.place = "Café de Jaren";
    p.context.upload_ip = "192.0.2.1";
    p.context.platform_url = "https://x.com/u/status/1";
    p.context.text_kind = i % 2 ? "comment" : "post";
    p.context.people = {"Anna", "Bram"};
    p.context.geo.push_back({GeoPoint{52.36 + i, 4.89}, p.sidecar, "place.coordinate"});
    p.context.sidecars = {p.sidecar};
    if (i % 5 == 0) p.media_uris = {"media/a.jpg", "media/b.jpg"};
    p.tweet_id = i % 7 ? "" : std::to_string(1000 + i);
    store.push_back(p);
    posts.push_back(p);
  }
  ASSERT_EQ(store.size(), posts.size());
  for (size_t i = 0; i < posts.size(); ++i) {
    const TextPost got = store.at(i);
    EXPECT_EQ(got.sidecar, posts[i].sidecar);
    EXPECT_EQ(got.source, posts[i].source);
    EXPECT_EQ(got.pointer, posts[i].pointer);
    EXPECT_EQ(got.context, posts[i].context);
    EXPECT_EQ(got.media_uris, posts[i].media_uris);
    EXPECT_EQ(got.tweet_id, posts[i].tweet_id);
  }
  EXPECT_THROW(store.at(posts.size()), std::out_of_range);
  EXPECT_THROW(PostStore().at(0), std::out_of_range);  // never written: no file to read
}

}  // namespace
}  // namespace mediascan
