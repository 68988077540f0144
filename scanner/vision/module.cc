#include "scanner/vision/module.h"

#include <dlfcn.h>

#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace mediascan {
namespace {

namespace fs = std::filesystem;

// This build, as the module must name it (module.h).
constexpr const char* kBuild = MEDIASCAN_VERSION " " MEDIASCAN_VISION_ABI;

std::mutex module_mutex;
const VisionModule* chosen = nullptr;  // guarded by module_mutex; never unloaded

std::vector<fs::path> candidates() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return {exe.parent_path() / "mediascan-vision.so",
          exe.parent_path().parent_path() / "lib" / "mediascan" / "mediascan-vision.so"};
}

const VisionModule& load_beside_program() {
  const std::optional<fs::path> found = vision_module_file();
  if (!found) {
    const std::vector<fs::path> places = candidates();
    throw std::runtime_error("the vision module is missing: " +
                             (places.empty() ? std::string("mediascan-vision.so") : places.front().string()) +
                             " is built with the program and must stay beside it");
  }
  // RTLD_NOW: a missing library is an error here, not a crash at the first photo.
  void* handle = ::dlopen(found->c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) throw std::runtime_error(std::string("cannot load the vision module: ") + ::dlerror());
  const auto entry = reinterpret_cast<VisionEntryPoint>(::dlsym(handle, kVisionEntryPoint));
  if (!entry) throw std::runtime_error("cannot load the vision module " + found->string() + ": it has no " + kVisionEntryPoint);
  const VisionModule* module = entry(kVisionInterfaceVersion, kBuild);
  if (!module)
    throw std::runtime_error("cannot load the vision module " + found->string() +
                             ": it comes from another build of mediascan than this program");
  return *module;
}

}  // namespace

const VisionModule& vision_module() {
  const std::lock_guard lock(module_mutex);
  if (!chosen) chosen = &load_beside_program();
  return *chosen;
}

std::optional<fs::path> vision_module_file() {
  std::error_code ec;
  for (const fs::path& p : candidates())
    if (fs::exists(p, ec)) return p;
  return std::nullopt;
}

void use_vision_module(const VisionModule& module) {
  const std::lock_guard lock(module_mutex);
  chosen = &module;
}

}  // namespace mediascan
