// Bytes set aside on disk until they are read back: an unnamed temporary file (O_TMPFILE,
// mode 0600) that no other process can open and that is gone when it is closed or the process
// dies, so private previews never outlive the run.
//
// Thread-safety: put() and release() from one thread at a time; get() from any thread once the
// puts are done.
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
  // In `dir`; empty: the system's temporary folder ($TMPDIR, else /tmp). Throws
  // std::runtime_error naming the folder.
  explicit SpillFile(const std::filesystem::path& dir = {});
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  Ref put(std::string_view bytes);  // throws std::runtime_error
  std::string get(Ref ref) const;   // throws std::runtime_error
  // Gives the disk space of bytes no longer needed back (REQUIRES: no get() of them after).
  // Best effort: where the file system cannot punch holes, the space stays taken until close.
  void release(Ref ref);

 private:
  std::filesystem::path dir_;
  int fd_ = -1;
  uint64_t end_ = 0;
};

}  // namespace mediascan::util
