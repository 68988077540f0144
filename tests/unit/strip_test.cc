// Stripping location from real JPEGs (baseline and progressive, made by OpenCV, tagged by
// exiv2): exiv2 rewrites only the segments before the first scan, the rest is appended as it
// was, so the pixels and everything after the first scan header stay byte for byte.
#include <gtest/gtest.h>

#include <exiv2/exiv2.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "scanner/core/media_type.h"
#include "scanner/metadata/exiv2_env.h"
#include "scanner/metadata/metadata.h"

namespace mediascan {
namespace {

std::string encoded(bool progressive) {
  cv::Mat image(240, 320, CV_8UC3);
  cv::randu(image, cv::Scalar::all(0), cv::Scalar::all(255));
  std::vector<uint8_t> jpeg;
  cv::imencode(".jpg", image, jpeg, {cv::IMWRITE_JPEG_QUALITY, 80, cv::IMWRITE_JPEG_PROGRESSIVE, progressive ? 1 : 0});
  return std::string(jpeg.begin(), jpeg.end());
}

// What exiv2 writes for `image` with the metadata set on it.
std::string written(Exiv2::Image& image) {
  image.writeMetadata();
  Exiv2::BasicIo& io = image.io();
  io.open();
  std::string out(size_t(io.size()), '\0');
  io.read(reinterpret_cast<Exiv2::byte*>(out.data()), long(out.size()));
  io.close();
  return out;
}

// EXIF of a camera `make` with a GPS position.
Exiv2::ExifData gps_exif(const char* make) {
  Exiv2::ExifData exif;
  exif["Exif.Image.Make"] = make;
  exif["Exif.GPSInfo.GPSLatitudeRef"] = "N";
  exif["Exif.GPSInfo.GPSLatitude"] = "48/1 51/1 2964/100";
  exif["Exif.GPSInfo.GPSLongitudeRef"] = "E";
  exif["Exif.GPSInfo.GPSLongitude"] = "2/1 17/1 4008/100";
  return exif;
}

// The JPEG with GPS in EXIF and XMP, written by exiv2 as a camera or an app would.
std::string with_location(const std::string& jpeg) {
  auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(jpeg.data()), long(jpeg.size()));
  image->readMetadata();
  const Exiv2::ExifData exif = gps_exif("TestCam");
  Exiv2::XmpData xmp;
  xmp["Xmp.exif.GPSLatitude"] = "48,51.494N";
  xmp["Xmp.exif.GPSLongitude"] = "2,17.668E";
  image->setExifData(exif);
  image->setXmpData(xmp);
  return written(*image);
}

size_t location_findings(const std::string& bytes) {
  bool complete = true;
  size_t n = 0;
  for (const Finding& f : embedded_findings(bytes, MediaType::jpeg, complete)) n += f.category == Category::location;
  EXPECT_TRUE(complete);
  return n;
}

std::string after_first_scan(const std::string& jpeg) {
  const auto at = jpeg_first_scan(jpeg);
  EXPECT_TRUE(at);
  return at ? jpeg.substr(*at) : std::string();
}

TEST(StripJpeg, OnlyTheSegmentsBeforeTheFirstScanChange) {
  init_exiv2();
  for (bool progressive : {false, true}) {
    // A motion photo's video after the image must come through untouched too.
    for (const std::string& trailer : {std::string(), std::string("\0\0\0\x18" "ftypmp42\0\0\0\0mp42isom", 24)}) {
      const std::string original = with_location(encoded(progressive)) + trailer;
      ASSERT_GE(location_findings(original), 2u);
      const StripResult r = strip_embedded(original, MediaType::jpeg, StripMode::location);
      ASSERT_FALSE(r.error) << r.error->message;
      ASSERT_TRUE(r.changed);
      EXPECT_TRUE(r.tail_from);  // the scans are not copied
      const std::string cleaned = r.whole(original);
      EXPECT_EQ(location_findings(cleaned), 0u) << progressive;
      EXPECT_TRUE(after_first_scan(cleaned) == after_first_scan(original)) << progressive;
      EXPECT_TRUE(cleaned.ends_with(trailer));
      const cv::Mat before = cv::imdecode(cv::Mat(1, int(original.size()), CV_8U, const_cast<char*>(original.data())),
                                          cv::IMREAD_COLOR);
      const cv::Mat after = cv::imdecode(cv::Mat(1, int(cleaned.size()), CV_8U, const_cast<char*>(cleaned.data())),
                                         cv::IMREAD_COLOR);
      ASSERT_FALSE(after.empty());
      EXPECT_EQ(cv::norm(before, after, cv::NORM_INF), 0.0);
    }
  }
}

// An APP1 segment holding `payload` after `id`.
std::string app1(std::string_view id, const std::string& payload) {
  const size_t n = id.size() + payload.size() + 2;
  return std::string{'\xFF', '\xE1', char(n >> 8), char(n & 0xFF)} + std::string(id) + payload;
}

std::string exif_block(const Exiv2::ExifData& exif) {
  Exiv2::Blob blob;
  Exiv2::ExifParser::encode(blob, Exiv2::littleEndian, exif);
  return std::string(blob.begin(), blob.end());
}

// `jpeg` with `segment` inserted just after its first APP1 (exiv2's Exif).
std::string with_segment_after_first_app1(const std::string& jpeg, const std::string& segment) {
  for (const JpegSegment& s : jpeg_header_segments(jpeg))
    if (s.marker == 0xE1) return jpeg.substr(0, s.offset + s.length) + segment + jpeg.substr(s.offset + s.length);
  ADD_FAILURE() << "no APP1";
  return jpeg;
}

size_t count(const std::string& haystack, std::string_view needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

// exiv2 reads the first Exif and XMP segments only; GPS in a second one is found and removed.
TEST(StripJpeg, SecondExifAndXmpSegmentsWithLocation) {
  init_exiv2();
  // The first Exif has no GPS: exiv2 alone would call the photo clean and leave it as it is.
  std::string base;
  {
    const std::string plain = encoded(false);
    auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(plain.data()), long(plain.size()));
    image->readMetadata();
    Exiv2::ExifData exif;
    exif["Exif.Image.Make"] = "FirstBlock";
    image->setExifData(exif);
    base = written(*image);
  }
  const Exiv2::ExifData gps = gps_exif("SecondBlock");
  Exiv2::ExifData harmless;
  harmless["Exif.Image.Make"] = "ThirdBlock";
  const std::string_view exif_id("Exif\0\0", 6), xmp_id("http://ns.adobe.com/xap/1.0/\0", 29);
  const std::string xmp_gps =
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
      "<rdf:Description rdf:about=\"\" xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"48,51.494N\" "
      "exif:GPSLongitude=\"2,17.668E\"/></rdf:RDF></x:xmpmeta>";
  const std::string xmp_first = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
                                "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/></x:xmpmeta>";
  struct Case {
    const char* what;
    std::string extra;  // segments after the first APP1
  };
  // Extended XMP: the packet in two chunks, each after the namespace, a GUID, the full length
  // and the chunk's offset.
  auto extension = [&](size_t from, size_t n) {
    auto be32 = [](size_t v) { return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; };
    return app1(std::string_view("http://ns.adobe.com/xmp/extension/\0", 35),
                std::string(32, 'A') + be32(xmp_gps.size()) + be32(from) + xmp_gps.substr(from, n));
  };
  const size_t half = xmp_gps.size() / 2;
  const Case cases[] = {
      {"second Exif", app1(exif_id, exif_block(gps)) + app1(exif_id, exif_block(harmless))},
      {"second XMP", app1(xmp_id, xmp_first) + app1(xmp_id, xmp_gps)},
      {"Exif header with another padding byte", app1(std::string_view("Exif\0\xFF", 6), exif_block(gps))},
      {"XMP\\0 header", app1(std::string_view("XMP\0", 4), xmp_gps)},
      {"XMP\\0 header with the rest of the namespace",
       app1(std::string_view("XMP\0://ns.adobe.com/xap/1.0/\0", 29), xmp_gps)},
      {"extended XMP, chunks out of order", extension(half, std::string::npos) + extension(0, half)},
      {"the same second Exif 50 times", [&] {
         std::string many;
         for (int i = 0; i < 50; ++i) many += app1(exif_id, exif_block(gps));
         return many;
       }()},
  };
  for (const Case& c : cases) {
    const std::string original = with_segment_after_first_app1(base, c.extra);
    bool complete = false;
    const auto found = embedded_findings(original, MediaType::jpeg, complete);
    EXPECT_TRUE(complete) << c.what;
    EXPECT_EQ(std::count_if(found.begin(), found.end(), [](const Finding& f) {
      return f.category == Category::location && f.evidence.find("exiv2 skips") != std::string::npos;
    }), 1) << c.what;  // copies of one block are one finding
    const StripResult r = strip_embedded(original, MediaType::jpeg, StripMode::location);
    ASSERT_FALSE(r.error) << c.what << ": " << r.error->message;
    ASSERT_TRUE(r.changed) << c.what;
    const std::string cleaned = r.whole(original);
    EXPECT_EQ(location_findings(cleaned), 0u) << c.what;
    EXPECT_EQ(count(cleaned, "FirstBlock"), 1u) << c.what;  // the first Exif stays
    EXPECT_EQ(count(cleaned, "ThirdBlock"), count(original, "ThirdBlock")) << c.what;  // no location: kept
    EXPECT_EQ(count(cleaned, "SecondBlock"), 0u) << c.what;
    EXPECT_TRUE(after_first_scan(cleaned) == after_first_scan(original)) << c.what;
  }
}

TEST(StripJpeg, FirstScanOfMalformedSegmentsIsUnknown) {
  const std::string jpeg = encoded(false);
  const auto at = jpeg_first_scan(jpeg);
  ASSERT_TRUE(at);
  // A colour baseline JPEG's scan header is 12 bytes after its marker.
  EXPECT_EQ(jpeg.substr(*at - 14, 4), std::string("\xFF\xDA\x00\x0C", 4));
  EXPECT_FALSE(jpeg_first_scan(jpeg.substr(0, *at - 1)));  // the scan header cut short
  EXPECT_FALSE(jpeg_first_scan("\xFF\xD8\xFF\xD9"));       // an EOI before any scan
  EXPECT_FALSE(jpeg_first_scan("\xFF\xD8garbage"));
  EXPECT_FALSE(jpeg_first_scan(std::string("\x89PNG\r\n\x1A\n", 8)));
}

}  // namespace
}  // namespace mediascan
