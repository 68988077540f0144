// Face detection. Works with no download (OpenCV's Haar cascades from Debian's opencv-data,
// frontal and profile); uses YuNet 2023mar when its model file is present, run through
// cv::dnn and decoded here as cv::FaceDetectorYN does since OpenCV 4.8 (Debian 12 has 4.6).
//
// Thread-safety: a FaceDetector is not thread-safe (OpenCV's detectors keep scratch state):
// build one per worker thread, never copy one between threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "scanner/vision/config.h"

namespace mediascan {

struct Face {
  cv::Rect box;       // in the coordinates of the image given to detect()
  double confidence;  // 0..1
  bool profile;       // seen from the side
};

class FaceDetector {
 public:
  // Throws std::runtime_error naming the file when a cascade or the model cannot be loaded.
  explicit FaceDetector(const FaceConfig& config);
  ~FaceDetector();
  FaceDetector(FaceDetector&&) noexcept;
  FaceDetector(const FaceDetector&) = delete;
  FaceDetector& operator=(const FaceDetector&) = delete;

  std::vector<Face> detect(const cv::Mat& bgr);
  const char* kind() const;  // "yunet" or "cascade"

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mediascan
