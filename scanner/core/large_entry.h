// An entry too big to hold in memory (a video of gigabytes) as the scan handles it: its bytes
// stay in a file (util::FileBytes), and only its structure is in memory. For an MP4/MOV/3GP,
// that is a skeleton: every top-level box as it is, except that each big media data box (mdat,
// free, skip) stands as an empty box of its type. Location lives in the boxes the skeleton keeps
// (moov, meta, uuid), so reading and stripping it works on the skeleton; stripping changes
// neither sizes nor offsets, so the cleaned file is the skeleton's boxes with the file's media
// data put back between them. Other formats have an empty skeleton: their bytes go on as they
// are, but for the values overwritten in place (a Matroska tag's, an AVI's XMP: `overwrite`).
//
// Thread-safety: one thread at a time; the file underneath may be shared (FileBytes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scanner/core/media_type.h"
#include "scanner/util/file_bytes.h"

namespace mediascan {

class LargeEntry : public util::ByteSource {
 public:
  // Entries at least this big are kept in a file when their kind allows (ingest's kept_in_file).
  static constexpr uint64_t kFrom = uint64_t{16} << 20;
  // The most a skeleton may hold: a moov of more is reported, not read.
  static constexpr uint64_t kMaxSkeleton = uint64_t{64} << 20;

  // Reads the top-level boxes of an MP4/MOV/3GP from `file`; throws std::runtime_error when
  // the file cannot be read.
  LargeEntry(util::FileBytes file, MediaType type);

  // The structure the metadata stage reads and strips in place (REQUIRES: its size stays).
  std::string skeleton;
  // Set when the box structure is damaged or too big for a skeleton: the skeleton then holds
  // what could be made of it, and reading its metadata must count as incomplete.
  std::optional<std::string> problem;
  // Boxes were left out of the skeleton unread (more than kMaxSkeleton of them): what they hold
  // cannot be cleaned.
  bool unread = false;

  // From now on the entry holds `bytes` at `at` instead of what was there (REQUIRES: at +
  // bytes.size() <= size()): how an entry without a skeleton is cleaned, its size unchanged.
  void overwrite(uint64_t at, std::string bytes);

  const util::FileBytes& file() const { return file_; }
  // The entry as it is now: the skeleton's bytes (changed or not), the media data from the file.
  uint64_t size() const override;
  void for_each_chunk(const util::Chunks& out) const override;

 private:
  // At skeleton offset `at`, an empty box of `header` bytes stands for the file's bytes
  // [offset, offset + length), a box with its header.
  struct Cut {
    size_t at = 0;
    size_t header = 0;
    uint64_t offset = 0, length = 0;
  };
  struct Overwrite {
    uint64_t at = 0;
    std::string bytes;
  };
  // The entry's bytes as the skeleton and the cuts make them, in pieces.
  void each_piece(const util::Chunks& out) const;

  util::FileBytes file_;
  std::vector<Cut> cuts_;
  std::vector<Overwrite> overwrites_;
};

}  // namespace mediascan
