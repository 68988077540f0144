#include "scanner/ingest/entry_fetcher.h"

#include <fcntl.h>
#include <libdeflate.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>


namespace mediascan {

EntryFetcher::~EntryFetcher() {
  for (auto& [path, fd] : fds_)
    if (fd >= 0) ::close(fd);
  if (inflater_) libdeflate_free_decompressor(inflater_);
}

bool EntryFetcher::fetch_direct(Entry& e, const DeferredRead& ref) {
  if (!ref.zip) return false;
  // Encrypted entries, other methods, names used twice or given two ways go the general way.
  const ZipRecord* r = ref.zip->find(ref.name);
  if (!r || (r->flags & 1) || (r->method != 0 && r->method != 8)) return false;
  auto [it, fresh] = fds_.try_emplace(ref.source_path, -1);
  if (fresh) it->second = ::open(ref.source_path.c_str(), O_RDONLY | O_CLOEXEC);
  const int fd = it->second;
  if (fd < 0) return false;
  auto fail = [&](std::string code, std::string message) {
    e.error = ItemError{std::move(code), std::move(message)};
    e.data.clear();
    return true;
  };
  if (r->uncompressed > limits_.max_entry_bytes)
    return fail("too_large", e.path + " is larger than the limit of " + std::to_string(limits_.max_entry_bytes) +
                                 " bytes (--max-entry-size)");
  if (r->uncompressed > limits_.ratio_floor_bytes &&
      double(r->uncompressed) > limits_.max_ratio * double(std::max<uint64_t>(r->compressed, 1)))
    return fail("ratio_exceeded", e.path + " expands more than " + std::to_string(int(limits_.max_ratio)) +
                                      " times (--max-ratio): a compression bomb");
  if (r->method == 0) {
    // Stored: read straight into the entry's buffer.
    if (r->compressed != r->uncompressed) return fail("corrupt_entry", e.path + ": stored entry with two sizes");
    e.data.resize(r->compressed);
    if (!read_exact_at(fd, r->data_offset, e.data.data(), e.data.size())) return fail("corrupt_entry", e.path + " is cut short");
  } else {
    compressed_.resize(r->compressed);
    if (!read_exact_at(fd, r->data_offset, compressed_.data(), compressed_.size()))
      return fail("corrupt_entry", e.path + " is cut short");
    if (!inflater_ && !(inflater_ = libdeflate_alloc_decompressor())) return false;
    e.data.resize(r->uncompressed);
    size_t actual = 0;
    const libdeflate_result result = libdeflate_deflate_decompress(inflater_, compressed_.data(), compressed_.size(),
                                                                   e.data.data(), e.data.size(), &actual);
    if (result != LIBDEFLATE_SUCCESS || actual != r->uncompressed)
      return fail("corrupt_entry", result == LIBDEFLATE_INSUFFICIENT_SPACE
                                       ? e.path + " holds more data than its header says"
                                       : "cannot read " + e.path + ": damaged compressed data");
  }
  if (libdeflate_crc32(0, e.data.data(), e.data.size()) != r->crc)
    return fail("corrupt_entry", "cannot read " + e.path + ": its CRC-32 does not match (damaged)");
  e.size = e.data.size();
  e.complete = true;
  return true;
}

bool EntryFetcher::seek(Cursor& cursor, const DeferredRead& ref, Entry& e) {
  if (!cursor.container || cursor.ordinal >= ref.ordinal) {
    std::error_code ec;
    const std::filesystem::path path(ref.source_path);
    std::string why;
    // As the reader did: a zip listing more entries than will be read is streamed (see ExportReader).
    const bool stream_zip = ref.zip && ref.zip->declared_entries() > limits_.max_entries;
    cursor.container = std::filesystem::is_directory(path, ec) ? open_folder(path, why)
                                                               : open_archive_file(path, why, stream_zip);
    cursor.ordinal = 0;
    if (!cursor.container) {
      e.error = ItemError{"corrupt_entry", "cannot open " + ref.source_path + " again to read " + e.path + ": " + why};
      return false;
    }
  }
  EntryHeader h;
  while (cursor.ordinal < ref.ordinal) {
    if (cursor.container->next(h) != Container::Next::entry) {
      e.error = ItemError{"corrupt_entry", "cannot find " + e.path + " again: " + cursor.container->error_message()};
      cursor.container.reset();
      return false;
    }
    ++cursor.ordinal;
  }
  if (h.name != ref.name) {
    e.error = ItemError{"corrupt_entry", e.path + " changed while the export was read"};
    cursor.container.reset();
    return false;
  }
  return true;
}

void EntryFetcher::fetch(Entry& e) {
  const DeferredRead ref = *e.deferred;
  e.deferred.reset();
  if (fetch_direct(e, ref)) return;
  Cursor& cursor = open_[ref.source_path];
  if (!seek(cursor, ref, e)) {
    e.data.clear();
    return;
  }
  Container& c = *cursor.container;
  const uint64_t raw_start = c.raw_position();
  e.data.clear();
  e.size = 0;
  // The declared size was checked against the limit, but it is only a hint: grow as needed.
  e.data.reserve(size_t(std::min<uint64_t>(uint64_t(std::max<int64_t>(ref.declared_size, 0)), limits_.max_entry_bytes)));
  constexpr size_t kChunk = 256 * 1024;
  for (;;) {
    const size_t old = e.data.size();
    e.data.resize(old + kChunk);
    const long n = c.read(e.data.data() + old, kChunk);
    e.data.resize(old + size_t(std::max(n, 0L)));
    if (n < 0) {
      e.error = ItemError{"corrupt_entry", "cannot read " + e.path + ": " + c.error_message()};
      break;
    }
    if (n == 0) {
      e.complete = true;
      break;
    }
    e.size += uint64_t(n);
    if (e.size > limits_.max_entry_bytes) {
      e.error = ItemError{"too_large", e.path + " is larger than the limit of " + std::to_string(limits_.max_entry_bytes) +
                                           " bytes (--max-entry-size)"};
      break;
    }
    const uint64_t raw = c.raw_position() > raw_start ? c.raw_position() - raw_start : 0;
    if (e.size > limits_.ratio_floor_bytes && double(e.size) > limits_.max_ratio * double(std::max<uint64_t>(raw, 1))) {
      e.error = ItemError{"ratio_exceeded", e.path + " expands more than " + std::to_string(int(limits_.max_ratio)) +
                                                " times (--max-ratio): a compression bomb"};
      break;
    }
  }
  if (e.error) {
    e.data.clear();
    cursor.container.reset();  // its position is no longer known
  }
}

}  // namespace mediascan
