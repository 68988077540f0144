// The hand-written parts of the metadata stage: ISO 6709, XMP blanking, sidecar cleaning, Matroska
// tags, ImageMagick's raw profiles.
#include <gtest/gtest.h>

#include <cstring>

#include "scanner/metadata/bmff.h"
#include "scanner/metadata/gps_text.h"
#include "scanner/metadata/metadata.h"
#include "scanner/metadata/photoshop.h"
#include "scanner/metadata/sidecar_clean.h"

namespace mediascan {
namespace {

TEST(Iso6709, DecimalAndSexagesimal) {
  auto p = bmff::parse_iso6709("+52.3702+004.8952+010.000/");
  ASSERT_TRUE(p);
  EXPECT_NEAR(p->lat, 52.3702, 1e-9);
  EXPECT_NEAR(p->lon, 4.8952, 1e-9);
  p = bmff::parse_iso6709("-3345.5-07038.25/");  // degrees and minutes
  ASSERT_TRUE(p);
  EXPECT_NEAR(p->lat, -(33 + 45.5 / 60), 1e-9);
  EXPECT_NEAR(p->lon, -(70 + 38.25 / 60), 1e-9);
  EXPECT_FALSE(bmff::parse_iso6709("garbage"));
  EXPECT_FALSE(bmff::parse_iso6709("+95.0+004.0/"));
}

std::string box(const std::string& type, const std::string& payload) {
  const uint32_t n = uint32_t(8 + payload.size());
  return std::string{char(n >> 24), char(n >> 16), char(n >> 8), char(n)} + type + payload;
}
std::string data_box(const std::string& text) { return box("data", std::string("\0\0\0\1\0\0\0\0", 8) + text); }

TEST(VideoLocation, ItemListAndEveryLocationKey) {
  // Google Photos: moov/udta/meta/ilst/©xyz, an iTunes-style item named by its type. FFmpeg
  // with -movflags use_metadata_tags: meta/keys "location". Apple: com.apple.quicktime.location.*.
  // A key that is no location (make) stays.
  const std::string hdlr = box("hdlr", std::string(8, '\0') + "mdir" + std::string(13, '\0'));
  const std::string udta_meta =
      box("meta", std::string(4, '\0') + hdlr + box("ilst", box("\xA9xyz", data_box("+48.8584+002.2945/"))));
  auto key = [](const std::string& name) { return box("mdta", name); };
  const std::string keys = box("keys", std::string(4, '\0') + std::string("\0\0\0\4", 4) + key("location") +
                                           key("com.apple.quicktime.make") +
                                           key("com.apple.quicktime.location.name") +
                                           key("com.apple.quicktime.location.accuracy.horizontal"));
  auto item = [](int index, const std::string& text) { return box(std::string("\0\0\0", 3) + char(index), data_box(text)); };
  const std::string moov_meta = box("meta", hdlr + keys + box("ilst", item(1, "+52.3702+004.8952/") + item(2, "Apple") +
                                                                          item(3, "Dam Square") + item(4, "65.000000")));
  std::string mp4 = box("ftyp", "isom") + box("moov", box("udta", udta_meta) + moov_meta) + box("mdat", "frames");
  const std::string before = mp4;

  bmff::VideoScan found = bmff::scan_video(mp4, true);
  EXPECT_TRUE(found.complete);
  ASSERT_EQ(found.locations.size(), 3u);
  EXPECT_EQ(found.locations[0].where, "moov/udta/meta/ilst/\u00A9xyz");
  ASSERT_TRUE(found.locations[0].point);
  EXPECT_NEAR(found.locations[0].point->lat, 48.8584, 1e-9);
  EXPECT_EQ(found.locations[1].where, "moov/meta/keys:location");
  ASSERT_TRUE(found.locations[1].point);
  EXPECT_NEAR(found.locations[1].point->lon, 4.8952, 1e-9);
  EXPECT_EQ(found.locations[2].text, "Dam Square");
  EXPECT_FALSE(found.locations[2].point);

  EXPECT_EQ(mp4.size(), before.size());
  // The accuracy is no place to report, but it goes with the rest.
  for (const char* gone : {"+48.8584", "+52.3702", "Dam Square", "65.000000"})
    EXPECT_EQ(mp4.find(gone), std::string::npos) << gone;
  EXPECT_NE(mp4.find("Apple"), std::string::npos);
  EXPECT_EQ(bmff::scan_video(mp4, false).locations.size(), 0u);
}

// A GoPro-like MP4: a telemetry track (`gpmd`) whose one chunk, in mdat, holds `telemetry`.
std::string gopro(const std::string& telemetry) {
  const std::string stsd = box("stsd", std::string("\0\0\0\0\0\0\0\1", 8) + box("gpmd", std::string(8, '\0')));
  const std::string ftyp = box("ftyp", "isom");
  auto moov_with = [&](uint32_t chunk) {
    const std::string stco = box("stco", std::string("\0\0\0\0\0\0\0\1", 8) +
                                             std::string{char(chunk >> 24), char(chunk >> 16), char(chunk >> 8), char(chunk)});
    return box("moov", box("trak", box("mdia", box("minf", box("stbl", stsd + stco)))));
  };
  const uint32_t chunk = uint32_t(ftyp.size() + moov_with(0).size() + 8);  // mdat's payload
  return ftyp + moov_with(chunk) + box("mdat", telemetry);
}

TEST(VideoLocation, AGoProGpsTrackIsReportedNotClaimedRemoved) {
  // HERO5 and later write a telemetry track whether or not they have GPS: it counts when its
  // samples hold GPS5 (or, from HERO11, GPS9) records, read from the video or through `media`
  // when the video is a skeleton whose media data stayed in a file.
  const std::string with_gps = gopro(std::string("DEVC\0\0\0\0STRM\0\0\0\0GPS5l\x14\0\x01", 21) + std::string(20, '\1'));
  std::string mp4 = with_gps;
  const bmff::VideoScan found = bmff::scan_video(mp4, true);
  ASSERT_EQ(found.locations.size(), 1u);
  EXPECT_TRUE(found.locations[0].in_media_data);
  EXPECT_EQ(found.locations[0].where, "moov/trak/mdia/minf/stbl/stsd/gpmd");
  EXPECT_EQ(mp4, with_gps);  // nothing claimed removed: the verification finds it again

  std::string no_gps = gopro(std::string("DEVC\0\0\0\0STRM\0\0\0\0ACCLs\x06\0\x01", 21) + std::string(6, '\1'));
  EXPECT_TRUE(bmff::scan_video(no_gps, false).locations.empty());

  std::string skeleton = with_gps.substr(0, with_gps.size() - 21 - 20);  // mdat's payload in a file
  const bmff::ReadAt from_file = [&](uint64_t at, char* buf, size_t n) -> size_t {
    if (at >= with_gps.size()) return 0;
    n = std::min(n, with_gps.size() - size_t(at));
    std::memcpy(buf, with_gps.data() + at, n);
    return n;
  };
  EXPECT_EQ(bmff::scan_video(skeleton, false, false, &from_file).locations.size(), 1u);
  const bmff::ReadAt unreadable = [](uint64_t, char*, size_t) -> size_t { return 0; };
  const bmff::VideoScan unknown = bmff::scan_video(skeleton, false, false, &unreadable);
  EXPECT_TRUE(unknown.locations.empty());
  EXPECT_TRUE(unknown.telemetry_unread);
}

// A DJI-like MP4: a subtitle track (`tx3g`) whose samples, one chunk each in mdat, are `lines`.
std::string with_subtitles(const std::vector<std::string>& lines) {
  auto be32 = [](size_t v) { return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; };
  std::string samples;
  for (const std::string& line : lines) samples += std::string{char(line.size() >> 8), char(line.size())} + line;
  const std::string ftyp = box("ftyp", "isom");
  auto moov_at = [&](size_t mdat_payload) {
    std::string stsz = std::string(4, '\0') + be32(0) + be32(lines.size()), stco = std::string(4, '\0') + be32(lines.size());
    for (const std::string& line : lines) {
      stsz += be32(line.size() + 2);
      stco += be32(mdat_payload);
      mdat_payload += line.size() + 2;
    }
    const std::string stsd = box("stsd", std::string("\0\0\0\0\0\0\0\1", 8) + box("tx3g", std::string(38, '\0')));
    const std::string stsc = box("stsc", std::string(4, '\0') + be32(1) + be32(1) + be32(1) + be32(1));
    return box("moov", box("trak", box("mdia", box("minf", box("stbl", stsd + box("stsz", stsz) + stsc + box("stco", stco))))));
  };
  return ftyp + moov_at(ftyp.size() + moov_at(0).size() + 8) + box("mdat", samples);
}

TEST(VideoLocation, ADroneSubtitleTrackIsFoundAndZeroedInPlace) {
  // Regression: a DJI video's subtitle track, a position a frame, was reported "ok" and kept in
  // the cleaned copy. Its digits now become zeros: no size or offset moves, the rest stays.
  const std::string original = with_subtitles({"F/2.8 [latitude: 48.858400] [longitude: 2.294500] [rel_alt: 1.2 abs_alt: 80.5]",
                                               "HOME(2.2945,48.8584) GPS(2.2946,48.8585,80) BAROMETER:1.9"});
  std::string mp4 = original;
  const bmff::VideoScan found = bmff::scan_video(mp4, true);
  ASSERT_EQ(found.locations.size(), 1u);
  EXPECT_EQ(found.locations[0].positions, 3);
  EXPECT_EQ(found.locations[0].where, "moov/trak/mdia/minf/stbl/stsd/tx3g");
  ASSERT_TRUE(found.locations[0].point);
  EXPECT_NEAR(found.locations[0].point->lat, 48.8584, 1e-9);
  EXPECT_NEAR(found.locations[0].point->lon, 2.2945, 1e-9);
  EXPECT_FALSE(found.subtitles_unread);
  ASSERT_EQ(mp4.size(), original.size());
  EXPECT_EQ(mp4.substr(0, mp4.find("mdat")), original.substr(0, original.find("mdat")));  // boxes as they were
  for (const char* gone : {"48.858400", "2.294500", "80.5", "2.2945,48.8584", "2.2946,48.8585,80"})
    EXPECT_EQ(mp4.find(gone), std::string::npos) << gone;
  for (const char* kept : {"[latitude: 00.000000]", "rel_alt: 1.2", "HOME(0.0000,00.0000)", "BAROMETER:1.9"})
    EXPECT_NE(mp4.find(kept), std::string::npos) << kept;
  EXPECT_TRUE(bmff::scan_video(mp4, false).locations.empty());  // zeros are no position

  // A skeleton whose media data stayed in a file: read through `media`, patched by overwrites.
  const size_t mdat = original.find("mdat") - 4;
  std::string skeleton = original.substr(0, mdat) + box("mdat", "");
  const bmff::ReadAt from_file = [&](uint64_t at, char* buf, size_t n) -> size_t {
    if (at >= original.size()) return 0;
    n = std::min(n, original.size() - size_t(at));
    std::memcpy(buf, original.data() + at, n);
    return n;
  };
  const bmff::VideoScan in_file = bmff::scan_video(skeleton, true, false, &from_file);
  ASSERT_EQ(in_file.locations.size(), 1u);
  std::string patched = original;
  for (const bmff::MediaPatch& p : in_file.media_patches) patched.replace(p.offset, p.bytes.size(), p.bytes);
  EXPECT_EQ(patched, mp4);
  const bmff::ReadAt unreadable = [](uint64_t, char*, size_t) -> size_t { return 0; };
  EXPECT_TRUE(bmff::scan_video(skeleton, false, false, &unreadable).subtitles_unread);

  // A subtitle track of no positions (a film's) is no finding.
  std::string film = with_subtitles({"Where are you going?", "Home (to see Latitude: the film)"});
  EXPECT_TRUE(bmff::scan_video(film, false).locations.empty());
}

TEST(GpsText, DroneSubtitlesBothFormats) {
  const std::string srt =
      "1\n00:00:00,000 --> 00:00:00,033\n<font size=\"28\">FrameCnt: 1\n"
      "[iso: 100] [latitude : -33.856800] [longtitude : 151.215300] [rel_alt: 1.200 abs_alt: 80.500]</font>\n\n"
      "2\n00:00:00,033 --> 00:00:00,066\nF/2.8, SS 1000, GPS (151.2154, -33.8569, 19), D 10.5m, H 5.2m\n\n"
      "3\n00:00:00,066 --> 00:00:00,100\n[latitude: 0.000000] [longitude: 0.000000]\n";
  const TextPositions found = find_positions(srt, TrackText::subtitles);
  EXPECT_EQ(found.positions, 2);  // a frame without a fix (zeros) is none
  ASSERT_TRUE(found.first);
  EXPECT_NEAR(found.first->lat, -33.8568, 1e-9);
  EXPECT_NEAR(found.first->lon, 151.2153, 1e-9);
  std::string cleaned = srt;
  EXPECT_EQ(clean_track_in_place(cleaned, TrackText::subtitles), 2);
  EXPECT_EQ(cleaned.size(), srt.size());
  for (const char* gone : {"33.8568", "151.2153", "80.500", "151.2154", "33.8569, 19"})
    EXPECT_EQ(cleaned.find(gone), std::string::npos) << gone;
  for (const char* kept : {"[latitude : -00.000000]", "rel_alt: 1.200", "GPS (000.0000, -00.0000, 00)", "D 10.5m",
                           "00:00:00,033 --> 00:00:00,066", "FrameCnt: 1"})
    EXPECT_NE(cleaned.find(kept), std::string::npos) << kept;
  EXPECT_FALSE(track_positions_left(cleaned, TrackText::subtitles));
  EXPECT_EQ(find_positions("Flat: 3, plateau 48.85, 2.29", TrackText::subtitles).positions, 0);
  // A film's line naming a latitude alone is no position, and the file is left byte for byte.
  const std::string film = "12\n00:10:00,000 --> 00:10:02,000\n[latitude: 12] Coordinates: 40.7128 N, 74.0060 W\n";
  EXPECT_EQ(find_positions(film, TrackText::subtitles).positions, 0);
  std::string kept = film;
  EXPECT_EQ(clean_track_in_place(kept, TrackText::subtitles), 0);
  EXPECT_EQ(kept, film);
}

TEST(GpsText, GpxAndKmlKeepTheirSyntax) {
  const std::string gpx =
      "<?xml version=\"1.0\"?><gpx><metadata><bounds minlat=\"48.85\" minlon=\"2.29\" maxlat=\"48.86\" maxlon=\"2.30\"/>"
      "</metadata><wpt lat=\"48.8584\" lon=\"2.2945\"><name>Home 12</name></wpt><trk><trkseg>"
      "<trkpt lon='2.2946' lat='48.8585'><ele>80.5</ele><time>2023-05-01T12:00:00Z</time></trkpt>"
      "</trkseg></trk></gpx>";
  EXPECT_EQ(track_text_of("export/Tracks/Morning Ride.GPX"), TrackText::xml);
  const TextPositions in_gpx = find_positions(gpx, TrackText::xml);
  EXPECT_EQ(in_gpx.positions, 2);
  ASSERT_TRUE(in_gpx.first);
  EXPECT_NEAR(in_gpx.first->lat, 48.8584, 1e-9);
  std::string cleaned = gpx;
  EXPECT_EQ(clean_track_in_place(cleaned, TrackText::xml), 2);
  EXPECT_EQ(cleaned.size(), gpx.size());
  for (const char* gone : {"48.85", "2.29", "80.5", "2.30"}) EXPECT_EQ(cleaned.find(gone), std::string::npos) << gone;
  for (const char* kept : {"<trkpt lon='0.0000' lat='00.0000'><ele>00.0</ele>", "2023-05-01T12:00:00Z", "Home 12"})
    EXPECT_NE(cleaned.find(kept), std::string::npos) << kept;

  const std::string kml =
      "<kml xmlns:gx=\"http://www.google.com/kml/ext/2.2\"><Placemark><description><![CDATA[<b>lat=\"1.5\"</b>]]>"
      "</description><LookAt><longitude>2.2945</longitude><latitude>48.8584</latitude></LookAt><LineString>"
      "<coordinates>\n 2.2945,48.8584,0 2.2946, 48.8585, 0\n</coordinates></LineString><gx:Track>"
      "<gx:coord>2.2947 48.8586 80</gx:coord></gx:Track></Placemark></kml>";
  EXPECT_EQ(track_text_of("places.kml"), TrackText::xml);
  EXPECT_EQ(find_positions(kml, TrackText::xml).positions, 4);  // LookAt, two tuples, gx:coord
  cleaned = kml;
  clean_track_in_place(cleaned, TrackText::xml);
  EXPECT_EQ(cleaned.size(), kml.size());
  EXPECT_NE(cleaned.find("<coordinates>\n 0.0000,00.0000,0 0.0000, 00.0000, 0\n</coordinates>"), std::string::npos);
  EXPECT_NE(cleaned.find("<gx:coord>0.0000 00.0000 00</gx:coord>"), std::string::npos);
  EXPECT_NE(cleaned.find("<b>lat=\"1.5\"</b>"), std::string::npos);  // a description's text is no attribute
  EXPECT_FALSE(track_positions_left(cleaned, TrackText::xml));
}

TEST(GpsText, AddressesInGpxAndKmlAreBlanked) {
  const std::string kml =
      "<kml><Placemark><name>Dentist</name><address>12 Rue Cler</address><address/><address>  </address>"
      "<xal:AddressDetails><!-- a <comment> --><xal:Locality><![CDATA[Paris 7]]></xal:Locality>"
      "<xal:Address lat=\"48.8566\" lon=\"2.3522\">Paris</xal:Address></xal:AddressDetails></Placemark></kml>";
  const TextPositions found = find_positions(kml, TrackText::xml);
  EXPECT_EQ(found.positions, 1);  // a tag's attributes inside an address are read as anywhere
  EXPECT_EQ(found.addresses, 2);  // the empty and the blank ones are none, the nested one is its parent's
  std::string cleaned = kml;
  EXPECT_EQ(clean_track_in_place(cleaned, TrackText::xml), 3);
  EXPECT_EQ(cleaned.size(), kml.size());
  for (const char* kept : {"<name>Dentist</name>", "<address>           </address>", "<!-- a <comment> -->",
                           "<xal:Locality><![CDATA[       ]]></xal:Locality>",
                           "<xal:Address lat=\"00.0000\" lon=\"0.0000\">     </xal:Address>"})
    EXPECT_NE(cleaned.find(kept), std::string::npos) << kept << " in " << cleaned;
  EXPECT_FALSE(track_positions_left(cleaned, TrackText::xml));
  EXPECT_TRUE(track_positions_left(kml, TrackText::xml));

  // A file cut off inside an address: the rest of it is the address.
  const std::string cut = "<gpx><wpt><extensions><gpxx:Address><gpxx:City>Lon";
  cleaned = cut;
  EXPECT_EQ(clean_track_in_place(cleaned, TrackText::xml), 1);
  EXPECT_EQ(cleaned, "<gpx><wpt><extensions><gpxx:Address><gpxx:City>   ");
  // An address ends at its own end tag: not at a longer name's, one nested in it, nor one in a
  // comment, a CDATA section or a processing instruction (whose quotes and '>' are no markup).
  const std::string tricky =
      "<kml><address>A<address>B</address>C1</address><address><addressLine>x</addressLine>C2</address>"
      "<address><![CDATA[a </address> b]]>C3</address><address><!-- </address> -->C4</address>"
      "<address><?pi it's a>b?>C5</address><name>Kept</name></kml>";
  cleaned = tricky;
  EXPECT_EQ(clean_track_in_place(cleaned, TrackText::xml), 5);
  EXPECT_EQ(cleaned.size(), tricky.size());
  for (const char* gone : {"A", "B", "C1", "x", "C2", "C3", "C4", "C5"}) {  // the CDATA's, below
    const size_t kml_end = cleaned.find("<name>");
    EXPECT_EQ(cleaned.substr(0, kml_end).find(std::string(">") + gone), std::string::npos) << gone << " in " << cleaned;
  }
  for (const char* kept : {"<!-- </address> -->", "<?pi it's a>b?>", "<name>Kept</name>", "<![CDATA[              ]]>"})
    EXPECT_NE(cleaned.find(kept), std::string::npos) << kept << " in " << cleaned;
  EXPECT_FALSE(track_positions_left(cleaned, TrackText::xml));

  // Subtitles have no addresses: a film's line saying one is left alone.
  EXPECT_EQ(find_positions("1\n00:00:01,000 --> 00:00:02,000\n<address>1 Main St</address>\n",
                           TrackText::subtitles).addresses, 0);
}

TEST(GpsText, GeoJsonPositionsAndItsCleaning) {
  const std::string geojson =
      R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "Ride", "address": "1 Main St"},)"
      R"( "geometry": {"type": "LineString", "coordinates": [[2.2945, 48.8584, 80], [-0.1276, 51.5072]]}}]})";
  EXPECT_EQ(track_text_of("a/b.geojson"), TrackText::geojson);
  EXPECT_FALSE(track_text_of("a/b.json"));
  const TextPositions found = find_positions(geojson, TrackText::geojson);
  EXPECT_EQ(found.positions, 2);
  ASSERT_TRUE(found.first);
  EXPECT_NEAR(found.first->lon, 2.2945, 1e-9);
  std::string cleaned = geojson;
  EXPECT_GT(clean_track_in_place(cleaned, TrackText::geojson), 0);  // the location values the JSON cleaner emptied
  for (const char* gone : {"2.2945", "48.8584", "51.5072", "1 Main St"}) EXPECT_EQ(cleaned.find(gone), std::string::npos) << gone;
  EXPECT_NE(cleaned.find("\"Ride\""), std::string::npos);
  EXPECT_FALSE(track_positions_left(cleaned, TrackText::geojson));

  // A place's address with no coordinates is cleaned too.
  const std::string place = R"({"type": "Feature", "properties": {"address": "12 Rue Cler"}, "geometry": null})";
  cleaned = place;
  EXPECT_GT(clean_track_in_place(cleaned, TrackText::geojson), 0);
  EXPECT_EQ(cleaned.find("Rue Cler"), std::string::npos);
  EXPECT_TRUE(track_positions_left(place, TrackText::geojson));
  EXPECT_FALSE(track_positions_left(cleaned, TrackText::geojson));
  // One that is no valid JSON: its coordinates zeroed, its address left, so never said clean.
  const std::string broken = R"({"properties": {"address": "12 Rue Cler"}, "geometry": {"coordinates": [2.2945, 48.8584]})";
  cleaned = broken;
  EXPECT_EQ(clean_track_in_place(cleaned, TrackText::geojson), 1);
  EXPECT_NE(cleaned.find("[0.0000, 00.0000]"), std::string::npos) << cleaned;
  EXPECT_TRUE(track_positions_left(cleaned, TrackText::geojson));
}

TEST(MakerNote, PlaceNamesByMakeNotEveryLocation) {
  EXPECT_TRUE(is_makernote_location("Panasonic", "City"));
  EXPECT_TRUE(is_makernote_location("Panasonic", "Landmark"));
  EXPECT_TRUE(is_makernote_location("Samsung2", "LocationName"));
  EXPECT_TRUE(is_makernote_location("Nikon3", "GPSLatitude"));
  EXPECT_FALSE(is_makernote_location("Pentax", "Location"));  // the world-time city: "Hometown"
  EXPECT_FALSE(is_makernote_location("Canon", "City"));
  EXPECT_FALSE(is_makernote_location("GPSInfo", "GPSLatitude"));  // the standard block, not a maker note
}

TEST(XmpBlanking, AttributeAndElementFormsKeepLength) {
  std::string xmp =
      R"(<rdf:Description exif:GPSLatitude="52,22.2N" photoshop:City="Amsterdam" dc:format="image/jpeg">)"
      R"(<Iptc4xmpExt:LocationShown><rdf:Bag><rdf:li rdf:parseType="Resource" Iptc4xmpExt:City="Gent">)"
      R"(<Iptc4xmpExt:Sublocation>Graslei</Iptc4xmpExt:Sublocation></rdf:li></rdf:Bag></Iptc4xmpExt:LocationShown>)"
      R"(<exif:GPSLongitude>4,53.7E</exif:GPSLongitude></rdf:Description>)";
  const size_t size = xmp.size();
  EXPECT_EQ(bmff::blank_xmp_location(xmp.data(), xmp.size()), 4);
  EXPECT_EQ(xmp.size(), size);
  for (const char* gone : {"52,22.2N", "Amsterdam", "Gent", "Graslei", "4,53.7E"})
    EXPECT_EQ(xmp.find(gone), std::string::npos) << gone;
  EXPECT_NE(xmp.find(R"(dc:format="image/jpeg")"), std::string::npos);  // not location: kept
  EXPECT_NE(xmp.find(R"(rdf:parseType="Resource")"), std::string::npos);  // RDF syntax kept
}

TEST(XmpBlanking, AVendorsPositionGoesByItsName) {
  // DJI's drone-dji namespace (its GpsLongtitude misspelt as some models write it), an element
  // form in another vendor's namespace; the rest of the packet, namespace declarations included,
  // stays.
  std::string xmp =
      R"(<rdf:Description xmlns:drone-dji="http://www.dji.com/drone-dji/1.0/" drone-dji:GpsLatitude="+48.858400")"
      R"( drone-dji:GpsLongtitude="+2.294500" drone-dji:AbsoluteAltitude="+95.12" drone-dji:FlightYawDegree="+12.3">)"
      R"(<Camera:GPSLatitude>52.1</Camera:GPSLatitude><dc:title>Flight</dc:title></rdf:Description>)";
  const size_t size = xmp.size();
  EXPECT_EQ(bmff::blank_xmp_location(xmp.data(), xmp.size()), 4);
  EXPECT_EQ(xmp.size(), size);
  for (const char* gone : {"48.858400", "2.294500", "95.12", "52.1"}) EXPECT_EQ(xmp.find(gone), std::string::npos) << gone;
  for (const char* kept : {"+12.3", "Flight", "http://www.dji.com/drone-dji/1.0/"})
    EXPECT_NE(xmp.find(kept), std::string::npos) << kept;
  EXPECT_TRUE(bmff::is_longitude_xmp_name("GpsLongtitude"));
  EXPECT_FALSE(bmff::is_location_xmp_name("FlightYawDegree"));
}

TEST(SidecarClean, TakeoutKeepsEverythingButTheLocation) {
  const std::string in = R"({
  "title": "IMG_1.jpg",
  "geoData": {"latitude": 52.37, "longitude": 4.89, "altitude": 3.5, "latitudeSpan": 0.0},
  "geoDataExif": {"latitude": 0.0, "longitude": 0.0},
  "photoTakenTime": {"timestamp": "1557669802"}
})";
  const SidecarClean c = clean_sidecar(in);
  ASSERT_FALSE(c.error);
  EXPECT_EQ(c.fields, 3);
  EXPECT_EQ(c.text, R"({
  "title": "IMG_1.jpg",
  "geoData": {"latitude": 0, "longitude": 0, "altitude": 0, "latitudeSpan": 0.0},
  "geoDataExif": {"latitude": 0.0, "longitude": 0.0},
  "photoTakenTime": {"timestamp": "1557669802"}
})");
  EXPECT_EQ(clean_sidecar(c.text).fields, 0);  // cleaning is idempotent
}

// From a review: Instagram's locations of interest hold places under no key that names one
// ({"label": "Locations of interest", "vec": [{"value": "Gent"}]}); they were neither reported nor
// cleaned. The label stays; whatever order the members come in, the values go.
TEST(SidecarClean, AnEntryLabelledAsAPlaceLosesItsValues) {
  for (const char* in : {R"({"label_values": [{"label": "Locations of interest", "vec": [{"value": "Gent"}, {"value": "Brugge"}]}]})",
                         R"({"label_values": [{"vec": [{"value": "Gent"}, {"value": "Brugge"}], "label": "Locations of interest"}]})"}) {
    const SidecarClean c = clean_sidecar(in);
    ASSERT_FALSE(c.error) << in;
    EXPECT_EQ(c.fields, 2) << in;
    EXPECT_EQ(c.text.find("Gent"), std::string::npos) << in;
    EXPECT_EQ(c.text.find("Brugge"), std::string::npos) << in;
    EXPECT_NE(c.text.find("Locations of interest"), std::string::npos) << in;
    EXPECT_EQ(clean_sidecar(c.text).fields, 0) << in;
  }
  EXPECT_EQ(clean_sidecar(R"({"label_values": [{"label": "Interests", "vec": [{"value": "Gent"}]}]})").fields, 0);
}

TEST(SidecarClean, FacebookPlaceTwitterAndSnapchat) {
  const SidecarClean fb = clean_sidecar(
      R"([{"attachments": [{"data": [{"place": {"name": "Caf\u00c3\u00a9 de Zwart", "coordinate": {"latitude": 52.3, "longitude": 4.8}, "address": "Spui 15"}}]}],
          "data": [{"post": "Borrel"}], "media_metadata": {"photo_metadata": {"exif_data": [{"upload_ip": "1.2.3.4", "latitude": 1.5}]}}}])");
  EXPECT_EQ(fb.fields, 6);
  EXPECT_NE(fb.text.find(R"("post": "Borrel")"), std::string::npos);
  EXPECT_EQ(fb.text.find("Zwart"), std::string::npos);
  EXPECT_EQ(fb.text.find("Spui"), std::string::npos);

  const SidecarClean tw = clean_sidecar(
      R"(window.YTD.tweets.part0 = [{"tweet": {"full_text": "hi", "coordinates": {"type": "Point", "coordinates": ["4.89", "52.37"]}}}])");
  EXPECT_EQ(tw.fields, 3);  // "Point" is inside the coordinates object too
  EXPECT_TRUE(tw.text.starts_with("window.YTD.tweets.part0 = "));
  EXPECT_EQ(tw.text.find("52.37"), std::string::npos);

  const SidecarClean snap = clean_sidecar(R"({"Saved Media": [{"Date": "2022-06-30", "Location": "Latitude, Longitude: 52.37, 4.89"}]})");
  EXPECT_EQ(snap.fields, 1);
  EXPECT_NE(snap.text.find(R"("Location": "")"), std::string::npos);
}

// Location that belongs to no photo: Snapchat's location history and home, Facebook's location
// history, primary location and profile, Instagram's "based in". Nothing else goes.
TEST(SidecarClean, LocationFilesOfEveryPlatform) {
  const SidecarClean snap = clean_sidecar(R"({"Location History": [{"Time": "2023-03-14 21:30:00 UTC",
      "Latitude, Longitude": "51.0543 \u00b1 14.11 meters, 3.7174 \u00b1 14.11 meters"}],
    "Home & Work": {"Home": "Veldstraat 1, 9000 Gent", "Work": "Korenmarkt 2, 9000 Gent"},
    "Frequent Locations": [{"City": "Gent", "Country": "BE"}], "Daily Top Locations": []})");
  for (const char* gone : {"51.0543", "Veldstraat", "Korenmarkt", "Gent", "BE"})
    EXPECT_EQ(snap.text.find(gone), std::string::npos) << gone;
  EXPECT_EQ(snap.text.find("2023-03-14"), std::string::npos);  // a history's times go with its places
  EXPECT_NE(snap.text.find(R"("Daily Top Locations": [])"), std::string::npos);

  const SidecarClean fb = clean_sidecar(R"({"location_history_v2": [{"name": "Bar Sud", "coordinate": {"latitude": 51.05, "longitude": 3.72}}],
    "primary_location_v2": {"city_region_pairs": [["Gent", "Oost-Vlaanderen"]], "zipcode": ["9000"]},
    "current_city": {"name": "Gent"}, "hometown": {"name": "Brugge"},
    "emails": {"emails": ["jan@example.com"]}, "email_address": "jan@example.com", "marketplace": "on",
    "allocation": "kept"})");
  for (const char* gone : {"Bar Sud", "51.05", "Oost-Vlaanderen", "9000", "Brugge"})
    EXPECT_EQ(fb.text.find(gone), std::string::npos) << gone;
  for (const char* kept : {"jan@example.com", "\"marketplace\": \"on\"", "\"allocation\": \"kept\""})
    EXPECT_NE(fb.text.find(kept), std::string::npos) << kept;

  const SidecarClean ig = clean_sidecar(R"({"inferred_data_primary_location": [{"string_map_data": {"City Name": {"value": "Gent, Belgium"}}}]})");
  EXPECT_EQ(ig.text.find("Gent"), std::string::npos);
}

TEST(SidecarClean, AnAddressThatIsNoPlaceStaysAndGoogleTimelinesGo) {
  // Facebook's uploaded contacts and the user's website are addresses of another kind.
  const SidecarClean fb = clean_sidecar(R"({"address_book_v2": {"address_book": [{"name": "Piet", "details": [{"contact_point": "+32 470 12 34 56"}]}]},
    "websites": [{"address": "https://jan.example.com"}], "emails": [{"address": "jan@example.com"}],
    "address": {"street": "Veldstraat 1", "city": "Gent", "url": "https://maps.example.com/x"}})");
  for (const char* kept : {"Piet", "+32 470 12 34 56", "https://jan.example.com", "jan@example.com", "https://maps.example.com/x"})
    EXPECT_NE(fb.text.find(kept), std::string::npos) << kept;
  for (const char* gone : {"Veldstraat", "Gent"}) EXPECT_EQ(fb.text.find(gone), std::string::npos) << gone;

  // Takeout's Semantic Location History (E7 integers) and the newer Timeline.json.
  const SidecarClean semantic = clean_sidecar(R"({"timelineObjects": [{"activitySegment": {
      "startLocation": {"latitudeE7": 510543000, "longitudeE7": 37174000},
      "waypointPath": {"waypoints": [{"latE7": 510550000, "lngE7": 37180000}]},
      "simplifiedRawPath": {"points": [{"latE7": 510560000, "lngE7": 37190000, "timestamp": "2024-04-01T10:00:00Z"}]}}},
      {"placeVisit": {"centerLatE7": 510570000, "centerLngE7": 37200000, "duration": {"startTimestamp": "2024-04-01T11:00:00Z"}}}]})");
  for (const char* gone : {"5105", "3717", "3718", "3719", "3720"}) EXPECT_EQ(semantic.text.find(gone), std::string::npos) << gone;
  EXPECT_NE(semantic.text.find("2024-04-01T10:00:00Z"), std::string::npos);  // a path's times stay
  const SidecarClean timeline = clean_sidecar(R"({"semanticSegments": [{"startTime": "2024-04-01T10:00:00.000+02:00",
      "timelinePath": [{"point": "51.0543000°, 3.7174000°", "time": "2024-04-01T10:05:00.000+02:00"}],
      "visit": {"topCandidate": {"placeLocation": {"latLng": "51.0570000°, 3.7200000°"}}}}]})");
  for (const char* gone : {"51.0543", "51.0570"}) EXPECT_EQ(timeline.text.find(gone), std::string::npos) << gone;
  EXPECT_NE(timeline.text.find(R"("startTime": "2024-04-01T10:00:00.000+02:00")"), std::string::npos);
}

TEST(SidecarClean, CoordinatesLeftAreFoundWhateverTheirKey) {
  EXPECT_TRUE(coordinates_left(R"({"somewhere": "51.0543, 3.7174"})"));
  EXPECT_TRUE(coordinates_left("{\"p\": \"51.0543000\xC2\xB0, 3.7174000\xC2\xB0\"}"));
  EXPECT_TRUE(coordinates_left(R"({"c": ["4.8952", "52.3702"]})"));
  EXPECT_TRUE(coordinates_left(R"({"c": [-33.8688, 151.2093]})"));
  EXPECT_FALSE(coordinates_left(R"({"exposure_time": 0.0166666, "f_stop": 2.2000000476837})"));
  EXPECT_FALSE(coordinates_left(R"({"c": [0.0000, 0.0000], "t": 1600000000, "v": "1.2345"})"));
  EXPECT_FALSE(coordinates_left(R"({"c": "1234.5678, 3.7174", "d": "95.1234, 3.7174"})"));
  EXPECT_FALSE(coordinates_left(R"({"c": ["", ""], "latitude": 0, "v": "v1.2.3456, 3.7174"})"));
}

TEST(SidecarClean, LinkedInCsvLocationColumns) {
  // The location columns' cells emptied (quoted ones keep their quotes), every other byte kept:
  // the byte order mark, CRLF, a quoted line break, the preamble.
  const std::string profile =
      "\xEF\xBB\xBF" "First Name,Address,Summary,Zip Code,Geo Location\r\n"
      "Jan,\"Kerkstraat 1, 9000 Gent\",\"Multi\nline, \"\"quoted\"\"\",9000,\"Gent, Belgium\"\r\n";
  const SidecarClean r = clean_csv_location(profile);
  EXPECT_EQ(r.fields, 3);
  EXPECT_EQ(r.text, "\xEF\xBB\xBF" "First Name,Address,Summary,Zip Code,Geo Location\r\n"
                    "Jan,\"\",\"Multi\nline, \"\"quoted\"\"\",,\"\"\r\n");
  EXPECT_EQ(clean_csv_location(r.text).fields, 0);
  const SidecarClean notes = clean_csv_location("Notes:\n\"About your positions.\"\n\nCompany Name,Title,Location\nAcme,Engineer,Gent\n");
  EXPECT_EQ(notes.text, "Notes:\n\"About your positions.\"\n\nCompany Name,Title,Location\nAcme,Engineer,\n");
  EXPECT_EQ(clean_csv_location("Date,Message\n2024,hi\n").fields, 0);
  EXPECT_TRUE(clean_csv_location("a,b\n\"never closed\n").error);
}

// In place, the same bytes come out: a big posts file is then never held twice.
// Facebook titles a check-in with its place's name: the name goes from the title too, and from
// nowhere else (the person's own words stay). A title that is itself emptied is not cut twice.
TEST(SidecarClean, APlacesNameGoesFromItsPostsTitle) {
  const SidecarClean fb = clean_sidecar(R"([
    {"timestamp": 1600000000, "title": "Jan checked in to Caf\u00c3\u00a9 Sud with Bar.",
     "data": [{"post": "Caf\u00c3\u00a9 Sud again"}],
     "attachments": [{"data": [{"place": {"name": "Caf\u00c3\u00a9 Sud", "coordinate": {"latitude": 51.05, "longitude": 3.72}}}]}]},
    {"title": "Jan updated her status.", "data": [{"post": "Caf\u00c3\u00a9 Sud"}]},
    {"place": {"title": "Bar Sud", "location": {"name": "Bar Sud"}}}])");
  EXPECT_EQ(fb.fields, 5);
  EXPECT_NE(fb.text.find(R"("title": "Jan checked in to  with Bar.")"), std::string::npos) << fb.text;
  EXPECT_NE(fb.text.find(R"("post": "Caf\u00c3\u00a9 Sud again")"), std::string::npos);
  EXPECT_NE(fb.text.find(R"({"post": "Caf\u00c3\u00a9 Sud"})"), std::string::npos);  // another post's
  EXPECT_NE(fb.text.find(R"({"place": {"title": "", "location": {"name": ""}}})"), std::string::npos) << fb.text;
  // Whole words, never inside another word or an escape (from a review: "Barbara" lost "Bar",
  // and "\tavern" lost "tavern", leaving invalid JSON).
  const SidecarClean words = clean_sidecar(R"([
    {"title": "Barbara checked in to Bar.", "place": {"name": "Bar"}},
    {"title": "Night out\tavern", "place": {"name": "tavern"}}])");
  EXPECT_NE(words.text.find(R"("Barbara checked in to .")"), std::string::npos) << words.text;
  EXPECT_NE(words.text.find(R"("Night out\tavern")"), std::string::npos) << words.text;
  std::string text = R"({"title": "At Bar Sud, Bar Sud!", "place": {"name": "Bar Sud"}})";
  EXPECT_EQ(clean_sidecar_in_place(text).fields, 1);
  EXPECT_EQ(text, R"({"title": "At , !", "place": {"name": ""}})");
}

TEST(SidecarClean, InPlaceGivesTheSameText) {
  for (const std::string& in : {
           std::string(R"({"geoData": {"latitude": 52.37123456, "longitude": -4.8, "altitude": 3}, "x": [1, "a"]})"),
           std::string(R"(window.YTD.tweets.part0 = [{"tweet": {"coordinates": {"coordinates": ["4.89", "52.37"]}}}])"),
           std::string("\xEF\xBB\xBF") + R"([{"place": {"name": "x"}, "upload_ip": "1.2.3.4"}, {"latitude": 1}])",
           std::string(R"({"latitude": 5})"), std::string(R"({"title": "no location here"})"),
           std::string(R"({"geoData": {"latitude": 52.3,)")}) {
    const SidecarClean copy = clean_sidecar(in);
    std::string text = in;
    const SidecarClean here = clean_sidecar_in_place(text);
    EXPECT_EQ(here.fields, copy.fields) << in;
    EXPECT_EQ(here.error.has_value(), copy.error.has_value()) << in;
    EXPECT_EQ(text, copy.fields > 0 ? copy.text : in) << in;
    EXPECT_TRUE(here.text.empty());
  }
}

TEST(SidecarClean, InvalidJsonIsReportedNotGuessed) {
  EXPECT_TRUE(clean_sidecar(R"({"geoData": {"latitude": 52.3,)").error);
  EXPECT_TRUE(clean_sidecar(std::string(100000, '[')).error);
}

// An EBML element: its ID as written, a one-byte size (or `unknown`: all ones), the payload.
std::string ebml(const std::string& id, const std::string& payload, bool unknown = false) {
  return id + char(unknown ? 0xFF : 0x80 | int(payload.size())) + payload;
}

TEST(MatroskaLocation, ALiveRecordingsUnknownSizesAndNestedTags) {
  // A live recording writes its Segment and Clusters with unknown sizes; the Tags come after a
  // Cluster, and a place can sit in a SimpleTag nested in another.
  const std::string header = ebml("\x1A\x45\xDF\xA3", ebml("\x42\x82", "matroska"));
  const std::string cluster = ebml("\x1F\x43\xB6\x75", ebml("\xE7", std::string(1, '\0')) + ebml("\xA3", "frame"), true);
  const std::string simple = ebml("\x67\xC8", ebml("\x45\xA3", "TITLE") + ebml("\x44\x87", "Trip") +
                                                  ebml("\x67\xC8", ebml("\x45\xA3", "RECORDING_LOCATION") +
                                                                        ebml("\x44\x87", "+52.3702+004.8952/")));
  const std::string tags = ebml("\x12\x54\xC3\x67", ebml("\x73\x73", ebml("\x63\xC0", "") + simple));
  const std::string mkv = header + ebml("\x18\x53\x80\x67", cluster + tags, true);
  bool complete = false;
  const std::vector<Finding> found = embedded_findings(mkv, MediaType::mkv, complete);
  EXPECT_TRUE(complete);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].signal, "video_gps");
  ASSERT_TRUE(found[0].point);
  EXPECT_NEAR(found[0].point->lat, 52.3702, 1e-9);

  const StripResult cleaned = strip_embedded(mkv, MediaType::mkv, StripMode::location);
  ASSERT_TRUE(cleaned.changed);
  EXPECT_EQ(cleaned.bytes.size(), mkv.size());
  EXPECT_NE(cleaned.bytes.find("Trip"), std::string::npos);
  EXPECT_TRUE(embedded_findings(cleaned.bytes, MediaType::mkv, complete).empty());
  EXPECT_TRUE(complete);
}

TEST(MatroskaLocation, NestingAsDeepAsTheFileIsDamageNotACrash) {
  // Tags in Tags, 100000 deep, each a 4-byte ID and an 8-byte size: the one at depth i holds
  // the 12-byte headers of all below it.
  constexpr size_t kDepth = 100000;
  std::string inner;
  for (size_t i = 0; i < kDepth; ++i) {
    const uint64_t payload = 12 * (kDepth - 1 - i);
    inner += "\x12\x54\xC3\x67\x01";
    for (int b = 6; b >= 0; --b) inner += char((payload >> (8 * b)) & 0xFF);
  }
  const std::string mkv = std::string("\x1A\x45\xDF\xA3\x80\x18\x53\x80\x67\x01\0\0\0\0\0\0\0", 17);
  bool complete = true;
  EXPECT_TRUE(embedded_findings(mkv + inner, MediaType::mkv, complete).empty());
  EXPECT_FALSE(complete);
}

TEST(RawProfile, RoundTripAndTooFewDigits) {
  std::string bytes;
  for (int i = 0; i < 100; ++i) bytes += char(i * 7);
  const std::string text = raw_profile_encode("8bim", bytes);
  EXPECT_TRUE(text.starts_with("\n8bim\n     100\n"));
  EXPECT_EQ(raw_profile_decode(text), bytes);
  EXPECT_FALSE(raw_profile_decode("\n8bim\n      40\n3842494d\n"));
}

}  // namespace
}  // namespace mediascan
