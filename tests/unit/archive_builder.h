// Builds small archives in memory for the ingest tests, through libarchive's writer.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace mediascan::test {

struct TestEntry {
  TestEntry(std::string n, std::string d, unsigned t = AE_IFREG, std::string l = {}, bool h = false)
      : name(std::move(n)), data(std::move(d)), type(t), link(std::move(l)), hardlink(h) {}
  std::string name;
  std::string data;
  unsigned type = AE_IFREG;  // AE_IFLNK, AE_IFCHR, ...
  std::string link;          // symlink target, or hard link target when `hardlink`
  bool hardlink = false;
};

enum class Format { zip, tar_gz, tar, sevenzip };

inline std::string build_archive(const std::vector<TestEntry>& entries, Format format,
                                 const char* options = nullptr) {
  archive* a = archive_write_new();
  switch (format) {
    case Format::zip: archive_write_set_format_zip(a); break;
    case Format::tar_gz: archive_write_set_format_pax_restricted(a); archive_write_add_filter_gzip(a); break;
    case Format::tar: archive_write_set_format_pax_restricted(a); break;
    case Format::sevenzip: archive_write_set_format_7zip(a); break;
  }
  if (options && archive_write_set_options(a, options) != ARCHIVE_OK)
    throw std::runtime_error(archive_error_string(a));
  std::string out(64 << 20, '\0');
  size_t used = 0;
  archive_write_set_bytes_in_last_block(a, 1);
  if (archive_write_open_memory(a, out.data(), out.size(), &used) != ARCHIVE_OK)
    throw std::runtime_error(archive_error_string(a));
  for (const TestEntry& t : entries) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, t.name.c_str());
    archive_entry_set_mtime(e, 1700000000, 0);
    archive_entry_set_perm(e, 0644);
    if (t.hardlink) {
      archive_entry_set_filetype(e, AE_IFREG);
      archive_entry_set_hardlink(e, t.link.c_str());
      archive_entry_set_size(e, 0);
    } else {
      archive_entry_set_filetype(e, t.type);
      if (t.type == AE_IFLNK) archive_entry_set_symlink(e, t.link.c_str());
      archive_entry_set_size(e, t.type == AE_IFREG ? la_int64_t(t.data.size()) : 0);
    }
    if (archive_write_header(a, e) != ARCHIVE_OK) throw std::runtime_error(archive_error_string(a));
    if (t.type == AE_IFREG && !t.hardlink && !t.data.empty())
      archive_write_data(a, t.data.data(), t.data.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  out.resize(used);
  return out;
}

// A temporary folder removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "mediascan-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string write(const std::string& name, const std::string& data) const {
    const auto p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << data;
    return p.string();
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Minimal bytes each media detector accepts.
inline std::string jpeg_bytes(char fill = 'x') { return std::string("\xFF\xD8\xFF\xE0", 4) + std::string(600, fill); }
inline std::string png_bytes() { return std::string("\x89PNG\r\n\x1A\n", 8) + std::string(100, 'p'); }
inline std::string mp4_bytes() {
  return std::string("\0\0\0\x18" "ftypisom\0\0\x02\0isommp42", 24) + std::string(100, 'm');
}

}  // namespace mediascan::test
