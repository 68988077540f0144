#include "scanner/app/options.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <thread>

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "scanner/pipeline/clean_writer.h"

namespace mediascan {
namespace {

// What a scan checks and how: shared by `scan` and `batch`.
void add_limit_options(CLI::App& cmd, Limits& l);

void add_analysis_options(CLI::App& cmd, Options& o) {
  cmd.add_option("--policy", o.policy_path, "Risk policy (JSON): weights, thresholds, categories on/off")
      ->check(CLI::ExistingFile);
  cmd.add_option("--strip", o.strip, "What --clean removes: location, or all metadata but orientation and colour profile")
      ->check(CLI::IsMember({"location", "all"}))
      ->capture_default_str();
  cmd.add_option("--checks", o.checks, "Checks to run, comma-separated: location, identity, faces, scenes, text")
      ->delimiter(',')
      ->check(CLI::IsMember({"location", "identity", "faces", "scenes", "text"}));
  cmd.add_option("--lexicon", o.lexicons,
                 "Add a lexicon file (words and phrases per topic, see scanner/text/lexicons/README.md); repeatable")
      ->check(CLI::ExistingFile);
  cmd.add_option("--jobs", o.jobs, "Worker threads (default: all cores)")->check(CLI::Range(1, 1024));
  cmd.add_option("--models", o.models_dir, "Folder with model files");
  add_limit_options(cmd, o.limits);
}

void add_output_flags(CLI::App& cmd, Options& o, bool& no_progress) {
  cmd.add_option("--fail-on", o.fail_on, "Exit 1 when an item reaches this level")
      ->check(CLI::IsMember({"low", "medium", "high"}));
  cmd.add_flag("--quiet", o.quiet, "Print only errors");
  cmd.add_flag("--no-progress", no_progress, "Do not show progress");
}

void add_limit_options(CLI::App& cmd, Limits& l) {
  cmd.add_option("--max-entry-size", l.max_entry_bytes,
                 "Largest entry read, in bytes (uncompressed)")
      ->capture_default_str()->check(CLI::PositiveNumber);
  cmd.add_option("--max-total-size", l.max_total_bytes,
                 "Most bytes read from the whole export (uncompressed)")
      ->capture_default_str()->check(CLI::PositiveNumber);
  cmd.add_option("--max-entries", l.max_entries, "Most entries in the export, nested included")
      ->capture_default_str()->check(CLI::PositiveNumber);
  cmd.add_option("--max-depth", l.max_depth, "Deepest nesting of archives inside archives")
      ->capture_default_str()->check(CLI::Range(0, 16));
  cmd.add_option("--max-ratio", l.max_ratio, "Highest compression ratio of an entry")
      ->capture_default_str()->check(CLI::Range(2.0, 1e6));
}

namespace fs = std::filesystem;

// Whether an output at `target` (canonical) would be an input or inside an input folder.
std::optional<std::string> input_problem(const fs::path& target, const std::vector<std::string>& sources) {
  std::error_code ec;
  for (const std::string& s : sources) {
    const fs::path source = fs::weakly_canonical(fs::absolute(s), ec);
    if (target == source || fs::equivalent(target, source, ec)) return "that is the input itself";
    const auto rel = target.lexically_relative(source);
    if (fs::is_directory(source, ec) && !rel.empty() && *rel.begin() != "..") return "inside the input folder " + s;
  }
  return std::nullopt;
}

// The cleaned export must never be (or be written into) the input.
std::optional<std::string> clean_output_problem(const std::string& out, const std::vector<std::string>& sources) {
  std::error_code ec;
  const fs::path target = fs::weakly_canonical(fs::absolute(out), ec);
  if (auto problem = input_problem(target, sources)) return problem;
  const bool zip = CleanWriter::zip_output(target);
  if (fs::is_directory(target, ec) && (zip || !fs::is_empty(target, ec))) return zip ? "a folder" : "a folder that is not empty";
  if (!zip && fs::exists(target, ec) && !fs::is_directory(target, ec)) return "a file, where the cleaned folder would go";
  if (!fs::is_directory(target.parent_path(), ec)) return "its folder does not exist";
  if (::access(target.parent_path().c_str(), W_OK) != 0) return "its folder cannot be written";
  return std::nullopt;
}

// Why a report file (--report, --json, --csv) cannot go to `out`: it would overwrite an input, go
// into an input folder or the cleaned export, or cannot be written there. Checked before the scan,
// so that a long scan never ends in an output it cannot write.
std::optional<std::string> report_output_problem(const std::string& out, const Options& o) {
  std::error_code ec;
  const fs::path target = fs::weakly_canonical(fs::absolute(out), ec);
  if (auto problem = input_problem(target, o.sources)) return problem;
  if (!o.clean_path.empty()) {
    const fs::path clean = fs::weakly_canonical(fs::absolute(o.clean_path), ec);
    const auto rel = target.lexically_relative(clean);
    if (target == clean) return "that is the --clean output too";
    if (!rel.empty() && *rel.begin() != "..") return "inside the cleaned export";
  }
  if (fs::exists(target, ec) && !fs::is_regular_file(target, ec)) return "it exists and is not a regular file";
  // The folder as spelled: "x/../r.json" needs x, which the canonical path no longer shows.
  const fs::path folder = fs::absolute(out).parent_path();
  if (!fs::is_directory(folder, ec) || !fs::is_directory(target.parent_path(), ec)) return "its folder does not exist";
  if (::access(folder.c_str(), W_OK) != 0) return "its folder cannot be written";
  return std::nullopt;
}

// The batch's own checks; `shard` is --shard's text.
std::optional<std::string> batch_problem(Options& o, const std::string& shard) {
  if (!shard.empty()) {
    unsigned k = 0, n = 0;
    char slash = 0, extra = 0;
    if (std::sscanf(shard.c_str(), "%u %c %u %c", &k, &slash, &n, &extra) != 3 || slash != '/' || n == 0 || k == 0 || k > n)
      return "--shard " + shard + ": give K/N with 1 <= K <= N, e.g. --shard 2/8";
    o.shard_k = k;
    o.shard_n = n;
  }
  if (o.merge && o.shard_n > 1) return "--merge builds the index of all shards: give it no --shard";
  if (!o.merge && o.inbox.empty()) return "INBOX is required (only --merge goes without it)";
  std::error_code ec;
  if (!o.inbox.empty() && !fs::is_directory(o.inbox, ec)) return "INBOX " + o.inbox + ": no such folder";
  if (o.merge && !fs::is_directory(o.out_dir, ec)) return "--out " + o.out_dir + ": no such folder to merge";
  if (!o.inbox.empty()) {
    const fs::path in = fs::weakly_canonical(fs::absolute(o.inbox), ec);
    const fs::path out = fs::weakly_canonical(fs::absolute(o.out_dir), ec);
    if (in == out) return "--out must not be the inbox itself";
    const auto rel = in.lexically_relative(out);
    if (!rel.empty() && *rel.begin() != "..") return "--out must not hold the inbox";
  }
  return std::nullopt;
}

}  // namespace

std::optional<int> parse_options(int argc, char** argv, Options& o) {
  namespace fs = std::filesystem;
  CLI::App app{"mediascan: find what in a social-network export can hurt you, and clean it"};
  app.name("mediascan");
  app.set_version_flag("--version", std::string("mediascan ") + MEDIASCAN_VERSION);
  app.require_subcommand(0, 1);

  CLI::App* scan = app.add_subcommand("scan", "Scan one export (several SOURCEs = parts of one export)");
  scan->add_option("SOURCE", o.sources, "zip, tar, tar.gz/tgz, tar.bz2/xz, 7z, or a folder")
      ->required();
  scan->add_option("--report", o.report_path, "Write the self-contained HTML report");
  scan->add_option("--json", o.json_path, "Write the machine-readable report (JSON)");
  scan->add_option("--csv", o.csv_path, "Write one CSV row per finding");
  scan->add_option("--clean", o.clean_path,
                   "Write a cleaned copy of the export: a zip when OUT ends in .zip, else a folder");
  add_analysis_options(*scan, o);
  bool no_progress = false;
  add_output_flags(*scan, o, no_progress);
  scan->add_option("--worker-events", o.worker_events_fd)->group("");  // the batch's worker protocol
  scan->add_option("--skip-list", o.skip_list)->group("");

  CLI::App* batch = app.add_subcommand("batch", "Scan every export in INBOX, one report set each, plus an index");
  batch->add_option("INBOX", o.inbox, "Folder of exports: archives, folders, split Takeout parts (-001.zip, ...)");
  batch->add_option("--out", o.out_dir, "Folder for the reports, the index and the journal")->required();
  batch->add_flag("--clean", o.batch_clean, "Also write a cleaned copy of each export (cleaned.zip)");
  std::string shard;
  batch->add_option("--shard", shard, "Take share K of N of the inbox (K from 1 to N), for N machines sharing OUT");
  batch->add_flag("--merge", o.merge, "Only build the index of OUT from what the shards wrote");
  batch->add_flag("--log-json", o.log_json, "Log one JSON object per line on stderr instead of plain lines");
  batch->add_option("--entry-timeout", o.entry_timeout,
                    "Seconds one entry may take before its worker is killed and the entry retried, then skipped")
      ->capture_default_str()->check(CLI::Range(0.1, 86400.0));
  batch->add_option("--worker-memory", o.worker_memory_mib, "Address space of a worker process, MiB")
      ->capture_default_str()->check(CLI::Range(1024, 1 << 24));
  add_analysis_options(*batch, o);
  add_output_flags(*batch, o, no_progress);

  CLI::App* list = app.add_subcommand("list", "Print what the export holds (layout, items, sidecars)");
  list->add_option("SOURCE", o.sources, "zip, tar, tar.gz/tgz, tar.bz2/xz, 7z, or a folder")
      ->required();
  add_limit_options(*list, o.limits);

  CLI::App* models = app.add_subcommand("models", "List the models found and what each enables");
  models->add_option("--models", o.models_dir, "Folder with model files");

  // `mediascan export.zip ...` means `mediascan scan export.zip ...`.
  std::vector<std::string> args(argv + 1, argv + argc);
  o.argv0 = argc > 0 ? argv[0] : "mediascan";
  // So is `mediascan --quiet export.zip ...`: options first, and no command word anywhere.
  const auto command_word = [](const std::string& a) { return a == "scan" || a == "list" || a == "models" || a == "batch"; };
  const bool options_first = !args.empty() && args[0].starts_with("-") && args[0] != "-h" && args[0] != "--help" &&
                             args[0] != "--version" && std::none_of(args.begin(), args.end(), command_word);
  if (!args.empty() && !command_word(args[0]) && (!args[0].starts_with("-") || options_first))
    args.insert(args.begin(), "scan");
  if (args.empty()) {
    std::cout << app.help();
    return kExitUsage;
  }
  std::reverse(args.begin(), args.end());  // CLI11 takes argv-style vectors last-first
  try {
    app.parse(args);
  } catch (const CLI::CallForHelp& e) {
    if (!scan->parsed() && !list->parsed() && !models->parsed() && !batch->parsed()) {  // top-level --help lists every option
      std::cout << app.help("", CLI::AppFormatMode::All);
      return kExitOk;
    }
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  if (models->parsed()) {
    o.command = Command::models;
    return std::nullopt;
  }
  if (list->parsed()) o.command = Command::list;
  else if (scan->parsed()) o.command = Command::scan;
  else if (batch->parsed()) o.command = Command::batch;
  else {
    std::cout << app.help();
    return kExitUsage;
  }
  o.progress = !no_progress && !o.quiet;
  for (size_t i = 0; i < o.sources.size(); ++i)
    for (size_t j = i + 1; j < o.sources.size(); ++j) {
      std::error_code ec;
      if (fs::equivalent(o.sources[i], o.sources[j], ec)) {
        std::cerr << "mediascan: " << o.sources[j] << " is given twice\n";
        return kExitUsage;
      }
    }
  if (!o.clean_path.empty()) {
    if (auto problem = clean_output_problem(o.clean_path, o.sources)) {
      std::cerr << "mediascan: --clean " << o.clean_path << ": " << *problem << "\n";
      return kExitUsage;
    }
  }
  // Each report to a file of its own, never an input's nor the cleaned export's; a symbolic link
  // is written through (the file it names is replaced, not the link).
  std::vector<std::pair<const char*, std::string*>> reports = {
      {"--report", &o.report_path}, {"--json", &o.json_path}, {"--csv", &o.csv_path}};
  for (size_t i = 0; i < reports.size(); ++i) {
    std::string& path = *reports[i].second;
    if (path.empty()) continue;
    std::error_code ec;
    if (fs::exists(path, ec) && !fs::is_regular_file(path, ec)) {  // a folder, a device, /dev/stdout
      std::cerr << "mediascan: " << reports[i].first << " " << path << ": it exists and is not a regular file\n";
      return kExitUsage;
    }
    fs::path named = path;
    for (int hops = 0; hops < 16 && fs::is_symlink(named, ec); ++hops) {
      const fs::path to = fs::read_symlink(named, ec);
      named = to.is_absolute() ? to : named.parent_path() / to;
    }
    path = named.string();
    if (auto problem = report_output_problem(path, o)) {
      std::cerr << "mediascan: " << reports[i].first << " " << path << ": " << *problem << "\n";
      return kExitUsage;
    }
    for (size_t j = 0; j < i; ++j)
      if (!reports[j].second->empty() &&
          fs::weakly_canonical(fs::absolute(*reports[j].second), ec) == fs::weakly_canonical(fs::absolute(path), ec)) {
        std::cerr << "mediascan: " << reports[i].first << " " << path << ": that is the " << reports[j].first
                  << " output too\n";
        return kExitUsage;
      }
  }
  if (o.jobs == 0) o.jobs = std::max(1u, std::thread::hardware_concurrency());
  if (o.command == Command::batch) {
    if (auto problem = batch_problem(o, shard)) {
      std::cerr << "mediascan batch: " << *problem << "\n";
      return kExitUsage;
    }
  }
  return std::nullopt;
}

std::vector<std::string> analysis_args(const Options& o) {
  std::vector<std::string> args;
  auto add = [&](const char* flag, const std::string& value) {
    args.push_back(flag);
    args.push_back(value);
  };
  auto absolute = [](const std::string& p) { return fs::absolute(p).string(); };
  if (!o.policy_path.empty()) add("--policy", absolute(o.policy_path));
  add("--strip", o.strip);
  if (!o.checks.empty()) {
    std::string list;
    for (const std::string& c : o.checks) list += (list.empty() ? "" : ",") + c;
    add("--checks", list);
  }
  for (const std::string& l : o.lexicons) add("--lexicon", absolute(l));
  if (!o.models_dir.empty()) add("--models", absolute(o.models_dir));
  add("--jobs", std::to_string(o.jobs));
  add("--max-entry-size", std::to_string(o.limits.max_entry_bytes));
  add("--max-total-size", std::to_string(o.limits.max_total_bytes));
  add("--max-entries", std::to_string(o.limits.max_entries));
  add("--max-depth", std::to_string(o.limits.max_depth));
  add("--max-ratio", fmt::format("{}", o.limits.max_ratio));
  return args;
}

}  // namespace mediascan
