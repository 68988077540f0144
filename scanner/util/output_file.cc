#include "scanner/util/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace mediascan::util {
namespace {
std::runtime_error io_error(const std::string& what, const std::filesystem::path& p) {
  return std::runtime_error(what + " " + p.string() + ": " + std::strerror(errno));
}
}  // namespace

OutputFile::OutputFile(std::filesystem::path target, unsigned mode) : target_(std::move(target)) {
  std::string pattern = target_.string() + ".tmp-XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  fd_ = ::mkstemp(buf.data());
  if (fd_ < 0) throw io_error("cannot create", target_);
  temp_ = buf.data();
  ::fchmod(fd_, mode);
}

OutputFile::~OutputFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!temp_.empty()) ::unlink(temp_.c_str());
}

void OutputFile::write(std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd_, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw io_error("cannot write", target_);
    data.remove_prefix(size_t(n));
  }
}

void OutputFile::commit() {
  if (::fsync(fd_) != 0 || ::close(fd_) != 0) {
    fd_ = -1;
    throw io_error("cannot write", target_);
  }
  fd_ = -1;
  if (::rename(temp_.c_str(), target_.c_str()) != 0) throw io_error("cannot rename into", target_);
  temp_.clear();
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

void write_file_atomically(const std::filesystem::path& target, std::string_view data,
                           unsigned mode) {
  OutputFile out(target, mode);
  out.write(data);
  out.commit();
}

}  // namespace mediascan::util
