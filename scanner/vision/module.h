// The vision stage as the rest of the program sees it, free of OpenCV. Its code (vision.h,
// faces.h, model_runner.h) is a shared module, mediascan-vision.so beside the program, loaded
// the first time a run needs pixels: OpenCV's codecs and video readers bring in some 235
// libraries, and loading them took 0.1 s of every run, a strip or a text check included,
// which never decode an image.
//
// Thread-safety: vision_module() may be called from any thread; the module is loaded once.
// A VisionModule is constant. A VisionWorker holds a face detector and nets that keep scratch
// state: one per worker thread, never shared.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "scanner/core/item.h"
#include "scanner/util/file_bytes.h"
#include "scanner/vision/config.h"
#include "scanner/vision/models.h"

namespace mediascan {

// One thread's face detector and scene and object nets.
class VisionWorker {
 public:
  virtual ~VisionWorker() = default;
  // analyse_pixels() (vision.h) with this worker's detector and nets.
  virtual void analyse(Item& item, const util::FileBytes* whole) = 0;
};

class VisionModule {
 public:
  virtual ~VisionModule() = default;
  // A worker for `config` (its face detector when config.faces) and for the usable models of
  // `models` (none when null). Throws std::runtime_error naming the cascade or model file that
  // cannot be loaded. REQUIRES: `models` outlives the worker.
  virtual std::unique_ptr<VisionWorker> worker(const VisionConfig& config, const ModelSet* models) const = 0;
};

// The module: the one set by use_vision_module(), else mediascan-vision.so loaded from beside
// the program (or from lib/mediascan/ beside its folder). Throws std::runtime_error saying
// which file could not be loaded and why.
const VisionModule& vision_module();

// The file vision_module() would load, nullopt when there is none.
std::optional<std::filesystem::path> vision_module_file();

// Uses `module` instead of loading one: for programs that link the vision code in (the tests).
// REQUIRES: called before vision_module(); `module` lives as long as the program.
void use_vision_module(const VisionModule& module);

// What the module's entry point is called, and the version of its signature. The loader also
// passes the build it is part of: the program's version and a digest of the headers of the
// types the two share (MEDIASCAN_VISION_ABI, made by CMake); a module of another build returns
// null, and is refused.
inline constexpr const char* kVisionEntryPoint = "mediascan_vision_module";
inline constexpr int kVisionInterfaceVersion = 1;
using VisionEntryPoint = const VisionModule* (*)(int interface_version, const char* build);

}  // namespace mediascan
