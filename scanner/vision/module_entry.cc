// The entry point of mediascan-vision.so, the only symbol it exports (module.h).
#include <cstring>

#include "scanner/vision/builtin_module.h"

extern "C" __attribute__((visibility("default"))) const mediascan::VisionModule* mediascan_vision_module(
    int interface_version, const char* program_version) {
  if (interface_version != mediascan::kVisionInterfaceVersion || std::strcmp(program_version, MEDIASCAN_VERSION) != 0)
    return nullptr;
  return &mediascan::builtin_vision_module();
}
