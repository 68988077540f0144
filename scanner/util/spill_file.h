// Bytes set aside on disk until they are read back: an unnamed temporary file (O_TMPFILE,
// mode 0600) that no other process can open and that is gone when it is closed or the process
// dies, so private previews never outlive the run.
//
// Thread-safety: put() and release() from one thread at a time; get() from any thread once the
// puts are done.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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
  // For reads of what was put (util::FileBytes); the file stays this object's.
  int fd() const { return fd_; }
  uint64_t size() const { return end_; }  // of all that was put

 private:
  std::filesystem::path dir_;
  int fd_ = -1;
  uint64_t end_ = 0;
};

// Records appended to a SpillFile (made on the first push_back) and read back by number: what
// the on-disk stores of contexts and posts share. 16 bytes a record stay in memory.
//
// Thread-safety: push_back() by one thread; at() from any number of threads once the writes are
// done.
class SpillLog {
 public:
  explicit SpillLog(std::filesystem::path dir = {});  // empty: $TMPDIR
  SpillLog(SpillLog&&) noexcept;
  SpillLog& operator=(SpillLog&&) noexcept;
  ~SpillLog();

  size_t size() const { return refs_.size(); }
  bool empty() const { return refs_.empty(); }
  void push_back(std::string_view record);  // throws std::runtime_error
  // Record `i`; throws std::out_of_range past the end, std::runtime_error when it cannot be read.
  std::string at(size_t i) const;

 private:
  std::filesystem::path dir_;
  std::unique_ptr<SpillFile> file_;
  std::vector<SpillFile::Ref> refs_;
};

}  // namespace mediascan::util
