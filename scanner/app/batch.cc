#include "scanner/app/batch.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <iostream>

#include <fmt/format.h>

#include "scanner/batch/inbox.h"
#include "scanner/batch/journal.h"
#include "scanner/report/batch_index.h"
#include "scanner/util/output_file.h"
#include "scanner/util/sha256.h"
#include "scanner/util/text.h"
#include "scanner/util/time.h"
#include "scanner/vision/models.h"
#include "scanner/vision/module.h"

namespace mediascan {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using batch::InboxExport;

// A crash or hang in flight counts against each entry then in flight; at this many an entry is
// poison. After any crash the export is retried on one thread, so that a second one names
// exactly one entry.
constexpr int kPoisonAfter = 2;
// An export whose worker died this many times is given up. On one thread each death names one
// entry (poisoned at its second) or the reader (the export fails at its second), so this is
// reached only by exports with several bad entries.
constexpr int kMaxAttempts = 8;

// Where the batch writes, under OUT. Exports' folders appear whole or not at all: a worker
// writes into a staging folder under OUT/.mediascan, which is swapped in when it is complete.
struct OutLayout {
  fs::path root;
  fs::path exports() const { return root / "exports"; }
  fs::path state() const { return root / ".mediascan"; }
  fs::path staging() const { return state() / "staging"; }
  fs::path journal(unsigned k, unsigned n) const {
    return state() / (n > 1 ? fmt::format("journal-{}-of-{}.sqlite", k, n) : std::string("journal.sqlite"));
  }
};

// Plain lines on stderr, or one JSON object per line (--log-json). Names from the inbox and the
// exports are attacker-controlled: printable() in plain lines, JSON escaping in JSON lines.
class BatchLog {
 public:
  BatchLog(bool json_lines, bool quiet) : json_(json_lines), quiet_(quiet) {}

  // `text` for the plain line, its names already made printable; `fields` for the JSON line.
  void event(const char* kind, json fields, const std::string& text, bool problem = false) {
    if (json_) {
      json line = {{"time", util::now_iso8601_utc()}, {"event", kind}};
      line.update(fields);
      std::cerr << line.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    } else if (problem || !quiet_) {
      std::cerr << "mediascan batch: " << text << "\n";
    }
    std::cerr.flush();
  }

 private:
  bool json_;
  bool quiet_;
};

std::string p(const std::string& s) { return util::printable(s); }

// What the reports depend on besides the export: the program, the analysis options and the
// contents of the files they name. A change of any of them rescans every export.
std::string config_digest(const Options& o) {
  std::string text = std::string("mediascan ") + MEDIASCAN_VERSION + "\n";
  const std::vector<std::string> args = analysis_args(o);
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--jobs") {  // threads change the speed, not the reports
      ++i;
      continue;
    }
    text += args[i] + "\n";
  }
  text += o.batch_clean ? "clean\n" : "no clean\n";
  // The worker's limits decide which entries end up poison.
  text += fmt::format("entry timeout {} s, worker memory {} MiB\n", o.entry_timeout, o.worker_memory_mib);
  if (!o.policy_path.empty()) text += util::sha256_hex(util::read_file(o.policy_path)) + "\n";
  for (const std::string& l : o.lexicons) text += util::sha256_hex(util::read_file(l)) + "\n";
  std::error_code ec;
  // The vision module: without it a report has no faces, scenes or previews; back (or another
  // build of it), every export is scanned again.
  if (const auto module = vision_module_file())
    text += "vision module " + std::to_string(fs::file_size(*module, ec)) + " " +
            std::to_string(fs::last_write_time(*module, ec).time_since_epoch().count()) + "\n";
  else
    text += "no vision module\n";
  const std::string models = find_models_dir(o.models_dir, o.argv0);
  if (!models.empty())
    for (const auto& entry : fs::directory_iterator(models, ec))
      if (entry.is_regular_file(ec))
        text += entry.path().filename().string() + " " + std::to_string(entry.file_size(ec)) + " " +
                std::to_string(entry.last_write_time(ec).time_since_epoch().count()) + "\n";
  return util::sha256_hex(text);
}

std::string self_exe() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) throw std::runtime_error("cannot find this program's own path: " + ec.message());
  return self.string();
}

// The last lines a worker wrote on stderr: why a scan ended with an error.
std::string log_tail(std::string text) {
  if (text.size() > 2000) text = text.substr(text.size() - 2000);
  std::vector<std::string> lines;
  for (const std::string& l : util::split(text, '\n'))
    if (!util::trim(l).empty()) lines.push_back(std::string(util::trim(l)));
  std::string out;
  for (size_t i = lines.size() > 3 ? lines.size() - 3 : 0; i < lines.size(); ++i) out += (out.empty() ? "" : "; ") + lines[i];
  return out;
}

void fsync_dir(const fs::path& dir) {
  std::FILE* f = std::fopen(dir.c_str(), "r");
  if (!f) return;
  ::fsync(::fileno(f));
  std::fclose(f);
}

// Puts the finished staging folder in place of the export's folder in one step (a reader sees
// the old report set or the new one, never a mix), then removes the old one. File systems that
// cannot swap (NFS and CephFS clients refuse rename flags) get two renames instead: for a moment
// the folder is missing, never half-written.
void publish(const fs::path& staging, const fs::path& target) {
  std::error_code ec;
  if (!fs::exists(target, ec)) {
    fs::rename(staging, target);
  } else if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
    fs::remove_all(staging, ec);
  } else if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) {
    const fs::path old = staging.string() + ".old";
    fs::rename(target, old);
    fs::rename(staging, target);
    fs::remove_all(old, ec);
  } else {
    throw std::runtime_error("cannot put " + target.string() + " in place: " + std::strerror(errno));
  }
  fsync_dir(target.parent_path());
}

// A staging folder of its own for each scan, so two runs never write into the same one.
fs::path make_staging(const fs::path& root, const std::string& slug) {
  std::string pattern = (root / (slug + ".XXXXXX")).string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a folder in " + root.string() + ": " + std::strerror(errno));
  return pattern;  // mkdtemp made it 0700: it will hold private photos
}

struct Totals {
  int scanned = 0, unchanged = 0, failed = 0;
  int unpublished = 0;  // results that could not be written into OUT: the run exits 3
};

// What identifies the export's files when it is scanned (batch::stat_fingerprint and
// batch::content_fingerprint), recorded in batch.json and the journal.
struct Fingerprints {
  std::string stat;
  uint64_t bytes = 0;
  std::string content;
};

class BatchRun {
 public:
  BatchRun(const Options& o, BatchLog& log)
      : o_(o), log_(log), out_{o.out_dir}, config_(config_digest(o)), self_(self_exe()) {
    std::error_code ec;
    const bool made_out = !fs::exists(out_.root, ec);
    fs::create_directories(out_.exports());
    fs::create_directories(out_.staging());
    // The names of the exports are personal too: what mediascan makes is its owner's only (an
    // OUT the user made keeps the mode they gave it).
    if (made_out) fs::permissions(out_.root, fs::perms::owner_all, fs::perm_options::replace);
    fs::permissions(out_.exports(), fs::perms::owner_all, fs::perm_options::replace);
    fs::permissions(out_.state(), fs::perms::owner_all, fs::perm_options::replace);
    lock();
    // A shard stages in a folder of its own, which it alone empties (it holds its K/N).
    staging_ = o.shard_n > 1 ? out_.staging() / fmt::format("shard-{}-of-{}", o.shard_k, o.shard_n) : out_.staging();
    if (o.shard_n > 1) {
      fs::create_directories(staging_);
      for (const auto& entry : fs::directory_iterator(staging_)) fs::remove_all(entry.path());
    }
    journal_.emplace(out_.journal(o.shard_k, o.shard_n));
  }
  ~BatchRun() {
    std::error_code ec;
    if (o_.shard_n > 1) fs::remove(staging_, ec);  // when empty: a shard's scans clean up after themselves
    for (int fd : lock_fds_) ::close(fd);
  }
  BatchRun(const BatchRun&) = delete;
  BatchRun& operator=(const BatchRun&) = delete;

  void process(const InboxExport& e) {
    Fingerprints fp;
    try {
      const batch::StatFingerprint stat = batch::stat_fingerprint(e);
      fp.stat = stat.digest;
      fp.bytes = stat.bytes;
      const auto record = journal_->find_export(e.name);
      std::error_code ec;
      // Only a finished scan is kept: a failed one is tried again (the disk may have been full).
      if (record && record->state == "done" && record->config == config_ && published_for(e)) {
        if (record->stat == fp.stat) return unchanged(e, "unchanged");
        fp.content = batch::content_fingerprint(e);
        if (fp.content == record->content) {
          journal_->update_stat(e.name, fp.stat);
          update_published_stat(e, fp.stat);
          return unchanged(e, "files touched, content unchanged");
        }
      }
      if (fp.content.empty()) fp.content = batch::content_fingerprint(e);
      journal_->begin_export(e.name, fp.stat, fp.content, config_);
      scan(e, fp);
    } catch (const std::exception& ex) {
      fail(e, ex.what(), 0, fp);
    }
  }

  const Totals& totals() const { return totals_; }

 private:
  // A nightly run that overlaps the last one's end would scan the same exports twice. An
  // unsharded run holds OUT alone; shards share OUT, each holding its own K/N. Released when
  // the process ends, however it ends.
  void lock() {
    const bool sharded = o_.shard_n > 1;
    take_lock(out_.state() / "lock", sharded ? LOCK_SH : LOCK_EX, "another mediascan batch is running on " + o_.out_dir);
    if (sharded) {
      take_lock(out_.journal(o_.shard_k, o_.shard_n).string() + ".lock", LOCK_EX,
                fmt::format("shard {}/{} is already running on {}", o_.shard_k, o_.shard_n, o_.out_dir));
      // Shards of another N split the inbox another way: run beside them, the same exports
      // would be scanned twice. Each N holds its own lock shared; another N's held is a refusal.
      const std::string mine = fmt::format("shards-of-{}.lock", o_.shard_n);
      const fs::path own = out_.state() / mine;
      const int fd = ::open(own.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      if (fd < 0) throw std::runtime_error("cannot create " + own.string() + ": " + std::strerror(errno));
      lock_fds_.push_back(fd);
      // Blocking: another N's check below holds it for a moment only.
      if (::flock(fd, LOCK_SH) != 0) throw std::runtime_error("cannot lock " + own.string() + ": " + std::strerror(errno));
      for (const auto& entry : fs::directory_iterator(out_.state())) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with("shards-of-") || !name.ends_with(".lock") || name == mine) continue;
        const int other = ::open(entry.path().c_str(), O_RDWR | O_CLOEXEC);
        if (other < 0) continue;
        const bool free = ::flock(other, LOCK_EX | LOCK_NB) == 0;
        ::close(other);
        if (!free)
          throw std::runtime_error(fmt::format("shards of another count ({}) are running on {}; shard {}/{} not started",
                                               name.substr(10, name.size() - 15), o_.out_dir, o_.shard_k, o_.shard_n));
      }
    } else {  // nobody else writes: what earlier runs and shards left in staging goes
      for (const auto& entry : fs::directory_iterator(out_.staging())) fs::remove_all(entry.path());
    }
  }

  void take_lock(const fs::path& file, int mode, const std::string& busy) {
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot create " + file.string() + ": " + std::strerror(errno));
    lock_fds_.push_back(fd);
    if (::flock(fd, mode | LOCK_NB) != 0) throw std::runtime_error(busy);
  }

  // Whether the export's folder holds its own record (not another export's).
  bool published_for(const InboxExport& e) const {
    const fs::path file = out_.exports() / e.slug / "batch.json";
    std::error_code ec;
    if (!fs::exists(file, ec)) return false;
    try {
      const json record = json::parse(util::read_file(file), nullptr, false);
      return record.is_object() && record.value("name", "") == e.name;
    } catch (const std::exception&) {
      return false;
    }
  }

  // The published record's stat fingerprint, after files were touched but their content is the
  // same: the index compares it with the inbox, and would call the report out of date forever.
  void update_published_stat(const InboxExport& e, const std::string& stat) const {
    const fs::path file = out_.exports() / e.slug / "batch.json";
    json record = json::parse(util::read_file(file), nullptr, false);
    if (!record.is_object()) return;
    record["stat_fingerprint"] = stat;
    util::write_file_atomically(file, record.dump(2, ' ', false, json::error_handler_t::replace) + "\n", 0600);
  }

  void unchanged(const InboxExport& e, const char* why) {
    ++totals_.unchanged;
    log_.event("export_unchanged", {{"export", e.name}, {"why", why}}, p(e.name) + ": " + why + ", not scanned again");
  }

  std::vector<std::string> worker_args(const InboxExport& e, const fs::path& staging, bool serial) const {
    std::vector<std::string> args = {self_, "scan"};
    std::vector<std::string> analysis = analysis_args(o_);
    if (serial)
      for (size_t i = 0; i + 1 < analysis.size(); ++i)
        if (analysis[i] == "--jobs") analysis[i + 1] = "1";
    args.insert(args.end(), analysis.begin(), analysis.end());
    for (const char* a : {"--quiet", "--no-progress"}) args.push_back(a);
    for (auto [flag, file] : {std::pair{"--json", "report.json"}, {"--report", "report.html"}}) {
      args.push_back(flag);
      args.push_back((staging / file).string());
    }
    if (o_.batch_clean) {
      args.push_back("--clean");
      args.push_back((staging / "cleaned.zip").string());
    }
    for (const std::string& a : {std::string("--worker-events"), std::to_string(batch::kEventFd), std::string("--skip-list"),
                                 (staging / "skip.json").string(), std::string("--")})
      args.push_back(a);
    for (const fs::path& s : e.sources) args.push_back(fs::absolute(s).string());
    return args;
  }

  batch::WorkerLimits limits(uint64_t export_bytes) const {
    batch::WorkerLimits l;
    l.address_space = o_.worker_memory_mib << 20;
    // Generous for honest work (about 0.05 CPU s per MiB of photos here), finite for a loop.
    l.cpu_seconds = 600 + export_bytes / (1 << 20);
    l.file_size = std::max<uint64_t>(uint64_t{1} << 30,
                                      std::min(o_.limits.max_total_bytes, 16 * export_bytes) + (uint64_t{1} << 30));
    l.entry_timeout = std::chrono::milliseconds(int64_t(o_.entry_timeout * 1000));
    // A worker blocked outside any entry uses no CPU: the same budget in wall-clock seconds.
    l.total_timeout = std::chrono::seconds(l.cpu_seconds);
    return l;
  }

  // Removes a staging folder when the scan is over, whatever happened: after publish() it is
  // gone already; after a failure it holds nothing anyone will read.
  struct StagingGuard {
    fs::path path;
    ~StagingGuard() {
      std::error_code ec;
      fs::remove_all(path, ec);
    }
  };

  void scan(const InboxExport& e, const Fingerprints& fp) {
    const auto started = std::chrono::steady_clock::now();
    bool serial = journal_->suspected(e.name);
    for (int attempt = 1;; ++attempt) {
      const StagingGuard staging{make_staging(staging_, e.slug)};
      const std::map<std::string, std::string> poison = journal_->poison(e.name);
      json skip = json::array();
      for (const auto& [path, message] : poison) {
        json entry = {{"message", message}};
        batch::put_path(entry, path);
        skip.push_back(std::move(entry));
      }
      util::write_file_atomically(staging.path / "skip.json", skip.dump(), 0600);
      log_.event("export_start", {{"export", e.name}, {"attempt", attempt}, {"parts", e.sources.size()}},
                 p(e.name) + (attempt > 1 ? fmt::format(": scanning again (attempt {}, one thread)", attempt) : ": scanning"));
      json summary;
      const batch::WorkerOutcome w = batch::run_worker(
          worker_args(e, staging.path, serial), limits(fp.bytes), staging.path / "worker.log", [&](const json& event) {
            const std::string kind = event.value("event", "");
            if (kind == "end" && batch::get_path(event) != kReaderInFlight)
              journal_->item_done(e.name, batch::get_path(event), event.value("sha256", ""));
            else if (kind == "summary") summary = event;
          });
      journal_->flush();
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      if (w.end == batch::WorkerOutcome::End::exited && w.status == 0 && summary.is_object()) {
        // An export still being copied or downloaded into the inbox: what was scanned is not
        // what is there now. Not recorded as done, so the next run scans it again.
        if (batch::stat_fingerprint(e).digest != fp.stat)
          return fail(e, "the export changed while it was scanned (still being copied or downloaded?); it will be "
                         "scanned again on the next run",
                      attempt, fp);
        return done(e, staging.path, summary, poison, fp, attempt, seconds);
      }
      const std::string log = util::read_file(staging.path / "worker.log");
      if (w.end == batch::WorkerOutcome::End::exited && (w.status == kExitUnreadable || w.status == kExitUsage)) {
        const std::string why = log_tail(log);
        return fail(e, why.empty() ? "the export could not be read" : why, attempt, fp, log);
      }
      // A limit on the whole scan says nothing about which entry is to blame.
      if (w.over_a_limit())
        return fail(e, "the scanner " + w.describe() + " (see --worker-memory and the README's limits)", attempt, fp, log);
      if (!blame(e, w, attempt, fp, log)) return;
      if (attempt >= kMaxAttempts)
        return fail(e, fmt::format("the scanner died {} times on this export; given up", attempt), attempt, fp, log);
      serial = true;
    }
  }

  // Counts the worker's death against what it was doing. False when the export is given up.
  bool blame(const InboxExport& e, const batch::WorkerOutcome& w, int attempt, const Fingerprints& fp,
             const std::string& log) {
    const bool hung = w.end == batch::WorkerOutcome::End::timed_out;
    const std::string why = hung ? fmt::format("hung for more than {} s", o_.entry_timeout) : "was " + w.describe();
    json in_flight = json::array();
    for (const std::string& path : w.in_flight) {
      json j;
      batch::put_path(j, path);
      in_flight.push_back(j);
    }
    // The reader (kReaderInFlight) is not an entry: alone in flight, it makes the crash the
    // export's; beside entries (several threads), the retry on one thread will tell them apart.
    std::vector<std::string> entries;
    for (const std::string& path : w.in_flight)
      if (path != kReaderInFlight) entries.push_back(path);
    std::string names;
    for (const std::string& path : w.in_flight) names += (names.empty() ? "" : ", ") + (path == kReaderInFlight ? std::string("reading the export") : p(path));
    log_.event("worker_died", {{"export", e.name}, {"attempt", attempt}, {"why", why}, {"phase", w.phase}, {"in_flight", in_flight}},
               fmt::format("{}: the scanner {} ({})", p(e.name), why, names.empty() ? "phase " + w.phase : "on " + names), true);
    if (entries.empty()) {
      if (journal_->add_export_crash(e.name) < kPoisonAfter) return true;
      fail(e, fmt::format("the scanner {} twice in its {} phase, outside any one entry (a damaged or crafted archive?)", why,
                          w.phase.empty() ? "first" : w.phase),
           attempt, fp, log);
      return false;
    }
    for (const std::string& path : entries) {
      const std::string message = hung ? fmt::format("hung the scanner (over {} s)", o_.entry_timeout)
                                       : "crashed the scanner (" + w.describe() + ")";
      if (journal_->item_failed(e.name, path, message) < kPoisonAfter) continue;
      const std::string poison = message + " twice: not scanned, and left out of the cleaned export";
      journal_->mark_poison(e.name, path, poison);
      json fields = {{"export", e.name}, {"message", poison}};
      batch::put_path(fields, path);
      log_.event("entry_poisoned", fields, p(e.name) + ": " + p(path) + " " + poison, true);
    }
    return true;
  }

  json record_base(const InboxExport& e, const std::string& status, int attempt, double seconds,
                   const Fingerprints& fp) const {
    json sources = json::array();
    for (const fs::path& s : e.sources) sources.push_back(s.filename().string());
    json record = {{"schema", "mediascan.batch-export/1"}, {"name", e.name}, {"slug", e.slug},
                   {"sources", sources}, {"status", status}, {"message", ""}, {"finished", util::now_iso8601_utc()},
                   {"seconds", std::round(seconds * 10) / 10}, {"attempts", attempt}, {"warnings", e.warnings},
                   {"stat_fingerprint", fp.stat}};
    if (!fp.content.empty()) record["content_sha256"] = fp.content;
    return record;
  }

  void done(const InboxExport& e, const fs::path& staging, const json& summary,
            const std::map<std::string, std::string>& poison, const Fingerprints& fp, int attempt, double seconds) {
    json record = record_base(e, "done", attempt, seconds, fp);
    for (const char* key : {"layout", "items", "media", "texts", "summary", "max_level"})
      if (summary.contains(key)) record[key] = summary[key];
    record["poison"] = json::array();
    for (const auto& [path, message] : poison) record["poison"].push_back({{"path", path}, {"message", message}});
    record["files"] = {{"html", "report.html"}, {"json", "report.json"}};
    if (o_.batch_clean) record["files"]["clean"] = "cleaned.zip";
    std::error_code ec;
    fs::remove(staging / "skip.json", ec);
    fs::remove(staging / "worker.log", ec);
    finish(e, staging, record);
    journal_->end_export(e.name, "done", "");
    ++totals_.scanned;
    const json& s = record["summary"];
    log_.event("export_done",
               {{"export", e.name}, {"seconds", record["seconds"]}, {"items", record.value("items", 0)},
                {"summary", s}, {"max_level", record.value("max_level", "ok")}, {"poison", poison.size()}},
               fmt::format("{}: done in {:.1f} s, {} items: {} high, {} medium, {} low, {} ok; {} errors{}", p(e.name), seconds,
                           record.value("items", 0), s.value("high", 0), s.value("medium", 0), s.value("low", 0),
                           s.value("ok", 0), s.value("errors", 0),
                           poison.empty() ? "" : fmt::format("; {} entries skipped as poison", poison.size())));
  }

  // The export's folder gets a record of the failure, and what the worker said (worker.log).
  void fail(const InboxExport& e, const std::string& message, int attempt, const Fingerprints& fp,
            const std::string& log = {}) {
    ++totals_.failed;
    log_.event("export_failed", {{"export", e.name}, {"message", message}}, p(e.name) + ": not scanned: " + p(message), true);
    try {
      const StagingGuard staging{make_staging(staging_, e.slug)};
      json record = record_base(e, "failed", attempt, 0, fp);
      record["message"] = message;
      if (!log.empty()) {
        util::write_file_atomically(staging.path / "worker.log", log.substr(log.size() > (64 << 10) ? log.size() - (64 << 10) : 0),
                                    0600);
        record["files"] = {{"log", "worker.log"}};
      }
      finish(e, staging.path, record);
      journal_->end_export(e.name, "failed", message);
    } catch (const std::exception& ex) {
      ++totals_.unpublished;
      log_.event("output_error", {{"export", e.name}, {"message", ex.what()}}, p(e.name) + ": " + p(ex.what()), true);
    }
  }

  // The record goes in last, then the whole folder replaces the export's old one.
  void finish(const InboxExport& e, const fs::path& staging, const json& record) {
    util::write_file_atomically(staging / "batch.json", record.dump(2, ' ', false, json::error_handler_t::replace) + "\n",
                                0600);
    publish(staging, out_.exports() / e.slug);
  }

  const Options& o_;
  BatchLog& log_;
  OutLayout out_;
  std::string config_;
  std::string self_;
  std::vector<int> lock_fds_;
  fs::path staging_;  // where this run's scans are staged
  std::optional<batch::Journal> journal_;
  Totals totals_;
};

// Reads the records of OUT (all of them, or those of `inbox`'s exports) and writes the index.
int build_index(const Options& o, const batch::Inbox* inbox, BatchLog& log) {
  const OutLayout out{o.out_dir};
  BatchIndex index;
  index.version = MEDIASCAN_VERSION;
  std::vector<std::pair<std::string, std::string>> wanted;  // name, slug
  std::map<std::string, const InboxExport*> in_inbox;
  if (inbox) {
    for (const InboxExport& e : inbox->exports) {
      wanted.emplace_back(e.name, e.slug);
      in_inbox[e.name] = &e;
    }
    for (const batch::InboxSkip& s : inbox->skipped)
      if (s.reason != "hidden") index.skipped.emplace_back(s.name, s.reason);
  } else {
    std::error_code ec;
    std::vector<std::string> slugs;
    for (const auto& entry : fs::directory_iterator(out.exports(), ec)) slugs.push_back(entry.path().filename().string());
    std::sort(slugs.begin(), slugs.end());
    for (const std::string& s : slugs) wanted.emplace_back(s, s);
  }
  for (const auto& [name, slug] : wanted) {
    const fs::path file = out.exports() / slug / "batch.json";
    std::error_code ec;
    if (!fs::exists(file, ec)) {
      index.missing.push_back(name);
      continue;
    }
    json record = json::parse(util::read_file(file), nullptr, false);
    if (!record.is_object() || record.value("schema", "") != "mediascan.batch-export/1") {
      log.event("index_error", {{"file", file.string()}}, p(file.string()) + ": not an export record; left out", true);
      continue;
    }
    if (inbox && record.value("name", "") != name) {  // another export's, from before
      index.missing.push_back(name);
      continue;
    }
    // A record of files that have changed since (a shard that was cancelled before it got to
    // them) is shown, and said to be out of date.
    if (auto e = in_inbox.find(name); e != in_inbox.end() &&
                                      record.value("stat_fingerprint", "") != batch::stat_fingerprint(*e->second).digest) {
      record["stale"] = true;
      index.stale.push_back(name);
    }
    index.exports.push_back(std::move(record));
  }
  write_batch_index(index, out.root);
  log.event("index", {{"index", (out.root / "index.html").string()}, {"summary", (out.root / "summary.json").string()},
                      {"exports", index.exports.size()}, {"missing", index.missing.size()}},
            fmt::format("index: {} ({} exports{})", p((out.root / "index.html").string()), index.exports.size(),
                        index.missing.empty() ? "" : fmt::format(", {} not scanned yet", index.missing.size())));
  if (o.fail_on.empty()) return kExitOk;
  const Level threshold = level_from_string(o.fail_on).value_or(Level::high);
  for (const json& r : index.exports)
    if (r.value("status", "") == "done" && level_from_string(r.value("max_level", "ok")).value_or(Level::ok) >= threshold)
      return kExitFailOn;
  return kExitOk;
}

}  // namespace

int run_batch_command(const Options& o) {
  BatchLog log(o.log_json, o.quiet);
  std::optional<batch::Inbox> inbox;
  try {
    if (!o.inbox.empty()) inbox = batch::list_inbox(o.inbox, o.out_dir);
  } catch (const std::exception& e) {
    log.event("run_failed", {{"message", e.what()}}, p(e.what()), true);
    return kExitUnreadable;
  }
  if (o.merge) {
    try {
      return build_index(o, inbox ? &*inbox : nullptr, log);
    } catch (const std::exception& e) {
      log.event("run_failed", {{"message", e.what()}}, p(e.what()), true);
      return kExitUnreadable;
    }
  }

  const auto started = std::chrono::steady_clock::now();
  std::vector<const InboxExport*> mine;
  for (const InboxExport& e : inbox->exports)
    if (batch::in_shard(e.name, o.shard_k, o.shard_n)) mine.push_back(&e);
  log.event("run_start",
            {{"inbox", o.inbox}, {"out", o.out_dir}, {"shard", fmt::format("{}/{}", o.shard_k, o.shard_n)},
             {"exports", inbox->exports.size()}, {"this_shard", mine.size()}},
            fmt::format("{} exports in {}{}", inbox->exports.size(), p(o.inbox),
                        o.shard_n > 1 ? fmt::format(", {} of them in shard {}/{}", mine.size(), o.shard_k, o.shard_n) : ""));
  for (const batch::InboxSkip& s : inbox->skipped)
    if (s.reason != "hidden")
      log.event("inbox_skipped", {{"name", s.name}, {"reason", s.reason}}, p(s.name) + ": skipped, " + s.reason);
  for (const InboxExport& e : inbox->exports)
    for (const std::string& w : e.warnings)
      log.event("export_warning", {{"export", e.name}, {"warning", w}}, p(e.name) + ": " + w, true);
  // Each worker would say it only in its own log and report: said once here, for the whole run.
  if (!mine.empty()) {
    try {
      vision_module();
    } catch (const std::exception& e) {
      const std::string why = std::string(e.what()) + ": face detection, the scene and object checks and the "
                              "reports' previews are off in every export of this run";
      log.event("vision_unavailable", {{"message", why}}, p(why), true);
    }
  }

  Totals totals;
  try {
    BatchRun run(o, log);
    for (const InboxExport* e : mine) run.process(*e);
    totals = run.totals();
  } catch (const std::exception& e) {
    log.event("run_failed", {{"message", e.what()}}, p(e.what()), true);
    return kExitUnreadable;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  log.event("run_end", {{"scanned", totals.scanned}, {"unchanged", totals.unchanged}, {"failed", totals.failed}, {"seconds", seconds}},
            fmt::format("{} scanned, {} unchanged, {} failed in {:.1f} s", totals.scanned, totals.unchanged, totals.failed, seconds));
  // OUT took no result (full, read-only, a folder that cannot be replaced): the index would
  // show old reports as if nothing had happened.
  const auto unusable_out = [&] {
    log.event("run_failed", {{"message", "results could not be written into OUT"}, {"exports", totals.unpublished}},
              fmt::format("{} export(s) scanned but their results could not be written into {}; see the errors above",
                          totals.unpublished, p(o.out_dir)),
              true);
  };
  if (o.shard_n > 1) {
    if (totals.unpublished > 0) {
      unusable_out();
      return kExitUnreadable;
    }
    log.event("shard_done", {{"shard", fmt::format("{}/{}", o.shard_k, o.shard_n)}},
              fmt::format("shard {}/{} done; when every shard is, `mediascan batch {} --merge --out {}` builds the index",
                          o.shard_k, o.shard_n, p(o.inbox), p(o.out_dir)));
    return kExitOk;
  }
  try {
    const int status = build_index(o, &*inbox, log);
    if (totals.unpublished == 0) return status;
    unusable_out();
    return kExitUnreadable;
  } catch (const std::exception& e) {
    log.event("run_failed", {{"message", e.what()}}, p(e.what()), true);
    return kExitUnreadable;
  }
}

WorkerSide::WorkerSide(const Options& o) : events_(o.worker_events_fd) {
  batch::harden_worker_process();
  if (!o.skip_list.empty()) {
    const json list = json::parse(util::read_file(o.skip_list), nullptr, false);
    if (!list.is_array()) throw std::runtime_error("--skip-list " + o.skip_list + ": not a JSON array");
    for (const json& entry : list) skip_[batch::get_path(entry)] = entry.value("message", "skipped");
  }
  // Fault injection for the batch's own tests: "crash:NAME" or "hang:NAME" makes this worker
  // die or hang on the entry whose path ends with NAME, "crash-reader:N" in the reader when it
  // goes for its Nth entry. Only a worker reads it.
  if (const char* f = std::getenv("MEDIASCAN_FAULT_INJECTION")) {
    const std::string spec = f;
    if (spec.starts_with("crash:")) fault_crash_ = spec.substr(6);
    if (spec.starts_with("hang:")) fault_hang_ = spec.substr(5);
    if (spec.starts_with("crash-reader:")) fault_reader_ = std::stoi(spec.substr(13));
  }
}

void WorkerSide::phase(const char* name) { events_.send({{"event", "phase"}, {"phase", name}}); }

void WorkerSide::attach(ScanConfig& config) {
  config.skip = skip_;
  config.on_begin = [this](const std::string& path) {
    json event = {{"event", "begin"}};
    batch::put_path(event, path);
    events_.send(event);
    if (!fault_crash_.empty() && path.ends_with(fault_crash_)) ::raise(SIGSEGV);
    if (fault_reader_ > 0 && path == kReaderInFlight && --fault_reader_ == 0) ::raise(SIGSEGV);
    if (!fault_hang_.empty() && path.ends_with(fault_hang_))
      for (;;) ::pause();
  };
  config.on_end = [this](const std::string& path, const std::string& sha256) {
    json event = {{"event", "end"}, {"sha256", sha256}};
    batch::put_path(event, path);
    events_.send(event);
  };
}

void WorkerSide::summary(const RunResult& result) {
  const ReportSummary& s = result.summary;
  events_.send({{"event", "summary"},
                {"layout", result.info.layout},
                {"items", result.items.size()},
                {"media", s.media},
                {"texts", s.texts},
                {"summary",
                 {{"high", s.high}, {"medium", s.medium}, {"low", s.low}, {"ok", s.ok}, {"errors", s.errors},
                  {"location_fixed", s.location_fixed}, {"not_cleaned", s.not_cleaned}}},
                {"max_level", to_string(s.max_level)}});
}

}  // namespace mediascan
