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
};

// Exit statuses of INTERFACE.md.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailOn = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitUnreadable = 3;

// Parses argv. On --help/--version or a usage error, prints and returns the exit status to
// end with; otherwise returns nullopt and fills `out`.
std::optional<int> parse_options(int argc, char** argv, Options& out);

}  // namespace mediascan
