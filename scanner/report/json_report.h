// The machine-readable report, schema "mediascan.report/1" (../shared/INTERFACE.md).
// Thread-safety: a JsonReport is owned by the pipeline's serial writer.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scanner/core/item.h"
#include "scanner/core/run_analysis.h"

namespace mediascan {

struct ReportError {
  std::string path;
  std::string source;
  ItemError error;
};

struct RunInfo {
  std::string version;
  std::vector<std::string> sources;
  std::string layout;
  uint64_t entries = 0;                       // every entry of the export
  std::map<std::string, std::string> checks;  // check -> how it ran ("off", "cascade", ...)
};

// What --clean wrote.
struct CleanSummary {
  std::string output;
  uint64_t modified = 0;                 // entries written changed (then verified)
  std::vector<ReportError> not_copied;   // entries the cleaned export lacks, with the reason
};

// Everything a report sink needs once the run is over. Items hold no bytes by then.
struct RunResult {
  RunInfo info;
  std::vector<Item> items;
  std::vector<ReportError> errors;
  std::optional<CleanSummary> clean;
  RunAnalysis analysis;  // copies of one picture, recurring places
  // The items' previews, set aside on disk as they came (Item::thumbnail_spilled); null when
  // none was kept.
  std::shared_ptr<util::SpillFile> previews;
};

// Entries with a problem: items with errors and top-level error records, each path once (the
// report's summary.errors).
size_t count_error_paths(const RunResult& result);

// The report's "summary" and "export" counts.
struct ReportSummary {
  uint64_t high = 0, medium = 0, low = 0, ok = 0;
  uint64_t errors = 0;  // count_error_paths
  uint64_t location_fixed = 0, not_cleaned = 0;
  uint64_t media = 0, texts = 0;
  Level max_level = Level::ok;
};
ReportSummary summarize(const RunResult& result);

// Writes `result` to `path` atomically (temporary file, then rename). Throws std::runtime_error.
void write_json_report(const RunResult& result, const std::filesystem::path& path);

}  // namespace mediascan
