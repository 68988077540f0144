// The scene and object models of a ModelSet (models.h), loaded into cv::dnn nets and run on a
// decoded image.
//
// Thread-safety: a ModelRunner holds cv::dnn nets, which are not thread-safe: one runner per
// worker thread, built from the shared ModelSet.
#pragma once

#include <memory>
#include <vector>

#include <opencv2/core.hpp>

#include "scanner/core/item.h"
#include "scanner/vision/models.h"

namespace mediascan {

class ModelRunner {
 public:
  // Loads every usable classification/detection model. Throws std::runtime_error naming a model
  // file that OpenCV cannot read.
  explicit ModelRunner(const ModelSet& set);
  ~ModelRunner();
  ModelRunner(ModelRunner&&) noexcept;
  // Runs each model on the decoded image and adds scene/object findings above their threshold.
  void run(const cv::Mat& bgr, double to_full, std::vector<Finding>& out);

  struct Net;  // one loaded model and its labels

 private:
  std::vector<std::unique_ptr<Net>> nets_;
};

}  // namespace mediascan
