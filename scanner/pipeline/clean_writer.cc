#include "scanner/pipeline/clean_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <libdeflate.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <utility>
#include <stdexcept>


#include "scanner/util/crc32.h"
#include "scanner/util/spill_file.h"

namespace mediascan {
namespace {

namespace fs = std::filesystem;

std::runtime_error archive_failure(archive* a, const std::string& what) {
  const char* m = archive_error_string(a);
  return std::runtime_error(what + ": " + (m ? m : "unknown error"));
}

// Already-compressed media gain nothing from deflate; storing them is faster and keeps the
// bytes recognisable.
bool worth_compressing(std::string_view bytes) {
  return is_archive(detect_media_type(bytes)) ? false : kind_of(detect_media_type(bytes)) == Kind::other;
}

// Same container format as the archive being rebuilt.
void set_format(archive* a, MediaType type) {
  switch (type) {
    case MediaType::zip: archive_write_set_format_zip(a); break;
    case MediaType::sevenzip: archive_write_set_format_7zip(a); break;
    case MediaType::gzip:
      archive_write_set_format_pax_restricted(a);
      archive_write_add_filter_gzip(a);
      archive_write_set_filter_option(a, "gzip", "timestamp", nullptr);  // not the time of the run
      break;
    case MediaType::bzip2: archive_write_set_format_pax_restricted(a); archive_write_add_filter_bzip2(a); break;
    case MediaType::xz: archive_write_set_format_pax_restricted(a); archive_write_add_filter_xz(a); break;
    case MediaType::zstd: archive_write_set_format_pax_restricted(a); archive_write_add_filter_zstd(a); break;
    default: archive_write_set_format_pax_restricted(a); break;
  }
}

// A rebuilt archive's bytes go to its temporary file, their CRC worked out on the way.
struct Rebuilt {
  util::SpillFile file;
  uint32_t crc = 0;
};

la_ssize_t append_to_spill(archive* a, void* client, const void* buf, size_t n) {
  auto* out = static_cast<Rebuilt*>(client);
  try {
    out->file.put(std::string_view(static_cast<const char*>(buf), n));
  } catch (const std::runtime_error& e) {
    archive_set_error(a, EIO, "%s", e.what());
    return -1;
  }
  out->crc = libdeflate_crc32(out->crc, buf, n);
  return la_ssize_t(n);
}

}  // namespace

// An archive inside the export being rebuilt, in an unnamed temporary file (it may be gigabytes).
struct CleanWriter::Nested {
  std::string path;
  int64_t mtime = 0;
  archive* a = nullptr;
  bool zip = false;
  std::shared_ptr<Rebuilt> bytes;
  ~Nested() {
    if (a) archive_write_free(a);
  }
};

CleanWriter::CleanWriter(fs::path out, double max_ratio)
    : out_(std::move(out)), max_ratio_(max_ratio), zip_(zip_output(out_)) {
  std::string pattern = out_.string() + ".tmp-XXXXXX";
  if (zip_) {
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error("cannot create " + out_.string());
    ::fchmod(fd, 0600);
    temp_ = pattern;
    fd_ = fd;
    top_ = std::make_unique<ZipWriter>(fd, out_.string());
  } else {
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create " + out_.string());
    temp_ = pattern;
  }
}

CleanWriter::~CleanWriter() {
  nested_.clear();
  top_.reset();
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !temp_.empty()) {
    std::error_code ec;
    fs::remove_all(temp_, ec);
  }
}

std::string CleanWriter::relative(const std::string& path) const {
  if (nested_.empty()) return path;
  const std::string& prefix = nested_.back()->path;
  return path.substr(prefix.size() + 1);
}

void CleanWriter::begin_in_archive(archive* a, bool zip, const std::string& name, uint64_t size, int64_t mtime,
                                   bool directory, bool compress) {
  archive_entry* e = archive_entry_new();
  archive_entry_set_pathname_utf8(e, (directory ? name + "/" : name).c_str());
  archive_entry_set_filetype(e, directory ? AE_IFDIR : AE_IFREG);
  archive_entry_set_perm(e, directory ? 0755 : 0644);
  archive_entry_set_mtime(e, mtime, 0);
  archive_entry_set_size(e, la_int64_t(size));
  // An OpenDocument or EPUB file names its type in a first entry "mimetype", which its readers
  // require stored, not deflated.
  if (zip && name == "mimetype") compress = false;
  if (zip) {
    if (compress) archive_write_zip_set_compression_deflate(a);
    else archive_write_zip_set_compression_store(a);
  }
  if (archive_write_header(a, e) != ARCHIVE_OK) {
    archive_entry_free(e);
    throw archive_failure(a, "cannot write " + name);
  }
  archive_entry_free(e);
}

void CleanWriter::add_to_archive(archive* a, bool zip, const std::string& name, std::string_view bytes,
                                 std::string_view tail, int64_t mtime, bool directory) {
  // A tail is only ever a photo's: never compressed.
  const bool compress = worth_compressing(bytes) && !(zip && ZipWriter::deflates_too_densely(bytes, max_ratio_));
  begin_in_archive(a, zip, name, bytes.size() + tail.size(), mtime, directory, compress);
  for (const std::string_view piece : {bytes, tail})
    if (!piece.empty() && archive_write_data(a, piece.data(), piece.size()) != la_ssize_t(piece.size()))
      throw archive_failure(a, "cannot write " + name);
}

void CleanWriter::begin_archive(const std::string& path, MediaType type, int64_t mtime) {
  auto n = std::make_unique<Nested>();
  n->path = path;
  n->mtime = mtime;
  n->zip = type == MediaType::zip;
  n->bytes = std::make_shared<Rebuilt>();
  n->a = archive_write_new();
  set_format(n->a, type);
  archive_write_set_bytes_in_last_block(n->a, 1);
  if (archive_write_open2(n->a, n->bytes.get(), nullptr, append_to_spill, nullptr, nullptr) != ARCHIVE_OK)
    throw archive_failure(n->a, "cannot rebuild " + path);
  nested_.push_back(std::move(n));
}

void CleanWriter::end_archive() {
  if (nested_.empty()) return;
  std::unique_ptr<Nested> n = std::move(nested_.back());
  nested_.pop_back();
  if (archive_write_close(n->a) != ARCHIVE_OK) throw archive_failure(n->a, "cannot rebuild " + n->path);
  const util::FileBytes rebuilt(n->bytes, n->bytes->file.fd(), 0, n->bytes->file.size(), "the rebuilt " + n->path);
  file(n->path, rebuilt, n->mtime, n->bytes->crc);
}

bool CleanWriter::rebuilding(const std::string& path) const { return !nested_.empty() && nested_.back()->path == path; }

void CleanWriter::add_nested(const std::string& path, std::string_view bytes, std::string_view tail, int64_t mtime,
                             bool directory) {
  const Nested& n = *nested_.back();
  try {
    add_to_archive(n.a, n.zip, relative(path), bytes, tail, mtime, directory);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error("cannot rebuild " + n.path + ": " + e.what());
  }
}

ZipWriter::Prepared CleanWriter::prepare(std::string_view bytes, std::string_view tail, std::optional<uint32_t> crc,
                                         double max_ratio) {
  // By its first bytes: `tail` is never a file's start (only a photo has one).
  if (worth_compressing(bytes)) {
    if (!tail.empty()) return prepare(std::string(bytes).append(tail), {}, crc, max_ratio);
    ZipWriter::Prepared p = ZipWriter::prepare(bytes, true, crc);
    if (bytes.size() > Limits().ratio_floor_bytes && !p.deflated.empty() &&
        ZipWriter::stream_too_dense(p.deflated, bytes.size(), max_ratio))
      p.deflated.clear();
    return p;
  }
  if (crc) return {*crc, {}};
  return {util::crc32_concat(util::crc32(bytes), util::crc32(tail), tail.size()), {}};
}

namespace {

// Errors that come from the entry's name, not from the output: the entry is left out.
bool name_error(int err) {
  return err == ENAMETOOLONG || err == EEXIST || err == ENOTDIR || err == EISDIR || err == EILSEQ || err == EINVAL;
}

// A zip names an entry in at most 65535 bytes.
const std::string& checked_zip_name(const std::string& path) {
  if (path.size() + 1 > 0xFFFF)
    throw EntryNotWritten("a zip cannot hold an entry of a name this long (" + std::to_string(path.size()) +
                          " bytes): " + path.substr(0, 200));
  return path;
}

[[noreturn]] void write_failure(int err, const std::string& path, const fs::path& target) {
  if (name_error(err))
    throw EntryNotWritten("the cleaned folder cannot hold an entry of this name (" + std::string(std::strerror(err)) +
                          "): " + path);
  throw std::runtime_error("cannot write " + target.string() + ": " + std::strerror(err));
}

void write_to(int fd, std::string_view bytes, const fs::path& target) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("cannot write " + target.string() + ": " + std::strerror(n < 0 ? errno : EIO));
    bytes.remove_prefix(size_t(n));
  }
}

}  // namespace

void CleanWriter::directory(const std::string& path, int64_t mtime) {
  if (!nested_.empty()) return add_nested(path, {}, {}, mtime, true);
  if (top_) return top_->directory(checked_zip_name(path), mtime);
  std::error_code ec;
  fs::create_directories(temp_ / path, ec);
  if (ec) write_failure(ec.value(), path, temp_ / path);
}

void CleanWriter::file(const std::string& path, std::string_view bytes, int64_t mtime,
                       const ZipWriter::Prepared* prepared, std::string_view tail) {
  if (!nested_.empty()) return add_nested(path, bytes, tail, mtime, false);
  if (top_) {
    const std::string& name = checked_zip_name(path);
    if (prepared) return top_->file(name, bytes, *prepared, mtime, tail);
    return top_->file(name, bytes, prepare(bytes, tail, std::nullopt, max_ratio_), mtime, tail);
  }
  fs::path target;
  const int fd = create_in_folder(path, target);
  try {
    write_to(fd, bytes, target);
    write_to(fd, tail, target);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) throw std::runtime_error("cannot write " + target.string() + ": " + std::strerror(errno));
}

int CleanWriter::create_in_folder(const std::string& path, fs::path& target) {
  // Folder output: `path` passed the reader's checks (relative, no "..", no links), and every
  // folder under temp_ was made here, so the write stays inside the output.
  target = temp_ / path;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) write_failure(ec.value(), path, target);
  const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) write_failure(errno, path, target);
  return fd;
}

void CleanWriter::file(const std::string& path, const util::ByteSource& bytes, int64_t mtime, uint32_t crc,
                       const util::ByteSource* deflated, bool compressible) {
  if (!nested_.empty()) {
    const Nested& n = *nested_.back();
    if (compressible && n.zip) {
      ZipWriter::DensityProbe probe(max_ratio_, bytes.size());
      try {
        bytes.for_each_chunk([&](std::string_view piece) { probe.add(piece); });  // once settled, only read
      } catch (const util::ReadError& e) {
        throw EntryNotWritten(e.what());
      }
      compressible = !probe.dense();
    }
    try {
      begin_in_archive(n.a, n.zip, relative(path), bytes.size(), mtime, false, compressible);
      bytes.for_each_chunk([&](std::string_view piece) {
        if (archive_write_data(n.a, piece.data(), piece.size()) != la_ssize_t(piece.size()))
          throw archive_failure(n.a, "cannot write " + relative(path));
      });
    } catch (const std::runtime_error& e) {  // a half-written archive cannot leave one entry out
      throw std::runtime_error("cannot rebuild " + n.path + ": " + e.what());
    }
    return;
  }
  try {
    if (top_) return top_->file(checked_zip_name(path), bytes, crc, mtime, deflated);
  } catch (const util::ReadError& e) {
    throw EntryNotWritten(e.what());
  }
  fs::path target;
  const int fd = create_in_folder(path, target);
  try {
    bytes.for_each_chunk([&](std::string_view piece) { write_to(fd, piece, target); });
  } catch (const util::ReadError& e) {
    ::close(fd);
    ::unlink(target.c_str());
    throw EntryNotWritten(e.what());
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) throw std::runtime_error("cannot write " + target.string() + ": " + std::strerror(errno));
}

void CleanWriter::commit() {
  while (!nested_.empty()) end_archive();
  if (top_) {
    top_->finish();
    top_.reset();
    const int fd = std::exchange(fd_, -1);
    const bool synced = ::fsync(fd) == 0;
    const int err = synced ? 0 : errno;
    if (::close(fd) != 0 || !synced)
      throw std::runtime_error("cannot write " + out_.string() + ": " + std::strerror(synced ? errno : err));
  }
  std::error_code ec;
  fs::rename(temp_, out_, ec);
  if (ec) throw std::runtime_error("cannot rename into " + out_.string() + ": " + ec.message());
  committed_ = true;
}

}  // namespace mediascan
