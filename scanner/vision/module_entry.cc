// The entry point of mediascan-vision.so, the only symbol it exports (module.h).
#include <cstring>

#include "scanner/vision/builtin_module.h"

namespace {
constexpr const char* kBuild = MEDIASCAN_VERSION " " MEDIASCAN_VISION_ABI;  // as the program names it
}  // namespace

extern "C" __attribute__((visibility("default"))) const mediascan::VisionModule* mediascan_vision_module(
    int interface_version, const char* build) {
  if (interface_version != mediascan::kVisionInterfaceVersion || std::strcmp(build, kBuild) != 0)
    return nullptr;
  return &mediascan::builtin_vision_module();
}
