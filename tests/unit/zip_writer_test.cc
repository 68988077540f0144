// The cleaned export's own zip writer, read back by libarchive (through ExportReader, as the
// verification does) and by ZipIndex, with and without ZIP64 fields. Python's zipfile and
// unzip read it in tests/e2e/test_clean.py.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <clocale>
#include <fstream>
#include <map>
#include <string>

#include "scanner/ingest/export_reader.h"
#include "scanner/ingest/zip_index.h"
#include "scanner/pipeline/clean_writer.h"
#include "scanner/pipeline/zip_writer.h"
#include "scanner/util/crc32.h"
#include "scanner/util/file_bytes.h"
#include "tests/unit/archive_builder.h"

namespace mediascan {
namespace {

using test::TempDir;

struct ReadBack {
  std::map<std::string, std::string> files;  // path -> bytes
  std::map<std::string, int64_t> mtimes;
  std::vector<std::string> directories;
  std::vector<std::string> errors;
};

ReadBack read_back(const std::string& zip) {
  std::setlocale(LC_ALL, "C.UTF-8");  // as main() does: libarchive converts names by the locale
  ReadBack r;
  ExportReader reader({zip}, Limits{}, true);
  while (auto e = reader.next([](const std::string&, MediaType) { return Want::all; })) {
    if (e->error) r.errors.push_back(e->path + ": " + e->error->code);
    else if (e->event == Entry::Event::directory) r.directories.push_back(e->path);
    else if (e->event == Entry::Event::file) r.files[e->path] = e->data;
    r.mtimes[e->path] = e->mtime;
  }
  return r;
}

std::optional<ZipIndex> index_of(const std::string& zip, uint64_t max_records) {
  const int fd = ::open(zip.c_str(), O_RDONLY | O_CLOEXEC);
  auto index = ZipIndex::read(fd, max_records, 1024);
  ::close(fd);
  return index;
}

// Writes `files` (and a folder) with ZipWriter to DIR/name.
std::string write_zip(const TempDir& dir, const std::string& name, const std::map<std::string, std::string>& files,
                      bool force_zip64) {
  const std::string path = (dir.path() / name).string();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  EXPECT_GE(fd, 0);
  ZipWriter w(fd, path, force_zip64);
  w.directory("album", 1700000000);
  for (const auto& [n, bytes] : files) w.file(n, bytes, ZipWriter::prepare(bytes, n.ends_with(".json")), 1714557600);
  w.finish();
  EXPECT_EQ(::close(fd), 0);
  return path;
}

const std::map<std::string, std::string>& sample_files() {
  static const std::map<std::string, std::string> files = {
      {"album/photo.jpg", std::string("\xFF\xD8\xFF\xE0", 4) + std::string(100000, '\x7F')},
      {"album/posts.json", std::string(5000, '{') + "\"place\": \"Caf\xC3\xA9\"" + std::string(5000, '}')},
      {"album/caf\xC3\xA9 \xE2\x80\x94 night.jpg", "not really a jpeg"},
      {"empty.txt", ""},
  };
  return files;
}

TEST(ZipWriter, ReadBackByLibarchiveWithNamesBytesAndTimes) {
  TempDir dir;
  for (bool zip64 : {false, true}) {
    const std::string zip = write_zip(dir, zip64 ? "64.zip" : "32.zip", sample_files(), zip64);
    const ReadBack r = read_back(zip);
    EXPECT_TRUE(r.errors.empty()) << r.errors.front();
    ASSERT_EQ(r.files.size(), sample_files().size()) << zip64;
    for (const auto& [name, bytes] : sample_files()) {
      ASSERT_TRUE(r.files.count(name)) << name;
      EXPECT_TRUE(r.files.at(name) == bytes) << name << " read back differs, zip64 " << zip64;
    }
    EXPECT_EQ(r.directories, std::vector<std::string>{"album"});
    EXPECT_EQ(r.mtimes.at("album/photo.jpg"), 1714557600);
    EXPECT_EQ(r.mtimes.at("album"), 1700000000);
  }
}

TEST(ZipWriter, CentralDirectoryHasTheCrcsSizesAndMethods) {
  TempDir dir;
  for (bool zip64 : {false, true}) {
    const std::string zip = write_zip(dir, zip64 ? "64.zip" : "32.zip", sample_files(), zip64);
    const auto index = index_of(zip, 1000);
    ASSERT_TRUE(index);
    for (const auto& [n, bytes] : sample_files()) {
      const ZipRecord* rec = index->find(n);
      ASSERT_TRUE(rec) << n;
      EXPECT_EQ(rec->uncompressed, bytes.size());
      EXPECT_EQ(rec->crc, ZipWriter::prepare(bytes, false).crc);
      // Text is deflated, media stored; nothing tiny is deflated.
      EXPECT_EQ(rec->method, n.ends_with(".json") ? 8 : 0) << n;
    }
    EXPECT_LT(index->find("album/posts.json")->compressed, 1000u);
  }
}

TEST(ZipWriter, Utf8FlagOnlyForUtf8Names) {
  TempDir dir;
  // The flags of the only entry's local header, bytes 6 and 7 of the file.
  auto flags_of = [&](const std::string& name) {
    const std::string zip = write_zip(dir, "names.zip", {{name, "x"}}, false);
    std::ifstream in(zip, std::ios::binary);
    std::string head(2, '\0');
    // write_zip puts a folder first: skip its header (30 bytes, "album/", 9 bytes of extra).
    in.seekg(30 + 6 + 9 + 6);
    in.read(head.data(), 2);
    return uint16_t(uint8_t(head[0]) | uint8_t(head[1]) << 8);
  };
  EXPECT_EQ(flags_of("caf\xC3\xA9.jpg") & 0x800, 0x800);
  EXPECT_EQ(flags_of("caf\xE9.jpg") & 0x800, 0);  // Latin-1: a reader must not decode it as UTF-8
  EXPECT_EQ(flags_of("plain.jpg") & 0x800, 0);
}

TEST(ZipWriter, DeflateOnlyWhenItSaves) {
  std::string noise(4096, '\0');
  uint32_t x = 12345;
  for (char& c : noise) c = char((x = x * 1103515245 + 12345) >> 24);
  EXPECT_TRUE(ZipWriter::prepare(noise, true).deflated.empty());
  EXPECT_FALSE(ZipWriter::prepare(std::string(4096, 'a'), true).deflated.empty());
  EXPECT_TRUE(ZipWriter::prepare(std::string(4096, 'a'), false).deflated.empty());
}

// Bytes handed on in one piece.
class StringSource : public util::ByteSource {
 public:
  explicit StringSource(std::string s) : s_(std::move(s)) {}
  uint64_t size() const override { return s_.size(); }
  void for_each_chunk(const util::Chunks& out) const override { out(s_); }

 private:
  std::string s_;
};

// Bytes that deflate about `fold` times, from a fixed seed: runs of one letter among noise.
std::string deflating(size_t size, int fold, uint32_t seed) {
  std::string s;
  while (s.size() < size) {
    seed = seed * 1103515245 + 12345;
    s += (seed >> 16) % size_t(fold) == 0 ? char(seed >> 24) : 'a';
  }
  return s;
}

TEST(ZipWriter, TooDenseIsJudgedOnEveryPrefixPastTheFloor) {
  constexpr size_t kMiB = 1 << 20;
  const std::string blanks(3 * kMiB, ' '), noise = deflating(6 * kMiB, 1, 7);
  EXPECT_TRUE(ZipWriter::deflates_too_densely(blanks, 200));
  EXPECT_FALSE(ZipWriter::deflates_too_densely(std::string(kMiB - 1, ' '), 200));  // under the floor
  EXPECT_FALSE(ZipWriter::deflates_too_densely(noise, 200));
  // Dense at its start only: the reader refuses it there, before the noise evens the ratio out.
  EXPECT_TRUE(ZipWriter::deflates_too_densely(blanks + noise, 200));
  EXPECT_FALSE(ZipWriter::deflates_too_densely(noise + blanks, 200));
  // ... which a probe knows after its first MiB: 9 MiB cannot come out of 1 MiB 100-fold.
  ZipWriter::DensityProbe probe(200, noise.size() + blanks.size());
  probe.add(std::string_view(noise).substr(0, kMiB));
  EXPECT_TRUE(probe.settled());
  EXPECT_FALSE(probe.dense());
  // A limit of the run's own: what passes 200 may not pass 20.
  const std::string moderate = deflating(4 * kMiB, 300, 9);
  EXPECT_FALSE(ZipWriter::deflates_too_densely(moderate, 200));
  EXPECT_TRUE(ZipWriter::deflates_too_densely(moderate, 20));

  uint32_t crc = 0;
  EXPECT_FALSE(ZipWriter::deflate_to_file(StringSource(blanks + noise), crc, 200));
  EXPECT_EQ(crc, util::crc32(blanks + noise));  // still worked out
  EXPECT_TRUE(ZipWriter::deflate_to_file(StringSource(moderate), crc, 200));
  EXPECT_FALSE(ZipWriter::deflate_to_file(StringSource(moderate), crc, 20));
}

TEST(CleanWriter, WhatItWritesIsReadAgainUnderItsRatio) {
  const std::string moderate = deflating(4 * (1 << 20), 300, 9);
  for (const double ratio : {200.0, 20.0}) {
    TempDir dir;
    const std::string path = (dir.path() / "out.zip").string();
    {
      CleanWriter w(path, ratio);
      w.file("notes.json", moderate, 0, nullptr);  // inside the writer (as in a rebuilt archive)
      const ZipWriter::Prepared prepared = CleanWriter::prepare(moderate, {}, std::nullopt, ratio);
      EXPECT_EQ(prepared.deflated.empty(), ratio == 20.0);
      w.file("posts.json", moderate, 0, &prepared);
      w.commit();
    }
    Limits limits;
    limits.max_ratio = ratio;
    ExportReader reader({path}, limits);
    size_t files = 0;
    while (auto e = reader.next([](const std::string&, MediaType) { return Want::all; })) {
      EXPECT_FALSE(e->error) << e->path << ": " << e->error->message;
      EXPECT_TRUE(e->data == moderate) << e->path;
      ++files;
    }
    EXPECT_EQ(files, 2u);
  }
}

TEST(ZipWriter, MoreThan65535EntriesGetAZip64End) {
  TempDir dir;
  const std::string path = (dir.path() / "many.zip").string();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  ASSERT_GE(fd, 0);
  ZipWriter w(fd, path);
  const auto empty = ZipWriter::prepare("", false);
  for (int i = 0; i < 70000; ++i) w.file("f/" + std::to_string(i), "", empty, 0);
  w.finish();
  ASSERT_EQ(::close(fd), 0);
  const auto index = index_of(path, 100000);
  ASSERT_TRUE(index);
  EXPECT_TRUE(index->find("f/69999"));
  EXPECT_TRUE(index->find("f/0"));
  Limits limits;
  limits.max_entries = 100000;
  ExportReader reader({path}, limits);
  size_t n = 0;
  while (auto e = reader.next([](const std::string&, MediaType) { return Want::head; })) {
    EXPECT_FALSE(e->error) << e->path;
    ++n;
  }
  EXPECT_EQ(n, 70000u);
}

TEST(CleanWriter, NameLongerThanAZipHoldsIsLeftOutNotFatal) {
  TempDir dir;
  CleanWriter w(dir.path() / "out.zip");
  EXPECT_THROW(w.file(std::string(70000, 'a'), "x", 0), EntryNotWritten);
  w.file("kept.txt", "x", 0);
  w.commit();
  const ReadBack r = read_back((dir.path() / "out.zip").string());
  EXPECT_EQ(r.files.size(), 1u);
  EXPECT_EQ(r.files.count("kept.txt"), 1u);
}

}  // namespace
}  // namespace mediascan

namespace mediascan {
namespace {

// A source that gives some of its bytes, then fails as a file cut short under the writer would.
class FailingSource : public util::ByteSource {
 public:
  uint64_t size() const override { return 3 * kChunk; }
  void for_each_chunk(const util::Chunks& out) const override {
    const std::string piece(kChunk, 'v');
    out(piece);
    out(piece);
    throw util::ReadError("cannot read v.mp4: it is shorter than it was");
  }
};

TEST(CleanWriter, AnEntryWhoseSourceFailsIsLeftOutAndTheRestWritten) {
  TempDir dir;
  for (const char* out : {"clean.zip", "clean-folder"}) {
    const auto path = dir.path() / out;
    {
      CleanWriter w(path);
      w.file("a.jpg", "first", 1714557600);
      EXPECT_THROW(w.file("v.mp4", FailingSource(), 1714557600, 0), EntryNotWritten) << out;
      const std::string last = "last, streamed";
      w.file("z.mp4", StringSource(last), 1714557600, ZipWriter::prepare(last, false).crc);
      w.commit();
    }
    if (std::string(out).ends_with(".zip")) {
      const ReadBack r = read_back(path.string());
      EXPECT_EQ(r.errors, std::vector<std::string>{});
      EXPECT_EQ(r.files, (std::map<std::string, std::string>{{"a.jpg", "first"}, {"z.mp4", "last, streamed"}}));
    } else {
      EXPECT_TRUE(std::filesystem::exists(path / "a.jpg"));
      EXPECT_FALSE(std::filesystem::exists(path / "v.mp4"));
      EXPECT_TRUE(std::filesystem::exists(path / "z.mp4"));
    }
  }
}

}  // namespace
}  // namespace mediascan

namespace mediascan {
namespace {

// Random bytes, split at every kind of place: the CRCs worked out from pieces are the CRCs of
// the bytes.
TEST(Crc32, OfPiecesFromTheirCrcs) {
  std::string bytes;
  uint32_t x = 12345;
  for (int i = 0; i < 70000; ++i) bytes.push_back(char((x = x * 1103515245 + 12345) >> 24));
  for (const size_t size : {size_t{0}, size_t{1}, size_t{7}, size_t{4096}, bytes.size()}) {
    const std::string_view whole = std::string_view(bytes).substr(0, size);
    for (const size_t from : {size_t{0}, size / 3, size / 2, size}) {
      const std::string_view head = whole.substr(0, from), tail = whole.substr(from);
      EXPECT_EQ(util::crc32_of_tail(util::crc32(whole), whole, from), util::crc32(tail)) << size << " " << from;
      EXPECT_EQ(util::crc32_concat(util::crc32(head), util::crc32(tail), tail.size()), util::crc32(whole));
    }
  }
}

// A cleaned photo is its new head and its original scans, never joined in memory: one entry
// of the zip's top level (with its CRC given or worked out), of a folder and of a rebuilt zip.
TEST(CleanWriter, AHeadAndATailAreOneEntry) {
  TempDir dir;
  const std::string head = "\xFF\xD8\xFF\xE0 new head", tail(300000, 's');
  const std::string whole = head + tail;
  for (const char* out : {"clean.zip", "clean-folder"}) {
    const auto path = dir.path() / out;
    {
      CleanWriter w(path);
      const ZipWriter::Prepared given = CleanWriter::prepare(head, tail, util::crc32(whole));
      EXPECT_EQ(CleanWriter::prepare(head, tail).crc, util::crc32(whole));
      w.file("given.jpg", head, 1714557600, &given, tail);
      w.file("worked_out.jpg", head, 1714557600, nullptr, tail);
      w.begin_archive("inner.zip", MediaType::zip, 1714557600);
      w.file("inner.zip/nested.jpg", head, 1714557600, nullptr, tail);
      w.end_archive();
      w.commit();
    }
    if (std::string(out).ends_with(".zip")) {
      const ReadBack r = read_back(path.string());
      EXPECT_EQ(r.errors, std::vector<std::string>{});
      EXPECT_EQ(r.files, (std::map<std::string, std::string>{
                             {"given.jpg", whole}, {"worked_out.jpg", whole}, {"inner.zip/nested.jpg", whole}}));
    } else {
      for (const char* name : {"given.jpg", "worked_out.jpg"}) {
        std::ifstream in(path / name, std::ios::binary);
        EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), whole) << name;
      }
      EXPECT_EQ(read_back((path / "inner.zip").string()).files,
                (std::map<std::string, std::string>{{"nested.jpg", whole}}));
    }
  }
}

}  // namespace
}  // namespace mediascan
