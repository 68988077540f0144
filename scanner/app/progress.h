// Progress on stderr: one redrawn line on a terminal, nothing otherwise. Called by the
// pipeline's serial writer only; redraws only when the shown value changes.
#pragma once

#include <cstdint>
#include <string>

namespace mediascan {

class Progress {
 public:
  Progress(bool enabled, uint64_t total_entries);
  ~Progress();  // clears the line
  void update(uint64_t entries_done, const std::string& path);

 private:
  bool enabled_;
  uint64_t total_;
  int last_percent_ = -1;
};

}  // namespace mediascan
