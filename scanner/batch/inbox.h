// The batch's inbox: which exports it holds, which shard takes each, and whether one changed.
// Knows nothing of how an export is scanned.
// Thread-safety: pure functions over the file system.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace mediascan::batch {

// One export of the inbox: an archive, a folder, or the numbered parts of a split export
// (Google Takeout's takeout-…-001.zip, -002.zip, …), which are scanned together as one.
struct InboxExport {
  std::string name;  // as the inbox names it; a split export: the parts' common name
  std::string slug;  // its folder under OUT/exports: unique in the inbox, safe as a file name
  std::vector<std::filesystem::path> sources;  // in part order
  std::vector<std::string> warnings;           // e.g. a part missing from the numbering
};

struct InboxSkip {
  std::string name;
  std::string reason;
};

struct Inbox {
  std::vector<InboxExport> exports;  // sorted by name
  std::vector<InboxSkip> skipped;
};

// Lists the exports in `inbox`. Hidden entries, unfinished downloads, files of no archive type
// and `exclude` (the output folder, when it lies inside the inbox) are skipped with a reason.
// Throws std::runtime_error when the inbox cannot be read.
Inbox list_inbox(const std::filesystem::path& inbox, const std::filesystem::path& exclude);

// True when shard k of n (1-based) takes the export: by a hash of its name alone, so every
// machine agrees and adding an export never moves another to a different shard.
bool in_shard(std::string_view name, unsigned k, unsigned n);

// Names, sizes and modification times of every file of the export: cheap, and changes when a
// file is replaced, grows or is touched.
struct StatFingerprint {
  std::string digest;
  uint64_t bytes = 0;  // the export's size on disk
};
StatFingerprint stat_fingerprint(const InboxExport& e);

// SHA-256 over every file's name and contents: what decides that an export whose files were
// touched is still the same. Throws std::runtime_error when a file cannot be read.
std::string content_fingerprint(const InboxExport& e);

}  // namespace mediascan::batch
