#include "scanner/vision/faces.h"

#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mediascan {

struct FaceDetector::Impl {
  FaceConfig config;
  cv::CascadeClassifier frontal, profile;
  cv::Ptr<cv::FaceDetectorYN> yunet;
  cv::Mat small, gray, profile_gray, flipped;  // scratch, reused from image to image
};

namespace {

// How many overlapping windows agreed on a face: barely-accepted groups (many of the false hits)
// score low. (The cascades' reject levels would be finer, but computing them is ~2x slower.)
double cascade_confidence(int neighbours) { return std::min(0.99, 0.35 + 0.06 * neighbours); }

double overlap(const cv::Rect& a, const cv::Rect& b) {
  const double inter = (a & b).area();
  return inter / std::max(1.0, double(std::min(a.area(), b.area())));
}

}  // namespace

FaceDetector::FaceDetector(const FaceConfig& config) : impl_(std::make_unique<Impl>()) {
  impl_->config = config;
  if (!config.yunet_model.empty()) {
    impl_->yunet = cv::FaceDetectorYN::create(config.yunet_model, "", cv::Size(320, 320), 0.7f, 0.3f, 50);
    if (impl_->yunet.empty()) throw std::runtime_error("cannot load the YuNet model " + config.yunet_model);
    return;
  }
  const std::string frontal = config.cascade_dir + "/haarcascade_frontalface_default.xml";
  const std::string profile = config.cascade_dir + "/haarcascade_profileface.xml";
  if (!impl_->frontal.load(frontal))
    throw std::runtime_error("cannot load " + frontal + " (Debian package opencv-data)");
  if (!impl_->profile.load(profile))
    throw std::runtime_error("cannot load " + profile + " (Debian package opencv-data)");
}

FaceDetector::~FaceDetector() = default;
FaceDetector::FaceDetector(FaceDetector&&) noexcept = default;

const char* FaceDetector::kind() const { return impl_->yunet ? "yunet" : "cascade"; }

std::vector<Face> FaceDetector::detect(const cv::Mat& bgr) {
  Impl& s = *impl_;
  // Scale the long side to detect_side, but keep the short side of a panorama or a wide group
  // photo at 3/4 of that, or its faces get too small to find.
  const double scale = std::min(1.0, std::max(double(s.config.detect_side) / std::max(bgr.cols, bgr.rows),
                                              0.75 * s.config.detect_side / std::min(bgr.cols, bgr.rows)));
  if (scale < 1) cv::resize(bgr, s.small, cv::Size(), scale, scale, cv::INTER_AREA);
  else s.small = bgr;
  const int min_side = std::max(20, int(s.config.min_face * std::min(s.small.cols, s.small.rows)));
  std::vector<Face> found;
  if (s.yunet) {
    s.yunet->setInputSize(s.small.size());
    cv::Mat faces;
    s.yunet->detect(s.small, faces);
    for (int i = 0; i < faces.rows; ++i) {
      const cv::Rect box(int(faces.at<float>(i, 0)), int(faces.at<float>(i, 1)), int(faces.at<float>(i, 2)),
                         int(faces.at<float>(i, 3)));
      if (std::min(box.width, box.height) >= min_side) found.push_back({box, faces.at<float>(i, 14), false});
    }
  } else {
    cv::cvtColor(s.small, s.gray, cv::COLOR_BGR2GRAY);
    cv::equalizeHist(s.gray, s.gray);
    auto run = [&](cv::CascadeClassifier& c, const cv::Mat& image, bool profile, bool mirrored, double f = 1.0) {
      std::vector<cv::Rect> boxes;
      std::vector<int> neighbours;
      const int min = std::max(20, int(min_side * f));
      c.detectMultiScale(image, boxes, neighbours, 1.1, 5, 0, cv::Size(min, min));
      for (size_t i = 0; i < boxes.size(); ++i) {
        cv::Rect b = boxes[i];
        if (mirrored) b.x = image.cols - b.x - b.width;
        b = cv::Rect(int(b.x / f), int(b.y / f), int(b.width / f), int(b.height / f));
        found.push_back({b, cascade_confidence(neighbours[i]), profile});
      }
    };
    run(s.frontal, s.gray, false, false);
    // Profile faces are searched at 60% of the size: they identify less than frontal ones, and
    // two more full-size cascade passes would triple the time (bench/vision_bench.sh).
    cv::resize(s.gray, s.profile_gray, cv::Size(), 0.6, 0.6, cv::INTER_AREA);
    run(s.profile, s.profile_gray, true, false, 0.6);
    cv::flip(s.profile_gray, s.flipped, 1);  // the profile cascade knows one side only
    run(s.profile, s.flipped, true, true, 0.6);

    // A face seen by both cascades is one face: keep the frontal or the more confident box.
    std::sort(found.begin(), found.end(), [](const Face& a, const Face& b) {
      return a.profile != b.profile ? !a.profile : a.confidence > b.confidence;
    });
    std::vector<Face> kept;
    for (const Face& f : found)
      if (std::none_of(kept.begin(), kept.end(), [&](const Face& k) { return overlap(k.box, f.box) > 0.3; }))
        kept.push_back(f);
    found = std::move(kept);
  }
  for (Face& f : found) {  // back to the caller's coordinates
    f.box = cv::Rect(int(f.box.x / scale), int(f.box.y / scale), int(f.box.width / scale), int(f.box.height / scale));
  }
  return found;
}

}  // namespace mediascan
