#include "scanner/vision/faces.h"

#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mediascan {

// Without YuNet, faces are found in two steps: the LBP cascades (fast, few misses, some false
// hits) propose candidates, and the Haar cascades confirm each one on its own small region
// (precise, but far too slow to run over the whole picture). On bench/'s labelled photos this
// keeps the Haar cascades' recall at a seventh of their time, without their false hits.
struct FaceDetector::Impl {
  FaceConfig config;
  cv::CascadeClassifier frontal, profile;                    // LBP: proposals
  cv::CascadeClassifier frontal_check, profile_check;        // Haar: confirmation
  cv::dnn::Net yunet;  // empty: cascades
  std::vector<std::string> yunet_outputs;
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
    try {
      impl_->yunet = cv::dnn::readNet(config.yunet_model);
    } catch (const cv::Exception& e) {
      throw std::runtime_error("cannot load the YuNet model " + config.yunet_model + ": " + e.what());
    }
    if (impl_->yunet.empty()) throw std::runtime_error("cannot load the YuNet model " + config.yunet_model);
    for (const char* head : {"cls", "obj", "bbox"})
      for (int stride : {8, 16, 32}) impl_->yunet_outputs.push_back(std::string(head) + "_" + std::to_string(stride));
    return;
  }
  const std::pair<cv::CascadeClassifier*, const char*> cascades[] = {
      {&impl_->frontal, "/lbpcascades/lbpcascade_frontalface.xml"},
      {&impl_->profile, "/lbpcascades/lbpcascade_profileface.xml"},
      {&impl_->frontal_check, "/haarcascades/haarcascade_frontalface_alt2.xml"},
      {&impl_->profile_check, "/haarcascades/haarcascade_profileface.xml"}};
  for (const auto& [cascade, file] : cascades)
    if (!cascade->load(config.cascade_dir + file))
      throw std::runtime_error("cannot load " + config.cascade_dir + file + " (Debian package opencv-data)");
}

FaceDetector::~FaceDetector() = default;
FaceDetector::FaceDetector(FaceDetector&&) noexcept = default;

const char* FaceDetector::kind() const { return impl_->yunet.empty() ? "cascade" : "yunet"; }

namespace {

// YuNet 2023mar's heads, per stride: cls and obj scores and a box relative to its grid cell
// (what cv::FaceDetectorYN decodes since OpenCV 4.8; Debian 12's 4.6 predates that model).
std::vector<Face> decode_yunet(const std::vector<cv::Mat>& out, cv::Size padded, int min_side) {
  std::vector<cv::Rect> boxes;
  std::vector<float> scores;
  for (int k = 0; k < 3; ++k) {
    const int stride = 8 << k;
    const int cols = padded.width / stride, rows = padded.height / stride;
    const float* cls = out[size_t(k)].ptr<float>();
    const float* obj = out[size_t(3 + k)].ptr<float>();
    const float* box = out[size_t(6 + k)].ptr<float>();
    if (out[size_t(k)].total() < size_t(rows * cols) || out[size_t(6 + k)].total() < size_t(rows * cols * 4)) continue;
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c) {
        const int i = r * cols + c;
        const float score = std::sqrt(std::clamp(cls[i], 0.f, 1.f) * std::clamp(obj[i], 0.f, 1.f));
        if (score < 0.6f) continue;
        const float cx = (float(c) + box[i * 4]) * float(stride), cy = (float(r) + box[i * 4 + 1]) * float(stride);
        const float w = std::exp(box[i * 4 + 2]) * float(stride), h = std::exp(box[i * 4 + 3]) * float(stride);
        if (std::min(w, h) < float(min_side)) continue;
        boxes.emplace_back(int(cx - w / 2), int(cy - h / 2), int(w), int(h));
        scores.push_back(score);
      }
  }
  std::vector<int> keep;
  cv::dnn::NMSBoxes(boxes, scores, 0.6f, 0.3f, keep);
  std::vector<Face> faces;
  for (int i : keep) faces.push_back({boxes[size_t(i)], scores[size_t(i)], false});
  return faces;
}

}  // namespace

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
  if (!s.yunet.empty()) {
    // The net wants sides that are multiples of 32: pad right and bottom, boxes stay in place.
    const cv::Size padded((s.small.cols + 31) / 32 * 32, (s.small.rows + 31) / 32 * 32);
    cv::copyMakeBorder(s.small, s.gray, 0, padded.height - s.small.rows, 0, padded.width - s.small.cols,
                       cv::BORDER_CONSTANT, cv::Scalar());
    s.yunet.setInput(cv::dnn::blobFromImage(s.gray));
    std::vector<cv::Mat> out;
    s.yunet.forward(out, s.yunet_outputs);
    found = decode_yunet(out, padded, min_side);
  } else {
    cv::cvtColor(s.small, s.gray, cv::COLOR_BGR2GRAY);
    cv::equalizeHist(s.gray, s.gray);
    // Proposals from the LBP cascade, each confirmed by the Haar cascade on the candidate's
    // neighbourhood at about its size; the confirmation's agreeing windows give the confidence.
    auto run = [&](cv::CascadeClassifier& propose, cv::CascadeClassifier& confirm, const cv::Mat& image, bool profile,
                   bool mirrored, double f = 1.0) {
      std::vector<cv::Rect> candidates, boxes;
      std::vector<int> neighbours;
      const int min = std::max(20, int(min_side * f));
      // A coarse pyramid and a single agreeing window are enough for a proposal: the Haar check
      // removes the false ones (bench/NOTES.md has the measurements behind these numbers).
      propose.detectMultiScale(image, candidates, 1.2, 1, 0, cv::Size(min, min));
      for (cv::Rect c : candidates) {
        const int m = c.width / 2;
        const cv::Rect around = cv::Rect(c.x - m, c.y - m, c.width + 2 * m, c.height + 2 * m) & cv::Rect(0, 0, image.cols, image.rows);
        confirm.detectMultiScale(image(around), boxes, neighbours, 1.1, 3, 0,
                                 cv::Size(c.width * 7 / 10, c.height * 7 / 10), cv::Size(c.width * 3 / 2, c.height * 3 / 2));
        if (boxes.empty()) continue;
        const auto best = size_t(std::max_element(neighbours.begin(), neighbours.end()) - neighbours.begin());
        cv::Rect b = boxes[best] + around.tl();
        if (mirrored) b.x = image.cols - b.x - b.width;
        b = cv::Rect(int(b.x / f), int(b.y / f), int(b.width / f), int(b.height / f));
        found.push_back({b, cascade_confidence(neighbours[best]), profile});
      }
    };
    run(s.frontal, s.frontal_check, s.gray, false, false);
    // Profile faces are searched at 60% of the size, and only in a photo with no frontal face:
    // a side view identifies less, and the photo already shows a person.
    if (found.empty()) {
      cv::resize(s.gray, s.profile_gray, cv::Size(), 0.6, 0.6, cv::INTER_AREA);
      run(s.profile, s.profile_check, s.profile_gray, true, false, 0.6);
      cv::flip(s.profile_gray, s.flipped, 1);  // the profile cascades know one side only
      run(s.profile, s.profile_check, s.flipped, true, true, 0.6);
    }

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
  for (Face& f : found)  // back to the caller's coordinates, inside the picture
    f.box = cv::Rect(int(f.box.x / scale), int(f.box.y / scale), int(f.box.width / scale), int(f.box.height / scale)) &
            cv::Rect(0, 0, bgr.cols, bgr.rows);
  return found;
}

}  // namespace mediascan
