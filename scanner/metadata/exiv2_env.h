// exiv2 set-up for a multi-threaded program, and capture of its log messages per item.
//
// Thread-safety: init_exiv2() must run once, before any worker thread touches exiv2. After it,
// a LogCapture on a worker's stack receives the messages exiv2 prints on that thread only.
#pragma once

#include <string>
#include <vector>

namespace mediascan {

// Initialises the XMP toolkit with a lock, enables ISO-BMFF (HEIC/AVIF) reading, routes exiv2's
// log to per-thread captures. Idempotent.
void init_exiv2();

// While alive, collects the warnings and errors exiv2 logs on this thread.
class LogCapture {
 public:
  LogCapture();
  ~LogCapture();
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;
  const std::vector<std::string>& messages() const { return messages_; }

 private:
  std::vector<std::string> messages_;
  std::vector<std::string>* previous_;
};

}  // namespace mediascan
