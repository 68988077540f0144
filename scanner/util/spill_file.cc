#include "scanner/util/spill_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace mediascan::util {

SpillFile::SpillFile(const std::filesystem::path& dir) {
  fd_ = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd_ < 0)
    throw std::runtime_error("cannot make a temporary file in " + dir.string() + ": " + std::strerror(errno));
}

SpillFile::~SpillFile() { ::close(fd_); }

SpillFile::Ref SpillFile::put(std::string_view bytes) {
  const Ref ref{end_, bytes.size()};
  while (!bytes.empty()) {
    const ssize_t n = ::pwrite(fd_, bytes.data(), bytes.size(), off_t(end_));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error(std::string("cannot write a temporary file: ") + std::strerror(errno));
    bytes.remove_prefix(size_t(n));
    end_ += uint64_t(n);
  }
  return ref;
}

std::string SpillFile::get(Ref ref) const {
  std::string out(ref.size, '\0');
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::pread(fd_, out.data() + done, out.size() - done, off_t(ref.offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error(std::string("cannot read a temporary file: ") + std::strerror(errno));
    done += size_t(n);
  }
  return out;
}

}  // namespace mediascan::util
