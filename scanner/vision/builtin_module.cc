#include "scanner/vision/builtin_module.h"

#include <optional>

#include <opencv2/core.hpp>

#include "scanner/vision/vision.h"

namespace mediascan {
namespace {

class Worker final : public VisionWorker {
 public:
  Worker(const VisionConfig& config, const ModelSet* models) : config_(config) {
    if (config_.faces) faces_.emplace(config_.face);
    if (models && !models->usable().empty()) nets_.emplace(*models);
  }

  void analyse(Item& item, const util::FileBytes* whole) override {
    analyse_pixels(item, config_, faces_ ? &*faces_ : nullptr, nets_ ? &*nets_ : nullptr, whole);
  }

 private:
  const VisionConfig config_;
  std::optional<FaceDetector> faces_;
  std::optional<ModelRunner> nets_;
};

class Builtin final : public VisionModule {
 public:
  Builtin() { cv::setNumThreads(1); }  // parallelism lives in the pipeline alone

  std::unique_ptr<VisionWorker> worker(const VisionConfig& config, const ModelSet* models) const override {
    return std::make_unique<Worker>(config, models);
  }
};

}  // namespace

const VisionModule& builtin_vision_module() {
  static const Builtin module;
  return module;
}

}  // namespace mediascan
