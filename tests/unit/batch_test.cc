// The batch's mechanics on their own: which exports an inbox holds, shards, fingerprints, the
// journal's memory of crashes, and worker processes (real children: /bin/sh standing in for
// the scanner).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "scanner/batch/inbox.h"
#include "scanner/batch/journal.h"
#include "scanner/batch/worker.h"

namespace mediascan::batch {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "mediascan-batch-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  void write(const std::string& rel, const std::string& content) const {
    fs::create_directories((path_ / rel).parent_path());
    std::ofstream(path_ / rel, std::ios::binary) << content;
  }

 private:
  fs::path path_;
};

const InboxExport& find(const Inbox& inbox, const std::string& name) {
  for (const InboxExport& e : inbox.exports)
    if (e.name == name) return e;
  throw std::runtime_error("no export " + name);
}

TEST(Inbox, ArchivesFoldersAndSplitExports) {
  TempDir dir;
  dir.write("inbox/facebook-jdoe.zip", "PK");
  dir.write("inbox/takeout-20240101T000000Z-002.zip", "PK");
  dir.write("inbox/takeout-20240101T000000Z-001.zip", "PK");
  dir.write("inbox/takeout-20240101T000000Z-004.zip", "PK");
  dir.write("inbox/unpacked/photo.jpg", "x");
  dir.write("inbox/old.tar.gz", "x");
  dir.write("inbox/notes.txt", "x");
  dir.write("inbox/half.zip.part", "x");
  dir.write("inbox/.DS_Store", "x");
  dir.write("inbox/out/exports/x", "x");
  const Inbox inbox = list_inbox(dir.path() / "inbox", dir.path() / "inbox" / "out");
  std::vector<std::string> names;
  for (const InboxExport& e : inbox.exports) names.push_back(e.name);
  EXPECT_EQ(names, (std::vector<std::string>{"facebook-jdoe.zip", "old.tar.gz", "takeout-20240101T000000Z", "unpacked"}));
  const InboxExport& takeout = find(inbox, "takeout-20240101T000000Z");
  ASSERT_EQ(takeout.sources.size(), 3u);
  EXPECT_EQ(takeout.sources[0].filename(), "takeout-20240101T000000Z-001.zip");
  EXPECT_EQ(takeout.sources[2].filename(), "takeout-20240101T000000Z-004.zip");
  ASSERT_EQ(takeout.warnings.size(), 1u);
  EXPECT_NE(takeout.warnings[0].find("part 3"), std::string::npos);
  std::map<std::string, std::string> skipped;
  for (const InboxSkip& s : inbox.skipped) skipped[s.name] = s.reason;
  EXPECT_EQ(skipped.size(), 4u);
  EXPECT_EQ(skipped["out"], "the output folder");
  EXPECT_EQ(skipped[".DS_Store"], "hidden");
  EXPECT_NE(skipped["half.zip.part"].find("unfinished"), std::string::npos);
  EXPECT_NE(skipped["notes.txt"].find("not an archive"), std::string::npos);
}

TEST(Inbox, SlugsAreSafeAndUnique) {
  TempDir dir;
  dir.write("inbox/a b.zip", "1");
  dir.write("inbox/a_b.zip", "2");
  dir.write("inbox/-rf\n\x1b[31m.zip", "3");
  dir.write("inbox/-.zip", "4");
  const Inbox inbox = list_inbox(dir.path() / "inbox", {});
  std::set<std::string> slugs;
  for (const InboxExport& e : inbox.exports) {
    EXPECT_TRUE(slugs.insert(e.slug).second) << e.slug;
    EXPECT_EQ(e.slug.find_first_of("/\n\x1b "), std::string::npos) << e.slug;
    EXPECT_NE(e.slug[0], '.');
    EXPECT_NE(e.slug[0], '-');
  }
  EXPECT_EQ(slugs.size(), 4u);
  EXPECT_NE(find(inbox, "a b.zip").slug, find(inbox, "a_b.zip").slug);
  // An export's folder does not depend on what else is in the inbox: "a b.zip" keeps its folder
  // when "a_b.zip" goes, and never takes the folder "a_b.zip" had.
  EXPECT_EQ(find(inbox, "a_b.zip").slug, "a_b.zip");
  std::filesystem::remove(dir.path() / "inbox/a_b.zip");
  const Inbox later = list_inbox(dir.path() / "inbox", {});
  EXPECT_EQ(find(later, "a b.zip").slug, find(inbox, "a b.zip").slug);
  EXPECT_NE(find(later, "a b.zip").slug, "a_b.zip");
}

TEST(Inbox, AGroupNeverTakesTheNameOfAnotherExport) {
  TempDir dir;
  dir.write("inbox/foo.zip", "1");
  dir.write("inbox/foo.zip-001.zip", "2");
  dir.write("inbox/takeout-X/a.jpg", "3");
  dir.write("inbox/takeout-X-001.zip", "4");
  dir.write("inbox/takeout-X-002.zip", "5");
  const Inbox inbox = list_inbox(dir.path() / "inbox", {});
  std::set<std::string> names, slugs;
  for (const InboxExport& e : inbox.exports) {
    names.insert(e.name);
    slugs.insert(e.slug);
  }
  // Only the platforms' parts make one export: foo.zip-001.zip is an export of its own.
  EXPECT_EQ(names, (std::set<std::string>{"foo.zip", "foo.zip-001.zip", "takeout-X", "takeout-X-###.zip"}));
  EXPECT_EQ(slugs.size(), 4u);
  EXPECT_EQ(find(inbox, "takeout-X-###.zip").sources.size(), 2u);
  // Numbered exports of other kinds (a case number, a client number) stay apart.
  dir.write("inbox/case-001.zip", "6");
  dir.write("inbox/case-002.zip", "7");
  dir.write("inbox/client-17-104.zip", "8");
  const Inbox more = list_inbox(dir.path() / "inbox", {});
  EXPECT_EQ(find(more, "case-001.zip").sources.size(), 1u);
  EXPECT_EQ(find(more, "case-002.zip").sources.size(), 1u);
  EXPECT_TRUE(find(more, "client-17-104.zip").warnings.empty());
}

TEST(Inbox, FacebookAndInstagramPartsAreOneExport) {
  // Meta's "Download your information" in several files: one export, as a split Takeout is; a
  // name taken by another export gets ### for the number, whatever its digits.
  TempDir dir;
  dir.write("inbox/facebook-jdoe-15062024-AbCdEf-2.zip", "2");
  dir.write("inbox/facebook-jdoe-15062024-AbCdEf-1.zip", "1");
  dir.write("inbox/instagram-jan-2022-07-01.zip", "3");  // a date, no part
  dir.write("inbox/instagram-jdoe-20240101-XyZ12-1.zip", "4");
  dir.write("inbox/instagram-jdoe-20240101-XyZ12/a.jpg", "5");
  const Inbox inbox = list_inbox(dir.path() / "inbox", {});
  const InboxExport& fb = find(inbox, "facebook-jdoe-15062024-AbCdEf");
  ASSERT_EQ(fb.sources.size(), 2u);
  EXPECT_EQ(fb.sources[0].filename(), "facebook-jdoe-15062024-AbCdEf-1.zip");
  EXPECT_TRUE(fb.warnings.empty());
  EXPECT_EQ(find(inbox, "instagram-jan-2022-07-01.zip").sources.size(), 1u);
  EXPECT_EQ(find(inbox, "instagram-jdoe-20240101-XyZ12-###.zip").sources.size(), 1u);
}

TEST(Inbox, NotAFolderThrows) {
  TempDir dir;
  dir.write("file", "x");
  EXPECT_THROW(list_inbox(dir.path() / "file", {}), std::runtime_error);
  EXPECT_THROW(list_inbox(dir.path() / "missing", {}), std::runtime_error);
}

TEST(Shard, EveryExportInExactlyOneShardAndBalanced) {
  const unsigned n = 7;
  std::vector<int> sizes(n);
  for (int i = 0; i < 7000; ++i) {
    const std::string name = "export-" + std::to_string(i) + ".zip";
    int owners = 0;
    for (unsigned k = 1; k <= n; ++k)
      if (in_shard(name, k, n)) {
        ++owners;
        ++sizes[k - 1];
      }
    ASSERT_EQ(owners, 1) << name;
    EXPECT_TRUE(in_shard(name, 1, 1));
  }
  for (int size : sizes) {
    EXPECT_GT(size, 800);
    EXPECT_LT(size, 1200);
  }
}

TEST(Fingerprint, TouchChangesStatNotContent) {
  TempDir dir;
  dir.write("inbox/folder/a.jpg", "one");
  dir.write("inbox/folder/sub/b.jpg", "two");
  const Inbox inbox = list_inbox(dir.path() / "inbox", {});
  const InboxExport& e = find(inbox, "folder");
  const StatFingerprint stat = stat_fingerprint(e);
  const std::string content = content_fingerprint(e);
  EXPECT_EQ(stat.bytes, 6u);
  fs::last_write_time(dir.path() / "inbox/folder/a.jpg", fs::file_time_type::clock::now() + std::chrono::hours(1));
  EXPECT_NE(stat_fingerprint(e).digest, stat.digest);
  EXPECT_EQ(content_fingerprint(e), content);
  dir.write("inbox/folder/sub/b.jpg", "TWO");
  EXPECT_NE(content_fingerprint(e), content);
  dir.write("inbox/folder/sub/b.jpg", "two");
  EXPECT_EQ(content_fingerprint(e), content);
  fs::rename(dir.path() / "inbox/folder/sub/b.jpg", dir.path() / "inbox/folder/sub/c.jpg");
  EXPECT_NE(content_fingerprint(e), content) << "a renamed file is another export";
}

// Names and contents run together must not let two different sets of files look the same
// (a regression: they were joined with NUL bytes and no lengths).
TEST(Fingerprint, FilesCannotBeSplicedIntoOne) {
  TempDir dir;
  dir.write("one/x/a", std::string("X\0x/b.jpg\0Y", 12));
  dir.write("two/x/a", "X");
  dir.write("two/x/b.jpg", "Y");
  InboxExport one{"x", "x", {dir.path() / "one/x"}, {}};
  InboxExport two{"x", "x", {dir.path() / "two/x"}, {}};
  EXPECT_NE(content_fingerprint(one), content_fingerprint(two));
}

TEST(Journal, RemembersCrashesUntilTheContentChanges) {
  TempDir dir;
  const fs::path file = dir.path() / "journal.sqlite";
  {
    Journal j(file);
    EXPECT_FALSE(j.find_export("x.zip"));
    j.begin_export("x.zip", "stat1", "content1", "config1");
    j.item_done("x.zip", "a.jpg", "aaaa");
    EXPECT_EQ(j.item_failed("x.zip", "b.jpg", "crashed"), 1);
    EXPECT_EQ(j.item_failed("x.zip", "b.jpg", "crashed"), 2);
    j.mark_poison("x.zip", "b.jpg", "crashed twice");
    EXPECT_EQ(j.add_export_crash("x.zip"), 1);
  }
  {
    Journal j(file);  // what a run that was killed leaves: state "running", crashes kept
    auto rec = j.find_export("x.zip");
    ASSERT_TRUE(rec);
    EXPECT_EQ(rec->state, "running");
    EXPECT_EQ(rec->crashes, 1);
    EXPECT_EQ(j.poison("x.zip"), (std::map<std::string, std::string>{{"b.jpg", "crashed twice"}}));
    j.begin_export("x.zip", "stat2", "content1", "config1");  // same content: poison stays
    EXPECT_EQ(j.poison("x.zip").size(), 1u);
    j.end_export("x.zip", "done", "");
    EXPECT_EQ(j.find_export("x.zip")->state, "done");
    j.begin_export("x.zip", "stat3", "content2", "config1");  // new content: forgotten
    EXPECT_TRUE(j.poison("x.zip").empty());
    EXPECT_EQ(j.find_export("x.zip")->crashes, 0);
    EXPECT_EQ(j.item_failed("x.zip", "b.jpg", "crashed"), 1);
    j.item_done("x.zip", "b.jpg", "bbbb");  // it passed: a later crash counts from one again
    EXPECT_EQ(j.item_failed("x.zip", "b.jpg", "crashed"), 1);
  }
}

TEST(Journal, AnExportWithASuspectIsScannedOnOneThreadUntilItPasses) {
  // A crash on several threads blames every entry in flight; a run killed before its one-thread
  // retry must not start the next on several threads again (the innocent entry would reach its
  // second failure there and be poisoned).
  TempDir dir;
  Journal j(dir.path() / "journal.sqlite");
  j.begin_export("x.zip", "stat1", "content1", "config1");
  EXPECT_FALSE(j.suspected("x.zip"));
  j.item_failed("x.zip", "culprit.jpg", "crashed");
  j.item_failed("x.zip", "innocent.jpg", "crashed");
  EXPECT_TRUE(j.suspected("x.zip"));
  j.item_done("x.zip", "innocent.jpg", "bbbb");
  EXPECT_TRUE(j.suspected("x.zip"));
  j.mark_poison("x.zip", "culprit.jpg", "crashed twice");
  EXPECT_FALSE(j.suspected("x.zip"));
  EXPECT_EQ(j.add_export_crash("x.zip"), 1);  // outside any entry: the same
  EXPECT_TRUE(j.suspected("x.zip"));
  j.end_export("x.zip", "done", "");
  EXPECT_FALSE(j.suspected("x.zip"));
}

TEST(Journal, UnwritablePlaceThrows) {
  EXPECT_THROW(Journal("/proc/no/such/journal.sqlite"), std::runtime_error);
}

// /bin/sh stands in for the scanner: it speaks the protocol on fd 3.
WorkerOutcome run_sh(const std::string& script, const WorkerLimits& limits, std::vector<std::string>* seen = nullptr,
                     const fs::path& log = "/dev/null") {
  return run_worker({"/bin/sh", "-c", script}, limits, log, [&](const nlohmann::json& e) {
    if (seen) seen->push_back(e.value("event", "") + ":" + get_path(e));
  });
}

TEST(Worker, CleanExit) {
  std::vector<std::string> seen;
  const WorkerOutcome w = run_sh(R"(echo '{"event":"begin","path":"a"}' >&3; echo '{"event":"end","path":"a"}' >&3; exit 0)",
                                 {}, &seen);
  EXPECT_EQ(w.end, WorkerOutcome::End::exited);
  EXPECT_EQ(w.status, 0);
  EXPECT_TRUE(w.in_flight.empty());
  EXPECT_EQ(seen, (std::vector<std::string>{"begin:a", "end:a"}));
}

TEST(Worker, CrashNamesTheEntriesInFlight) {
  const WorkerOutcome w = run_sh(
      R"(echo '{"event":"begin","path":"a"}' >&3; echo '{"event":"begin","path":"b"}' >&3;
         echo '{"event":"end","path":"a"}' >&3; echo 'garbage' >&3; kill -SEGV $$)",
      {});
  EXPECT_EQ(w.end, WorkerOutcome::End::signalled);
  EXPECT_EQ(w.status, SIGSEGV);
  EXPECT_EQ(w.in_flight, (std::vector<std::string>{"b"}));
  EXPECT_EQ(w.describe(), "killed by SIGSEGV");
}

TEST(Worker, HangIsKilledAfterTheEntryTimeout) {
  WorkerLimits limits;
  limits.entry_timeout = std::chrono::milliseconds(300);
  const auto start = std::chrono::steady_clock::now();
  const WorkerOutcome w = run_sh(R"(echo '{"event":"begin","path":"slow"}' >&3; sleep 60 & wait)", limits);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(w.end, WorkerOutcome::End::timed_out);
  EXPECT_EQ(w.in_flight, (std::vector<std::string>{"slow"}));
  EXPECT_LT(took, std::chrono::seconds(10)) << "the sleeping grandchild kept the pipe open";
}

TEST(Worker, CpuLimitIsALimitNotACrash) {
  WorkerLimits limits;
  limits.cpu_seconds = 1;
  const WorkerOutcome w = run_sh(R"(echo '{"event":"begin","path":"a"}' >&3; while :; do :; done)", limits);
  EXPECT_EQ(w.end, WorkerOutcome::End::signalled);
  EXPECT_EQ(w.status, SIGXCPU);
  EXPECT_TRUE(w.over_a_limit()) << "an innocent entry in flight must not be blamed";
}

TEST(Worker, BlockedOutsideAnyEntryRunsOutOfTime) {
  WorkerLimits limits;
  limits.entry_timeout = std::chrono::seconds(60);
  limits.total_timeout = std::chrono::milliseconds(300);
  const WorkerOutcome w = run_sh("sleep 60 & wait", limits);
  EXPECT_EQ(w.end, WorkerOutcome::End::out_of_time);
  EXPECT_TRUE(w.over_a_limit());
  EXPECT_TRUE(w.in_flight.empty());
}

TEST(Worker, SamePathTwiceInFlight) {
  // Two parts of a split export may hold the same path: one ending does not end the other.
  WorkerLimits limits;
  limits.entry_timeout = std::chrono::milliseconds(300);
  const WorkerOutcome w = run_sh(
      R"(echo '{"event":"begin","path":"p"}' >&3; echo '{"event":"begin","path":"p"}' >&3;
         echo '{"event":"end","path":"p"}' >&3; sleep 60 & wait)",
      limits);
  EXPECT_EQ(w.end, WorkerOutcome::End::timed_out);
  EXPECT_EQ(w.in_flight, (std::vector<std::string>{"p"}));
}

TEST(Worker, ThrowingHandlerLeavesNoChild) {
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(run_worker({"/bin/sh", "-c", R"(echo '{"event":"begin","path":"a"}' >&3; sleep 60)"}, {}, "/dev/null",
                          [](const nlohmann::json&) { throw std::runtime_error("journal full"); }),
               std::runtime_error);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10)) << "the child was waited for, not killed";
}

TEST(Worker, LimitsAreInForce) {
  TempDir dir;
  WorkerLimits limits;
  limits.cpu_seconds = 77;
  limits.file_size = uint64_t{5} << 20;
  limits.address_space = uint64_t{3} << 30;
  const WorkerOutcome w = run_sh("cat /proc/self/limits; echo fds: $(ls /proc/self/fd | sort -n | tr '\\n' ' ')", limits,
                                 nullptr, dir.path() / "log");
  EXPECT_EQ(w.status, 0);
  std::ifstream f(dir.path() / "log");
  const std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("Max cpu time              77"), std::string::npos) << text;
  EXPECT_NE(text.find("Max file size             5242880"), std::string::npos) << text;
  EXPECT_NE(text.find("Max core file size        0"), std::string::npos) << text;
  // stdin, stdout, stderr, the events pipe, and ls's own directory handle: nothing of the parent's.
  EXPECT_NE(text.find("fds: 0 1 2 3 "), std::string::npos) << text;
  EXPECT_EQ(text.find("fds: 0 1 2 3 4 5"), std::string::npos) << text;
#if !defined(__SANITIZE_ADDRESS__)
  EXPECT_NE(text.find("Max address space         3221225472"), std::string::npos) << text;
#endif
}

TEST(Worker, PathsThatAreNotUtf8RoundTrip) {
  const std::string raw = std::string("bad\xff\xfe/na\nme.jpg");
  nlohmann::json j;
  put_path(j, raw);
  EXPECT_TRUE(j.contains("path_hex"));
  EXPECT_EQ(get_path(nlohmann::json::parse(j.dump())), raw);
  nlohmann::json ok;
  put_path(ok, "fine/é.jpg");
  EXPECT_EQ(ok["path"], "fine/é.jpg");
  EXPECT_EQ(get_path(nlohmann::json{{"path_hex", "zz"}}), "");
}

}  // namespace
}  // namespace mediascan::batch
