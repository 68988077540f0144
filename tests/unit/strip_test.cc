// Stripping location from real JPEGs (baseline and progressive, made by OpenCV, tagged by
// exiv2): exiv2 rewrites only the segments before the first scan, the rest is appended as it
// was, so the pixels and everything after the first scan header stay byte for byte.
#include <gtest/gtest.h>

#include <exiv2/exiv2.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

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

// The JPEG with GPS in EXIF and XMP, written by exiv2 as a camera or an app would.
std::string with_location(const std::string& jpeg) {
  auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte*>(jpeg.data()), long(jpeg.size()));
  image->readMetadata();
  Exiv2::ExifData exif;
  exif["Exif.Image.Make"] = "TestCam";
  exif["Exif.GPSInfo.GPSLatitudeRef"] = "N";
  exif["Exif.GPSInfo.GPSLatitude"] = "48/1 51/1 2964/100";
  exif["Exif.GPSInfo.GPSLongitudeRef"] = "E";
  exif["Exif.GPSInfo.GPSLongitude"] = "2/1 17/1 4008/100";
  Exiv2::XmpData xmp;
  xmp["Xmp.exif.GPSLatitude"] = "48,51.494N";
  xmp["Xmp.exif.GPSLongitude"] = "2,17.668E";
  image->setExifData(exif);
  image->setXmpData(xmp);
  image->writeMetadata();
  Exiv2::BasicIo& io = image->io();
  io.open();
  std::string out(size_t(io.size()), '\0');
  io.read(reinterpret_cast<Exiv2::byte*>(out.data()), long(out.size()));
  io.close();
  return out;
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
      EXPECT_EQ(location_findings(r.bytes), 0u) << progressive;
      EXPECT_TRUE(after_first_scan(r.bytes) == after_first_scan(original)) << progressive;
      EXPECT_TRUE(r.bytes.ends_with(trailer));
      const cv::Mat before = cv::imdecode(cv::Mat(1, int(original.size()), CV_8U, const_cast<char*>(original.data())),
                                          cv::IMREAD_COLOR);
      const cv::Mat after = cv::imdecode(cv::Mat(1, int(r.bytes.size()), CV_8U, const_cast<char*>(r.bytes.data())),
                                         cv::IMREAD_COLOR);
      ASSERT_FALSE(after.empty());
      EXPECT_EQ(cv::norm(before, after, cv::NORM_INF), 0.0);
    }
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
