// Streams the entries of an export: one or more sources (archives or folders) read in the
// order given, archives inside archives opened up to a depth limit, every safety limit applied
// to the bytes actually read. Memory use is bounded by the limits, not by the export's size.
//
// Thread-safety: one thread at a time (the pipeline's serial reader owns it).
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "scanner/core/item.h"
#include "scanner/core/media_type.h"
#include "scanner/ingest/container.h"
#include "scanner/ingest/limits.h"
#include "scanner/ingest/zip_index.h"
#include "scanner/util/file_bytes.h"
#include "scanner/util/sha256.h"

namespace mediascan {

// Where to find an entry again, so that a worker thread can read (and decompress) it while the
// serial reader moves on: the n-th entry of a source that can skip entries cheaply (a zip, a
// folder).
struct DeferredRead {
  std::string source_path;  // the SOURCE as given
  uint64_t ordinal = 0;     // 1 for the source's first entry
  std::string name;         // as the container names it, checked when it is read again
  int64_t declared_size = 0;
  std::shared_ptr<const ZipIndex> zip;  // the source's central directory, when it is a zip
};

struct Entry {
  // What the reader met. Only with ExportReader's `structure` on does it report directories and
  // the start and end of archives inside the export (so a writer can rebuild them).
  enum class Event { file, directory, archive_begin, archive_end };
  Event event = Event::file;
  std::string source;  // file name of the SOURCE the entry came from
  std::string path;    // path inside the export; nested archives give "outer.zip/inner/x.jpg"
  MediaType type = MediaType::unknown;
  uint64_t size = 0;   // bytes read (all of them when `complete`)
  std::string data;    // the first kMagicBytes, or the whole entry when it was wanted
  bool complete = false;
  std::optional<uint32_t> crc;  // CRC-32 of the whole `data`, when it was checked against the archive's
  int64_t mtime = 0;
  bool in_nested_archive = false;  // inside an archive inside the export, not in a source
  std::optional<ItemError> error;  // the entry could not be read safely; `data` may be empty
  // Set instead of reading the whole entry when the caller asked for Want::all_deferrable and
  // the entry can be read again cheaply: `data` holds the head only; EntryFetcher reads the rest.
  std::optional<DeferredRead> deferred;
  // The whole entry, when it was wanted whole but is too big to hold (kept_in_file): `data`
  // then holds its head only.
  std::optional<util::FileBytes> file;
};

// Whether an entry wanted whole is kept in a file instead of memory: one of
// LargeEntry::kFrom bytes or more that is a video or of no media kind, not an image (decoded and
// rewritten whole) nor a CSV or track-file sidecar (parsed and cleaned whole). A JSON sidecar
// is: the cleaner reads it a piece at a time (clean_sidecar_stream).
bool kept_in_file(std::string_view path, MediaType type, uint64_t size);

// What libarchive may have read of an entry before its header came (Container::raw_since): no
// more than its compressed bytes when its zip's central directory names them (`record`).
inline uint64_t read_ahead_of(const ZipRecord* record) {
  return record ? std::min(Container::kReadAhead, record->compressed) : Container::kReadAhead;
}

// How much of an entry the caller needs, decided from its path and detected type.
// all_deferrable: all of it, but a big entry of a zip or folder source may come back deferred
// (Entry::deferred) for a worker to read with its own EntryFetcher.
enum class Want { head, all, all_deferrable };
using WantFn = std::function<Want(const std::string& path, MediaType type)>;

class ExportReader {
 public:
  ExportReader(std::vector<std::string> sources, Limits limits, bool structure = false);
  ~ExportReader();

  // The next entry, in archive order; nullopt when the export is exhausted or a limit that
  // covers the whole export stopped reading. Directories are skipped; an archive inside the
  // export is not returned itself (unless it fails) but opened, and its entries follow.
  std::optional<Entry> next(const WantFn& want);

  // Sources that opened as an archive or folder.
  size_t readable_sources() const { return readable_sources_; }

 private:
  struct Level {
    std::unique_ptr<Container> container;
    std::string prefix;  // export path of this archive ("" for a source)
    MediaType type = MediaType::unknown;  // of a nested archive
    uint64_t entries = 0;
    std::optional<util::FileBytes> file;  // a big nested archive's bytes, read from this file
    std::unordered_set<std::string> overlapping;  // of a zip: entries whose data overlap (ZipIndex)
    // The archive as a whole expands no more than --max-ratio times its size: entries sharing
    // compressed data (an overlapped zip bomb) are each within the ratio, together not.
    uint64_t archive_bytes = 0;  // its size (0: not judged, a folder)
    uint64_t produced = 0;       // bytes its entries gave so far (a deferred entry at its declared size)
    bool exhausted = false;      // past the ratio: the rest of it is not read
    // Of a zip SOURCE: whether it starts with a local header, and whether it is read as a stream
    // of its local headers (from the start, or resumed so after its central directory failed).
    bool zip_at_start = false;
    bool streamed = false;
    bool resumed = false;
    std::unordered_set<std::string> streamed_names{};  // once resumed: every name the stream gave
  };

  // Entries smaller than this are read by the reader: handing them to a worker costs more than
  // it saves.
  static constexpr int64_t kDeferFrom = 64 * 1024;

  std::optional<Entry> next_entry(const WantFn& want);
  // Of an export in several parts: false when `e` is a path an earlier part already gave, a
  // folder or the same file again (split Google Takeouts repeat archive_browser.html in each
  // part), which is dropped; other content under that path gets e.error (duplicate_path).
  bool first_of_path(Entry& e);
  bool open_next_source(std::optional<Entry>& failure);
  // Reads on the zip SOURCE of `level`, which libarchive's reader of the central directory gave
  // up on, as a stream of its local headers past the entries it gave. False when the stream
  // does not get that far.
  bool resume_as_stream(Level& level);
  // Once a resumed zip ends: an error for each entry its central directory lists that neither
  // reader found.
  void report_unfound(const Level& level);
  void close_zip_fd();
  // The head of a big entry of a zip source, read without libarchive; nullopt when that is not
  // possible (then libarchive reads it).
  std::optional<std::string> zip_head(const std::string& name) const;
  // Whether an entry goes to a worker to read (Entry::deferred), and handing it over.
  bool defers(Want wanted, const Level& level, int64_t declared_size, const std::string& name) const;
  Entry defer(Entry e, Level& level, int64_t declared_size, const std::string& name);
  Entry container_error(const Level& level) const;
  // At the end of a compressed source whose input was not all read: the error when its
  // compressed data is damaged (cut short) after what looked like its archive's end.
  std::optional<Entry> compressed_end(const Level& level) const;
  // False (e.error set, the level exhausted) when what `level`'s entries gave so far puts the
  // archive as a whole past the ratio.
  bool within_archive_ratio(Entry& e, Level& level);
  // Reads the current entry into e.data until it holds `upto` bytes or the entry ends; with
  // keep=false the bytes are counted for the limits and dropped. False when a limit or a read
  // error stopped it (e.error says which).
  bool pull(Entry& e, Level& level, uint64_t raw_start, uint64_t upto, bool keep);
  // Reads the rest of the current entry into an unnamed temporary file (Entry::file), a MiB at a
  // time, under the same limits. Throws std::runtime_error when $TMPDIR has no room: that stops
  // the run, as the other temporary stores do, rather than leave the entry out.
  void pull_to_file(Entry& e, Level& level, uint64_t raw_start);
  // A nested archive of LargeEntry::kFrom bytes or more is read into an unnamed temporary file
  // and opened there; a smaller one is opened in memory.
  bool open_nested(Entry& e, Level& parent, uint64_t raw_start, int64_t declared_size);

  std::vector<std::string> sources_;
  std::string source_path_;  // the SOURCE being read, as given
  // Of a zip SOURCE, read once: entries that go by two names, and where each entry's data is for
  // the workers that read deferred entries.
  std::shared_ptr<const ZipIndex> zip_index_;
  int zip_fd_ = -1;  // of that zip, for zip_head()
  // Of the entry being read, what may have been read of it before its header came
  // (Container::raw_since): at the top of a zip, no more than its compressed bytes.
  uint64_t read_ahead_ = Container::kReadAhead;
  Limits limits_;
  size_t next_source_ = 0;
  std::string source_name_;
  std::vector<Level> levels_;
  bool structure_;
  uint64_t entries_total_ = 0;
  uint64_t bytes_total_ = 0;
  size_t readable_sources_ = 0;
  bool stopped_ = false;
  std::deque<Entry> pending_;  // returned by the next calls (a damaged archive's end, after its error)
  std::string scratch_;
  // Source and export path of the entries read so far (util::sha256_128 of them: 16 bytes, not
  // the path), to flag a name used twice in one archive (split exports legitimately repeat
  // files such as archive_browser.html across parts).
  std::unordered_set<std::pair<uint64_t, uint64_t>, util::Sha128Hash> seen_;
  // Of an export in several parts, each export path's first entry (by util::sha256_128 of the
  // path): which part gave it and, when known, its size and CRC-32, to tell the same file
  // repeated in a later part from another file under the same path.
  struct FirstOfPath {
    size_t source = 0;  // index in sources_
    bool known = false;  // size and crc are known
    uint32_t crc = 0;
    uint64_t size = 0;
  };
  std::unordered_map<std::pair<uint64_t, uint64_t>, FirstOfPath, util::Sha128Hash> first_of_path_;
};

}  // namespace mediascan
