// The batch's index: OUT/index.html (one self-contained page that links every export's report,
// riskiest first) and OUT/summary.json (schema "mediascan.batch/1"), both built from the
// exports' records alone, so that shards writing into one OUT can be merged afterwards.
//
// An export's record, OUT/exports/<slug>/batch.json, schema "mediascan.batch-export/1":
//   {"schema", "name", "slug", "sources": [names], "status": "done"|"failed",
//    "message", "finished": ISO-8601, "seconds", "attempts", "content_sha256",
//    "layout", "items", "media", "texts",
//    "summary": {"high","medium","low","ok","errors","location_fixed","not_cleaned"},
//    "max_level": "high"|"medium"|"low"|"ok",
//    "poison": [{"path","message"}], "warnings": [text],
//    "files": {"html": "report.html", "json": "report.json", "clean": "cleaned.zip"} (a failed
//    export: {"log": "worker.log"}), "stat_fingerprint"}
// In summary.json a record whose export changed since gets "stale": true.
//
// Thread-safety: called once at the end of a batch or a merge.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mediascan {

struct BatchIndex {
  std::string version;
  std::vector<nlohmann::json> exports;  // records, as read
  std::vector<std::string> missing;     // exports of the inbox that have no record yet
  std::vector<std::string> stale;       // exports whose files changed after their record was made
  std::vector<std::pair<std::string, std::string>> skipped;  // inbox entries that are no export, why
};

// Writes OUT/index.html and OUT/summary.json atomically. Throws std::runtime_error.
void write_batch_index(const BatchIndex& index, const std::filesystem::path& out_dir);

}  // namespace mediascan
