// Writes a file so that readers never see it half-written: the contents go to a temporary file
// beside the target, which is renamed over the target only after a successful close.
// Thread-safety: one OutputFile per writer; not shared.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace mediascan::util {

class OutputFile {
 public:
  // Creates the temporary file with `mode` (e.g. 0600 for files holding private data).
  // Throws std::runtime_error with a message naming the path when it cannot be created.
  OutputFile(std::filesystem::path target, unsigned mode = 0644);
  ~OutputFile();  // removes the temporary file unless commit() succeeded
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void write(std::string_view data);  // throws std::runtime_error on failure
  void commit();                      // flush, fsync, rename into place; throws on failure
  const std::filesystem::path& target() const { return target_; }

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  int fd_ = -1;
};

// The whole contents of a file; empty when it cannot be read.
std::string read_file(const std::filesystem::path& path);

// Convenience: the whole contents at once.
void write_file_atomically(const std::filesystem::path& target, std::string_view data,
                           unsigned mode = 0644);

}  // namespace mediascan::util
