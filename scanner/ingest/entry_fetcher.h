// Reads deferred entries (Entry::deferred) again from their source, so that decompressing the
// export's photos runs on every worker instead of only in the serial reader. A zip entry the
// reader's central directory (DeferredRead::zip) describes is read with pread and inflated by
// libdeflate; anything else through libarchive, opened once per worker and walked forward:
// entries reach a worker in export order, so each source is skipped through at most once per
// worker (seekable zip and folders skip without decompressing).
//
// Thread-safety: one EntryFetcher per thread; it owns its open sources.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "scanner/ingest/container.h"
#include "scanner/ingest/export_reader.h"
#include "scanner/ingest/limits.h"

struct libdeflate_decompressor;

namespace mediascan {

class EntryFetcher {
 public:
  explicit EntryFetcher(Limits limits) : limits_(limits) {}
  ~EntryFetcher();
  EntryFetcher(const EntryFetcher&) = delete;
  EntryFetcher& operator=(const EntryFetcher&) = delete;

  // REQUIRES: e.deferred, and e.path and e.type set. Fills e.data with the whole entry, or
  // e.file when it is kept in a file (kept_in_file), and clears e.deferred; when the entry cannot
  // be read (damaged, over a limit, changed since it was listed) sets e.error. Throws
  // std::runtime_error when an entry kept in a file finds no room in $TMPDIR.
  void fetch(Entry& e);

 private:
  struct Cursor {
    std::unique_ptr<Container> container;
    uint64_t ordinal = 0;  // the current entry's (0: before the first)
  };
  bool seek(Cursor& cursor, const DeferredRead& ref, Entry& e);
  // The fast path: a stored or deflated entry of a zip, read with pread and inflated by
  // libdeflate. False when it does not apply (the caller then reads through libarchive).
  bool fetch_direct(Entry& e, const DeferredRead& ref);
  // The same for an entry kept in a file (kept_in_file): a stored one stays where it is in the
  // zip, a deflated one is inflated a MiB at a time into an unnamed temporary file.
  bool fetch_direct_to_file(Entry& e, const DeferredRead& ref);
  // The entry's record when the fast path applies (nullptr otherwise), `fd` the zip's; a record
  // over a limit comes back with e.error set.
  const ZipRecord* direct_record(Entry& e, const DeferredRead& ref, int& fd);

  Limits limits_;
  std::map<std::string, Cursor> open_;  // source path -> where this thread is in it
  std::map<std::string, int> fds_;  // zip source path -> this thread's descriptor (-1: cannot open)
  libdeflate_decompressor* inflater_ = nullptr;
  std::string compressed_;  // scratch, reused from entry to entry
};

}  // namespace mediascan
