// Command line: argv -> validated options, in one place, each flag defined once with its help
// and default (../shared/INTERFACE.md is the contract).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scanner/ingest/limits.h"

namespace mediascan {

enum class Command { scan, list, models, batch };

struct Options {
  Command command = Command::scan;
  std::vector<std::string> sources;
  std::string json_path;
  std::string clean_path;           // --clean OUT
  std::string strip = "location";   // --strip location|all
  std::vector<std::string> checks;  // empty: all available
  size_t jobs = 0;                  // 0: all cores
  std::string models_dir;
  std::string fail_on;              // "", low, medium, high
  std::string policy_path;          // --policy FILE.json
  std::string report_path;          // --report FILE.html
  std::string csv_path;             // --csv FILE.csv
  std::vector<std::string> lexicons;  // --lexicon FILE.lex, added to the built-in lexicons
  bool quiet = false;
  bool progress = true;
  Limits limits;
  std::string argv0;

  // batch INBOX --out DIR
  std::string inbox;
  std::string out_dir;
  bool batch_clean = false;          // --clean: a cleaned export per export
  unsigned shard_k = 1, shard_n = 1;  // --shard K/N
  bool merge = false;                // --merge: only rebuild the index from OUT
  bool log_json = false;             // --log-json: one JSON object per event on stderr
  double entry_timeout = 300;        // --entry-timeout SECONDS, per entry, in the worker
  uint64_t worker_memory_mib = 8192; // --worker-memory MIB, the worker's address space

  // Set by the batch on the scan it runs in a worker process (hidden options).
  int worker_events_fd = -1;  // --worker-events FD
  std::string skip_list;      // --skip-list FILE: entries not to analyse (poison), JSON
};

// Exit statuses of INTERFACE.md.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailOn = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitUnreadable = 3;

// Parses argv. On --help/--version or a usage error, prints and returns the exit status to
// end with; otherwise returns nullopt and fills `out`.
std::optional<int> parse_options(int argc, char** argv, Options& out);

// The options of a `scan` that analyse as `o` says (checks, policy, lexicons, models, strip,
// jobs, limits), without sources or outputs: what the batch passes to each worker.
std::vector<std::string> analysis_args(const Options& o);

}  // namespace mediascan
