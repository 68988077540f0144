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

std::mutex module_mutex;
const VisionModule* chosen = nullptr;  // guarded by module_mutex; never unloaded

const VisionModule& load_beside_program() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) throw std::runtime_error("cannot load the vision module: /proc/self/exe: " + ec.message());
  const std::vector<fs::path> candidates = {exe.parent_path() / "mediascan-vision.so",
                                            exe.parent_path().parent_path() / "lib" / "mediascan" / "mediascan-vision.so"};
  const fs::path* found = nullptr;
  for (const fs::path& p : candidates)
    if (!found && fs::exists(p, ec)) found = &p;
  if (!found)
    throw std::runtime_error("the vision module is missing: " + candidates.front().string() +
                             " is built with the program and must stay beside it");
  // RTLD_NOW: a missing library is an error here, not a crash at the first photo.
  void* handle = ::dlopen(found->c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) throw std::runtime_error(std::string("cannot load the vision module: ") + ::dlerror());
  const auto entry = reinterpret_cast<VisionEntryPoint>(::dlsym(handle, kVisionEntryPoint));
  if (!entry) throw std::runtime_error("cannot load the vision module " + found->string() + ": it has no " + kVisionEntryPoint);
  const VisionModule* module = entry(kVisionInterfaceVersion, MEDIASCAN_VERSION);
  if (!module)
    throw std::runtime_error("cannot load the vision module " + found->string() +
                             ": it was built for another version of mediascan than " MEDIASCAN_VERSION);
  return *module;
}

}  // namespace

const VisionModule& vision_module() {
  const std::lock_guard lock(module_mutex);
  if (!chosen) chosen = &load_beside_program();
  return *chosen;
}

void use_vision_module(const VisionModule& module) {
  const std::lock_guard lock(module_mutex);
  chosen = &module;
}

}  // namespace mediascan
