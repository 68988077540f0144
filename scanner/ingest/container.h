// One level of an export: an archive (through libarchive) or a folder on disk, read entry by
// entry. The ExportReader stacks containers to open archives inside archives.
//
// Thread-safety: a Container is used by one thread at a time (the pipeline's serial reader).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "scanner/util/file_bytes.h"

namespace mediascan {

struct EntryHeader {
  enum class Type { file, directory, symlink, hardlink, special };
  std::string name;           // as the container names it, made valid UTF-8
  Type type = Type::file;
  int64_t declared_size = -1; // what the container claims; a hint, never trusted
  int64_t mtime = 0;          // modification time, seconds since 1970 (0 when unknown)
  bool encrypted = false;
  // Why the entry cannot be read, when the container knew it on listing it (a folder's file or
  // sub-folder the user may not open); empty otherwise.
  std::string error;
  // Damage the container skipped just before this entry (a tar header whose checksum fails:
  // libarchive moves on a block at a time to the next sound header); empty when there was none.
  std::string damage_before;
};

class Container {
 public:
  enum class Next { entry, end, error };
  virtual ~Container() = default;

  // Moves to the next entry, skipping the rest of the current one.
  virtual Next next(EntryHeader& header) = 0;
  // Reads up to `n` bytes of the current entry: bytes read, 0 at its end, -1 on error.
  virtual long read(char* buf, size_t n) = 0;
  // Bytes consumed from the underlying (compressed) input so far, for the ratio limit.
  virtual uint64_t raw_position() const = 0;
  // What the ratio limit judges an entry by: the raw bytes consumed since `raw_start` (taken
  // when its header was handed over), plus what may have been read of it before, `ahead`: the
  // input goes to libarchive a block at a time, so up to kReadAhead of the entry's bytes may
  // already have been counted (fewer when the entry is known to be shorter). Without them, an
  // entry of 1 MiB or more whose compressed bytes fit in those blocks (a JSON file deflating
  // 20-fold) was taken for a compression bomb.
  uint64_t raw_since(uint64_t raw_start, uint64_t ahead) const {
    const uint64_t now = raw_position();
    return (now > raw_start ? now - raw_start : 0) + ahead;
  }
  static constexpr uint64_t kReadAhead = 2 * 64 * 1024;  // two of the 64 KiB blocks
  // True when skipping an entry costs no decompression (seekable zip, folder): then unread data
  // is skipped; otherwise the reader reads it through so that limits see every byte.
  virtual bool cheap_skip() const = 0;
  // Of an archive read through a decompressor (a tgz): stop (next() and read() fail, and
  // over_limit() says why) once more than `bytes` came out of the decompressor, besides a few KiB
  // per entry for headers. Skipping the rest of an entry refused after its first MiB
  // decompresses all of it: 16 GiB of zeros in 3 MB of xz took minutes, bounded by nothing.
  virtual void limit_decompressed(uint64_t /*bytes*/) {}
  virtual bool over_limit() const { return false; }
  // Of an archive read through a decompressor (a tgz): whether input is left that the archive's
  // reader never asked for. At the archive's end that means its end came early, in data that
  // only looks like an archive's end (zeros where a download was cut short).
  virtual bool input_left_unread() const { return false; }
  // Why the last call failed.
  virtual std::string error_message() const = 0;
  // The current entry as a file of its own, read where it is (a folder's file), when the
  // container has one and it can be opened; nullopt otherwise.
  virtual std::optional<util::FileBytes> current_file() const { return std::nullopt; }
};

// Each returns nullptr and sets `error` when the input cannot be opened as a container.
// `stream_zip`: read a zip front to back from its local headers, as a stream, instead of
// loading its whole central directory first (libarchive's seekable reader holds every entry of
// the directory in memory: hundreds of bytes each, for a directory that may list millions).
std::unique_ptr<Container> open_archive_file(const std::filesystem::path& path, std::string& error,
                                             bool stream_zip = false);
// Takes `bytes` (owned by the container for its lifetime) only on success; on failure they
// are left to the caller.
std::unique_ptr<Container> open_archive_memory(std::string& bytes, std::string& error);
// Reads the archive in `file` (a nested archive decompressed into a temporary file).
std::unique_ptr<Container> open_archive_bytes(util::FileBytes file, std::string& error);
// Why a file whose magic names a compression (gzip, bzip2, xz, zstd) but that holds no archive
// cannot be decompressed, judged on its first `upto` decompressed bytes: a tarball cut short in
// its first block is such a file. nullopt when those bytes decompress cleanly. The memory
// overload gives `bytes` back as they were.
std::optional<std::string> compressed_damage(std::string& bytes, uint64_t upto);
std::optional<std::string> compressed_damage(util::FileBytes file, uint64_t upto);
std::unique_ptr<Container> open_folder(const std::filesystem::path& path, std::string& error);

}  // namespace mediascan
