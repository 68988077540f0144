// mediascan: reads a social-network export, finds what can hurt its owner, reports it.
//
// main() is the table of contents: parse and validate options, index the export (first pass),
// scan it (second pass, the pipeline), write the outputs, and map the outcome to an exit status.
#include <malloc.h>

#include <clocale>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "scanner/app/batch.h"
#include "scanner/app/list.h"
#include "scanner/app/options.h"
#include "scanner/app/progress.h"
#include "scanner/ingest/ingest.h"
#include "scanner/pipeline/pipeline.h"
#include "scanner/report/csv_report.h"
#include "scanner/report/html_report.h"
#include "scanner/report/json_report.h"
#include "scanner/text/lexicon.h"
#include "scanner/util/text.h"
#include "scanner/vision/models.h"
#include "scanner/vision/module.h"

#include <filesystem>

namespace mediascan {
namespace {

bool unreadable(const ExportIndex& index) { return index.readable_sources == 0; }

void print_unreadable(const ExportIndex& index) {
  for (const PathError& e : index.entry_errors)
    std::cerr << "mediascan: " << util::printable(e.error.message) << "\n";
  std::cerr << "mediascan: the export could not be read\n";
}

std::string scene_models(const ScanConfig& config) {
  std::string names;
  if (config.models)
    for (const ModelManifest* m : config.models->usable())
      if (m->task != "face:yunet") names += (names.empty() ? "" : ",") + m->name;
  return names.empty() ? "unavailable" : names;
}

std::string lexicon_languages(const text::Lexicon& lexicon) {
  std::string out;
  for (const std::string& l : lexicon.languages())
    if (l != "any") out += (out.empty() ? "" : ",") + l;
  return out;
}

// The built-in lexicons plus the user's --lexicon files; nullopt (and a message) when one is bad.
std::optional<text::Lexicon> load_lexicon(const Options& o) {
  text::Lexicon lexicon = text::Lexicon::builtin();
  for (const std::string& path : o.lexicons) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream content;
    content << f.rdbuf();
    try {
      if (!f) throw std::runtime_error(path + ": cannot be read");
      lexicon.add(content.str(), path);
    } catch (const std::exception& e) {
      std::cerr << "mediascan: --lexicon " << util::printable(e.what()) << "\n";
      return std::nullopt;
    }
  }
  return lexicon;
}

std::map<std::string, std::string> describe_checks(const Options& o, const ScanConfig& config) {
  auto on = [&](const char* check) {
    return o.checks.empty() || std::find(o.checks.begin(), o.checks.end(), check) != o.checks.end();
  };
  return {{"location", on("location") ? "metadata+sidecar" : "off"},
          {"identity", on("identity") ? "metadata" : "off"},
          {"faces", config.vision.faces ? (config.vision.face.yunet_model.empty() ? "cascade" : "yunet") : "off"},
          {"scene", on("scenes") ? scene_models(config) : "off"},
          {"text", config.lexicon ? "lexicons:" + lexicon_languages(*config.lexicon) + "+personal_data" : "off"}};
}

int exit_status(const Options& o, const RunResult& r) {
  if (o.fail_on.empty()) return kExitOk;
  const Level threshold = o.fail_on == "high" ? Level::high : o.fail_on == "medium" ? Level::medium : Level::low;
  return r.summary.max_level >= threshold ? kExitFailOn : kExitOk;
}

void print_summary(const RunResult& r, const Options& o) {
  if (o.quiet) return;
  const ReportSummary& s = r.summary;
  std::cerr << fmt::format("{} items: {} high, {} medium, {} low, {} ok; {} errors\n",
                           r.items.size(), s.high, s.medium, s.low, s.ok, s.errors);
  if (r.clean) {
    std::cerr << fmt::format("cleaned export: {} ({} entries changed; {} items could not be cleaned, {} entries not copied)\n",
                             r.clean->output, r.clean->modified, s.not_cleaned, r.clean->not_copied.size());
  }
  if (!o.report_path.empty()) std::cerr << "report: " << o.report_path << "\n";
  if (!o.json_path.empty()) std::cerr << "JSON report: " << o.json_path << "\n";
  if (!o.csv_path.empty()) std::cerr << "CSV: " << o.csv_path << "\n";
}

// The --policy file on top of the default, or the default; nullopt (and a message) when it is
// bad, or names a text topic no lexicon has ("text:alchohol" would never apply).
std::optional<Policy> load_policy(const Options& o, const text::Lexicon& lexicon) {
  if (o.policy_path.empty()) return Policy::defaults();
  std::ifstream f(o.policy_path, std::ios::binary);
  std::stringstream text;
  text << f.rdbuf();
  try {
    if (!f) throw std::runtime_error("cannot be read");
    Policy policy = Policy::parse(text.str());
    std::set<std::string> topics;
    for (const std::string& t : lexicon.topics()) topics.insert(t);
    topics.insert("personal_data");  // found by code, not by a lexicon
    if (const auto unknown = policy.unknown_text_topics(topics); !unknown.empty()) {
      std::string known;
      for (const std::string& t : topics) known += (known.empty() ? "" : ", ") + t;
      throw std::runtime_error("unknown category \"" + unknown.front() + "\" (text topics: " + known + ")");
    }
    return policy;
  } catch (const std::exception& e) {
    std::cerr << "mediascan: --policy " << o.policy_path << ": " << util::printable(e.what()) << "\n";
    return std::nullopt;
  }
}

int run_models(const Options& o) {
  if (!o.models_dir.empty() && !std::filesystem::is_directory(o.models_dir)) {  // as scan says it
    std::cerr << "mediascan: --models " << o.models_dir << ": no such folder\n";
    return kExitUsage;
  }
  const std::string dir = find_models_dir(o.models_dir, o.argv0);
  if (dir.empty()) {
    std::cout << "no models folder found (give one with --models DIR; scripts/fetch-models.sh fills models/)\n"
                 "faces: OpenCV's cascades, LBP proposals confirmed by Haar (no download needed)\n";
    return kExitOk;
  }
  const ModelSet set = ModelSet::load(dir);
  std::cout << "models folder: " << dir << "\n";
  for (const ModelStatus& s : set.all())
    std::cout << fmt::format("{:<28} {:<18} {:<6} {}\n", s.manifest.name, s.manifest.task,
                             s.present ? "ready" : "--", s.present ? s.manifest.enables : s.problem);
  std::cout << (set.find_task("face:yunet") ? "faces: YuNet\n" : "faces: OpenCV's cascades, LBP proposals confirmed by Haar (YuNet not present)\n");
  return kExitOk;
}

int run_list(const Options& o) {
  const ExportIndex index = index_export(o.sources, o.limits);
  if (unreadable(index)) {
    print_unreadable(index);
    return kExitUnreadable;
  }
  print_listing(o.sources, index, std::cout);
  return kExitOk;
}

// The parts of a split export (Takeout's numbered zips, a Facebook or Instagram download in
// several files) that lie beside the parts given but were not given: their photos, and the
// captions and places of photos in the parts given, are missing from the report.
// A part is known by its export and number: the same part as a zip and as the folder it was
// extracted into beside it is one part.
std::vector<std::string> missing_parts(const std::vector<std::string>& sources) {
  namespace fs = std::filesystem;
  std::set<std::pair<std::string, unsigned>> given;
  for (const std::string& s : sources)
    if (const auto part = util::export_part(fs::absolute(s).filename().string())) given.insert(*part);
  std::map<std::pair<std::string, unsigned>, std::string> missing;
  for (const std::string& s : sources) {
    const fs::path source = fs::absolute(s);
    const auto part = util::export_part(source.filename().string());
    if (!part) continue;
    std::error_code ec;
    for (fs::directory_iterator it(source.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
      const auto other = util::export_part(it->path().filename().string());
      if (other && other->first == part->first && !given.count(*other))
        missing.emplace(*other, (fs::path(s).parent_path() / it->path().filename()).string());  // as the user spelled it
    }
  }
  std::vector<std::string> out;
  for (const auto& [part, path] : missing) out.push_back(path);
  return out;
}

int run_scan_command(const Options& o) {
  std::unique_ptr<WorkerSide> worker;  // set when a batch runs this scan in a worker process
  if (o.worker_events_fd >= 0) {
    worker = std::make_unique<WorkerSide>(o);
    worker->phase("index");
  } else {
    // Over a file size limit (ulimit -f), a write fails with EFBIG: the scan says so and removes
    // its half-written output, where SIGXFSZ would kill it and leave the temporary file. (A
    // batch worker keeps the signal: its parent counts it as that limit.)
    std::signal(SIGXFSZ, SIG_IGN);
  }
  // A bad lexicon or policy is a usage error: found before the export is read. The lexicons are
  // loaded even with the text check off, to know the topics a policy may name.
  std::optional<text::Lexicon> lexicon = load_lexicon(o);
  if (!lexicon) return kExitUsage;
  std::optional<Policy> policy = load_policy(o, *lexicon);
  if (!policy) return kExitUsage;
  if (!o.checks.empty() && std::count(o.checks.begin(), o.checks.end(), "text") == 0) lexicon.reset();
  ExportIndex index = index_export(o.sources, o.limits);
  // The scan reads the export again and needs only the number of entries the first pass saw; the
  // list of them (a path and a source each) is for `mediascan list`.
  const size_t entries_seen = index.entries.size() + index.entry_errors.size();
  index.entries = {};
  // The first pass parsed every sidecar and freed most of it in small pieces; give those pages
  // back before the scan, or its peak starts from the first pass's.
  malloc_trim(0);
  if (unreadable(index)) {
    print_unreadable(index);
    return kExitUnreadable;
  }
  for (const std::string& part : missing_parts(o.sources)) {
    const std::string why = "another part of this export lies beside the parts given but was not given: its "
                            "photos, and the captions and places in it of photos in the parts given, are not in this "
                            "report; give every part";
    index.sidecar_errors.push_back({part, "", ItemError{"missing_part", why}});
    std::cerr << "mediascan: " << util::printable(part) << ": " << why << "\n";
  }
  ScanConfig config;
  config.policy = std::move(*policy);
  config.sources = o.sources;
  config.limits = o.limits;
  config.jobs = o.jobs;
  const auto on = [&](const char* check) {
    return o.checks.empty() || std::count(o.checks.begin(), o.checks.end(), check) > 0;
  };
  config.sidecar_location = config.metadata.location = on("location");
  config.metadata.identity = on("identity");
  const std::string models_dir = find_models_dir(o.models_dir, o.argv0);
  if (!o.models_dir.empty() && !std::filesystem::is_directory(o.models_dir)) {
    std::cerr << "mediascan: --models " << o.models_dir << ": no such folder\n";
    return kExitUsage;
  }
  const ModelSet models = ModelSet::load(models_dir);
  for (const ModelStatus& s : models.all())
    if (!s.present && !o.quiet && s.problem.find("not downloaded") == std::string::npos)
      std::cerr << "mediascan: model " << s.manifest.name << " not used: " << s.problem << "\n";
  // Pixels are decoded only for what needs them: faces, scenes, or the HTML report's previews
  // (a strip-only run never decodes an image, nor loads the vision module).
  const bool scenes = on("scenes") && !models.usable().empty();
  std::vector<std::string> needs_pixels;
  if (on("faces")) needs_pixels.push_back("face detection");
  if (scenes) needs_pixels.push_back("the scene and object checks");
  if (!o.report_path.empty()) needs_pixels.push_back("the report's previews");
  const VisionModule* vision = nullptr;
  if (!needs_pixels.empty()) {
    try {
      vision = &vision_module();
    } catch (const std::exception& e) {
      // A broken installation: said on the terminal and in the reports, which a batch keeps.
      const std::string why =
          std::string(e.what()) + ": " + util::in_words(needs_pixels) + (needs_pixels.size() == 1 ? " is" : " are") + " off";
      std::cerr << "mediascan: " << why << "\n";
      index.export_errors.push_back({"", "", ItemError{"vision_unavailable", why}});
    }
  }
  if (vision && scenes) {
    try {
      VisionConfig nets_only;
      nets_only.faces = false;
      vision->worker(nets_only, &models);
      config.models = &models;
    } catch (const std::exception& e) {
      std::cerr << "mediascan: scene and object checks are off: " << e.what() << "\n";
    }
  }
  if (const ModelManifest* yunet = models.find_task("face:yunet"))
    config.vision.face.yunet_model = (std::filesystem::path(models.dir) / yunet->file).string();
  config.vision.faces = vision && on("faces");
  config.previews = !o.report_path.empty();
  config.hashes = !o.report_path.empty() || !o.json_path.empty() || o.worker_events_fd >= 0;
  if (config.vision.faces && !config.vision.face.yunet_model.empty()) {
    try {
      vision->worker(config.vision, nullptr);
    } catch (const std::exception& e) {
      std::cerr << "mediascan: " << e.what() << "; using OpenCV's cascades\n";
      config.vision.face.yunet_model.clear();
    }
  }
  if (config.vision.faces && config.vision.face.yunet_model.empty()) {
    try {
      vision->worker(config.vision, nullptr);
    } catch (const std::exception& e) {
      std::cerr << "mediascan: face detection is off: " << e.what() << "\n";
      config.vision.faces = false;
    }
  }
  config.vision.decode = vision && (config.vision.faces || config.models || !o.report_path.empty());
  if (lexicon) config.lexicon = &*lexicon;
  if (!o.clean_path.empty())
    config.clean = CleanConfig{o.clean_path, o.strip == "all" ? StripMode::all : StripMode::location};
  if (worker) {
    worker->attach(config);
    worker->phase("scan");
  }
  RunResult result;
  {
    Progress progress(o.progress, entries_seen);
    result = run_scan(config, index, [&](const Item& item, uint64_t done) {
      progress.update(done, item.path);
    });
  }
  result.info.version = MEDIASCAN_VERSION;
  result.info.sources = o.sources;
  result.info.checks = describe_checks(o, config);
  if (worker) worker->phase("report");
  // A batch worker cleans into its staging folder, which is published beside the reports: they
  // name the cleaned copy by its name there.
  if (worker && result.clean) result.clean->output = std::filesystem::path(result.clean->output).filename().string();
  if (!o.json_path.empty()) write_json_report(result, o.json_path);
  if (!o.report_path.empty()) write_html_report(result, o.report_path);
  if (!o.csv_path.empty()) write_csv_report(result, o.csv_path);
  if (worker) worker->summary(result);
  print_summary(result, o);
  return exit_status(o, result);
}

}  // namespace
}  // namespace mediascan

int main(int argc, char** argv) {
  using namespace mediascan;
  // Photos are megabytes each: freed buffers stay in the heap for the next photo instead of
  // going back to the kernel and faulting in again for every entry (glibc's default mmaps each
  // one). Bounded: buffers above 32 MB still use mmap, and a free top above 64 MB is trimmed.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  // libarchive converts entry names to UTF-8 through the locale.
  if (!std::setlocale(LC_ALL, "C.UTF-8")) std::setlocale(LC_ALL, "");
  // OpenCV's FFmpeg prints its own errors ("moov atom not found") on stderr; a video whose
  // frames cannot be decoded is already reported in its item (not_decoded). A user who sets the
  // variable gets FFmpeg's messages as before.
  setenv("OPENCV_FFMPEG_LOGLEVEL", "-8", 0);  // AV_LOG_QUIET
  Options options;
  if (auto status = parse_options(argc, argv, options)) return *status;
  try {
    switch (options.command) {
      case Command::list: return run_list(options);
      case Command::models: return run_models(options);
      case Command::scan: return run_scan_command(options);
      case Command::batch: return run_batch_command(options);
      default: return kExitUsage;
    }
  } catch (const std::exception& e) {
    std::cerr << "mediascan: " << util::printable(e.what()) << "\n";
    return kExitUnreadable;
  }
}
