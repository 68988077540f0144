#include "scanner/ingest/export_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <vector>

#include "scanner/core/large_entry.h"
#include "scanner/ingest/entry_path.h"
#include "scanner/ingest/sidecars.h"
#include "scanner/util/spill_file.h"
#include "scanner/util/text.h"

namespace mediascan {
namespace {

namespace fs = std::filesystem;

Entry error_entry(std::string source, std::string path, std::string code, std::string message) {
  Entry e;
  e.source = std::move(source);
  e.path = std::move(path);
  e.error = ItemError{std::move(code), std::move(message)};
  return e;
}

std::string join_path(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "/" + name;
}

bool is_compression_only(MediaType t) {
  return t == MediaType::gzip || t == MediaType::bzip2 || t == MediaType::xz ||
         t == MediaType::zstd;
}

// What the report calls a SOURCE: its file or folder name.
std::string source_name(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.empty() ? path.parent_path().filename().string() : name;
}

// Whether the file at `path` holds nothing but zero bytes (a preallocated file never written,
// which libarchive reads as a tar that ends at once).
bool only_zero_bytes(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  std::vector<char> block(1 << 20);
  bool zeros = true;
  for (off_t at = 0; zeros;) {
    const ssize_t n = ::pread(fd, block.data(), block.size(), at);
    if (n <= 0) {
      zeros = n == 0;
      break;
    }
    zeros = std::all_of(block.begin(), block.begin() + n, [](char c) { return c == 0; });
    at += n;
  }
  ::close(fd);
  return zeros;
}

}  // namespace

bool kept_in_file(std::string_view path, MediaType type, uint64_t size) {
  if (size < LargeEntry::kFrom || kind_of(type) == Kind::image || is_archive(type)) return false;
  return !SidecarIndex::is_candidate(path) || SidecarIndex::is_json(path);
}

ExportReader::ExportReader(std::vector<std::string> sources, Limits limits, bool structure)
    : sources_(std::move(sources)), limits_(limits), structure_(structure) {
  scratch_.resize(64 * 1024);
}

ExportReader::~ExportReader() { close_zip_fd(); }

void ExportReader::close_zip_fd() {
  if (zip_fd_ >= 0) ::close(zip_fd_);
  zip_fd_ = -1;
}

std::optional<std::string> ExportReader::zip_head(const std::string& name) const {
  if (levels_.size() != 1 || levels_.front().resumed || !zip_index_ || zip_fd_ < 0) return std::nullopt;
  const ZipRecord* r = zip_index_->find(name);
  if (!r || r->uncompressed < uint64_t(kDeferFrom)) return std::nullopt;
  return read_zip_head(zip_fd_, *r, kMagicBytes);
}

bool ExportReader::defers(Want wanted, const Level& level, int64_t declared_size, const std::string& name) const {
  // An entry of an archive judged as a whole whose compressed size is unknown (a zip with bytes
  // before it) is read here: whether it is refused on its own must be known before the next one.
  // A resumed zip's entries cannot be found again by ordinal through its directory.
  return wanted == Want::all_deferrable && levels_.size() == 1 && level.container->cheap_skip() && !level.resumed &&
         declared_size >= kDeferFrom && (level.archive_bytes == 0 || (zip_index_ && zip_index_->find(name)));
}

Entry ExportReader::defer(Entry e, Level& level, int64_t declared_size, const std::string& name) {
  // Counted at the size the container declares; the worker checks the size it really reads.
  if (uint64_t(declared_size) > limits_.max_entry_bytes) {
    e.error = ItemError{"too_large", e.path + " is larger than the limit of " +
                                         std::to_string(limits_.max_entry_bytes) + " bytes (--max-entry-size)"};
    e.data.clear();
    return e;
  }
  const uint64_t rest = uint64_t(declared_size) - std::min<uint64_t>(e.size, uint64_t(declared_size));
  bytes_total_ += rest;
  // An entry the worker will refuse on its own (past the ratio against its compressed size)
  // does not count towards its archive's (defers(): the size is known).
  const ZipRecord* record = zip_index_ ? zip_index_->find(name) : nullptr;
  if (!record || uint64_t(declared_size) <= limits_.ratio_floor_bytes ||
      double(declared_size) <= limits_.max_ratio * double(record->compressed))
    level.produced += rest;
  if (!within_archive_ratio(e, level)) {
    e.data.clear();
    return e;
  }
  if (bytes_total_ > limits_.max_total_bytes) {
    e.error = ItemError{"total_too_large", "the export holds more than " + std::to_string(limits_.max_total_bytes) +
                                               " bytes (--max-total-size); reading stopped at " + e.path};
    e.data.clear();
    stopped_ = true;
    return e;
  }
  e.deferred = DeferredRead{source_path_, level.entries, name, declared_size, zip_index_};
  return e;
}

bool ExportReader::open_next_source(std::optional<Entry>& failure) {
  source_path_ = sources_[next_source_];
  const fs::path path = sources_[next_source_++];
  source_name_ = source_name(path);
  std::error_code ec;
  const auto status = fs::status(path, ec);
  std::string why;
  std::unique_ptr<Container> c;
  std::unordered_set<std::string> overlapping;
  bool zip_at_start = false, stream_zip = false, resumed = false;
  zip_index_.reset();
  close_zip_fd();
  if (ec || !fs::exists(status)) {
    why = "no such file or folder";
  } else if (fs::is_directory(status)) {
    c = open_folder(path, why);
  } else if (!fs::is_regular_file(status)) {
    // A source is read twice (indexed, then scanned): a pipe's second read is empty.
    why = "SOURCE must be a file or a folder (a pipe can be read only once)";
  } else if (fs::file_size(path, ec) == 0 && !ec) {
    why = "empty file";
  } else {
    if (const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC); fd >= 0) {
      // A zip with bytes before it is left to libarchive (the ratio of the whole archive bounds
      // it): a tar ending in a zip must not have that zip's names refused.
      char magic[4] = {};
      zip_at_start = ::pread(fd, magic, 4, 0) == 4 && std::string_view(magic, 4) == std::string_view("PK\3\4", 4);
      if (zip_at_start)
        if (auto index = ZipIndex::read(fd, limits_.max_entries + 1, limits_.max_name_bytes)) {
          overlapping = index->take_overlapping();
          zip_index_ = std::make_shared<const ZipIndex>(std::move(*index));
        }
      if (zip_index_) zip_fd_ = fd;
      else ::close(fd);
    }
    // More entries than will ever be read: stream the zip rather than load its whole directory.
    stream_zip = zip_index_ && zip_index_->declared_entries() > limits_.max_entries;
    c = open_archive_file(path, why, stream_zip);
    if (!c && zip_at_start && !stream_zip) {
      // A central directory libarchive cannot use at all: the local headers may still be sound.
      std::string ignored;
      c = open_archive_file(path, ignored, /*stream_zip=*/true);
      stream_zip = resumed = c != nullptr;
    }
    if (!c && only_zero_bytes(path)) why = "not an archive: only zero bytes";
  }
  if (!c) {
    failure = error_entry(source_name_, path.string(), "unreadable_source",
                          "cannot read " + path.string() + ": " + why);
    return false;
  }
  Level top{std::move(c), "", MediaType::unknown, 0, {}, std::move(overlapping)};
  top.zip_at_start = zip_at_start;
  top.streamed = stream_zip;
  top.resumed = resumed;
  if (!fs::is_directory(status)) top.archive_bytes = fs::file_size(path, ec);
  if (ec) top.archive_bytes = 0;
  top.container->limit_decompressed(limits_.max_total_bytes);
  levels_.push_back(std::move(top));
  return true;
}

bool ExportReader::resume_as_stream(Level& level) {
  std::string why;
  std::unique_ptr<Container> c = open_archive_file(source_path_, why, /*stream_zip=*/true);
  if (!c) return false;
  // The stream meets the local headers in the order of the file, the directory's reader in the
  // order of their offsets: the same entries come first.
  std::unordered_set<std::string> names;
  EntryHeader h;
  for (uint64_t i = 0; i < level.entries; ++i) {
    if (c->next(h) != Container::Next::entry) return false;
    names.insert(h.name);
  }
  level.container = std::move(c);
  level.streamed = level.resumed = true;
  level.streamed_names = std::move(names);
  return true;
}

void ExportReader::report_unfound(const Level& level) {
  if (!zip_index_) return;
  for (const ZipRecord& r : zip_index_->records())
    if (!level.streamed_names.count(r.name))
      pending_.push_back(error_entry(source_name_, r.name, "corrupt_entry",
                                     "the zip's central directory lists this entry, but its local header is damaged "
                                     "or missing; it was not read (the entries after it were)"));
}

std::optional<Entry> ExportReader::compressed_end(const Level& level) const {
  // Judged on its decompressed data again, a cost for such sources alone, and no further than
  // the export may expand (--max-total-size): data after an early end may be a bomb.
  const int fd = ::open(source_path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  const auto damage = compressed_damage(util::FileBytes::adopt(fd, 0, level.archive_bytes, source_path_),
                                        limits_.max_total_bytes);
  if (!damage) return std::nullopt;
  return error_entry(source_name_, source_name_, "corrupt_archive",
                     source_name_ + " is truncated or damaged (its archive seems to end, but its compressed data does "
                                    "not: " + *damage + "); reading stopped after " + std::to_string(level.entries) +
                         " entries");
}

Entry ExportReader::container_error(const Level& level) const {
  const bool source = levels_.size() == 1;
  const std::string where = source ? source_name_ : level.prefix;
  if (level.container->over_limit())
    return error_entry(source_name_, where, "total_too_large",
                       where + " expands to more than " + std::to_string(limits_.max_total_bytes) +
                           " bytes (--max-total-size), counting what was skipped of entries not read; reading it "
                           "stopped after " + std::to_string(level.entries) + " entries");
  if (source && level.entries == 0)
    return error_entry(source_name_, where, "unreadable_source",
                       "cannot read " + where + ": " + level.container->error_message());
  return error_entry(source_name_, where, "corrupt_archive",
                     where + " is truncated or damaged (" + level.container->error_message() +
                         "); reading stopped after " + std::to_string(level.entries) +
                         " entries");
}

bool ExportReader::within_archive_ratio(Entry& e, Level& level) {
  // Never below the default: a lower --max-ratio is for single entries, and a solid tgz of
  // similar small files rightly compresses more than they do one by one.
  const double ratio = std::max(limits_.max_ratio, Limits().max_ratio);
  if (level.archive_bytes == 0 || level.produced <= limits_.ratio_floor_bytes ||
      double(level.produced) <= ratio * double(level.archive_bytes))
    return true;
  const std::string archive = levels_.size() == 1 ? source_name_ : level.prefix;
  e.error = ItemError{"ratio_exceeded", archive + " as a whole expands more than " + std::to_string(int(ratio)) +
                                            " times its size (--max-ratio): a compression bomb (entries sharing "
                                            "compressed data, or each too small to be judged alone); " +
                                            e.path + " and the rest of " + archive + " were not read"};
  level.exhausted = true;
  return false;
}

bool ExportReader::pull(Entry& e, Level& level, uint64_t raw_start, uint64_t upto, bool keep) {
  Container& c = *level.container;
  while (e.size < upto) {
    const uint64_t room = upto - e.size;
    char* buf = scratch_.data();
    size_t chunk = scratch_.size();
    if (keep) {
      const size_t old = e.data.size();
      // Into the room already there first (when the entry's size was reserved, all of it), so
      // that reading to the end does not grow the string past it; never more than 256 KiB at
      // once, as resize() writes zeros over the chunk and the limits are checked per read.
      const size_t spare = e.data.capacity() - old;
      chunk = size_t(std::min<uint64_t>({room, uint64_t(256 * 1024), spare > 0 ? spare : uint64_t(256 * 1024)}));
      e.data.resize(old + chunk);
      buf = e.data.data() + old;
    } else {
      chunk = size_t(std::min<uint64_t>(room, chunk));
    }
    const long n = c.read(buf, chunk);
    if (keep) e.data.resize(e.data.size() - chunk + size_t(std::max(n, 0L)));
    if (n < 0) {
      e.error = ItemError{"corrupt_entry", "cannot read " + e.path + ": " + c.error_message()};
      return false;
    }
    if (n == 0) {
      // The archive as a whole is judged entry by entry, once each is read within its own
      // limits (judged while a bomb entry is read, it would cut short the rest of a small archive).
      e.complete = true;
      return within_archive_ratio(e, level);
    }
    e.size += uint64_t(n);
    bytes_total_ += uint64_t(n);
    level.produced += uint64_t(n);
    // An entry refused on its own does not count towards its archive's ratio (a bomb entry
    // among healthy ones costs only itself), an entry read within its own ratio does.
    const auto refuse = [&](ItemError error) {
      level.produced -= std::min(level.produced, e.size);
      e.error = std::move(error);
      return false;
    };
    if (e.size > limits_.max_entry_bytes)
      return refuse(ItemError{"too_large", e.path + " is larger than the limit of " +
                                               std::to_string(limits_.max_entry_bytes) + " bytes (--max-entry-size)"});
    if (bytes_total_ > limits_.max_total_bytes) {
      e.error = ItemError{"total_too_large",
                          "the export holds more than " + std::to_string(limits_.max_total_bytes) +
                              " bytes (--max-total-size); reading stopped at " + e.path};
      stopped_ = true;
      return false;
    }
    if (e.size > limits_.ratio_floor_bytes &&
        double(e.size) > limits_.max_ratio * double(c.raw_since(raw_start, read_ahead_)))
      return refuse(ItemError{"ratio_exceeded", e.path + " expands more than " + std::to_string(int(limits_.max_ratio)) +
                                                    " times (--max-ratio): a compression bomb"});
  }
  return true;
}

void ExportReader::pull_to_file(Entry& e, Level& level, uint64_t raw_start) {
  const std::string head = e.data;
  auto spill = std::make_shared<util::SpillFile>();  // no room in $TMPDIR stops the run, as for every store
  spill->put(e.data);
  while (!e.complete) {
    e.data.clear();
    const bool ok = pull(e, level, raw_start, e.size + util::ByteSource::kChunk, true);
    spill->put(e.data);
    if (!ok) break;
  }
  if (!e.error) e.file = util::FileBytes(spill, spill->fd(), 0, e.size, e.path);
  e.data = head;
}

bool ExportReader::open_nested(Entry& e, Level& parent, uint64_t raw_start, int64_t declared_size) {
  if (int(levels_.size()) > limits_.max_depth) {
    e.error = ItemError{"too_deep", e.path + " is nested more than " +
                                        std::to_string(limits_.max_depth) +
                                        " archives deep (--max-depth); not opened"};
    return false;
  }
  std::string why;
  std::unique_ptr<Container> c;
  std::optional<ZipIndex> index;  // a nested zip's directory, for its overlapping entries
  const uint64_t records = limits_.max_entries - std::min(limits_.max_entries, entries_total_);
  if (declared_size >= int64_t(LargeEntry::kFrom)) {
    pull_to_file(e, parent, raw_start);
    if (e.error) return false;
    c = open_archive_bytes(*e.file, why);
    const util::FileBytes& file = *e.file;
    if (c && e.type == MediaType::zip)
      index = ZipIndex::read(
          [&file](uint64_t at, void* buf, size_t n) {
            try {
              file.read_into(at, static_cast<char*>(buf), n);
              return true;
            } catch (const util::ReadError&) {
              return false;
            }
          },
          file.size(), records, limits_.max_name_bytes);
  } else {
    if (!pull(e, parent, raw_start, limits_.max_entry_bytes + 1, true)) return false;
    const std::string& bytes = e.data;
    if (e.type == MediaType::zip)
      index = ZipIndex::read(
          [&bytes](uint64_t at, void* buf, size_t n) {
            if (at > bytes.size() || n > bytes.size() - at) return false;
            std::memcpy(buf, bytes.data() + at, n);
            return true;
          },
          bytes.size(), records, limits_.max_name_bytes);
    c = open_archive_memory(e.data, why);
  }
  if (!c) {
    // A lone .gz (not a tarball) is an ordinary file, not a broken archive, unless its
    // compressed data is damaged: a tarball cut short in its first block looks like one.
    if (is_compression_only(e.type)) {
      constexpr uint64_t kJudged = uint64_t{1} << 20;
      const auto damage = e.file ? compressed_damage(*e.file, kJudged) : compressed_damage(e.data, kJudged);
      if (damage)
        e.error = ItemError{"corrupt_archive", "cannot read " + e.path + ": its " + std::string(to_string(e.type)) +
                                                   " data is damaged (" + *damage + "); nothing in it was read"};
    } else {
      e.error = ItemError{"corrupt_archive", "cannot open " + e.path + ": " + why};
    }
    return false;
  }
  Level nested{std::move(c), e.path, e.type, 0, std::move(e.file), index ? index->take_overlapping() : std::unordered_set<std::string>{}};
  nested.archive_bytes = e.size;
  nested.container->limit_decompressed(limits_.max_total_bytes);
  levels_.push_back(std::move(nested));
  e.file.reset();
  return true;
}

std::optional<Entry> ExportReader::next(const WantFn& want) {
  while (std::optional<Entry> e = next_entry(want))
    if (sources_.size() < 2 || e->error || first_of_path(*e)) return e;
  return std::nullopt;
}

bool ExportReader::first_of_path(Entry& e) {
  if (e.event != Entry::Event::file && e.event != Entry::Event::directory) return true;
  FirstOfPath now{next_source_ - 1};
  // The same file is known by its zip directory's CRC-32 and size only: both passes over the
  // export (index, then scan) must judge alike, and they read other entries to other lengths.
  const ZipRecord* record =
      e.event == Entry::Event::file && !e.in_nested_archive && zip_index_ ? zip_index_->find(e.path) : nullptr;
  if (record) now = {now.source, true, record->crc, record->uncompressed};
  const auto [it, first] = first_of_path_.try_emplace(util::sha256_128(e.path), now);
  const FirstOfPath& before = it->second;
  if (first || before.source == now.source) return true;
  if (e.event == Entry::Event::directory) return false;
  if (before.known && now.known && before.crc == now.crc && before.size == now.size) return false;
  const std::string earlier = source_name(sources_[before.source]);
  e.error = ItemError{"duplicate_path", earlier + " holds another file under this path; only the one in " + earlier +
                                            " was checked and copied, not this one in " + source_name_};
  e.data.clear();
  e.deferred.reset();
  e.file.reset();
  return true;
}

std::optional<Entry> ExportReader::next_entry(const WantFn& want) {
  while (!stopped_ || !pending_.empty()) {
    if (!pending_.empty()) {
      Entry p = std::move(pending_.front());
      pending_.pop_front();
      return p;
    }
    if (levels_.empty()) {
      if (next_source_ == sources_.size()) return std::nullopt;
      std::optional<Entry> failure;
      if (!open_next_source(failure)) return failure;
      ++readable_sources_;
      continue;
    }
    Level& level = levels_.back();
    EntryHeader h;
    const Container::Next r = level.exhausted ? Container::Next::end : level.container->next(h);
    // A directory libarchive gives up on, or one it reads as empty though the zip begins with an
    // entry (a zeroed central directory behind an intact end record): the local headers may
    // still be sound.
    const bool empty_directory = r == Container::Next::end && level.entries == 0;
    if ((r == Container::Next::error || empty_directory) && levels_.size() == 1 && level.zip_at_start &&
        !level.streamed && resume_as_stream(level)) {
      // (A damaged local header is the error of its own entry, said when the stream passes it.)
      if (empty_directory)
        pending_.push_back(error_entry(source_name_, source_name_, "corrupt_archive",
                                       "the zip's central directory is damaged: its entries were read from their "
                                       "local headers, as unzip does"));
      continue;
    }
    if (r != Container::Next::entry) {
      if (level.resumed) report_unfound(level);
      // A nested archive ends (for the cleaned copy, which rebuilds it) also when it is damaged.
      Entry end;
      end.event = Entry::Event::archive_end;
      end.source = source_name_;
      end.path = level.prefix;
      end.type = level.type;
      const bool nested = levels_.size() > 1;
      std::optional<Entry> error;
      if (r == Container::Next::error) {
        error = container_error(level);
        if (!nested && level.entries == 0) --readable_sources_;
      } else if (!nested && level.container->input_left_unread()) {
        error = compressed_end(level);
      } else if (!nested && level.entries == 0 && level.archive_bytes > 0 && only_zero_bytes(source_path_)) {
        error = error_entry(source_name_, source_path_, "unreadable_source",
                            "cannot read " + source_path_ + ": not an archive: only zero bytes");
        --readable_sources_;
      }
      levels_.pop_back();
      if (structure_ && nested) {
        if (!error) return end;
        pending_.push_front(std::move(end));
      }
      if (error) return std::move(*error);
      continue;
    }
    if (!h.damage_before.empty()) {
      const std::string where = levels_.size() == 1 ? source_name_ : level.prefix;
      // An entry's error, not the archive's: the entries after the damage are read.
      pending_.push_back(error_entry(source_name_, where, "corrupt_entry",
                                     where + " is damaged " + h.damage_before +
                                         ", and the entry it began was lost; reading went on at " + h.name));
    }
    ++level.entries;
    if (level.resumed) level.streamed_names.insert(h.name);
    if (++entries_total_ > limits_.max_entries) {
      stopped_ = true;
      return error_entry(source_name_, join_path(level.prefix, h.name), "too_many_entries",
                         "the export has more than " + std::to_string(limits_.max_entries) +
                             " entries (--max-entries); reading stopped here");
    }
    if (h.type == EntryHeader::Type::directory && !structure_ && h.error.empty()) continue;

    if (h.name.size() > limits_.max_name_bytes)
      return error_entry(source_name_, join_path(level.prefix, util::shortened(h.name, 200)), "name_too_long",
                         "entry name of " + std::to_string(h.name.size()) + " bytes, more than " +
                             std::to_string(limits_.max_name_bytes) +
                             "; not checked and not copied");
    if (auto why = unsafe_entry_name(h.name))
      return error_entry(source_name_, join_path(level.prefix, h.name), "unsafe_path",
                         "refused entry name (" + *why + ")");
    Entry e;
    e.source = source_name_;
    // The report names an entry as its archive does (INTERFACE.md); only a directory's trailing
    // slash goes.
    std::string name = h.name;
    while (name.size() > 1 && name.back() == '/') name.pop_back();
    e.path = join_path(level.prefix, name);
    e.mtime = h.mtime;
    e.in_nested_archive = levels_.size() > 1;
    if (!h.error.empty()) {
      e.error = ItemError{"unreadable_entry", h.error};
      return e;
    }
    switch (h.type) {
      case EntryHeader::Type::directory:
        e.event = Entry::Event::directory;
        e.complete = true;
        return e;
      case EntryHeader::Type::symlink:
        e.error = ItemError{"symlink", "symbolic link entry not followed"};
        return e;
      case EntryHeader::Type::hardlink:
        e.error = ItemError{"hardlink", "hard link entry not followed"};
        return e;
      case EntryHeader::Type::special:
        e.error = ItemError{"special_file", "device, FIFO or socket entry skipped"};
        return e;
      default:
        break;
    }
    if (h.encrypted) {
      e.error = ItemError{"encrypted", "entry is encrypted; its contents cannot be checked"};
      return e;
    }
    // A resumed zip's local headers are read where the stream finds them, not where its
    // directory puts them: the directory's judgement of them does not apply.
    const bool indexed = levels_.size() == 1 && zip_index_ && !level.resumed;
    if (indexed && zip_index_->has_two_names(h.name)) {
      e.error = ItemError{"name_mismatch", "the zip's central directory and this entry's local header give different "
                                           "names; extraction tools disagree on which they use, so it was not checked"};
      return e;
    }
    if (indexed && zip_index_->has_two_methods(h.name)) {
      e.error = ItemError{"header_mismatch", "the zip's central directory and this entry's local header disagree on how "
                                             "it is compressed; tools read different bytes, so it was not checked"};
      return e;
    }
    if (level.overlapping.count(h.name)) {
      e.error = ItemError{"overlapping_entry", "this entry's data overlaps another entry's in the zip, the trick of a "
                                               "zip bomb (one compressed block expanded again for every entry that "
                                               "points into it); not checked and not copied"};
      return e;
    }
    if (!seen_.insert(util::sha256_128(source_name_ + '\n' + e.path)).second) {
      // Extraction tools keep one of the two; a reader of the report must know there are two.
      e.error = ItemError{"duplicate_path", "another entry of this archive has the same path; this one was not checked"};
      return e;
    }
    // A big entry of a zip source of which this reader needs the head only (a worker reads it
    // whole, or nobody does): the head comes from its offset, a few hundred bytes inflated,
    // instead of libarchive inflating a 256 KiB buffer of it here in the serial reader (5 % of a
    // strip-only run's CPU). The rest is skipped by a seek.
    if (auto head = zip_head(h.name)) {
      const MediaType type = detect_media_type(*head);
      const Want wanted = want(e.path, type);
      const bool deferred = defers(wanted, level, h.declared_size, h.name);
      if (!is_archive(type) && (deferred || (wanted == Want::head && level.container->cheap_skip()))) {
        e.data = std::move(*head);
        e.size = e.data.size();
        bytes_total_ += e.size;
        level.produced += e.size;
        if (!within_archive_ratio(e, level)) {
          e.data.clear();
          return e;
        }
        e.type = type;
        return deferred ? defer(std::move(e), level, h.declared_size, h.name) : std::move(e);
      }
    }
    read_ahead_ = read_ahead_of(levels_.size() == 1 && zip_index_ ? zip_index_->find(h.name) : nullptr);
    const uint64_t raw_start = level.container->raw_position();
    if (!pull(e, level, raw_start, kMagicBytes, true)) return e;
    e.type = detect_media_type(e.data);
    if (is_archive(e.type)) {
      if (open_nested(e, level, raw_start, h.declared_size)) {
        if (!structure_) continue;
        e.event = Entry::Event::archive_begin;
        e.data.clear();
        return e;
      }
      if (e.error) return e;
    }
    const Want wanted = e.complete ? Want::head : want(e.path, e.type);
    if (defers(wanted, level, h.declared_size, h.name)) return defer(std::move(e), level, h.declared_size, h.name);
    if (!e.complete) {
      if (wanted != Want::head && h.declared_size > 0 && kept_in_file(e.path, e.type, uint64_t(h.declared_size))) {
        pull_to_file(e, level, raw_start);
      } else if (wanted != Want::head) {
        // Room for the declared size at once: grown by doubling, a 40 MB posts file would be
        // copied as it grows and held one and a half times at the last copy. A size that lies
        // costs address space only (pages never written are never resident), and no more
        // than kMaxReserve of it; it is given back below.
        constexpr uint64_t kMaxReserve = 256 << 20;
        if (h.declared_size > 0) {
          try {
            // One byte more: the read that finds the end needs room too.
            e.data.reserve(size_t(std::min({uint64_t(h.declared_size) + 1, limits_.max_entry_bytes + 1, kMaxReserve})));
          } catch (const std::bad_alloc&) {
            // Under an address-space limit (a batch worker's): the string grows as it is read.
          }
        }
        pull(e, level, raw_start, limits_.max_entry_bytes + 1, true);
        if (e.data.capacity() > 2 * e.data.size() + (1 << 20)) e.data.shrink_to_fit();
      } else if (!level.container->cheap_skip()) {
        // Read through what we do not keep: the limits must see every byte decompressed.
        Entry skip;
        skip.path = e.path;
        skip.size = e.size;
        if (!pull(skip, level, raw_start, limits_.max_entry_bytes + 1, false)) e.error = skip.error;
        e.size = skip.size;
      }
    }
    if (e.error) e.data.clear();
    return e;
  }
  return std::nullopt;
}

}  // namespace mediascan
