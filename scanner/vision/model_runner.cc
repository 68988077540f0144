#include "scanner/vision/model_runner.h"

#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace mediascan {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> read_labels(const ModelManifest& m, const std::string& dir) {
  std::vector<std::string> labels;
  if (!m.labels.empty()) {
    std::ifstream f(fs::path(dir) / m.labels);
    for (std::string line; std::getline(f, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      // Places365's file is "/b/bar 51": keep the name.
      const auto space = line.rfind(' ');
      if (space != std::string::npos && line.find_first_not_of("0123456789", space + 1) == std::string::npos)
        line.resize(space);
      labels.push_back(line);
    }
  }
  for (const auto& [index, label] : m.classes) {
    if (index >= int(labels.size())) labels.resize(size_t(index) + 1);
    labels[size_t(index)] = label;
  }
  return labels;
}

}  // namespace

struct ModelRunner::Net {
  const ModelManifest* m;
  cv::dnn::Net net;
  std::vector<std::string> labels;
};

ModelRunner::ModelRunner(const ModelSet& set) {
  for (const ModelManifest* m : set.usable()) {
    if (m->task == "face:yunet") continue;  // the face detector loads it
    auto n = std::make_unique<Net>();
    n->m = m;
    const std::string file = (fs::path(set.dir) / m->file).string();
    try {
      n->net = m->framework == "caffe" ? cv::dnn::readNetFromCaffe((fs::path(set.dir) / m->config).string(), file)
                                       : cv::dnn::readNet(file);
    } catch (const cv::Exception& e) {
      throw std::runtime_error("cannot load model " + file + ": " + e.what());
    }
    if (n->net.empty()) throw std::runtime_error("cannot load model " + file);
    n->labels = read_labels(*m, set.dir);
    nets_.push_back(std::move(n));
  }
}

ModelRunner::~ModelRunner() = default;
ModelRunner::ModelRunner(ModelRunner&&) noexcept = default;

namespace {

void classification(ModelRunner::Net& n, const cv::Mat& out, std::vector<Finding>& findings) {
  cv::Mat scores = out.reshape(1, 1);
  scores.convertTo(scores, CV_32F);
  if (n.m->softmax) {
    double max = 0;
    cv::minMaxLoc(scores, nullptr, &max);
    cv::exp(scores - max, scores);
    scores /= cv::sum(scores)[0];
  }
  // Several labels can map to one category (beer bottle, wine bottle...): report the best each.
  std::map<Category, std::pair<float, int>> best;
  for (int i = 0; i < scores.cols && i < int(n.labels.size()); ++i) {
    const auto c = n.m->categories.find(n.labels[size_t(i)]);
    if (c == n.m->categories.end()) continue;
    const float p = scores.at<float>(0, i);
    auto& b = best[c->second];
    if (p > b.first) b = {p, i};
  }
  for (const auto& [category, b] : best) {
    if (b.first < n.m->threshold) continue;
    Finding f;
    f.category = category;
    const std::string& label = n.labels[size_t(b.second)];
    f.signal = "scene:" + label;
    f.confidence = b.first;
    char evidence[200];
    std::snprintf(evidence, sizeof evidence, "%s (%.0f%%, %s)", label.c_str(), b.first * 100.0, n.m->name.c_str());
    f.evidence = evidence;
    f.where = "pixels";
    findings.push_back(std::move(f));
  }
}

// YOLOX: rows of (cx, cy, w, h, objectness, class scores...) over strides 8, 16, 32, relative to
// their grid cell (the opencv_zoo export does not decode them itself).
void yolox(ModelRunner::Net& n, const cv::Mat& raw, double sx, double sy, std::vector<Finding>& findings) {
  cv::Mat out = raw.reshape(1, int(raw.total() / size_t(raw.size[raw.dims - 1])));
  const int classes = out.cols - 5;
  std::vector<std::pair<int, int>> grid;  // (x, y, stride) per row
  std::vector<int> strides_of;
  for (int stride : {8, 16, 32})
    for (int y = 0; y < n.m->height / stride; ++y)
      for (int x = 0; x < n.m->width / stride; ++x) {
        grid.push_back({x, y});
        strides_of.push_back(stride);
      }
  if (size_t(out.rows) != grid.size() || classes <= 0) return;
  std::map<int, std::vector<std::pair<float, cv::Rect>>> by_class;
  for (int r = 0; r < out.rows; ++r) {
    const float* row = out.ptr<float>(r);
    int best = 0;
    for (int c = 1; c < classes; ++c)
      if (row[5 + c] > row[5 + best]) best = c;
    const float p = row[4] * row[5 + best];
    if (p < n.m->threshold || size_t(best) >= n.labels.size() || !n.m->categories.count(n.labels[size_t(best)])) continue;
    const int s = strides_of[size_t(r)];
    const float cx = (row[0] + float(grid[size_t(r)].first)) * float(s), cy = (row[1] + float(grid[size_t(r)].second)) * float(s);
    const float w = std::exp(row[2]) * float(s), h = std::exp(row[3]) * float(s);
    by_class[best].push_back({p, cv::Rect(int((cx - w / 2) * sx), int((cy - h / 2) * sy), int(w * sx), int(h * sy))});
  }
  for (auto& [cls, boxes] : by_class) {
    std::vector<cv::Rect> rects;
    std::vector<float> scores;
    for (const auto& [p, r] : boxes) {
      rects.push_back(r);
      scores.push_back(p);
    }
    std::vector<int> keep;
    cv::dnn::NMSBoxes(rects, scores, float(n.m->threshold), 0.45f, keep);
    for (int k : keep) {
      Finding f;
      f.category = n.m->categories.at(n.labels[size_t(cls)]);
      f.signal = "object:" + n.labels[size_t(cls)];
      f.confidence = scores[size_t(k)];
      f.box = std::array<int, 4>{rects[size_t(k)].x, rects[size_t(k)].y, rects[size_t(k)].width, rects[size_t(k)].height};
      f.evidence = n.labels[size_t(cls)] + " (" + std::to_string(int(scores[size_t(k)] * 100)) + "%, " + n.m->name + ")";
      f.where = "pixels";
      findings.push_back(std::move(f));
    }
  }
}

}  // namespace

void ModelRunner::run(const cv::Mat& bgr, double to_full, std::vector<Finding>& out) {
  for (auto& n : nets_) {
    const ModelManifest& m = *n->m;
    const cv::Mat blob = cv::dnn::blobFromImage(bgr, m.scale, cv::Size(m.width, m.height),
                                                  cv::Scalar(m.mean[0], m.mean[1], m.mean[2]), m.swap_rb, false);
    n->net.setInput(blob);
    const cv::Mat result = n->net.forward();
    if (m.task == "classification") classification(*n, result, out);
    else yolox(*n, result, double(bgr.cols) / m.width * to_full, double(bgr.rows) / m.height * to_full, out);
  }
}

}  // namespace mediascan
