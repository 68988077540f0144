// Optional models described by manifests (models/*.json, schema "mediascan.model/1"): what file,
// its sha256, the framework (onnx or caffe), the input (size, mean, scale, swapRB), the task
// (classification, detection:yolox, face:yunet), the labels, and which label means which
// category. Missing models degrade gracefully: the report says which checks did not run.
//
// Thread-safety: a ModelSet is constant after load(). The nets that run them are in
// model_runner.h.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "scanner/core/item.h"

namespace mediascan {

struct ModelManifest {
  std::string name;
  std::string manifest_path;
  std::string file, config;       // model file, and the Caffe prototxt when there is one
  std::string url, config_url, labels_url;
  std::string sha256;             // empty when the publisher gives none
  uint64_t size = 0;
  std::string framework;          // onnx | caffe
  std::string task;               // classification | detection:yolox | face:yunet
  int width = 224, height = 224;
  std::array<double, 3> mean{};  // subtracted from each channel, in the input's order
  double scale = 1.0;
  bool swap_rb = false;
  bool softmax = false;           // apply softmax to the output (nets that end in logits)
  std::string labels;             // file, one label per line; or the "classes" map alone
  std::map<int, std::string> classes;          // index -> label (overrides the file)
  std::map<std::string, Category> categories;  // label -> category of finding
  double threshold = 0.3;
  std::string enables;            // for `mediascan models`: what it adds
};

// Reads and validates one manifest. Throws std::runtime_error naming the field.
ModelManifest parse_manifest(const std::string& json_text, const std::string& path);

struct ModelStatus {
  ModelManifest manifest;
  bool present = false;
  std::string problem;  // why it cannot be used: missing, wrong sha256, unreadable...
};

class ModelSet {
 public:
  // Reads every *.json manifest in `dir` and checks each model file (present, size, sha256).
  static ModelSet load(const std::string& dir, bool verify_hashes = true);
  const std::vector<ModelStatus>& all() const { return models_; }
  std::vector<const ModelManifest*> usable() const;
  const ModelManifest* find_task(const std::string& task) const;
  std::string dir;

 private:
  std::vector<ModelStatus> models_;
};

// The model folder: --models DIR, else models/ beside the program (or one level up, for a
// build/ folder), else share/mediascan/models of the program's install prefix, else
// /usr/share/mediascan/models. Empty when none exists.
std::string find_models_dir(const std::string& requested, const std::string& argv0);

}  // namespace mediascan
