// Bytes set aside on disk until they are read back: an unnamed temporary file (O_TMPFILE,
// mode 0600) that no other process can open and that is gone when it is closed or the process
// dies, so private previews never outlive the run.
//
// Thread-safety: put() from one thread at a time; get() from any thread once the puts are done.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace mediascan::util {

class SpillFile {
 public:
  struct Ref {
    uint64_t offset = 0;
    uint64_t size = 0;
    bool operator==(const Ref&) const = default;
  };
  // In `dir` (default: the system's temporary folder). Throws std::runtime_error.
  explicit SpillFile(const std::filesystem::path& dir = std::filesystem::temp_directory_path());
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  Ref put(std::string_view bytes);  // throws std::runtime_error
  std::string get(Ref ref) const;   // throws std::runtime_error

 private:
  int fd_ = -1;
  uint64_t end_ = 0;
};

}  // namespace mediascan::util
