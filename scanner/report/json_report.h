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
#include "scanner/core/item_store.h"
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

// The report's "summary" and "export" counts.
struct ReportSummary {
  uint64_t high = 0, medium = 0, low = 0, ok = 0;
  // Entries with a problem: items with errors and top-level error records, each path once.
  uint64_t errors = 0;
  uint64_t location_fixed = 0, not_cleaned = 0;
  uint64_t media = 0, texts = 0;
  Level max_level = Level::ok;
};

// Everything a report sink needs once the run is over. The items are on disk (ItemStore), so
// a sink reads them in order, once or twice, and keeps only what it needs of each.
struct RunResult {
  RunInfo info;
  ItemStore items;
  std::vector<ReportError> errors;
  std::optional<CleanSummary> clean;
  RunAnalysis analysis;    // copies of one picture, recurring places
  ReportSummary summary;   // summarize(items, errors), once they are final
  // The items' previews, set aside on disk as they came (Item::thumbnail_spilled); null when
  // none was kept.
  std::shared_ptr<util::SpillFile> previews;
};

// Counts the items (one pass over them) and the top-level errors.
ReportSummary summarize(const ItemStore& items, const std::vector<ReportError>& errors);

// Writes `result` to `path` atomically (temporary file, then rename). Throws std::runtime_error.
void write_json_report(const RunResult& result, const std::filesystem::path& path);

}  // namespace mediascan
