#include "scanner/ingest/entry_fetcher.h"

#include <fcntl.h>
#include <libdeflate.h>
#include <unistd.h>

#include <zlib.h>

#include <algorithm>
#include <filesystem>

#include "scanner/util/spill_file.h"


namespace mediascan {

EntryFetcher::~EntryFetcher() {
  for (auto& [path, fd] : fds_)
    if (fd >= 0) ::close(fd);
  if (inflater_) libdeflate_free_decompressor(inflater_);
}

namespace {

bool fail(Entry& e, std::string code, std::string message) {
  e.error = ItemError{std::move(code), std::move(message)};
  e.data.clear();
  e.file.reset();
  return true;
}

}  // namespace

const ZipRecord* EntryFetcher::direct_record(Entry& e, const DeferredRead& ref, int& fd) {
  if (!ref.zip) return nullptr;
  // Encrypted entries, other methods, names used twice or given two ways go the general way.
  const ZipRecord* r = ref.zip->find(ref.name);
  if (!r || (r->flags & 1) || (r->method != 0 && r->method != 8)) return nullptr;
  auto [it, fresh] = fds_.try_emplace(ref.source_path, -1);
  if (fresh) it->second = ::open(ref.source_path.c_str(), O_RDONLY | O_CLOEXEC);
  fd = it->second;
  if (fd < 0) return nullptr;
  if (r->uncompressed > limits_.max_entry_bytes)
    fail(e, "too_large", e.path + " is larger than the limit of " + std::to_string(limits_.max_entry_bytes) +
                             " bytes (--max-entry-size)");
  else if (r->uncompressed > limits_.ratio_floor_bytes &&
           double(r->uncompressed) > limits_.max_ratio * double(std::max<uint64_t>(r->compressed, 1)))
    fail(e, "ratio_exceeded", e.path + " expands more than " + std::to_string(int(limits_.max_ratio)) +
                                  " times (--max-ratio): a compression bomb");
  else if (r->method == 0 && r->compressed != r->uncompressed)
    fail(e, "corrupt_entry", e.path + ": stored entry with two sizes");
  return r;
}

bool EntryFetcher::fetch_direct(Entry& e, const DeferredRead& ref) {
  int fd = -1;
  const ZipRecord* r = direct_record(e, ref, fd);
  if (!r || e.error) return r != nullptr;
  auto fail = [&](std::string code, std::string message) { return mediascan::fail(e, std::move(code), std::move(message)); };
  if (r->method == 0) {
    // Stored: read straight into the entry's buffer.
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
  e.crc = r->crc;
  e.size = e.data.size();
  e.complete = true;
  return true;
}

bool EntryFetcher::fetch_direct_to_file(Entry& e, const DeferredRead& ref) {
  int fd = -1;
  const ZipRecord* r = direct_record(e, ref, fd);
  if (!r || e.error) return r != nullptr;
  uint32_t crc = 0;
  try {
    if (r->method == 0) {
      // Stored: the zip itself holds the bytes; its CRC is checked once, here.
      util::FileBytes file = util::FileBytes::dup_of(fd, r->data_offset, r->compressed, e.path);
      file.for_each_chunk([&](std::string_view piece) { crc = libdeflate_crc32(crc, piece.data(), piece.size()); });
      e.file = std::move(file);
    } else {
      // Deflated: inflated a MiB at a time into an unnamed temporary file.
      auto spill = std::make_shared<util::SpillFile>();
      z_stream z{};
      if (inflateInit2(&z, -15) != Z_OK) return false;
      struct End {
        z_stream& z;
        ~End() { inflateEnd(&z); }
      } end{z};
      const util::FileBytes compressed = util::FileBytes::dup_of(fd, r->data_offset, r->compressed, e.path);
      std::string out(util::ByteSource::kChunk, '\0');
      uint64_t total = 0;
      int status = Z_OK;
      bool over = false;  // more data than the directory says
      compressed.for_each_chunk([&](std::string_view piece) {
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(piece.data()));
        z.avail_in = uInt(piece.size());
        while (status == Z_OK) {
          z.next_out = reinterpret_cast<Bytef*>(out.data());
          z.avail_out = uInt(out.size());
          const int rc = inflate(&z, Z_NO_FLUSH);
          const size_t got = out.size() - z.avail_out;
          if (rc == Z_BUF_ERROR && got == 0 && z.avail_in == 0) break;  // wants the next piece
          if (rc != Z_OK && rc != Z_STREAM_END) {
            status = rc;
            break;
          }
          total += got;
          if (total > r->uncompressed) {
            over = true;
            status = Z_DATA_ERROR;
            break;
          }
          crc = libdeflate_crc32(crc, out.data(), got);
          spill->put(std::string_view(out.data(), got));
          status = rc;
          if (z.avail_in == 0 && z.avail_out > 0) break;
        }
      });
      if (status != Z_STREAM_END || total != r->uncompressed)
        return fail(e, "corrupt_entry", over ? e.path + " holds more data than its header says"
                                                                : "cannot read " + e.path + ": damaged compressed data");
      e.file = util::FileBytes(spill, spill->fd(), 0, total, e.path);
    }
  } catch (const util::ReadError&) {
    return fail(e, "corrupt_entry", e.path + " is cut short");
  }  // no room in $TMPDIR (std::runtime_error) stops the run, as for every temporary store
  if (crc != r->crc) return fail(e, "corrupt_entry", "cannot read " + e.path + ": its CRC-32 does not match (damaged)");
  e.size = r->uncompressed;
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
  const bool to_file = ref.declared_size > 0 && kept_in_file(e.path, e.type, uint64_t(ref.declared_size));
  if (to_file ? fetch_direct_to_file(e, ref) : fetch_direct(e, ref)) return;
  Cursor& cursor = open_[ref.source_path];
  if (!seek(cursor, ref, e)) {
    e.data.clear();
    return;
  }
  Container& c = *cursor.container;
  if (to_file) {
    if (auto whole = c.current_file()) {  // a folder's file: read where it is, not copied
      if (whole->size() > limits_.max_entry_bytes) {
        fail(e, "too_large", e.path + " is larger than the limit of " + std::to_string(limits_.max_entry_bytes) +
                                 " bytes (--max-entry-size)");
        return;
      }
      e.size = whole->size();
      e.file = std::move(whole);
      e.complete = true;
      return;
    }
  }
  const uint64_t ahead = read_ahead_of(ref.zip ? ref.zip->find(ref.name) : nullptr);
  const uint64_t raw_start = c.raw_position();
  e.data.clear();
  e.size = 0;
  // When kept in a file: filled a MiB at a time (no room in $TMPDIR stops the run).
  const auto spill = to_file ? std::make_shared<util::SpillFile>() : nullptr;
  // The declared size was checked against the limit, but it is only a hint: grow as needed.
  if (!to_file)
    e.data.reserve(size_t(std::min<uint64_t>(uint64_t(std::max<int64_t>(ref.declared_size, 0)), limits_.max_entry_bytes)));
  constexpr size_t kChunk = 256 * 1024;
  for (;;) {
    if (spill && e.data.size() >= util::ByteSource::kChunk) {
      spill->put(e.data);
      e.data.clear();
    }
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
    if (e.size > limits_.ratio_floor_bytes && double(e.size) > limits_.max_ratio * double(c.raw_since(raw_start, ahead))) {
      e.error = ItemError{"ratio_exceeded", e.path + " expands more than " + std::to_string(int(limits_.max_ratio)) +
                                                " times (--max-ratio): a compression bomb"};
      break;
    }
  }
  if (spill && !e.error) {
    spill->put(e.data);
    e.data.clear();
    e.file = util::FileBytes(spill, spill->fd(), 0, e.size, e.path);
  }
  if (e.error) {
    e.data.clear();
    cursor.container.reset();  // its position is no longer known
  }
}

}  // namespace mediascan
