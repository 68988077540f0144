#include "scanner/pipeline/pipeline.h"

#include <memory>

#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>

#include "scanner/ingest/export_reader.h"
#include "scanner/util/sha256.h"

namespace mediascan {
namespace {

// What travels through the pipeline: an item, or an error about an entry that is no item.
struct Token {
  Item item;
  std::optional<ReportError> entry_error;  // goes to the report's top-level errors
  bool is_item = true;                     // false: only entry_error is meaningful
  uint64_t entries_done = 0;
};

// Builds the token for one entry; nullptr when the entry is neither media nor an error.
std::unique_ptr<Token> make_token(Entry&& e, const ExportIndex& index) {
  auto t = std::make_unique<Token>();
  Item& item = t->item;
  item.path = std::move(e.path);
  item.source = std::move(e.source);
  item.type = e.type;
  item.kind = kind_of(e.type);
  item.size = e.size;
  if (e.error) {
    t->entry_error = ReportError{item.path, item.source, *e.error};
    // A photo we could not read still belongs in the items: the user must know it went unchecked.
    t->is_item = has_media_extension(item.path) || item.kind != Kind::other;
    if (t->is_item) item.errors.push_back(*e.error);
    return t;
  }
  if (item.kind == Kind::other) {
    if (!has_media_extension(item.path)) return nullptr;
    item.errors.push_back({"unknown_format",
                           "named like a photo or video, but its bytes are not a known media format"});
    item.bytes = std::move(e.data);
    return t;
  }
  item.bytes = std::move(e.data);
  if (auto c = index.contexts.find(item.path); c != index.contexts.end()) item.context = c->second;
  return t;
}

void analyse(Item& item, const ScanConfig& config) {
  if (!item.bytes.empty()) item.sha256 = util::sha256_hex(item.bytes);
  if (config.check_location) {
    auto found = sidecar_findings(item.context);
    item.findings.insert(item.findings.end(), found.begin(), found.end());
  }
  // Later stages (metadata, vision, text) plug in here; each skips items that already failed.
  item.bytes.clear();
  item.bytes.shrink_to_fit();
  assess(item, config.policy);
}

}  // namespace

RunResult run_scan(const ScanConfig& config, const ExportIndex& index, const ProgressFn& progress) {
  RunResult result;
  for (const PathError& e : index.sidecar_errors)
    result.errors.push_back({e.path, e.source, e.error});
  ExportReader reader(config.sources, config.limits);
  // Media in full; a file named like media in full too, so the report can fingerprint it.
  const WantFn want = [](const std::string& path, MediaType type) {
    return kind_of(type) != Kind::other || has_media_extension(path) ? Want::all : Want::head;
  };
  uint64_t entries = 0;
  const size_t jobs = std::max<size_t>(1, config.jobs);
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, jobs);

  tbb::parallel_pipeline(
      jobs * 2,
      tbb::make_filter<void, Token*>(
          tbb::filter_mode::serial_in_order,
          [&](tbb::flow_control& fc) -> Token* {
            while (auto e = reader.next(want)) {
              ++entries;
              if (auto t = make_token(std::move(*e), index)) {
                t->entries_done = entries;
                return t.release();
              }
            }
            fc.stop();
            return nullptr;
          }) &
          tbb::make_filter<Token*, Token*>(tbb::filter_mode::parallel,
                                           [&](Token* t) {
                                             if (t->is_item) analyse(t->item, config);
                                             return t;
                                           }) &
          tbb::make_filter<Token*, void>(tbb::filter_mode::serial_in_order, [&](Token* raw) {
            std::unique_ptr<Token> t(raw);
            if (t->entry_error) result.errors.push_back(std::move(*t->entry_error));
            if (t->is_item) {
              if (progress) progress(t->item, t->entries_done);
              result.items.push_back(std::move(t->item));
            }
          }));

  result.info.entries = entries;
  result.info.layout = index.layout;
  return result;
}

}  // namespace mediascan
