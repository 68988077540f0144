#include "scanner/util/file_bytes.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace mediascan::util {

FileBytes::FileBytes(std::shared_ptr<const void> owner, int fd, uint64_t offset, uint64_t size, std::string name)
    : owner_(std::move(owner)), fd_(fd), offset_(offset), size_(size), name_(std::move(name)) {}

FileBytes FileBytes::adopt(int fd, uint64_t offset, uint64_t size, std::string name) {
  auto owner = std::shared_ptr<const int>(new int(fd), [](const int* p) {
    ::close(*p);
    delete p;
  });
  return FileBytes(std::move(owner), fd, offset, size, std::move(name));
}

FileBytes FileBytes::dup_of(int fd, uint64_t offset, uint64_t size, std::string name) {
  const int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) throw ReadError("cannot read " + name + ": " + std::strerror(errno));
  return adopt(copy, offset, size, std::move(name));
}

void FileBytes::read_into(uint64_t at, char* out, size_t n) const {
  size_t done = 0;
  while (done < n) {
    const ssize_t got = ::pread(fd_, out + done, n - done, off_t(offset_ + at + done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0)
      throw ReadError("cannot read " + name_ + ": " + (got == 0 ? "it is shorter than it was" : std::strerror(errno)));
    done += size_t(got);
  }
}

std::string FileBytes::read(uint64_t at, size_t n) const {
  if (at >= size_) return {};
  std::string out(size_t(std::min<uint64_t>(n, size_ - at)), '\0');
  read_into(at, out.data(), out.size());
  return out;
}

void FileBytes::for_each_chunk(uint64_t at, uint64_t n, const Chunks& out) const {
  const uint64_t end = std::min(size_, at + n);
  std::string buf;
  for (uint64_t pos = at; pos < end;) {
    const size_t len = size_t(std::min<uint64_t>(kChunk, end - pos));
    buf.resize(len);
    read_into(pos, buf.data(), len);
    out(buf);
    pos += len;
  }
}

std::string FileBytes::whole_file_name() const {
  struct stat st {};
  if (offset_ != 0 || ::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode) || uint64_t(st.st_size) != size_) return {};
  std::string name = "/proc/self/fd/" + std::to_string(fd_);
  return ::access(name.c_str(), R_OK) == 0 ? name : std::string();  // no /proc (a sandbox): none
}

void FileBytes::for_each_chunk(const Chunks& out) const { for_each_chunk(0, size_, out); }

bool FileWindow::have(uint64_t p) {
  while (p >= buf_at_ + buf_.size()) {
    if (buf_at_ + buf_.size() >= file_.size()) return false;
    if (mark_ - buf_at_ >= ByteSource::kChunk) {
      buf_.erase(0, mark_ - buf_at_);
      buf_at_ = mark_;
    }
    buf_ += file_.read(buf_at_ + buf_.size(), ByteSource::kChunk);
  }
  return true;
}

}  // namespace mediascan::util
