// The vision stage behind its module interface (module.h), as the pipeline uses it: a worker
// per thread, made from the configuration, that decodes and checks one item at a time. The
// loading of mediascan-vision.so itself is tested end to end (test_vision_module.py).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "scanner/vision/builtin_module.h"

namespace mediascan {
namespace {

Item photo(int width, int height) {
  cv::Mat pixels(height, width, CV_8UC3, cv::Scalar(40, 120, 200));
  std::vector<unsigned char> jpeg;
  cv::imencode(".jpg", pixels, jpeg);
  Item item;
  item.path = "photos/a.jpg";
  item.type = MediaType::jpeg;
  item.kind = Kind::image;
  item.bytes.assign(jpeg.begin(), jpeg.end());
  return item;
}

TEST(VisionModule, AWorkerDecodesAtTheSizeTheFileDeclares) {
  VisionConfig config;
  config.faces = false;
  const auto worker = builtin_vision_module().worker(config, nullptr);
  Item item = photo(1200, 900);
  worker->analyse(item, nullptr);
  EXPECT_EQ(item.width, 1200);
  EXPECT_EQ(item.height, 900);
  EXPECT_FALSE(item.thumbnail_jpeg.empty());
  EXPECT_TRUE(item.errors.empty());
}

TEST(VisionModule, AWorkerThatDecodesNothingLeavesTheItemAlone) {
  VisionConfig config;
  config.decode = false;
  config.faces = false;
  Item item = photo(64, 48);
  builtin_vision_module().worker(config, nullptr)->analyse(item, nullptr);
  EXPECT_EQ(item.width, 0);
  EXPECT_TRUE(item.thumbnail_jpeg.empty());
}

TEST(VisionModule, AMissingCascadeIsAnErrorNamingIt) {
  VisionConfig config;
  config.face.cascade_dir = "/nonexistent/opencv4";
  try {
    builtin_vision_module().worker(config, nullptr);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/opencv4"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace mediascan
