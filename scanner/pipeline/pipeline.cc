#include "scanner/pipeline/pipeline.h"

#include <algorithm>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <tbb/enumerable_thread_specific.h>
#include <libdeflate.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>

#include "scanner/core/large_entry.h"
#include "scanner/ingest/entry_fetcher.h"
#include "scanner/ingest/export_reader.h"
#include "scanner/ingest/sidecars.h"
#include "scanner/metadata/exiv2_env.h"
#include "scanner/metadata/gps_text.h"
#include "scanner/metadata/sidecar_clean.h"
#include "scanner/pipeline/clean_writer.h"
#include "scanner/text/text_check.h"
#include "scanner/util/crc32.h"
#include "scanner/util/sha256.h"
#include "scanner/util/spill_file.h"
#include "scanner/util/text.h"
#include "scanner/vision/module.h"

namespace mediascan {
namespace {

// Size and CRC-32 of what the cleaned export got, to check the copy read back from disk.
// (CRC-32 rather than SHA-256: it guards against a bad write, not an adversary; libdeflate's
// runs at memory speed.)
struct Written {
  uint64_t size = 0;
  uint32_t crc = 0;
  static Written of(std::string_view bytes) { return {bytes.size(), libdeflate_crc32(0, bytes.data(), bytes.size())}; }
  static Written of(const util::ByteSource& bytes) {
    Written w{bytes.size(), 0};
    bytes.for_each_chunk([&](std::string_view piece) { w.crc = libdeflate_crc32(w.crc, piece.data(), piece.size()); });
    return w;
  }
  bool operator==(const Written&) const = default;
};

// What travels through the pipeline for one entry of the export.
struct Token {
  Entry::Event event = Entry::Event::file;
  int64_t mtime = 0;
  Item item;                               // path, source, type, bytes, and the results
  bool is_item = false;                    // reported in the items
  std::optional<ReportError> entry_error;  // reported in the top-level errors
  bool modified = false;                   // `out` differs from the original
  std::string out;                         // what the cleaned export gets (its head with `tail_from`)
  // With `tail_from`, the cleaned export gets `out` and then `original` from there on (a photo
  // whose metadata changed: its scans are written where they were read, not copied).
  std::string original;
  std::optional<size_t> tail_from;
  std::optional<uint32_t> crc;             // CRC-32 of the entry as read, when the reader checked it
  Written out_check;                       // of what the cleaned export gets when modified, to verify it
  bool in_nested_archive = false;
  std::optional<ZipWriter::Prepared> zip;  // CRC and deflate stream of `out` and the tail, for a zip's top level
  uint64_t entries_done = 0;
  std::optional<DeferredRead> deferred;    // the bytes are still in the source: a worker reads them
  std::optional<util::FileBytes> file;     // the whole entry, kept in a file (too big to hold)
  std::optional<LargeEntry> large;         // made of `file` on the worker; `out` is then unused
  std::optional<util::FileBytes> large_deflated;  // `large` deflated for a zip output's top level

  std::string_view tail() const { return tail_from ? std::string_view(original).substr(*tail_from) : std::string_view(); }
};

// Owns what travels between a pipeline's stages. TBB passes raw pointers and, when a stage
// throws (the output's disk is full), drops the ones in flight: those still here are freed
// with this.
template <typename T>
class InFlight {
 public:
  T* hand_over(std::unique_ptr<T> t) {
    T* raw = t.get();
    std::lock_guard lock(mutex_);
    owned_.emplace(raw, std::move(t));
    return raw;
  }
  std::unique_ptr<T> take_back(T* raw) {
    std::lock_guard lock(mutex_);
    return std::move(owned_.extract(raw).mapped());
  }

 private:
  std::mutex mutex_;
  std::unordered_map<T*, std::unique_ptr<T>> owned_;
};

// Each worker thread's own readers of the sources (see EntryFetcher).
using Fetchers = tbb::enumerable_thread_specific<std::optional<EntryFetcher>>;

// Reads a deferred entry on this worker; false (and `error` set) when it cannot be read.
bool fetch_deferred(Fetchers& fetchers, const Limits& limits, const std::string& path, MediaType type, DeferredRead ref,
                    std::string& bytes, std::optional<util::FileBytes>& file, std::optional<uint32_t>& crc,
                    std::optional<ItemError>& error) {
  auto& fetcher = fetchers.local();
  if (!fetcher) fetcher.emplace(limits);
  Entry e;
  e.path = path;
  e.type = type;
  e.deferred = std::move(ref);
  fetcher->fetch(e);
  bytes = std::move(e.data);
  file = std::move(e.file);
  crc = e.crc;
  error = std::move(e.error);
  return !error;
}

// A path as a key that does not hold the path: 128 bits of its SHA-256. The cleaning and its
// verification keep one for every changed entry, tens of thousands in a big export.
using PathKey = std::pair<uint64_t, uint64_t>;
using PathKeyHash = util::Sha128Hash;
// Keyed without "." segments: a tar made with `tar -C dir .` names its entries "./a.jpg", and a
// folder output gives them back as "a.jpg".
PathKey path_key(std::string_view path) {
  if (!path.starts_with("./") && path.find("/./") == std::string_view::npos) return util::sha256_128(path);
  std::string plain;
  for (size_t at = 0; at <= path.size();) {
    const size_t slash = std::min(path.find('/', at), path.size());
    const std::string_view segment = path.substr(at, slash - at);
    if (segment != ".") plain.append(plain.empty() ? "" : "/").append(segment);
    at = slash + 1;
  }
  return util::sha256_128(plain);
}

// What the writer keeps about the cleaned export, for the verification after it is written.
// The changed entries are sorted by key once the export is written (finish): a hash map's nodes
// cost three times as much for the hundreds of thousands of a big export. Deques, here and in
// Verification: a vector's doublings left its old buffers in the heap, +28 MiB at 200,000 photos.
struct CleanState {
  std::unique_ptr<CleanWriter> writer;
  std::deque<std::pair<PathKey, Written>> modified;  // changed entry -> what was written
  std::vector<ReportError> not_written;

  void finish() {
    std::stable_sort(modified.begin(), modified.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    // A path written twice (the reader refuses the second) keeps its first.
    modified.erase(std::unique(modified.begin(), modified.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
                   modified.end());
  }
  // What was written of a changed entry; nullptr for one that was copied as it was.
  const Written* written(std::string_view path) const {
    const PathKey key = path_key(path);
    const auto it = std::lower_bound(modified.begin(), modified.end(), key,
                                     [](const auto& entry, const PathKey& k) { return entry.first < k; });
    return it != modified.end() && it->first == key ? &it->second : nullptr;
  }
};

bool want_whole(const std::string& path, MediaType type, bool clean) {
  return clean || kind_of(type) != Kind::other || has_media_extension(path);
}

std::unique_ptr<Token> make_token(Entry&& e, const ExportIndex& index, const ScanConfig& config) {
  const bool clean = config.clean.has_value();
  auto t = std::make_unique<Token>();
  t->event = e.event;
  t->mtime = e.mtime;
  t->in_nested_archive = e.in_nested_archive;
  Item& item = t->item;
  item.path = std::move(e.path);
  item.source = std::move(e.source);
  item.type = e.type;
  item.kind = kind_of(e.type);
  item.size = e.size;
  if (e.event != Entry::Event::file) {
    if (!clean) return nullptr;
    return t;
  }
  if (e.error) {
    t->entry_error = ReportError{item.path, item.source, *e.error};
    // A photo we could not read still belongs in the items: the user must know it went unchecked.
    t->is_item = has_media_extension(item.path) || item.kind != Kind::other;
    if (t->is_item) item.errors.push_back(*e.error);
    return t;
  }
  t->is_item = item.kind != Kind::other || has_media_extension(item.path);
  if (!t->is_item && !clean) return nullptr;
  if (auto skip = config.skip.find(item.path); skip != config.skip.end()) {
    // Never read again, never copied: a cleaned export without it beats one with its location.
    t->entry_error = ReportError{item.path, item.source, {"poison", skip->second}};
    if (t->is_item) item.errors.push_back(t->entry_error->error);
    return t;
  }
  if (item.kind == Kind::other && t->is_item)
    item.errors.push_back({"unknown_format",
                           "named like a photo or video, but its bytes are not a known media format"});
  item.bytes = std::move(e.data);
  t->crc = e.crc;
  t->deferred = std::move(e.deferred);
  t->file = std::move(e.file);
  if (t->is_item)
    if (auto c = index.contexts.find(item.path)) item.context = std::move(*c);
  return t;
}

// The whole entry, read on this worker; a failure makes it an entry error like a reader's.
void fetch_token(Token& t, Fetchers& fetchers, const Limits& limits) {
  Item& item = t.item;
  std::optional<ItemError> error;
  if (fetch_deferred(fetchers, limits, item.path, item.type, std::move(*t.deferred), item.bytes, t.file, t.crc, error)) {
    item.size = t.file ? t.file->size() : item.bytes.size();
  } else {
    t.entry_error = ReportError{item.path, item.source, *error};
    if (t.is_item) item.errors.push_back(*error);
  }
  t.deferred.reset();
}

void clean_media(Token& t, const CleanConfig& clean) {
  Item& item = t.item;
  StripResult r = strip_embedded(item.bytes, item.type, clean.mode);
  if (r.error) item.errors.push_back({"not_cleaned", r.error->message});
  if (r.changed) {  // with an error too: what could be cleaned was
    t.out = std::move(r.bytes);
    t.tail_from = r.tail_from;
    if (t.tail_from) t.original = std::move(item.bytes);
    t.modified = true;
    return;
  }
  t.out = std::move(item.bytes);
}

// The CRC-32 of what the cleaned export gets, when it follows from the reader's without a pass
// over the bytes: it is the entry as read, or a new head on the entry's scans.
std::optional<uint32_t> known_out_crc(const Token& t) {
  if (!t.crc) return std::nullopt;
  if (!t.tail_from) return t.modified ? std::nullopt : t.crc;
  return util::crc32_concat(util::crc32(t.out), util::crc32_of_tail(*t.crc, t.original, *t.tail_from),
                            t.tail().size());
}

uint32_t out_crc(const Token& t) {
  if (const auto known = known_out_crc(t)) return *known;
  return util::crc32_concat(util::crc32(t.out), util::crc32(t.tail()), t.tail().size());
}

// The --max-ratio the cleaned export must pass when it is read again: this run's, by the
// verification, and the default, by a later scan.
double output_max_ratio(const ScanConfig& config) { return std::min(config.limits.max_ratio, Limits().max_ratio); }

// An entry kept in a file that could not be read again after it was fetched (an I/O error, the
// file cut short since): an entry error, as when the reader cannot read it.
void fail_large(Token& t, const std::string& why) {
  t.entry_error = ReportError{t.item.path, t.item.source, {"corrupt_entry", why}};
  if (t.is_item) t.item.errors.push_back(t.entry_error->error);
  t.large.reset();
  t.modified = false;
}

// An entry kept in a file: a video's metadata boxes (the skeleton), or a Matroska/AVI file's
// values, are patched in place, its media data never read into memory. Then checksummed here, in parallel (the zip's headers and
// the verification need it), and deflated when it is no media bound for the zip's top level.
// `limits`: how big a JSON sidecar that cannot be walked may be to be cleaned whole.
void clean_large(Token& t, const CleanConfig& clean, bool top_of_zip, double max_ratio, const Limits& limits) {
  Item& item = t.item;
  LargeEntry& large = *t.large;
  if (item.kind != Kind::other && !large.skeleton.empty()) {
    if (large.unread)
      item.errors.push_back({"not_cleaned", "part of its metadata was too big to read (" + *large.problem +
                                                "): location there is left as it is"});
    StripResult r = strip_embedded(large.skeleton, item.type, clean.mode, &large.file());
    if (r.error) item.errors.push_back({"not_cleaned", r.error->message});
    if (r.changed && r.bytes.size() != large.skeleton.size()) {
      item.errors.push_back({"not_cleaned", "its metadata could not be cleaned in place"});
    } else {
      if (r.changed) large.skeleton = std::move(r.bytes);
      // The media data's part (a subtitle track's positions), overwritten where it is.
      for (Overwrite& o : r.overwrites) large.overwrite(o.offset, std::move(o.bytes));
      t.modified |= r.changed || !r.overwrites.empty();
    }
  } else if (item.kind == Kind::other && SidecarIndex::is_json(item.path)) {
    // A JSON sidecar too big to hold: cleaned a piece at a time into a file of its own.
    try {
      std::shared_ptr<util::SpillFile> spill;
      const util::Chunks to_spill = [&](std::string_view piece) { spill->put(piece); };
      const auto fresh_spill = [&] {
        spill = std::make_shared<util::SpillFile>();
        return &to_spill;
      };
      if (clean_big_sidecar(large.file(), fresh_spill, limits.max_sidecar_bytes).fields > 0) {
        t.large.emplace(util::FileBytes(spill, spill->fd(), 0, spill->size(), item.path), item.type);
        t.modified = true;
      }
    } catch (const util::ReadError& x) {
      return fail_large(t, x.what());
    }
  } else if (item.kind != Kind::other) {
    // No skeleton (a Matroska/WebM or AVI file): its values are overwritten where they are.
    try {
      FileStripResult r = strip_embedded_in_file(large.file(), item.type, clean.mode);
      if (r.error) item.errors.push_back({"not_cleaned", r.error->message});
      for (Overwrite& o : r.overwrites) large.overwrite(o.offset, std::move(o.bytes));
      t.modified |= !r.overwrites.empty();
    } catch (const util::ReadError& x) {
      return fail_large(t, x.what());
    }
  }
  try {
    if (top_of_zip && item.kind == Kind::other) {
      try {
        // Like any such entry (a big HTML page, a mailbox), a MiB at a time.
        t.large_deflated = ZipWriter::deflate_to_file(large, t.out_check.crc, max_ratio);
        t.out_check.size = large.size();
        return;
      } catch (const util::ReadError&) {
        throw;
      } catch (const std::runtime_error&) {
        t.large_deflated.reset();  // no room in $TMPDIR to deflate it: stored instead
      }
    }
    if (t.modified || top_of_zip) t.out_check = Written::of(large);
  } catch (const util::ReadError& x) {
    fail_large(t, x.what());
  }
}

// Reads the structure of an entry kept in a file; false (an entry error) when it cannot be read.
bool open_large(Token& t) {
  Item& item = t.item;
  try {
    t.large.emplace(std::move(*t.file), item.type);
  } catch (const std::runtime_error& x) {
    fail_large(t, x.what());
    return false;
  }
  t.file.reset();
  item.bytes = std::move(t.large->skeleton);  // what the metadata stage reads; back before cleaning
  if (t.large->problem) {
    item.metadata_complete = false;
    item.errors.push_back({"metadata_damaged", "metadata partly unreadable, so its location status is unknown: " +
                                                   *t.large->problem});
  }
  return true;
}

bool is_csv(std::string_view path) { return util::to_lower_ascii(path).ends_with(".csv"); }

void clean_other(Token& t) {
  Item& item = t.item;
  // In place: a posts file can be tens of megabytes, and two copies of it were the scan's peak.
  if (is_csv(item.path)) {
    SidecarClean csv = clean_csv_location(item.bytes);
    if ((t.modified = csv.fields > 0)) item.bytes = std::move(csv.text);
  } else if (const auto track = track_text_of(item.path)) {
    t.modified = clean_track_in_place(item.bytes, *track) > 0;
  } else if (SidecarIndex::is_candidate(item.path)) {
    t.modified = clean_sidecar_in_place(item.bytes).fields > 0;
  }
  if (t.modified) t.crc.reset();  // of the bytes before
  t.out = std::move(item.bytes);
}

void analyse(Token& t, const ScanConfig& config, VisionWorker* vision) {
  if (t.event != Entry::Event::file || t.entry_error) return;
  if (t.file && !open_large(t)) return;
  Item& item = t.item;
  const LargeEntry* large = t.large ? &*t.large : nullptr;
  if (t.is_item) {
    if (config.hashes && large) {
      util::Sha256 hash;
      try {
        large->file().for_each_chunk([&](std::string_view piece) { hash.update(piece); });  // not yet cleaned
      } catch (const util::ReadError& x) {
        return fail_large(t, x.what());
      }
      item.sha256 = hash.hex();
    } else if (config.hashes && !item.bytes.empty()) {
      item.sha256 = util::sha256_hex(item.bytes);
    }
    if (looks_truncated(item.bytes, item.type))
      item.errors.push_back({"truncated_image", "the file ends early: it was cut short or damaged"});
    if (config.sidecar_location) {
      auto found = sidecar_findings(item.context);
      item.findings.insert(item.findings.end(), found.begin(), found.end());
    }
    if (item.kind != Kind::other) read_embedded_metadata(item, config.metadata, large ? &large->file() : nullptr);
    // What follows the image: a JPEG's images and motion-photo video are read with its metadata,
    // when they account for all of it; anything else is not, and the status is unknown.
    bool trailer_read = false;
    const auto trailer = trailing_data(item.bytes, item.type);
    if (trailer && item.type == MediaType::jpeg)
      jpeg_trailer_parts(std::string_view(item.bytes).substr(trailer->offset), trailer_read);
    if (trailer && !trailer_read) {
      item.metadata_complete = false;
      item.errors.push_back({"trailing_data", std::to_string(trailer->size) + " bytes after the end of the image (" +
                                                  trailer->what + ") were not checked and are kept as they are"});
    }
    if (vision) vision->analyse(item, large ? &large->file() : nullptr);  // not yet cleaned
    if (config.lexicon) text::check_item_text(*config.lexicon, item);
  }
  if (t.large) t.large->skeleton = std::move(item.bytes);
  if (config.clean && t.large) {
    clean_large(t, *config.clean, CleanWriter::zip_output(config.clean->output) && !t.in_nested_archive,
                output_max_ratio(config), config.limits);
  } else if (config.clean) {
    if (t.is_item && item.kind != Kind::other) clean_media(t, *config.clean);
    else clean_other(t);
    // Checksummed (and deflated) here, in parallel, not in the serial writer: a zip's top
    // level needs every entry's CRC, the verification only the changed entries'.
    const uint64_t out_size = t.out.size() + t.tail().size();
    if (CleanWriter::zip_output(config.clean->output) && !t.in_nested_archive) {
      t.zip = CleanWriter::prepare(t.out, t.tail(), known_out_crc(t), output_max_ratio(config));
      if (t.modified) t.out_check = {out_size, t.zip->crc};
    } else if (t.modified) {
      t.out_check = {out_size, out_crc(t)};
    }
  }
  item.bytes.clear();
  item.bytes.shrink_to_fit();
}

void write_clean(Token& t, CleanState& clean) {
  CleanWriter& w = *clean.writer;
  const Item& item = t.item;
  if (t.entry_error) {
    // A damaged archive keeps in the cleaned export what came before the damage: one inside the
    // export is rebuilt from it, a source's entries were written as they came.
    const bool partly = w.rebuilding(item.path) ||
                        (item.path == item.source && t.entry_error->error.code == "corrupt_archive");
    clean.not_written.push_back({item.path, item.source,
                                 {"not_copied", (partly ? "only the entries before the damage are in the cleaned export: "
                                                        : "not in the cleaned export: ") +
                                                    t.entry_error->error.message}});
    return;
  }
  try {
    switch (t.event) {
      case Entry::Event::archive_begin: w.begin_archive(item.path, item.type, t.mtime); break;
      case Entry::Event::archive_end: w.end_archive(); break;
      case Entry::Event::directory: w.directory(item.path, t.mtime); break;
      case Entry::Event::file:
        if (t.large)
          w.file(item.path, *t.large, t.mtime, t.out_check.crc, t.large_deflated ? &*t.large_deflated : nullptr,
                 item.kind == Kind::other);
        else w.file(item.path, t.out, t.mtime, t.zip ? &*t.zip : nullptr, t.tail());
        if (t.modified) clean.modified.emplace_back(path_key(item.path), t.out_check);
        break;
    }
  } catch (const EntryNotWritten& e) {
    clean.not_written.push_back({item.path, item.source, {"not_copied", std::string("not in the cleaned export: ") + e.what()}});
  }
  t.out.clear();
  t.original.clear();
  t.zip.reset();
  t.large.reset();
  t.large_deflated.reset();
}

// What re-reading one changed entry of the written export showed.
struct Recheck {
  std::string path;
  MediaType type = MediaType::unknown;
  std::string data;
  std::optional<DeferredRead> deferred;
  std::optional<util::FileBytes> file;  // the entry, when it is kept in a file
  std::optional<uint32_t> crc;          // of `data`, when the reader checked it against the zip's
  bool verified = false;             // read back whole, as written, and completely parsed
  std::set<std::string> remaining;   // location signals and identity values still in it
  std::optional<std::string> unreadable;  // why it could not be read back as written
};

constexpr std::string_view kTypedText = "text typed into the file";  // a Recheck::remaining key

void recheck(Recheck& r, const Written& expected, const Limits& limits) {
  std::optional<LargeEntry> large;
  if (r.file) {
    try {
      large.emplace(std::move(*r.file), r.type);
      if (Written::of(*large) != expected) {
        r.unreadable = "what was read back is not what was written";
        return;
      }
    } catch (const std::runtime_error& x) {
      r.unreadable = x.what();
      return;
    }
    r.data = std::move(large->skeleton);
  } else if (r.crc ? Written{r.data.size(), *r.crc} != expected : Written::of(r.data) != expected) {
    r.unreadable = "what was read back is not what was written";
    return;
  }
  if (kind_of(r.type) != Kind::other) {
    bool complete = true;
    // Location counts as still there by signal (any GPS remnant), identity by its exact value,
    // the text typed into the file as a whole.
    std::string typed_text;
    for (const Finding& f : embedded_findings(r.data, r.type, complete, large ? &large->file() : nullptr, &typed_text))
      r.remaining.insert(f.category == Category::location ? f.signal : f.evidence);
    if (!typed_text.empty()) r.remaining.insert(std::string(kTypedText));
    r.verified = complete && !(large && large->problem);
  } else if (large) {
    // A JSON sidecar too big to hold (no other entry of no media kind changes), checked as the
    // one below, a piece at a time.
    try {
      const SidecarClean left =
          SidecarIndex::is_json(r.path) ? clean_big_sidecar(large->file(), {}, limits.max_sidecar_bytes)
                                        : SidecarClean{0, {}, ItemError{"not_cleaned", "no JSON"}};
      r.verified = !left.error && left.fields == 0 && !coordinates_left(large->file());
    } catch (const util::ReadError& x) {
      r.unreadable = x.what();
    }
  } else {
    // The cleaner's own rule finds nothing left, and neither does a look for coordinates that
    // knows no keys (a format the cleaner does not know keeps its location, and says so).
    const auto track = track_text_of(r.path);
    r.verified = (track ? !track_positions_left(r.data, *track)
                        : (is_csv(r.path) ? clean_csv_location(r.data) : clean_sidecar(r.data)).fields == 0) &&
                 !coordinates_left(r.data);
  }
}

// What re-reading the written export showed of its changed entries. Kept until every item is
// marked, so by key and hash: a photo's identity values (a camera's serial, an owner's name)
// are left in it by a location-only clean, and held as text for 50,000 photos they took 36 MB.
struct Verification {
  std::deque<PathKey> verified;  // read back as written, fully parsed; sorted
  // (path, what is still there: a location signal or an identity value, as a hash), sorted. Two
  // values sharing a hash can only make a finding count as not fixed, never the reverse.
  std::deque<std::pair<PathKey, uint64_t>> remaining;
  // Changed entries that could not be read back as written, and why (none, unless the output's
  // disk fails or it changed under the run).
  std::unordered_map<PathKey, std::string, PathKeyHash> unreadable;
};

uint64_t remaining_hash(std::string_view key) { return std::hash<std::string_view>()(key); }

// Re-reads every changed entry from the written export, in parallel like the scan.
Verification verify_clean(const ScanConfig& config, CleanState& clean) {
  Verification v;
  ExportReader reader({clean.writer->output().string()}, config.limits);
  const WantFn want = [&](const std::string& path, MediaType) {
    return clean.written(path) ? Want::all_deferrable : Want::head;
  };
  Fetchers fetchers;
  InFlight<Recheck> rechecks;
  tbb::parallel_pipeline(
      std::max<size_t>(1, config.jobs) * 2,
      tbb::make_filter<void, Recheck*>(tbb::filter_mode::serial_in_order,
                                       [&](tbb::flow_control& fc) -> Recheck* {
                                         while (auto e = reader.next(want)) {
                                           if (!clean.written(e->path)) continue;
                                           auto r = std::make_unique<Recheck>(
                                               Recheck{e->path, e->type, std::move(e->data), std::move(e->deferred),
                                                       std::move(e->file), e->crc, false, {}, {}});
                                           if (e->error) r->unreadable = e->error->message;
                                           return rechecks.hand_over(std::move(r));
                                         }
                                         fc.stop();
                                         return nullptr;
                                       }) &
          tbb::make_filter<Recheck*, Recheck*>(tbb::filter_mode::parallel,
                                               [&](Recheck* r) {
                                                 if (config.on_begin) config.on_begin(r->path);
                                                 std::optional<ItemError> error;
                                                 if (r->unreadable) {
                                                   // the reader could not read it: nothing to check
                                                 } else if (r->deferred &&
                                                            !fetch_deferred(fetchers, config.limits, r->path, r->type,
                                                                            *r->deferred, r->data, r->file, r->crc, error)) {
                                                   r->unreadable = error->message;
                                                 } else {
                                                   recheck(*r, *clean.written(r->path), config.limits);
                                                 }
                                                 r->data.clear();
                                                 r->file.reset();
                                                 if (config.on_end) config.on_end(r->path, {});
                                                 return r;
                                               }) &
          tbb::make_filter<Recheck*, void>(tbb::filter_mode::serial_in_order, [&](Recheck* raw) {
            const std::unique_ptr<Recheck> r = rechecks.take_back(raw);
            const PathKey key = path_key(r->path);
            if (r->verified) v.verified.push_back(key);
            if (r->unreadable) v.unreadable.emplace(key, std::move(*r->unreadable));
            for (const std::string& left : r->remaining) v.remaining.emplace_back(key, remaining_hash(left));
          }));
  std::sort(v.verified.begin(), v.verified.end());
  std::sort(v.remaining.begin(), v.remaining.end());
  return v;
}

// Only what the verification saw gone is fixed; location left in a file whose metadata was
// read completely is an error of the item.
void mark_fixed(Item& item, const Verification& v) {
  const PathKey key = path_key(item.path);
  const bool verified = std::binary_search(v.verified.begin(), v.verified.end(), key);
  const auto left = [&](std::string_view what) {  // still in the cleaned file
    return std::binary_search(v.remaining.begin(), v.remaining.end(), std::pair{key, remaining_hash(what)});
  };
  // Why a file whose finding stays open could not be read back, when it could not.
  std::optional<std::string> unreadable;
  auto note_unreadable = [&](std::string_view path, const char* what) {
    const auto it = v.unreadable.find(path_key(path));
    if (it != v.unreadable.end() && !unreadable) unreadable = what + std::string(path) + " could not be read back: " + it->second;
  };
  for (Finding& f : item.findings) {
    if (f.category == Category::text && f.signal.starts_with("metadata:"))  // text typed into the file (--strip all)
      f.fixed = verified && !left(kTypedText);
    if ((f.category != Category::location && f.category != Category::identity) || f.signal == "recurring_place") continue;
    if (f.where.starts_with("sidecar:")) {
      const std::string_view sidecar = std::string_view(f.where).substr(8);
      f.fixed = std::binary_search(v.verified.begin(), v.verified.end(), path_key(sidecar));
      if (!f.fixed && f.category == Category::location) note_unreadable(sidecar, "the cleaned copy of its sidecar ");
    } else {
      // Fixed when the re-read cleaned file no longer yields this same finding.
      f.fixed = verified && !left(f.category == Category::location ? f.signal : f.evidence);
      if (!f.fixed && f.category == Category::location) note_unreadable(item.path, "the cleaned copy of ");
    }
  }
  const bool open_location = std::any_of(item.findings.begin(), item.findings.end(), [](const Finding& f) {
    return f.category == Category::location && !f.fixed;
  });
  if (open_location && item.metadata_complete &&
      std::none_of(item.errors.begin(), item.errors.end(), [](const ItemError& e) { return e.code == "not_cleaned"; }))
    item.errors.push_back({"not_cleaned", unreadable ? *unreadable + " (so its location is not counted as removed)"
                                                     : "location is still present in the cleaned export"});
}

// Posts, comments and tweets that are no media item's caption: items of kind text, after the
// media items, in the order the export holds them; checked in parallel a batch at a time.
void add_text_items(const ScanConfig& config, const ExportIndex& index, ItemStore& items) {
  constexpr size_t kBatch = 4096;
  for (size_t first = 0; first < index.posts.size(); first += kBatch) {
    std::vector<Item> batch(std::min(kBatch, index.posts.size() - first));
    tbb::parallel_for(size_t(0), batch.size(), [&](size_t k) {
      const TextPost post = index.posts.at(first + k);
      Item& item = batch[k];
      item.path = text_item_path(post);
      item.source = post.source;
      item.kind = Kind::text;
      item.context = post.context;
      item.sha256 = util::sha256_hex(item.context.caption);  // so a later run can tell the text changed
      if (config.sidecar_location) item.findings = sidecar_findings(item.context);
      if (config.lexicon && !is_location_record(item.context)) text::check_item_text(*config.lexicon, item);
    });
    for (const Item& item : batch)
      // A location record says only where location is: nothing when the location checks are off.
      if (config.sidecar_location || !is_location_record(item.context)) items.push_back(item);
  }
}

}  // namespace

RunResult run_scan(const ScanConfig& config, const ExportIndex& index, const ProgressFn& progress) {
  init_exiv2();
  RunResult result;
  for (const PathError& e : index.sidecar_errors) result.errors.push_back({e.path, e.source, e.error});
  for (const PathError& e : index.export_errors) result.errors.push_back({e.path, e.source, e.error});
  // A sidecar the first pass could not read (a compression bomb, a damaged entry) took its
  // context with it; the second pass reads only the head of such a file unless it cleans, so
  // the first pass's error is the one reported, once.
  std::unordered_set<std::string> sidecar_entry_errors;  // source, '\n', path, '\n', code
  for (const PathError& e : index.entry_errors)
    if (SidecarIndex::is_candidate(e.path) &&
        sidecar_entry_errors.insert(e.source + '\n' + e.path + '\n' + e.error.code).second)
      result.errors.push_back({e.path, e.source, e.error});
  CleanState clean;
  if (config.clean) clean.writer = std::make_unique<CleanWriter>(config.clean->output, output_max_ratio(config));
  const bool cleaning = config.clean.has_value();
  std::optional<ExportReader> reader(std::in_place, config.sources, config.limits, cleaning);
  const WantFn want = [&](const std::string& path, MediaType type) {
    return want_whole(path, type, cleaning) ? Want::all_deferrable : Want::head;
  };
  uint64_t entries = 0;
  const size_t jobs = std::max<size_t>(1, config.jobs);
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, jobs);
  // Each worker thread builds its own detector and nets on first use (OpenCV's are not
  // thread-safe). A run that decodes no pixel never loads the vision module.
  const VisionModule* vision = config.vision.decode ? &vision_module() : nullptr;
  tbb::enumerable_thread_specific<std::unique_ptr<VisionWorker>> vision_workers;
  Fetchers fetchers;

  InFlight<Token> tokens;
  tbb::parallel_pipeline(
      jobs * 2,
      tbb::make_filter<void, Token*>(
          tbb::filter_mode::serial_in_order,
          [&](tbb::flow_control& fc) -> Token* {
            // The reader itself is in flight too (path ""): a crash in libarchive is then not
            // blamed on a photo that happened to be under analysis.
            if (config.on_begin) config.on_begin(kReaderInFlight);
            while (auto e = reader->next(want)) {
              if (e->event == Entry::Event::file) ++entries;
              if (auto t = make_token(std::move(*e), index, config)) {
                t->entries_done = entries;
                if (config.on_end) config.on_end(kReaderInFlight, {});
                return tokens.hand_over(std::move(t));
              }
            }
            if (config.on_end) config.on_end(kReaderInFlight, {});
            fc.stop();
            return nullptr;
          }) &
          tbb::make_filter<Token*, Token*>(tbb::filter_mode::parallel,
                                           [&](Token* t) {
                                             VisionWorker* worker = nullptr;
                                             if (vision) {
                                               auto& w = vision_workers.local();
                                               if (!w) w = vision->worker(config.vision, config.models);
                                               worker = w.get();
                                             }
                                             const bool watched = config.on_begin && t->event == Entry::Event::file && !t->entry_error;
                                             if (watched) config.on_begin(t->item.path);
                                             if (t->deferred) fetch_token(*t, fetchers, config.limits);
                                             analyse(*t, config, worker);
                                             if (watched && config.on_end) config.on_end(t->item.path, t->item.sha256);
                                             return t;
                                           }) &
          tbb::make_filter<Token*, void>(tbb::filter_mode::serial_in_order, [&](Token* raw) {
            const std::unique_ptr<Token> t = tokens.take_back(raw);
            if (cleaning) write_clean(*t, clean);
            if (t->entry_error && !sidecar_entry_errors.count(t->entry_error->source + '\n' + t->entry_error->path +
                                                               '\n' + t->entry_error->error.code))
              result.errors.push_back(std::move(*t->entry_error));
            if (t->is_item) {
              // Previews are kept only where the report shows something to act on (for an
              // export of 100,000 clean photos they would add half a gigabyte to the HTML), and
              // on disk, not in memory, until the report is written.
              Item& item = t->item;
              if (config.previews && !item.thumbnail_jpeg.empty() && !(item.findings.empty() && item.errors.empty())) {
                if (!result.previews) result.previews = std::make_shared<util::SpillFile>();
                item.thumbnail_spilled = result.previews->put(item.thumbnail_jpeg);
              }
              item.thumbnail_jpeg.clear();
              item.thumbnail_jpeg.shrink_to_fit();
              if (progress) progress(t->item, t->entries_done);
              result.items.push_back(t->item);
            }
          }));

  // The input's central directory (a few hundred bytes an entry) is not needed any more.
  reader.reset();
  fetchers.clear();
  add_text_items(config, index, result.items);
  Verification verification;
  if (cleaning) {
    clean.writer->commit();
    clean.finish();
    verification = verify_clean(config, clean);
    result.clean = CleanSummary{config.clean->output.string(), clean.modified.size(), clean.not_written};
  }
  result.analysis = analyse_run(result.items);
  std::unordered_map<size_t, const Place*> place_of;  // item -> the place it recurs at
  for (const Place& p : result.analysis.places)
    for (size_t i : p.items) place_of[i] = &p;
  // One pass over the stored items finishes each: what the verification saw, its place, its risk.
  result.items.update_each([&](size_t i, Item& item) {
    if (cleaning) mark_fixed(item, verification);
    if (auto p = place_of.find(i); p != place_of.end()) add_place_finding(item, *p->second);
    assess(item, config.policy);
  });
  result.summary = summarize(result.items, result.errors);
  result.info.entries = entries;
  result.info.layout = index.layout;
  return result;
}

}  // namespace mediascan
