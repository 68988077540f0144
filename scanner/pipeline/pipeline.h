// The scan pipeline: oneTBB parallel_pipeline with a serial in-order reader (owns the export
// reader), parallel analysis (each stage adds findings to the item it holds), and a serial
// in-order writer (owns the results and the progress sink). At most `tokens` items are in
// flight, so memory stays flat whatever the export's size.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "scanner/ingest/ingest.h"
#include "scanner/ingest/limits.h"
#include "scanner/report/json_report.h"
#include "scanner/risk/assess.h"

namespace mediascan {

struct ScanConfig {
  std::vector<std::string> sources;
  Limits limits;
  size_t jobs = 1;
  bool check_location = true;
  Policy policy;
};

// Called by the writer only, in export order, after each item. Never called concurrently.
using ProgressFn = std::function<void(const Item& item, uint64_t entries_done)>;

// Second pass over the export: reads every entry, analyses media items, and returns the
// results in export order. `index` comes from index_export() over the same sources.
RunResult run_scan(const ScanConfig& config, const ExportIndex& index, const ProgressFn& progress);

}  // namespace mediascan
