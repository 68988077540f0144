#include "scanner/batch/inbox.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <stdexcept>

#include "scanner/util/sha256.h"
#include "scanner/util/text.h"

namespace mediascan::batch {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kArchiveSuffixes[] = {".zip", ".tar", ".tgz", ".tar.gz", ".tar.bz2", ".tbz2",
                                                 ".tbz", ".tar.xz", ".txz", ".7z"};
// Browsers and download tools write these while a download is still under way.
constexpr std::string_view kPartialSuffixes[] = {".part", ".partial", ".crdownload", ".download", ".tmp", ".opdownload"};

bool ends_with_any(const std::string& name, std::span<const std::string_view> suffixes) {
  const std::string lower = util::to_lower_ascii(name);
  return std::any_of(suffixes.begin(), suffixes.end(), [&](std::string_view s) { return lower.ends_with(s); });
}

// A file name made safe as a folder name: no separators, no control characters, no leading dot
// or dash, at most 100 bytes.
std::string make_slug(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    const bool keep = std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == '+' || c == '@';
    out += keep ? char(c) : '_';
  }
  while (!out.empty() && (out[0] == '.' || out[0] == '-')) out.erase(0, 1);
  if (out.size() > 100) out.resize(100);
  return out.empty() ? "export" : out;
}

// A name the slug had to change ("a b.zip" -> "a_b.zip") gets its name's hash, whatever else
// is in the inbox: an export's folder never depends on the others ("a b.zip" and "a_b.zip" once
// took turns at one folder as the other came and went, and one was shown the other's report).
void assign_slugs(std::vector<InboxExport>& exports) {
  for (InboxExport& e : exports) {
    e.slug = make_slug(e.name);
    if (e.slug != e.name) e.slug += "-" + util::sha256_hex(e.name).substr(0, 8);
  }
}

struct Part {
  unsigned number;
  fs::path path;
};

// Numbered parts, grouped: "takeout-20240101T000000Z-001.zip" -> group "takeout-20240101T000000Z",
// "facebook-jdoe-15062024-AbCdEf-2.zip" -> "facebook-jdoe-15062024-AbCdEf".
// A group takes its parts' common name, unless an archive or folder of the inbox has that name
// already ("foo.zip" beside "foo.zip-001.zip"): then the first part's name, with ### for the
// number, which no other export can have.
void add_split_exports(std::map<std::string, std::vector<Part>>& groups, const std::set<std::string>& taken,
                       Inbox& out) {
  for (auto& [name, parts] : groups) {
    std::sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.number < b.number; });
    InboxExport e;
    e.name = name;
    if (taken.count(name)) {
      const std::string first = parts.front().path.filename().string();
      size_t after = name.size() + 1;  // past "-" and the part's number ("-001", "-2")
      while (after < first.size() && first[after] >= '0' && first[after] <= '9') ++after;
      e.name = name + "-###" + first.substr(after);
    }
    unsigned expected = 1;
    for (const Part& p : parts) {
      for (; expected < p.number; ++expected)
        e.warnings.push_back("part " + std::to_string(expected) + " of the split export is not in the inbox");
      expected = p.number + 1;
      e.sources.push_back(p.path);
    }
    out.exports.push_back(std::move(e));
  }
}

void hash_file(const fs::path& path, util::Sha256& hash) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(path.string() + ": " + std::strerror(errno));
  std::string buffer(1 << 20, '\0');
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int saved = errno;
      ::close(fd);
      throw std::runtime_error(path.string() + ": " + std::strerror(saved));
    }
    if (n == 0) break;
    hash.update(std::string_view(buffer.data(), size_t(n)));
  }
  ::close(fd);
}

// Every file of the export with its name relative to the inbox, in a stable order. Folders are
// walked without following links (the scan reports links; it never follows them either).
// A link given as the source itself is followed (the agency made it); one inside a folder is not.
struct ExportFile {
  std::string name;
  fs::path path;
  bool follow = false;
  auto operator<=>(const ExportFile&) const = default;
};

std::vector<ExportFile> files_of(const InboxExport& e) {
  std::vector<ExportFile> files;
  for (const fs::path& source : e.sources) {
    std::error_code ec;
    if (!fs::is_directory(source, ec)) {
      files.push_back({source.filename().string(), source, true});
      continue;
    }
    for (auto it = fs::recursive_directory_iterator(source, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_symlink(ec) || !it->is_directory(ec))
        files.push_back({(source.filename() / it->path().lexically_relative(source)).string(), it->path(), false});
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

Inbox list_inbox(const fs::path& inbox, const fs::path& exclude) {
  std::error_code ec;
  if (!fs::is_directory(inbox, ec)) throw std::runtime_error(inbox.string() + ": not a folder");
  const fs::path excluded = exclude.empty() ? fs::path() : fs::weakly_canonical(exclude, ec);
  Inbox out;
  std::map<std::string, std::vector<Part>> groups;
  fs::directory_iterator it(inbox, ec);
  if (ec) throw std::runtime_error(inbox.string() + ": " + ec.message());
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) throw std::runtime_error(inbox.string() + ": " + ec.message());
    const fs::path& path = it->path();
    const std::string name = path.filename().string();
    if (name.starts_with(".")) {
      out.skipped.push_back({name, "hidden"});
      continue;
    }
    std::error_code ec2;
    if (!excluded.empty() && fs::weakly_canonical(path, ec2) == excluded) {
      out.skipped.push_back({name, "the output folder"});
      continue;
    }
    if (fs::is_directory(path, ec2)) {  // follows a link the agency made to a folder, as to a file
      out.exports.push_back({name, {}, {path}, {}});
    } else if (!fs::is_regular_file(path, ec2)) {
      out.skipped.push_back({name, "not a regular file or folder"});
    } else if (ends_with_any(name, kPartialSuffixes)) {
      out.skipped.push_back({name, "an unfinished download"});
    } else if (!ends_with_any(name, kArchiveSuffixes)) {
      out.skipped.push_back({name, "not an archive mediascan reads (zip, tar, tar.gz/tgz, tar.bz2/xz, 7z)"});
    } else if (const auto part = util::export_part(name)) {
      // Only the platforms' numbered parts are one export (Takeout's, Facebook's and Instagram's):
      // case-001.zip and case-002.zip may be two people's.
      groups[part->first].push_back({part->second, path});
    } else {
      out.exports.push_back({name, {}, {path}, {}});
    }
  }
  std::set<std::string> names;
  for (const InboxExport& e : out.exports) names.insert(e.name);
  add_split_exports(groups, names, out);
  std::sort(out.exports.begin(), out.exports.end(),
            [](const InboxExport& a, const InboxExport& b) { return a.name < b.name; });
  std::sort(out.skipped.begin(), out.skipped.end(), [](const InboxSkip& a, const InboxSkip& b) { return a.name < b.name; });
  assign_slugs(out.exports);
  return out;
}

bool in_shard(std::string_view name, unsigned k, unsigned n) {
  const std::string digest = util::sha256_hex(name);
  const uint64_t h = std::stoull(digest.substr(0, 15), nullptr, 16);
  return h % n == k - 1;
}

StatFingerprint stat_fingerprint(const InboxExport& e) {
  StatFingerprint out;
  std::string text;
  for (const auto& [name, path, follow] : files_of(e)) {
    struct stat st {};
    if ((follow ? ::stat(path.c_str(), &st) : ::lstat(path.c_str(), &st)) != 0) {
      text += name + "\n?\n";
      continue;
    }
    out.bytes += uint64_t(st.st_size);
    text += name + "\n" + std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) + "." +
            std::to_string(st.st_mtim.tv_nsec) + " " + std::to_string(st.st_ino) + "\n";
  }
  out.digest = util::sha256_hex(text);
  return out;
}

std::string content_fingerprint(const InboxExport& e) {
  // One line per file: its name's length and name, then the digest of its contents, so that no
  // two different sets of files give the same text.
  std::string text;
  for (const auto& [name, path, follow] : files_of(e)) {
    util::Sha256 file;
    std::error_code ec;
    if (!follow && fs::is_symlink(path, ec)) file.update("link:" + fs::read_symlink(path, ec).string());
    else if (fs::is_regular_file(path, ec)) hash_file(path, file);
    text += std::to_string(name.size()) + ":" + name + " " + file.hex() + "\n";
  }
  return util::sha256_hex(text);
}

}  // namespace mediascan::batch
