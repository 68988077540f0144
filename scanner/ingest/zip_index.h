// A zip's central directory, read by hand: where each entry's data starts, how it is
// compressed, its sizes and CRC-32. libarchive reads zips for everything else; this exists so a
// worker can inflate one entry with libdeflate (about twice zlib's speed) straight from the
// file, which libarchive has no interface for.
//
// Thread-safety: a ZipIndex is built by one thread, then constant.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace mediascan {

// pread until `n` bytes are read; false on an error or the end of the file.
bool read_exact_at(int fd, uint64_t offset, void* buf, size_t n);

struct ZipRecord {
  std::string name;
  uint16_t flags = 0;
  uint16_t method = 0;  // 0 stored, 8 deflate, others: not handled here
  uint32_t crc = 0;
  uint64_t compressed = 0, uncompressed = 0;
  uint64_t local_offset = 0;  // of the local file header
  uint64_t data_offset = 0;   // of the (compressed) data, after the local header
};

// The first `n` bytes of an entry's data (fewer when it is shorter), read at its offset and, when
// deflated, inflated only that far: for a reader that needs the head of an entry whose whole
// data a worker reads later. nullopt when it cannot be read or inflated.
std::optional<std::string> read_zip_head(int fd, const ZipRecord& r, size_t n);

class ZipIndex {
 public:
  // Reads the central directory of the zip at `fd` (ZIP64 included), its first `max_records`
  // entries at most (the reader stops at --max-entries anyway; a directory of millions of empty
  // entries must not cost memory for the ones never read). nullopt when the file is no zip this
  // reader understands (the caller then keeps to libarchive). Records whose name is longer than
  // `max_name_bytes` are left out: the reader refuses those entries by name.
  static std::optional<ZipIndex> read(int fd, uint64_t max_records, uint64_t max_name_bytes);
  // The same for a zip of `size` bytes read through `read_at` (exactly n bytes at an offset,
  // false when it cannot): a zip inside the export, in memory or in a temporary file.
  using ReadAt = std::function<bool(uint64_t offset, void* buf, size_t n)>;
  static std::optional<ZipIndex> read(const ReadAt& read_at, uint64_t size, uint64_t max_records,
                                      uint64_t max_name_bytes);

  // The one record of `name`; nullptr when there is none, more than one, when its local
  // header gives another name, or when its data would lie outside the file.
  const ZipRecord* find(const std::string& name) const;
  // True when `name` is one of two names a single entry goes by: the central directory says
  // one, the local header another (extraction tools disagree on which they use).
  bool has_two_names(const std::string& name) const { return two_names_.count(name) > 0; }
  // True when the central directory and the local header of `name` give different compression
  // methods (a reader going by one sees other bytes than a reader going by the other).
  bool has_two_methods(const std::string& name) const { return two_methods_.count(name) > 0; }
  // The entries whose data overlap another entry's: the trick of a zip bomb that
  // makes one compressed kernel count for every entry pointing into it (each within the
  // compression ratio, together terabytes from a few megabytes). No tool writes such a zip;
  // Info-ZIP's unzip refuses it.
  const std::unordered_set<std::string>& overlapping() const { return overlapping_; }
  std::unordered_set<std::string> take_overlapping() { return std::move(overlapping_); }
  // Every record read, in the directory's order.
  const std::vector<ZipRecord>& records() const { return records_; }
  // How many entries the directory says the zip has (more than it read past max_records).
  uint64_t declared_entries() const { return declared_; }

 private:
  void find_overlaps(uint64_t size);  // of the file

  uint64_t declared_ = 0;
  std::vector<ZipRecord> records_;
  std::unordered_set<std::string> two_names_;
  std::unordered_set<std::string> two_methods_;
  std::unordered_set<std::string> overlapping_;
  // A hash of each record's name and the record's number, sorted (16 bytes an entry: a map
  // keyed by the names would hold each name twice).
  std::vector<std::pair<uint64_t, size_t>> by_hash_;
  std::vector<bool> unusable_;  // a name used twice, or a record find() must not give
};

}  // namespace mediascan
