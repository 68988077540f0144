// Fuzzes the archive reader: the input is an export SOURCE (zip, tar, tgz, 7z, ...) read the way
// both passes of a scan read it, with tight limits so that no input can make a run slow.
//
//   1. ExportReader with structure on, every entry wanted whole (Want::all_deferrable), and the
//      entries it defers read again by an EntryFetcher, as the pipeline's workers do;
//   2. index_export, the first pass (heads, sidecars parsed, layout, join);
//   3. ZipIndex::read on the file and find() for each name the reader met;
//   4. the input as an archive inside an archive (open_archive_memory), read through.
//
// libarchive (a system library) is not instrumented: coverage guides through our code only.
#include <fcntl.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "scanner/ingest/container.h"
#include "scanner/ingest/entry_fetcher.h"
#include "scanner/ingest/export_reader.h"
#include "scanner/ingest/ingest.h"
#include "scanner/ingest/zip_index.h"

namespace {

using namespace mediascan;

Limits fuzz_limits() {
  Limits l;
  l.max_entry_bytes = 256 << 10;
  l.max_total_bytes = 1 << 20;
  l.max_entries = 256;
  l.max_depth = 3;
  l.max_sidecar_bytes = 64 << 10;
  l.ratio_floor_bytes = 64 << 10;
  return l;
}

// One file per process, rewritten for each input (libFuzzer runs inputs one after another).
const std::string& input_path() {
  static const std::string path = [] {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir && *dir ? dir : "/tmp") + "/mediascan-fuzz-archive-" +
           std::to_string(::getpid());
  }();
  static const bool cleanup = [] { return std::atexit([] { std::remove(path.c_str()); }) == 0; }();
  (void)cleanup;
  return path;
}

bool write_input(const uint8_t* data, size_t size) {
  FILE* f = std::fopen(input_path().c_str(), "wb");
  if (!f) return false;
  const bool ok = std::fwrite(data, 1, size, f) == size;
  return std::fclose(f) == 0 && ok;
}

void check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "fuzz_archive: invariant broken: %s\n", what);
    std::abort();
  }
}

std::vector<std::string> read_structure(const Limits& limits) {
  std::vector<std::string> names;
  ExportReader reader({input_path()}, limits, /*structure=*/true);
  EntryFetcher fetcher(limits);
  const WantFn want = [](const std::string&, MediaType) { return Want::all_deferrable; };
  while (auto e = reader.next(want)) {
    check(e->data.size() <= limits.max_entry_bytes, "entry data over max_entry_bytes");
    if (e->event != Entry::Event::file || e->error) continue;
    if (e->deferred) {
      const std::string name = e->deferred->name;
      fetcher.fetch(*e);
      check(!e->deferred, "fetch left the entry deferred");
      check(e->data.size() <= limits.max_entry_bytes, "fetched data over max_entry_bytes");
      names.push_back(name);
    }
    names.push_back(e->path);
  }
  return names;
}

void read_zip_index(const std::vector<std::string>& names) {
  const int fd = ::open(input_path().c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  if (const auto index = ZipIndex::read(fd, 1 << 20, 1024)) {
    for (const std::string& n : names) {
      if (const ZipRecord* r = index->find(n)) check(r->name == n, "ZipIndex::find gave another name");
      (void)index->has_two_names(n);
    }
  }
  ::close(fd);
}

void read_nested(const uint8_t* data, size_t size, const Limits& limits) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  std::string error;
  auto container = open_archive_memory(bytes, error);
  if (!container) return;
  EntryHeader h;
  char buf[16 << 10];
  uint64_t total = 0;
  for (int n = 0; n < 256 && container->next(h) == Container::Next::entry; ++n) {
    for (long got; total < limits.max_total_bytes && (got = container->read(buf, sizeof buf)) > 0;)
      total += static_cast<uint64_t>(got);
    (void)container->raw_position();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!write_input(data, size)) return 0;
  const Limits limits = fuzz_limits();
  const std::vector<std::string> names = read_structure(limits);
  (void)index_export({input_path()}, limits);
  read_zip_index(names);
  read_nested(data, size, limits);
  return 0;
}
