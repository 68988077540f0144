// The vision stage's settings. Free of OpenCV, so the program can hold them without loading it
// (module.h).
#pragma once

#include <cstdint>
#include <string>

namespace mediascan {

struct FaceConfig {
  std::string cascade_dir = "/usr/share/opencv4";  // holds haarcascades/ and lbpcascades/
  std::string yunet_model;   // path of face_detection_yunet_2023mar.onnx, empty: cascades
  int detect_side = 640;     // long side the image is scaled to for detection
  double min_face = 0.05;    // smallest face, as a fraction of the image's short side
};

struct VisionConfig {
  uint64_t max_pixels = 150'000'000;  // refuse to decode more (pixel bombs)
  // Long side an image is decoded at, at least (JPEG: the smallest DCT scale that gives it);
  // the short side keeps at least 3/4 of it, so a panorama's faces stay findable. 640 is what
  // the face detector and the scene models look at.
  int analysis_side = 640;
  int thumbnail_side = 160;           // long side of the report's previews
  bool decode = true;                 // decode at all (previews, hashes, faces, scenes)
  bool faces = true;                  // run face detection (needs a FaceDetector)
  FaceConfig face;
};

}  // namespace mediascan
