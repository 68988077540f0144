// Writes the cleaned copy of an export: the same entries in the same order, each either copied
// byte for byte or replaced by its cleaned version. Archives inside the export are rebuilt in
// their own format. A zip when the output ends in ".zip", else a folder; either way written
// under a temporary name and renamed into place by commit().
//
// Thread-safety: owned by the pipeline's serial writer.
#pragma once


#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/core/media_type.h"
#include "scanner/ingest/limits.h"
#include "scanner/util/text.h"
#include "scanner/pipeline/zip_writer.h"

struct archive;

namespace mediascan {

// One entry the output cannot hold under its name (a folder output on a file system that takes
// no name that long, or a file and a folder of the same name): that entry is left out, the rest
// of the cleaned export is written.
class EntryNotWritten : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class CleanWriter {
 public:
  // Throws std::runtime_error when the output cannot be created. What it writes must be read
  // again under `max_ratio` (--max-ratio): an entry too dense for it is stored, not deflated
  // (ZipWriter::too_dense).
  explicit CleanWriter(std::filesystem::path out, double max_ratio = Limits().max_ratio);
  ~CleanWriter();  // without commit(), removes everything written
  CleanWriter(const CleanWriter&) = delete;
  CleanWriter& operator=(const CleanWriter&) = delete;

  // Entries go into the innermost open archive; `path` is the entry's export path.
  void begin_archive(const std::string& path, MediaType type, int64_t mtime);
  void end_archive();
  // Whether `path` is the archive being rebuilt (begun, not yet ended).
  bool rebuilding(const std::string& path) const;
  // Throw EntryNotWritten for an entry the output cannot name, std::runtime_error when the
  // output itself fails.
  void directory(const std::string& path, int64_t mtime);
  // `prepared`, from prepare() on a worker, saves the serial writer the CRC and the deflating;
  // without it (or inside a nested archive) the writer works them out itself. The entry is
  // `bytes` followed by `tail` (a cleaned photo's new head and its original scans).
  void file(const std::string& path, std::string_view bytes, int64_t mtime,
            const ZipWriter::Prepared* prepared = nullptr, std::string_view tail = {});
  // What file() needs of an entry bound for the top-level zip, worked out off the writer's
  // thread; `crc`, when given, is the CRC-32 of `bytes` and `tail`, known from elsewhere;
  // `max_ratio` the writer's. Thread-safe.
  static ZipWriter::Prepared prepare(std::string_view bytes, std::string_view tail = {},
                                     std::optional<uint32_t> crc = std::nullopt,
                                     double max_ratio = Limits().max_ratio);
  // An entry read in pieces (a big file kept in a file). `crc`, of its bytes, and `deflated`
  // (ZipWriter::deflate_to_file, or null to store it) are what the top-level zip needs, worked
  // out on a worker; inside a rebuilt zip it is deflated when `compressible` (no media) and not
  // too dense (then read twice).
  // Throws EntryNotWritten when the bytes cannot be read.
  void file(const std::string& path, const util::ByteSource& bytes, int64_t mtime, uint32_t crc,
            const util::ByteSource* deflated = nullptr, bool compressible = false);
  void commit();

  // Whether an output of this name is written as a zip (else as a folder).
  static bool zip_output(const std::filesystem::path& out) {
    return util::to_lower_ascii(out.extension().string()) == ".zip";  // ".ZIP" too
  }
  const std::filesystem::path& output() const { return out_; }
  bool is_zip() const { return zip_; }

 private:
  struct Nested;
  static void begin_in_archive(archive* a, bool zip, const std::string& name, uint64_t size, int64_t mtime,
                               bool directory, bool compress);
  void add_to_archive(archive* a, bool zip, const std::string& name, std::string_view bytes,
                      std::string_view tail, int64_t mtime, bool directory);
  void add_nested(const std::string& path, std::string_view bytes, std::string_view tail, int64_t mtime,
                  bool directory);
  // Opens a new file of the folder output for `path`, throwing as file() says.
  int create_in_folder(const std::string& path, std::filesystem::path& target);
  std::string relative(const std::string& path) const;  // path inside the innermost archive

  std::filesystem::path out_;
  double max_ratio_;
  std::filesystem::path temp_;
  bool zip_;
  bool committed_ = false;
  std::unique_ptr<ZipWriter> top_;  // output zip (nullptr for a folder)
  int fd_ = -1;                     // of the output zip
  std::vector<std::unique_ptr<Nested>> nested_;
};

}  // namespace mediascan
