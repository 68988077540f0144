// The batch journal: one SQLite file that remembers, across runs, each export (its files'
// fingerprints, the configuration it was scanned with, how that ended) and each entry (its
// content hash, and the crashes and hangs it caused). A second run over the same inbox uses it
// to do no work for what is unchanged; a run killed at any point finds it consistent (SQLite
// transactions, WAL).
//
// Thread-safety: a Journal is owned by the batch's one supervising thread.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

struct sqlite3;

namespace mediascan::batch {

class Journal {
 public:
  // Opens or creates the journal. Throws std::runtime_error naming the file when it cannot.
  explicit Journal(const std::filesystem::path& file);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  struct ExportRecord {
    std::string stat;     // stat_fingerprint() when it was last scanned
    std::string content;  // content_fingerprint() then
    std::string config;   // what it was scanned with (program version, options, policy, models)
    std::string state;    // "running", "done" or "failed"
    std::string message;  // why it failed
    int crashes = 0;      // crashes that no entry in flight explains
  };
  std::optional<ExportRecord> find_export(const std::string& name);

  // A scan of `name` starts. When its content or the configuration differs from the last
  // scan's, what was learnt about its entries (hashes, crashes, poison) is forgotten.
  void begin_export(const std::string& name, const std::string& stat, const std::string& content,
                    const std::string& config);
  // "done" also forgets the crashes outside any entry: they were passing.
  void end_export(const std::string& name, const std::string& state, const std::string& message);
  // The files were touched but hold the same content: remember the new fingerprint.
  void update_stat(const std::string& name, const std::string& stat);
  // Returns the export's count of crashes outside any entry, this one included.
  int add_export_crash(const std::string& name);

  // An entry was analysed to the end. Batched: committed by flush() or within a second.
  void item_done(const std::string& export_name, const std::string& path, const std::string& sha256);
  // An entry was in flight when the scanner crashed or hung: returns its count of such
  // failures, this one included. Committed at once.
  int item_failed(const std::string& export_name, const std::string& path, const std::string& message);
  // From now on the entry is skipped, its error record carrying `message`. Committed at once.
  void mark_poison(const std::string& export_name, const std::string& path, const std::string& message);
  // Whether an earlier attempt crashed or hung on the export (an entry is still suspect, or the
  // crash was outside any entry): it is then scanned on one thread, so that a crash names one
  // entry, also after a run that was killed before its own retry.
  bool suspected(const std::string& export_name);
  // Poison entries of the export: path -> message.
  std::map<std::string, std::string> poison(const std::string& export_name);

  void flush();  // commits batched item records

 private:
  void exec(const char* sql);
  void begin_batch();

  sqlite3* db_ = nullptr;
  bool in_batch_ = false;
  std::chrono::steady_clock::time_point batch_started_;
};

}  // namespace mediascan::batch
