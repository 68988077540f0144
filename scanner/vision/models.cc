#include "scanner/vision/models.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "scanner/util/output_file.h"
#include "scanner/util/sha256.h"

namespace mediascan {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

Category category_named(const std::string& s, const std::string& where) {
  for (Category c : {Category::location, Category::identity, Category::people, Category::nightlife,
                     Category::alcohol, Category::explicit_content, Category::document, Category::text})
    if (to_string(c) == s) return c;
  throw std::runtime_error(where + ": unknown category \"" + s + "\"");
}

}  // namespace

ModelManifest parse_manifest(const std::string& text, const std::string& path) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception& e) {
    throw std::runtime_error(path + ": not valid JSON: " + e.what());
  }
  if (!doc.is_object() || doc.value("schema", "") != "mediascan.model/1")
    throw std::runtime_error(path + ": needs \"schema\": \"mediascan.model/1\"");
  ModelManifest m;
  m.manifest_path = path;
  try {
    m.name = doc.at("name").get<std::string>();
    m.file = doc.at("file").get<std::string>();
    m.framework = doc.at("framework").get<std::string>();
    m.task = doc.at("task").get<std::string>();
    m.config = doc.value("config", "");
    m.url = doc.value("url", "");
    m.config_url = doc.value("config_url", "");
    m.labels_url = doc.value("labels_url", "");
    m.sha256 = doc.value("sha256", "");
    m.size = doc.value("size", uint64_t{0});
    m.labels = doc.value("labels", "");
    m.threshold = doc.value("threshold", 0.3);
    m.enables = doc.value("enables", "");
    m.softmax = doc.value("softmax", false);
    if (const auto in = doc.find("input"); in != doc.end()) {
      m.width = in->value("width", 224);
      m.height = in->value("height", 224);
      const auto mean = in->value("mean", std::vector<double>{0, 0, 0});
      if (mean.size() != 3) throw std::runtime_error("input.mean needs 3 values");
      m.mean = {mean[0], mean[1], mean[2]};
      m.scale = in->value("scale", 1.0);
      m.swap_rb = in->value("swap_rb", false);
    }
    if (const auto c = doc.find("classes"); c != doc.end())
      for (const auto& [index, label] : c->items()) m.classes[std::stoi(index)] = label.get<std::string>();
    if (const auto c = doc.find("categories"); c != doc.end())
      for (const auto& [label, category] : c->items())
        m.categories[label] = category_named(category.get<std::string>(), path);
  } catch (const json::exception& e) {
    throw std::runtime_error(path + ": " + e.what());
  } catch (const std::invalid_argument&) {
    throw std::runtime_error(path + ": class indexes must be numbers");
  }
  if (m.framework != "onnx" && m.framework != "caffe") throw std::runtime_error(path + ": framework must be onnx or caffe");
  if (m.task != "classification" && m.task != "detection:yolox" && m.task != "face:yunet")
    throw std::runtime_error(path + ": task must be classification, detection:yolox or face:yunet");
  if (m.framework == "caffe" && m.config.empty()) throw std::runtime_error(path + ": a Caffe model needs \"config\" (its prototxt)");
  if (m.file.find('/') != std::string::npos || m.file.empty()) throw std::runtime_error(path + ": \"file\" must be a plain file name");
  if (m.width <= 0 || m.height <= 0 || m.width > 4096 || m.height > 4096) throw std::runtime_error(path + ": bad input size");
  if (m.sha256.size() != 0 && m.sha256.size() != 64) throw std::runtime_error(path + ": sha256 must be 64 hex digits");
  return m;
}

ModelSet ModelSet::load(const std::string& dir, bool verify) {
  ModelSet set;
  set.dir = dir;
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) return set;
  std::vector<fs::path> manifests;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".json") manifests.push_back(e.path());
  std::sort(manifests.begin(), manifests.end());
  for (const fs::path& p : manifests) {
    ModelStatus s;
    try {
      s.manifest = parse_manifest(util::read_file(p), p.string());
    } catch (const std::exception& e) {
      s.manifest.name = p.filename().string();
      s.problem = e.what();
      set.models_.push_back(std::move(s));
      continue;
    }
    const fs::path file = fs::path(dir) / s.manifest.file;
    if (!fs::is_regular_file(file, ec)) {
      s.problem = "not downloaded (scripts/fetch-models.sh)";
    } else if (s.manifest.size && fs::file_size(file, ec) != s.manifest.size) {
      s.problem = file.string() + " has " + std::to_string(fs::file_size(file, ec)) + " bytes, the manifest says " +
                  std::to_string(s.manifest.size) + ": incomplete or another file";
    } else if (verify && !s.manifest.sha256.empty() && util::sha256_hex(util::read_file(file)) != s.manifest.sha256) {
      s.problem = file.string() + " does not match the sha256 in its manifest: corrupt or another file";
    } else if (!s.manifest.config.empty() && !fs::is_regular_file(fs::path(dir) / s.manifest.config, ec)) {
      s.problem = "its config " + s.manifest.config + " is missing";
    } else {
      s.present = true;
    }
    set.models_.push_back(std::move(s));
  }
  return set;
}

std::vector<const ModelManifest*> ModelSet::usable() const {
  std::vector<const ModelManifest*> out;
  for (const ModelStatus& s : models_)
    if (s.present) out.push_back(&s.manifest);
  return out;
}

const ModelManifest* ModelSet::find_task(const std::string& task) const {
  for (const ModelManifest* m : usable())
    if (m->task == task) return m;
  return nullptr;
}

std::string find_models_dir(const std::string& requested, const std::string& argv0) {
  if (!requested.empty()) return requested;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0, ec);
  const fs::path prefix = exe.parent_path().parent_path();
  for (const fs::path& candidate : {exe.parent_path() / "models", prefix / "models",
                                    prefix / "share" / "mediascan" / "models",  // cmake --install
                                    fs::path("/usr/share/mediascan/models")})
    if (fs::is_directory(candidate, ec)) return candidate.string();
  return {};
}

}  // namespace mediascan
