#include "scanner/app/options.h"

#include <filesystem>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>

namespace mediascan {
namespace {

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

// The cleaned export must never be (or be written into) the input.
std::optional<std::string> clean_output_problem(const std::string& out, const std::vector<std::string>& sources) {
  std::error_code ec;
  const fs::path target = fs::weakly_canonical(fs::absolute(out), ec);
  for (const std::string& s : sources) {
    const fs::path source = fs::weakly_canonical(fs::absolute(s), ec);
    if (target == source) return "that is the input itself";
    if (fs::is_directory(source, ec)) {
      const auto rel = target.lexically_relative(source);
      if (!rel.empty() && *rel.begin() != "..") return "inside the input folder " + s;
    }
  }
  if (fs::is_directory(target, ec) && !fs::is_empty(target, ec)) return "a folder that is not empty";
  if (!fs::is_directory(target.parent_path(), ec)) return "its folder does not exist";
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
  scan->add_option("--policy", o.policy_path, "Risk policy (JSON): weights, thresholds, categories on/off")
      ->check(CLI::ExistingFile);
  scan->add_option("--clean", o.clean_path,
                   "Write a cleaned copy of the export: a zip when OUT ends in .zip, else a folder");
  scan->add_option("--strip", o.strip, "What --clean removes: location, or all metadata but orientation and colour profile")
      ->check(CLI::IsMember({"location", "all"}))
      ->capture_default_str();
  scan->add_option("--checks", o.checks,
                   "Checks to run, comma-separated: location, identity, faces, scenes, text")
      ->delimiter(',')
      ->check(CLI::IsMember({"location", "identity", "faces", "scenes", "text"}));
  scan->add_option("--lexicon", o.lexicons,
                   "Add a lexicon file (words and phrases per topic, see scanner/text/lexicons/README.md); repeatable")
      ->check(CLI::ExistingFile);
  scan->add_option("--jobs", o.jobs, "Worker threads (default: all cores)")
      ->check(CLI::Range(1, 1024));
  scan->add_option("--models", o.models_dir, "Folder with model files");
  scan->add_option("--fail-on", o.fail_on, "Exit 1 when an item reaches this level")
      ->check(CLI::IsMember({"low", "medium", "high"}));
  scan->add_flag("--quiet", o.quiet, "Print only errors");
  bool no_progress = false;
  scan->add_flag("--no-progress", no_progress, "Do not show progress");
  add_limit_options(*scan, o.limits);

  CLI::App* list = app.add_subcommand("list", "Print what the export holds (layout, items, sidecars)");
  list->add_option("SOURCE", o.sources, "zip, tar, tar.gz/tgz, tar.bz2/xz, 7z, or a folder")
      ->required();
  add_limit_options(*list, o.limits);

  CLI::App* models = app.add_subcommand("models", "List the models found and what each enables");
  models->add_option("--models", o.models_dir, "Folder with model files");

  // `mediascan export.zip ...` means `mediascan scan export.zip ...`.
  std::vector<std::string> args(argv + 1, argv + argc);
  o.argv0 = argc > 0 ? argv[0] : "mediascan";
  if (!args.empty() && args[0] != "scan" && args[0] != "list" && args[0] != "models" && !args[0].starts_with("-"))
    args.insert(args.begin(), "scan");
  if (args.empty()) {
    std::cout << app.help();
    return kExitUsage;
  }
  std::reverse(args.begin(), args.end());  // CLI11 takes argv-style vectors last-first
  try {
    app.parse(args);
  } catch (const CLI::CallForHelp& e) {
    if (!scan->parsed() && !list->parsed() && !models->parsed()) {  // top-level --help lists every option
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
  if (o.jobs == 0) o.jobs = std::max(1u, std::thread::hardware_concurrency());
  return std::nullopt;
}

}  // namespace mediascan
