#include "scanner/ingest/zip_index.h"

#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>

#include "scanner/ingest/entry_path.h"

namespace mediascan {
namespace {

constexpr uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr uint32_t kZip64Locator = 0x07064b50;
constexpr uint32_t kZip64End = 0x06064b50;
constexpr uint32_t kCentralHeader = 0x02014b50;

uint16_t u16(const unsigned char* p) { return uint16_t(p[0] | (p[1] << 8)); }
uint32_t u32(const unsigned char* p) { return uint32_t(u16(p)) | (uint32_t(u16(p + 2)) << 16); }
uint64_t u64(const unsigned char* p) { return uint64_t(u32(p)) | (uint64_t(u32(p + 4)) << 32); }

// ZIP64 extended information (extra field 0x0001): the 64-bit values of the fields set to
// 0xFFFFFFFF in the header, in this order.
bool apply_zip64(ZipRecord& r, const unsigned char* extra, size_t n, bool usize, bool csize, bool offset) {
  for (size_t i = 0; i + 4 <= n;) {
    const uint16_t id = u16(extra + i), len = u16(extra + i + 2);
    if (i + 4 + len > n) return false;
    if (id == 0x0001) {
      const unsigned char* p = extra + i + 4;
      size_t k = 0;
      auto take = [&](uint64_t& v) {
        if (k + 8 > len) return false;
        v = u64(p + k);
        k += 8;
        return true;
      };
      return (!usize || take(r.uncompressed)) && (!csize || take(r.compressed)) && (!offset || take(r.local_offset));
    }
    i += 4 + size_t(len);
  }
  return !(usize || csize || offset);
}

}  // namespace

bool read_exact_at(int fd, uint64_t offset, void* buf, size_t n) {
  auto* out = static_cast<char*>(buf);
  while (n > 0) {
    const ssize_t got = ::pread(fd, out, n, off_t(offset));
    if (got <= 0) return false;
    out += got;
    n -= size_t(got);
    offset += uint64_t(got);
  }
  return true;
}

std::optional<std::string> read_zip_head(int fd, const ZipRecord& r, size_t n) {
  if (r.flags & 1) return std::nullopt;  // encrypted
  std::string head(size_t(std::min<uint64_t>(n, r.uncompressed)), '\0');
  if (r.method == 0) {
    if (r.compressed != r.uncompressed || !read_exact_at(fd, r.data_offset, head.data(), head.size())) return std::nullopt;
    return head;
  }
  if (r.method != 8) return std::nullopt;
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return std::nullopt;
  // A few KiB of input give the few hundred bytes asked for; inflate stops when they are there.
  std::string in;
  uint64_t at = r.data_offset, left = r.compressed;
  z.next_out = reinterpret_cast<Bytef*>(head.data());
  z.avail_out = uInt(head.size());
  int rc = Z_OK;
  while (z.avail_out > 0 && rc == Z_OK) {
    if (z.avail_in == 0) {
      if (left == 0) break;
      in.resize(size_t(std::min<uint64_t>(left, 4096)));
      if (!read_exact_at(fd, at, in.data(), in.size())) break;
      at += in.size();
      left -= in.size();
      z.next_in = reinterpret_cast<Bytef*>(in.data());
      z.avail_in = uInt(in.size());
    }
    rc = inflate(&z, Z_NO_FLUSH);
  }
  const bool whole = z.avail_out == 0;
  inflateEnd(&z);
  if (!whole) return std::nullopt;
  return head;
}

std::optional<ZipIndex> ZipIndex::read(int fd, uint64_t max_records, uint64_t max_name_bytes) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return std::nullopt;
  return read([fd](uint64_t at, void* buf, size_t n) { return read_exact_at(fd, at, buf, n); }, uint64_t(st.st_size),
              max_records, max_name_bytes);
}

std::optional<ZipIndex> ZipIndex::read(const ReadAt& read_at, uint64_t size, uint64_t max_records,
                                       uint64_t max_name_bytes) {
  if (size < 22) return std::nullopt;
  // The end record is in the last 22 + 65535 (comment) bytes.
  const uint64_t tail_size = std::min<uint64_t>(size, 22 + 65535);
  std::vector<unsigned char> tail(tail_size);
  if (!read_at(size - tail_size, tail.data(), tail_size)) return std::nullopt;
  size_t end = SIZE_MAX;
  for (size_t i = tail_size - 22 + 1; i-- > 0;)
    if (u32(&tail[i]) == kEndOfCentralDirectory) {
      end = i;
      break;
    }
  if (end == SIZE_MAX) return std::nullopt;
  uint64_t count = u16(&tail[end + 10]), cd_size = u32(&tail[end + 12]), cd_offset = u32(&tail[end + 16]);
  const uint64_t directory_end = size - tail_size + end;  // the directory ends where its end record starts
  // A ZIP64 end record, when its locator is there, is read whether or not the end record's
  // fields are saturated (libarchive's zip64 option writes both with plain values).
  const bool locator = end >= 20 && u32(&tail[end - 20]) == kZip64Locator;
  if (locator || count == 0xFFFF || cd_size == 0xFFFFFFFF || cd_offset == 0xFFFFFFFF) {
    if (!locator) return std::nullopt;
    unsigned char z[56];
    if (!read_at(u64(&tail[end - 20 + 8]), z, sizeof z) || u32(z) != kZip64End) return std::nullopt;
    count = u64(z + 32);
    cd_size = u64(z + 40);
    cd_offset = u64(z + 48);
  }
  // Bytes before the zip (a self-extracting stub, or put there to hide it) shift every offset
  // the directory gives. Like libarchive, a directory without a ZIP64 end record is taken to
  // end at its end record and the offsets are moved by as much as that differs; one with it
  // is taken at its word (libarchive 3.6 does not correct those).
  uint64_t shift = 0;  // modulo 2^64, as libarchive's
  if (!locator) {
    if (cd_size > directory_end) return std::nullopt;
    shift = directory_end - cd_size - cd_offset;
    cd_offset = directory_end - cd_size;
  }
  // A hostile directory cannot make us allocate more than the file holds.
  if (cd_offset > size || cd_size > size - cd_offset || count > cd_size / 46) return std::nullopt;
  // The directory is read in windows: however large it claims to be, memory holds one window
  // and the records kept.
  std::vector<unsigned char> window;
  uint64_t window_start = 0;
  const auto at = [&](uint64_t p, size_t n) -> const unsigned char* {
    if (p + n > cd_size) return nullptr;
    if (p < window_start || p + n > window_start + window.size()) {
      window.resize(size_t(std::min<uint64_t>(std::max<uint64_t>(n, 4 << 20), cd_size - p)));
      window_start = p;
      if (!read_at(cd_offset + p, window.data(), window.size())) return nullptr;
    }
    return &window[size_t(p - window_start)];
  };
  ZipIndex index;
  index.declared_ = count;
  count = std::min(count, max_records);
  index.records_.reserve(count);
  uint64_t p = 0;
  for (uint64_t k = 0; k < count; ++k) {
    const unsigned char* h = at(p, 46);
    if (!h || u32(h) != kCentralHeader) return std::nullopt;
    const size_t name_len = u16(h + 28), extra_len = u16(h + 30), comment_len = u16(h + 32);
    h = at(p, 46 + name_len + extra_len + comment_len);
    if (!h) return std::nullopt;
    ZipRecord r;
    r.flags = u16(h + 8);
    r.method = u16(h + 10);
    r.crc = u32(h + 16);
    r.compressed = u32(h + 20);
    r.uncompressed = u32(h + 24);
    r.local_offset = u32(h + 42);
    r.name = zip_name_to_utf8(std::string_view(reinterpret_cast<const char*>(h + 46), name_len));
    if (!apply_zip64(r, h + 46 + name_len, extra_len, r.uncompressed == 0xFFFFFFFF, r.compressed == 0xFFFFFFFF,
                     r.local_offset == 0xFFFFFFFF))
      return std::nullopt;
    r.local_offset += shift;  // one that wraps lies past the end: its local header is not found
    if (name_len <= max_name_bytes) index.records_.push_back(std::move(r));
    p += 46 + name_len + extra_len + comment_len;
  }
  window = {};
  index.unusable_.assign(index.records_.size(), false);
  index.by_hash_.reserve(index.records_.size());
  for (size_t i = 0; i < index.records_.size(); ++i)
    index.by_hash_.emplace_back(std::hash<std::string>()(index.records_[i].name), i);
  // By hash, then name: records of one name lie together whatever the hashes, and a name is
  // found by one binary search even among names made to share a hash.
  std::sort(index.by_hash_.begin(), index.by_hash_.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    const int c = index.records_[a.second].name.compare(index.records_[b.second].name);
    return c != 0 ? c < 0 : a.second < b.second;
  });
  // A name two records share gives neither (which one a tool extracts is up to the tool).
  for (size_t i = 1; i < index.by_hash_.size(); ++i) {
    const size_t a = index.by_hash_[i - 1].second, b = index.by_hash_[i].second;
    if (index.by_hash_[i - 1].first == index.by_hash_[i].first && index.records_[a].name == index.records_[b].name)
      index.unusable_[a] = index.unusable_[b] = true;
  }
  // Each local header once: the name it gives (extraction tools disagree on which of the two
  // they use) and where the data starts.
  for (size_t i = 0; i < index.records_.size(); ++i) {
    ZipRecord& r = index.records_[i];
    unsigned char local[30];
    std::string name;
    bool usable = false;
    if (read_at(r.local_offset, local, sizeof local) && u32(local) == 0x04034b50) {
      name.resize(u16(local + 26));
      if (!read_at(r.local_offset + 30, name.data(), name.size())) name.clear();
      name = zip_name_to_utf8(name);
      r.data_offset = r.local_offset + 30 + u16(local + 26) + u16(local + 28);
      usable = r.data_offset <= size && r.compressed <= size - r.data_offset;
      if (u16(local + 8) != r.method) {  // stored by one header, deflated by the other
        index.two_methods_.insert(r.name);
        usable = false;
      }
    }
    if (name != r.name) {
      index.two_names_.insert(r.name);
      if (!name.empty()) index.two_names_.insert(name);
    }
    if (name != r.name || !usable) index.unusable_[i] = true;
  }
  index.find_overlaps(size);
  return index;
}

void ZipIndex::find_overlaps(uint64_t size) {
  // Each entry spans its local header and its data; in order of offset, an entry that starts
  // before the furthest end so far overlaps the entry that reaches there. An entry whose local
  // header cannot be read or whose data would run past the end is unusable anyway (reading it
  // fails), and is left out so that it does not take the entries after it along.
  std::vector<size_t> order;
  for (size_t i = 0; i < records_.size(); ++i)
    if (records_[i].data_offset > 0 && records_[i].data_offset <= size && records_[i].compressed <= size - records_[i].data_offset)
      order.push_back(i);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return records_[a].local_offset < records_[b].local_offset; });
  uint64_t reach = 0;
  size_t reacher = 0;
  for (size_t i : order) {
    const ZipRecord& r = records_[i];
    if (r.local_offset < reach) {
      overlapping_.insert(r.name);
      overlapping_.insert(records_[reacher].name);
      unusable_[i] = unusable_[reacher] = true;
    }
    if (r.data_offset + r.compressed > reach) {
      reach = r.data_offset + r.compressed;
      reacher = i;
    }
  }
}

const ZipRecord* ZipIndex::find(const std::string& name) const {
  const uint64_t hash = std::hash<std::string>()(name);
  const auto it = std::lower_bound(by_hash_.begin(), by_hash_.end(), hash, [&](const auto& entry, uint64_t h) {
    return entry.first != h ? entry.first < h : records_[entry.second].name < name;
  });
  if (it == by_hash_.end() || it->first != hash || records_[it->second].name != name) return nullptr;
  return unusable_[it->second] ? nullptr : &records_[it->second];
}

}  // namespace mediascan
