#include "scanner/util/spill_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace mediascan::util {

namespace {

// The folder for temporary files, with a message that says what to change when there is none.
std::filesystem::path temp_folder() {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) {
    const char* env = std::getenv("TMPDIR");
    throw std::runtime_error("no folder for temporary files (TMPDIR=" + std::string(env ? env : "") + "): " +
                             ec.message() + "; set TMPDIR to a writable folder");
  }
  return dir;
}

}  // namespace

SpillFile::SpillFile(const std::filesystem::path& dir) : dir_(dir.empty() ? temp_folder() : dir) {
  fd_ = ::open(dir_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd_ < 0 && (errno == EOPNOTSUPP || errno == EISDIR)) {
    // A file system without O_TMPFILE (NFS; EISDIR from kernels before 3.11): a named file,
    // unlinked at once, private (0600) for the moment it has a name.
    std::string name = (dir_ / "mediascan-spill-XXXXXX").string();
    fd_ = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd_ >= 0) ::unlink(name.c_str());
  }
  if (fd_ < 0)
    throw std::runtime_error("cannot make a temporary file in " + dir_.string() + ": " + std::strerror(errno) +
                             (dir.empty() ? " (set TMPDIR to a writable folder)" : ""));
}

SpillFile::~SpillFile() { ::close(fd_); }

SpillFile::Ref SpillFile::put(std::string_view bytes) {
  const Ref ref{end_, bytes.size()};
  while (!bytes.empty()) {
    const ssize_t n = ::pwrite(fd_, bytes.data(), bytes.size(), off_t(end_));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw std::runtime_error("cannot write a temporary file in " + dir_.string() + ": " + std::strerror(errno) +
                               " (TMPDIR chooses the folder)");
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
    if (n <= 0)
      throw std::runtime_error("cannot read a temporary file in " + dir_.string() + ": " +
                               (n == 0 ? std::string("it is shorter than written") : std::strerror(errno)));
    done += size_t(n);
  }
  return out;
}

SpillLog::SpillLog(std::filesystem::path dir) : dir_(std::move(dir)) {}
SpillLog::SpillLog(SpillLog&&) noexcept = default;
SpillLog& SpillLog::operator=(SpillLog&&) noexcept = default;
SpillLog::~SpillLog() = default;

void SpillLog::push_back(std::string_view record) {
  if (!file_) file_ = std::make_unique<SpillFile>(dir_);
  refs_.push_back(file_->put(record));
}

std::string SpillLog::at(size_t i) const {
  const SpillFile::Ref ref = refs_.at(i);  // before file_, which a log never written lacks
  return file_->get(ref);
}

void SpillFile::release(Ref ref) {
  if (ref.size > 0)
    (void)::fallocate(fd_, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, off_t(ref.offset), off_t(ref.size));
}

}  // namespace mediascan::util
