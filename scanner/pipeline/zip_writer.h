// Writes a zip file straight to a file descriptor, for the cleaned export's top level. Unlike
// libarchive's writer it takes each entry's CRC-32 and compressed bytes from the caller, so the
// pipeline's workers work them out in parallel (prepare()) and the serial writer only writes:
// one writev per entry, no CRC pass and no copy through a block buffer.
//
// ZIP64 fields are written where a size, an offset or the number of entries needs them;
// non-ASCII names that are valid UTF-8 get the UTF-8 flag (ExportReader's names always are);
// each entry carries its modification time as an extended-timestamp field besides the DOS time.
// The central directory is made as the entries are written and set aside in a temporary file
// ($TMPDIR) until finish(): about 150 bytes an entry that memory would otherwise hold to the end.
//
// Thread-safety: prepare() is thread-safe; everything else is for one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/util/file_bytes.h"
#include "scanner/util/spill_file.h"

namespace mediascan {

class ZipWriter {
  class Deflater;  // zlib a piece at a time, each piece flushed (zip_writer.cc)

 public:
  // An entry's data as it goes into the zip.
  struct Prepared {
    uint32_t crc = 0;       // of the uncompressed bytes
    std::string deflated;   // the raw deflate stream; empty to store the bytes as they are
  };
  // CRC-32 of `bytes` (`crc` when given) and, when `compress` and deflate makes them smaller,
  // their deflate stream.
  static Prepared prepare(std::string_view bytes, bool compress, std::optional<uint32_t> crc = std::nullopt);

  // `fd` stays the caller's; writing starts at its offset 0. `name` is for error messages.
  ZipWriter(int fd, std::string name, bool force_zip64 = false);
  ~ZipWriter();

  // Throw std::runtime_error when the file cannot be written. The entry's bytes are `bytes`
  // followed by `tail` (a cleaned photo's new head and its original scans, never joined in
  // memory); `prepared` is of them all.
  void file(const std::string& name, std::string_view bytes, const Prepared& prepared, int64_t mtime,
            std::string_view tail = {});
  // An entry read in pieces (a big file kept in a file): stored, or, with `deflated`, its deflate
  // stream from deflate_to_file(). `crc` is of the bytes. When they cannot be read
  // (util::ReadError), what was written of the entry is taken back and the ReadError goes on:
  // the zip stays whole, without that entry.
  void file(const std::string& name, const util::ByteSource& bytes, uint32_t crc, int64_t mtime,
            const util::ByteSource* deflated = nullptr);
  // The raw deflate stream of `bytes`, made a MiB at a time into an unnamed temporary file, and
  // their CRC-32; nullopt (the crc still set) when deflating does not make them smaller, or when
  // any of the stream's prefixes is too_dense for `max_ratio`.
  // Thread-safe. Throws util::ReadError, or std::runtime_error when the temporary file fails.
  static std::optional<util::FileBytes> deflate_to_file(const util::ByteSource& bytes, uint32_t& crc,
                                                        double max_ratio);

  // An entry deflated too densely is taken for a compression bomb by a reader that judges by
  // `max_ratio`, as ExportReader does on every prefix of an entry past Limits::ratio_floor_bytes
  // (a sidecar padded with megabytes of spaces deflates a thousandfold). The cleaned export
  // stores such an entry, so that it can be read again: by the verification, by a later scan.
  //
  // Whether `in` bytes deflated into `out` come near that: past the floor, more than half
  // `max_ratio`. Half, as the margin for a reader that judges at another point of the stream,
  // or a deflater that shrinks more than the one judged.
  static bool too_dense(uint64_t in, uint64_t out, double max_ratio);
  // Judges `size` bytes fed in order by too_dense on every prefix 256 KiB apart, deflating them
  // with zlib at its default level, libarchive's (what comes out is dropped). Settled as soon as
  // what came out is more than `size` over half `max_ratio`: no prefix can be too dense then,
  // and most text gets there in its first tenth. One per thread.
  class DensityProbe {
   public:
    DensityProbe(double max_ratio, uint64_t size);
    ~DensityProbe();
    void add(std::string_view bytes);  // the next bytes
    bool dense() const { return dense_; }
    bool settled() const { return dense_ || light_; }

   private:
    std::unique_ptr<Deflater> deflater_;
    double max_ratio_;
    uint64_t size_;
    bool dense_ = false, light_ = false;
  };
  // The same for bytes held whole (false at once when they do not pass the floor).
  static bool deflates_too_densely(std::string_view bytes, double max_ratio);
  // Whether a raw deflate stream (prepare()'s) of `size` bytes is too_dense on any prefix of
  // what it inflates to, 256 KiB apart; settled early as DensityProbe is.
  static bool stream_too_dense(std::string_view deflated, uint64_t size, double max_ratio);
  void directory(const std::string& name, int64_t mtime);  // `name` without the trailing '/'
  // Writes the central directory. The file is complete after it; the caller syncs and closes.
  void finish();

  uint64_t bytes_written() const { return offset_; }

 private:
  struct Record {  // what the central directory needs of an entry
    std::string name;
    uint32_t crc = 0;
    uint64_t compressed = 0, size = 0, offset = 0;
    uint16_t method = 0, dos_time = 0, dos_date = 0;
    uint32_t mtime = 0;
    bool directory = false;
  };
  static void put_fields(std::string& out, const Record& r, uint16_t version, bool big_compressed, bool big_size,
                         uint16_t extra_len);
  void add(Record r, std::string_view data, std::string_view tail = {});
  // The entry's local header, for an entry starting at the current offset.
  std::string local_header(Record& r) const;
  // The entry's central directory header, appended to directory_.
  void add_to_directory(const Record& r);
  void write_all(std::string_view a, std::string_view b = {}, std::string_view c = {});

  int fd_;
  std::string name_;
  bool force_zip64_;
  uint64_t offset_ = 0;
  uint64_t synced_ = 0;  // bytes handed to writeback so far
  std::string directory_;  // central directory headers not yet set aside
  std::unique_ptr<util::SpillFile> directory_file_;
  std::vector<util::SpillFile::Ref> directory_runs_;  // set aside, in order
  uint64_t entries_ = 0;
  bool finished_ = false;
};

}  // namespace mediascan
