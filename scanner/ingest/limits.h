// Safety limits for reading an untrusted export. Every limit is enforced on bytes actually read,
// never on sizes an archive declares.
#pragma once

#include <cstdint>

namespace mediascan {

struct Limits {
  uint64_t max_entry_bytes = uint64_t{2} << 30;   // one entry, uncompressed
  uint64_t max_total_bytes = uint64_t{1} << 40;   // everything read from the export, uncompressed
  double max_ratio = 200;                          // uncompressed / compressed bytes of an entry
  uint64_t max_entries = 500'000;                  // entries of the whole export, nested included
  int max_depth = 3;                               // archives inside archives
  uint64_t max_sidecar_bytes = uint64_t{256} << 20;  // a JSON/CSV sidecar parsed in memory
  // An entry's name inside its archive. The first pass keeps every name (the sidecar join needs
  // them): names of 64 KiB would make a 1 GB zip of empty entries cost 1 GB. Paths in real
  // exports stay under 300 bytes; macOS allows 1024.
  uint64_t max_name_bytes = 1024;
  // The ratio is only judged once this many bytes came out of an entry: small entries compress
  // as they like, and libarchive reads its input in blocks, so small deltas mean nothing.
  uint64_t ratio_floor_bytes = uint64_t{1} << 20;
};

}  // namespace mediascan
