#include "scanner/ingest/container.h"

#include <archive.h>
#include <archive_entry.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <system_error>
#include <vector>

#include "scanner/ingest/entry_path.h"
#include "scanner/util/text.h"

namespace mediascan {
namespace {

namespace fs = std::filesystem;

class ArchiveContainer final : public Container {
 public:
  // `raw`: the input is a compressed file (or none), read as one entry of its decompressed bytes.
  enum class Format { any, stream_zip, raw };
  explicit ArchiveContainer(Format format = Format::any) : a_(archive_read_new()) {
    archive_read_support_filter_all(a_);
    if (format == Format::stream_zip) archive_read_support_format_zip_streamable(a_);
    else if (format == Format::raw) archive_read_support_format_raw(a_);
    else support_archive_formats();
  }
  ~ArchiveContainer() override { archive_read_free(a_); }

  // A regular file only, read through the callbacks below (pread of its descriptor): a source is
  // read twice (indexed, then scanned), and a pipe's second read found nothing, an empty export.
  bool open_file(const fs::path& path, std::string& error) {
    // Non-blocking: a FIFO without a writer must not hang the open.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st {};
    if (fd >= 0 && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
      return open_bytes(util::FileBytes::adopt(fd, 0, uint64_t(st.st_size), path.string()), error);
    error = fd < 0 ? std::generic_category().message(errno) : "not a file";
    if (fd >= 0) ::close(fd);
    return false;
  }

  bool open_bytes(util::FileBytes file, std::string& error) {
    size_ = file.size();
    file_.emplace(std::move(file));
    block_.resize(kBlock);
    return open_callbacks(error);
  }

  bool open_memory(std::string& bytes, std::string& error) {
    bytes_.swap(bytes);
    size_ = bytes_.size();
    if (open_callbacks(error)) return true;
    bytes_.swap(bytes);
    return false;
  }

  // Gives back what open_memory() took.
  void release_memory(std::string& bytes) { bytes.swap(bytes_); }

  // How many filters (decompressors) libarchive put in front of the format's reader.
  int filters() const { return archive_filter_count(a_) - 1; }

  Next next(EntryHeader& h) override {
    archive_entry* e = nullptr;
    int r = archive_read_next_header(a_, &e);
    // ARCHIVE_RETRY: a damaged header, skipped. Every block of the data after it was retried as
    // a header in turn and each came back as an entry without a name: one error is what the
    // damage is worth.
    std::string damage;
    for (la_int64_t at = -1; r == ARCHIVE_RETRY; r = archive_read_next_header(a_, &e)) {
      if (damage.empty()) damage = message("damaged header");
      const la_int64_t now = archive_filter_bytes(a_, 0);
      if (now == at) return Next::error;  // a retry that reads nothing would never end
      at = now;
    }
    h.damage_before.clear();
    if (!damage.empty()) {
      h.damage_before = (last_name_.empty() ? std::string("at its start") : "after " + last_name_) +
                        ": a header that could not be read (" + damage + ") was skipped";
      if (r == ARCHIVE_EOF) {
        eof_damage_ = h.damage_before;
        return Next::error;
      }
    }
    if (r == ARCHIVE_EOF) return Next::end;
    // ARCHIVE_WARN still delivers a usable header; ARCHIVE_FAILED means this entry is bad but
    // the archive goes on; ARCHIVE_FATAL means nothing more can be read.
    if (r == ARCHIVE_FATAL || e == nullptr) return Next::error;
    if (format_ == 0) format_ = archive_format(a_);
    h.name = name_of(e);
    last_name_ = h.name;
    ++headers_;
    h.declared_size = archive_entry_size_is_set(e) ? archive_entry_size(e) : -1;
    h.encrypted = archive_entry_is_encrypted(e) != 0;
    h.mtime = archive_entry_mtime_is_set(e) ? archive_entry_mtime(e) : 0;
    const auto type = archive_entry_filetype(e);
    if (archive_entry_hardlink(e) != nullptr) h.type = EntryHeader::Type::hardlink;
    else if (type == AE_IFLNK || archive_entry_symlink(e) != nullptr) h.type = EntryHeader::Type::symlink;
    else if (type == AE_IFDIR) h.type = EntryHeader::Type::directory;
    else if (type == AE_IFREG || type == 0) h.type = EntryHeader::Type::file;
    else h.type = EntryHeader::Type::special;
    return Next::entry;
  }

  long read(char* buf, size_t n) override {
    const la_ssize_t got = archive_read_data(a_, buf, n);
    return got < 0 ? -1 : long(got);
  }

  uint64_t raw_position() const override { return handed_; }

  bool cheap_skip() const override { return (format_ & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP; }

  void limit_decompressed(uint64_t bytes) override { decompressed_limit_ = bytes; }
  bool over_limit() const override { return over_limit_; }

  bool input_left_unread() const override { return filters() > 0 && pos_ < size_; }

  std::string error_message() const override { return eof_damage_.empty() ? message("archive error") : eof_damage_; }

 private:
  // Every archive format libarchive reads but mtree, a text listing of files that carries none
  // of their data (any text file passed for one: a notes.txt was an export of 0 items), and the
  // "empty" format (a 0-byte file is no export).
  void support_archive_formats() {
    archive_read_support_format_7zip(a_);
    archive_read_support_format_ar(a_);
    archive_read_support_format_cab(a_);
    archive_read_support_format_cpio(a_);
    archive_read_support_format_iso9660(a_);
    archive_read_support_format_lha(a_);
    archive_read_support_format_rar(a_);
    archive_read_support_format_rar5(a_);
    archive_read_support_format_tar(a_);
    archive_read_support_format_warc(a_);
    archive_read_support_format_xar(a_);
    archive_read_support_format_zip(a_);
  }

  // The entry's name, valid UTF-8. libarchive hands a zip's name written without the UTF-8 flag
  // over as its bytes (it converts none in a UTF-8 locale): zip_name_to_utf8 decides what they
  // spell.
  std::string name_of(archive_entry* e) const {
    const char* bytes = archive_entry_pathname(e);
    if (bytes && (format_ & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP && !util::is_valid_utf8(bytes))
      return zip_name_to_utf8(bytes);
    const char* utf8 = archive_entry_pathname_utf8(e);
    const char* raw = utf8 ? utf8 : bytes;
    return util::to_valid_utf8(raw ? raw : "");
  }

  std::string message(const char* fallback) const {
    const char* m = archive_error_string(a_);
    return util::to_valid_utf8(m ? m : fallback);
  }

  // The input goes to libarchive through these callbacks, 64 KiB at a time, whether it is in
  // memory or in a file, and the bytes handed over are counted here: libarchive's own count
  // (archive_filter_bytes) did not move while a stored entry of an archive in memory was read,
  // and goes back when a format seeks (7z reads its header at the end first), so the ratio
  // limit took big stored or 7z entries for compression bombs.
  static constexpr size_t kBlock = 64 * 1024;

  bool open_callbacks(std::string& error) {
    archive_read_set_read_callback(a_, &ArchiveContainer::read_block);
    archive_read_set_skip_callback(a_, &ArchiveContainer::skip_bytes);
    archive_read_set_seek_callback(a_, &ArchiveContainer::seek_to);
    archive_read_set_callback_data(a_, this);
    if (archive_read_open1(a_) != ARCHIVE_OK) {
      error = "not an archive mediascan can read (" + message("unknown format") + ")";
      return false;
    }
    return true;
  }

  static la_ssize_t read_block(archive* a, void* self, const void** block) {
    auto* c = static_cast<ArchiveContainer*>(self);
    if (c->past_decompressed_limit()) {
      c->over_limit_ = true;
      archive_set_error(a, ERANGE, "more than %llu bytes came out of its decompressor (--max-total-size)",
                        static_cast<unsigned long long>(c->decompressed_limit_));
      return -1;
    }
    const size_t n = size_t(std::min<uint64_t>(kBlock, c->size_ - c->pos_));
    if (c->file_) {
      try {
        c->file_->read_into(c->pos_, c->block_.data(), n);
      } catch (const util::ReadError& e) {
        archive_set_error(a, EIO, "%s", e.what());
        return -1;
      }
      *block = c->block_.data();
    } else {
      *block = c->bytes_.data() + c->pos_;
    }
    c->pos_ += n;
    c->handed_ += n;
    return la_ssize_t(n);
  }
  bool past_decompressed_limit() const {
    if (decompressed_limit_ == 0 || archive_filter_count(a_) < 2) return false;
    const la_int64_t out = archive_filter_bytes(a_, 0);
    return out > 0 && uint64_t(out) > decompressed_limit_ + kHeaderAllowance * (headers_ + 1);
  }
  static constexpr uint64_t kHeaderAllowance = 8 * 1024;  // of an entry: its headers and padding

  static la_int64_t skip_bytes(archive*, void* self, la_int64_t request) {
    auto* c = static_cast<ArchiveContainer*>(self);
    const uint64_t n = std::min<uint64_t>(uint64_t(std::max<la_int64_t>(request, 0)), c->size_ - c->pos_);
    c->pos_ += n;
    return la_int64_t(n);
  }
  static la_int64_t seek_to(archive*, void* self, la_int64_t offset, int whence) {
    auto* c = static_cast<ArchiveContainer*>(self);
    const la_int64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? la_int64_t(c->pos_) : la_int64_t(c->size_);
    const la_int64_t target = base + offset;
    if (target < 0 || uint64_t(target) > c->size_) return ARCHIVE_FATAL;
    c->pos_ = uint64_t(target);
    return target;
  }

  archive* a_;
  std::string bytes_;                    // an archive opened from memory
  std::optional<util::FileBytes> file_;  // or from a file
  std::string block_;                    // what was read of the file for libarchive
  uint64_t size_ = 0, pos_ = 0;
  uint64_t handed_ = 0;                  // bytes handed to libarchive so far
  std::string last_name_;                // of the last entry handed over
  uint64_t headers_ = 0;                 // entries handed over
  uint64_t decompressed_limit_ = 0;      // 0: none
  bool over_limit_ = false;
  std::string eof_damage_;               // damage skipped before the archive's end
  int format_ = 0;
};

// A folder given as a source. Entries are listed up front, sorted, so reports are reproducible
// whatever order the file system returns; symbolic links are reported, never followed. A
// sub-folder or file that cannot be listed or opened is an entry with its error: the rest of the
// folder is still read (a sub-folder without permission ended the listing, silently dropping
// whatever the file system listed after it).
class FolderContainer final : public Container {
 public:
  bool open(const fs::path& root, std::string& error) {
    std::error_code ec;
    fs::directory_iterator probe(root, ec);
    if (ec) {
      error = ec.message();
      return false;
    }
    list(root, root, kNone);
    for (size_t i = 0; i < entries_.size(); ++i)
      if (entries_[i].first.type == EntryHeader::Type::directory) list(root, fs::path(entries_[i].second), i);
    std::sort(entries_.begin(), entries_.end(),
              [](const auto& a, const auto& b) { return a.first.name < b.first.name; });
    return true;
  }

  ~FolderContainer() override { close_file(); }

  Next next(EntryHeader& h) override {
    close_file();
    if (index_ >= entries_.size()) return Next::end;
    const auto& [header, path] = entries_[index_++];
    h = header;
    if (h.type == EntryHeader::Type::file && h.error.empty()) {
      fd_ = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
      // The entry's own error (a file of mode 000), not the folder's: the rest is read.
      if (fd_ < 0) h.error = "cannot open it: " + std::generic_category().message(errno);
    }
    return Next::entry;
  }

  long read(char* buf, size_t n) override {
    if (fd_ < 0) return -1;
    ssize_t got;
    do got = ::read(fd_, buf, n);
    while (got < 0 && errno == EINTR);
    if (got < 0) {
      error_ = std::generic_category().message(errno);
      return -1;
    }
    position_ += uint64_t(got);
    return long(got);
  }

  uint64_t raw_position() const override { return position_; }
  bool cheap_skip() const override { return true; }
  std::optional<util::FileBytes> current_file() const override {
    if (index_ == 0 || fd_ < 0) return std::nullopt;
    const fs::path& path = entries_[index_ - 1].second;
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    util::FileBytes file = util::FileBytes::adopt(fd, 0, regular ? uint64_t(st.st_size) : 0, path.string());
    if (!regular) return std::nullopt;
    return file;
  }
  std::string error_message() const override { return error_.empty() ? "read error" : error_; }

 private:
  static constexpr size_t kNone = size_t(-1);

  void close_file() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  // Adds the entries of `folder` (under `root`); a failure to list it becomes the error of its
  // own entry, entries_[self] (kNone for the root, which open() checked).
  void list(const fs::path& root, const fs::path& folder, size_t self) {
    const auto name_of = [&](const fs::path& p) { return util::to_valid_utf8(p.lexically_relative(root).generic_string()); };
    std::error_code ec;
    const auto failed = [&](const char* what) {
      if (self != kNone) entries_[self].first.error = what + ec.message();
    };
    fs::directory_iterator it(folder, ec), end;
    if (ec) return failed("cannot list this folder: ");
    for (; it != end; it.increment(ec)) {
      const fs::path& path = it->path();
      std::error_code stat_ec;
      const fs::file_status st = it->symlink_status(stat_ec);
      EntryHeader h;
      h.name = name_of(path);
      if (stat_ec) {
        // A folder readable but not searchable (r without x) lists its names, stats none.
        h.error = "cannot read it: " + stat_ec.message();
        entries_.push_back({std::move(h), path});
        continue;
      }
      if (fs::is_symlink(st)) h.type = EntryHeader::Type::symlink;
      else if (fs::is_directory(st)) h.type = EntryHeader::Type::directory;
      else if (fs::is_regular_file(st)) h.type = EntryHeader::Type::file;
      else h.type = EntryHeader::Type::special;
      if (h.type == EntryHeader::Type::file) h.declared_size = int64_t(it->file_size(stat_ec));
      struct stat info {};
      if (::lstat(path.c_str(), &info) == 0) h.mtime = info.st_mtime;
      entries_.push_back({std::move(h), path});
    }
    // Listing stopped part way (an I/O error): what was listed is read, the folder is named.
    if (ec) failed("listing this folder stopped part way: ");
  }

  std::vector<std::pair<EntryHeader, fs::path>> entries_;
  size_t index_ = 0;
  int fd_ = -1;             // the current entry's file
  std::string error_;       // why the last read() failed
  uint64_t position_ = 0;
};

// Why the raw container `c` (opened on a file whose magic names a compression) cannot be
// decompressed up to `upto` bytes; nullopt when it can.
std::optional<std::string> stream_damage(ArchiveContainer& c, uint64_t upto) {
  EntryHeader h;
  if (c.next(h) != Container::Next::entry) return c.error_message();
  // libarchive passes the bytes on as they are when no decompressor recognised their header.
  if (c.filters() == 0) return "its compressed header is damaged";
  std::vector<char> buf(64 * 1024);
  for (uint64_t got = 0; got < upto;) {
    const long n = c.read(buf.data(), size_t(std::min<uint64_t>(buf.size(), upto - got)));
    if (n < 0) return c.error_message();
    if (n == 0) break;
    got += uint64_t(n);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> compressed_damage(std::string& bytes, uint64_t upto) {
  ArchiveContainer c(ArchiveContainer::Format::raw);
  std::string why;
  if (!c.open_memory(bytes, why)) return why;
  std::optional<std::string> damage = stream_damage(c, upto);
  c.release_memory(bytes);
  return damage;
}

std::optional<std::string> compressed_damage(util::FileBytes file, uint64_t upto) {
  ArchiveContainer c(ArchiveContainer::Format::raw);
  std::string why;
  if (!c.open_bytes(std::move(file), why)) return why;
  return stream_damage(c, upto);
}

std::unique_ptr<Container> open_archive_file(const fs::path& path, std::string& error, bool stream_zip) {
  auto c = std::make_unique<ArchiveContainer>(stream_zip ? ArchiveContainer::Format::stream_zip
                                                         : ArchiveContainer::Format::any);
  if (!c->open_file(path, error)) return nullptr;
  return c;
}

std::unique_ptr<Container> open_archive_bytes(util::FileBytes file, std::string& error) {
  auto c = std::make_unique<ArchiveContainer>();
  if (!c->open_bytes(std::move(file), error)) return nullptr;
  return c;
}

std::unique_ptr<Container> open_archive_memory(std::string& bytes, std::string& error) {
  auto c = std::make_unique<ArchiveContainer>();
  if (!c->open_memory(bytes, error)) return nullptr;
  return c;
}

std::unique_ptr<Container> open_folder(const fs::path& path, std::string& error) {
  auto c = std::make_unique<FolderContainer>();
  if (!c->open(path, error)) return nullptr;
  return c;
}

}  // namespace mediascan
