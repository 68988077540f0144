// The scan pipeline: oneTBB parallel_pipeline with a serial in-order reader (owns the export
// reader), parallel analysis (each stage adds findings to the item it holds), and a serial
// in-order writer (owns the results, the cleaned export and the progress sink). At most
// `2 * jobs` entries are in flight, so memory stays flat whatever the export's size.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scanner/ingest/ingest.h"
#include "scanner/ingest/limits.h"
#include "scanner/metadata/metadata.h"
#include "scanner/report/json_report.h"
#include "scanner/risk/assess.h"
#include "scanner/text/lexicon.h"
#include "scanner/vision/config.h"
#include "scanner/vision/models.h"

namespace mediascan {

struct CleanConfig {
  std::filesystem::path output;  // ".zip" for a zip, anything else a folder
  StripMode mode = StripMode::location;
};

struct ScanConfig {
  std::vector<std::string> sources;
  Limits limits;
  size_t jobs = 1;
  bool sidecar_location = true;  // sidecar_geo findings
  MetadataChecks metadata;       // embedded metadata findings
  VisionConfig vision;
  const ModelSet* models = nullptr;  // scene/object models, when any is usable
  const text::Lexicon* lexicon = nullptr;  // the text check (captions, posts), off when null
  std::optional<CleanConfig> clean;
  Policy policy = Policy::defaults();
  bool previews = true;  // keep the previews of items with findings (for the HTML report)
  // Each media item's SHA-256 (the reports' "sha256", exact copies, the batch journal): a tenth
  // of a strip-only run's CPU, so off when nothing reads it.
  bool hashes = true;
  // Entries neither analysed nor copied to the cleaned export, each with the message its error
  // record carries: the batch's poison entries, which crashed or hung the scanner before.
  std::map<std::string, std::string> skip;
  // Told when the analysis (or the cleaned copy's re-check) of an entry begins and ends, from
  // the worker threads, concurrently: the batch runs each scan in a child process and blames a
  // crash or a hang on the entries that were in flight. Either may be empty.
  // The serial reader is announced as the path kReaderInFlight while it reads the next entry.
  std::function<void(const std::string& path)> on_begin;
  std::function<void(const std::string& path, const std::string& sha256)> on_end;
};

inline const std::string kReaderInFlight;  // "": no entry has an empty path

// Called by the writer only, in export order, after each item. Never called concurrently.
using ProgressFn = std::function<void(const Item& item, uint64_t entries_done)>;

// Second pass over the export: reads every entry, analyses media items, writes the cleaned
// export when asked (then re-reads it to verify before marking anything fixed), and returns
// the results in export order, then one item of kind text per post or comment that is no
// media item's caption. `index` comes from index_export() over the same sources.
// Throws std::runtime_error when the cleaned export cannot be written.
RunResult run_scan(const ScanConfig& config, const ExportIndex& index, const ProgressFn& progress);

}  // namespace mediascan
