// Bytes read in pieces instead of held whole: an entry of gigabytes (a video) stays in a file,
// the zip it is stored in or an unnamed temporary file it was decompressed into, and each stage
// that needs all of it (a hash, a CRC, the cleaned copy) reads it a MiB at a time.
//
// Thread-safety: a FileBytes is constant after it is made; copies share the file, and reads
// (pread) from any number of threads are safe.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace mediascan::util {

// The bytes could not be read again (an I/O error, or the file was cut short since).
class ReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bytes handed on in pieces, each piece valid only during the call.
using Chunks = std::function<void(std::string_view)>;

// Anything that can hand its bytes on in pieces.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual uint64_t size() const = 0;
  // All the bytes in order, in pieces of at most kChunk. Throws ReadError when they cannot be
  // read (the file is damaged or shorter than it was); what `out` throws goes through.
  virtual void for_each_chunk(const Chunks& out) const = 0;
  static constexpr size_t kChunk = 1 << 20;
};

class FileBytes : public ByteSource {
 public:
  // `size` bytes at `offset` of the file open at `fd`; `owner` keeps the descriptor open (it
  // closes it when the last copy goes). `name` is for error messages.
  FileBytes(std::shared_ptr<const void> owner, int fd, uint64_t offset, uint64_t size, std::string name);
  // `fd` itself, closed when the last copy goes.
  static FileBytes adopt(int fd, uint64_t offset, uint64_t size, std::string name);
  // A duplicate of `fd` (which stays the caller's), closed when the last copy goes.
  static FileBytes dup_of(int fd, uint64_t offset, uint64_t size, std::string name);

  uint64_t size() const override { return size_; }
  void for_each_chunk(const Chunks& out) const override;
  // `n` bytes from `at` (fewer past the end). Throws ReadError when they cannot be read.
  std::string read(uint64_t at, size_t n) const;
  // Exactly `n` bytes from `at` into `out`. Throws ReadError when they cannot be read.
  void read_into(uint64_t at, char* out, size_t n) const;
  // The bytes [at, at + n), in pieces.
  void for_each_chunk(uint64_t at, uint64_t n, const Chunks& out) const;
  // A name another library can open to read these very bytes ("/proc/self/fd/N") when they are
  // the whole file and /proc is there; empty otherwise.
  std::string whole_file_name() const;

 private:
  std::shared_ptr<const void> owner_;
  int fd_;
  uint64_t offset_, size_;
  std::string name_;
};

// A file read forward through a buffer, for a walk that looks at one byte at a time (a JSON
// sidecar too big to hold): what lies before the walk's mark goes, a MiB at a time, so the
// buffer holds what the walk still needs and a MiB more.
//
// Thread-safety: one thread at a time.
class FileWindow {
 public:
  explicit FileWindow(const FileBytes& file) : file_(file) {}

  uint64_t size() const { return file_.size(); }
  // Whether byte `p` exists; reads on until it is in the buffer. Throws ReadError.
  bool have(uint64_t p);
  // Byte `p` (REQUIRES: have(p), and p not before the mark).
  char at(uint64_t p) const { return buf_[p - buf_at_]; }
  // The bytes [begin, end) (REQUIRES: have(end - 1), begin not before the mark), valid until the
  // next have().
  std::string_view view(uint64_t begin, uint64_t end) const {
    return std::string_view(buf_).substr(begin - buf_at_, end - begin);
  }
  // The walk needs nothing before `p` any more.
  void mark(uint64_t p) { mark_ = std::max(mark_, p); }

 private:
  const FileBytes& file_;
  std::string buf_;  // the file's bytes from buf_at_
  uint64_t buf_at_ = 0;
  uint64_t mark_ = 0;
};

}  // namespace mediascan::util
