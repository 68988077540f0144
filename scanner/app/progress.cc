#include "scanner/app/progress.h"

#include <unistd.h>

#include <cstdio>

#include "scanner/util/text.h"

namespace mediascan {

Progress::Progress(bool enabled, uint64_t total)
    : enabled_(enabled && ::isatty(STDERR_FILENO)), total_(total) {}

Progress::~Progress() {
  if (enabled_ && last_percent_ >= 0) std::fputs("\r\033[K", stderr);
}

void Progress::update(uint64_t done, const std::string& path) {
  if (!enabled_ || total_ == 0) return;
  const int percent = int(std::min<uint64_t>(100, done * 100 / total_));
  if (percent == last_percent_) return;
  last_percent_ = percent;
  std::string shown = util::printable(path);
  if (shown.size() > 50) shown = "..." + shown.substr(shown.size() - 47);
  std::fprintf(stderr, "\r\033[K%3d%%  %llu/%llu  %s", percent, (unsigned long long)done,
               (unsigned long long)total_, shown.c_str());
  std::fflush(stderr);
}

}  // namespace mediascan
