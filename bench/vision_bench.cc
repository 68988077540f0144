// Decode and face-detection time per image at several sizes: full decode vs libjpeg's DCT
// scaling (IMREAD_REDUCED_*), and the face detector (LBP proposals, Haar check) at 640 and 1280 px. One thread; medians.
//   vision_bench DIR_OF_JPEGS
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "scanner/vision/faces.h"

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

template <typename F>
double time_ms(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: vision_bench DIR_OF_JPEGS\n");
    return 2;
  }
  cv::setNumThreads(1);
  std::map<std::string, std::vector<std::string>> by_size;  // "12 MP" -> files' bytes
  for (const auto& e : std::filesystem::directory_iterator(argv[1])) {
    std::ifstream f(e.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(f)), {});
    const cv::Mat img = cv::imdecode(cv::Mat(1, int(bytes.size()), CV_8U, bytes.data()), cv::IMREAD_REDUCED_GRAYSCALE_8);
    const double mp = double(img.cols) * img.rows * 64 / 1e6;
    by_size[mp > 6 ? "12 MP" : "2 MP"].push_back(std::move(bytes));
  }
  mediascan::FaceConfig fc;
  mediascan::FaceDetector faces(fc);
  std::printf("| images | step | ms per image (median) |\n|---|---|---|\n");
  for (auto& [size, files] : by_size) {
    const std::pair<const char*, int> modes[] = {{"decode full", cv::IMREAD_COLOR},
                                                 {"decode 1/2", cv::IMREAD_REDUCED_COLOR_2},
                                                 {"decode 1/4", cv::IMREAD_REDUCED_COLOR_4},
                                                 {"decode 1/8", cv::IMREAD_REDUCED_COLOR_8}};
    std::vector<cv::Mat> full;  // kept for the detector runs
    for (const auto& [name, flag] : modes) {
      std::vector<double> t;
      for (std::string& b : files) {
        cv::Mat m;
        t.push_back(time_ms([&] { m = cv::imdecode(cv::Mat(1, int(b.size()), CV_8U, b.data()), flag); }));
        if (flag == cv::IMREAD_COLOR) full.push_back(m);
      }
      std::printf("| %zu x %s | %s | %.1f |\n", files.size(), size.c_str(), name, median(t));
    }
    const std::vector<cv::Mat>& decoded = full;
    for (int side : {640, 1280}) {
      fc.detect_side = side;
      mediascan::FaceDetector detector(fc);
      std::vector<double> t;
      size_t found = 0;
      for (const cv::Mat& m : decoded) t.push_back(time_ms([&] { found += detector.detect(m).size(); }));
      std::printf("| %zu x %s | faces (LBP + Haar check) at %d px | %.1f (%zu faces) |\n", files.size(), size.c_str(), side,
                  median(t), found);
    }
  }
}
