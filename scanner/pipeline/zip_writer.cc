#include "scanner/pipeline/zip_writer.h"

#include <fcntl.h>
#include <libdeflate.h>
#include <zlib.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>
#include <stdexcept>

#include "scanner/ingest/limits.h"
#include "scanner/util/text.h"

namespace mediascan {
namespace {

constexpr uint32_t kMax32 = 0xFFFFFFFF;
constexpr uint16_t kMax16 = 0xFFFF;
constexpr uint16_t kVersion = 20;       // deflate, folders
constexpr uint16_t kVersionZip64 = 45;
constexpr uint16_t kMadeByUnix = 3 << 8;
constexpr uint16_t kUtf8Name = 1 << 11;
// Writeback is started every this many bytes, so the final fsync does not wait for the whole file.
constexpr uint64_t kWritebackStep = 32 << 20;

void put16(std::string& s, uint16_t v) {
  s.push_back(char(v & 0xFF));
  s.push_back(char(v >> 8));
}
void put32(std::string& s, uint32_t v) {
  put16(s, uint16_t(v & 0xFFFF));
  put16(s, uint16_t(v >> 16));
}
void put64(std::string& s, uint64_t v) {
  put32(s, uint32_t(v & kMax32));
  put32(s, uint32_t(v >> 32));
}

// MS-DOS date and time in local time, as zip tools read them; 1980-01-01 is the earliest.
std::pair<uint16_t, uint16_t> dos_time_date(int64_t mtime) {
  std::tm tm{};
  const time_t t = time_t(mtime);
  if (!::localtime_r(&t, &tm) || tm.tm_year < 80) return {0, (1 << 5) | 1};
  if (tm.tm_year > 207) {  // 2107-12-31 23:59:58, the last time the fields hold
    tm.tm_year = 207;
    tm.tm_mon = 11;
    tm.tm_mday = 31;
    tm.tm_hour = 23;
    tm.tm_min = 59;
    tm.tm_sec = 58;
  }
  const auto time = uint16_t((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
  const auto date = uint16_t(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
  return {time, date};
}

// General purpose flags of a name: UTF-8 when it is (bytes of an unknown code page otherwise).
uint16_t name_flags(const std::string& s) {
  const bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return (unsigned char)c < 0x80; });
  return !ascii && util::is_valid_utf8(s) ? kUtf8Name : 0;
}

// The extended-timestamp field (0x5455) with the modification time only: the same in the local
// and the central header.
void put_mtime(std::string& s, uint32_t mtime) {
  put16(s, 0x5455);
  put16(s, 5);
  s.push_back(1);
  put32(s, mtime);
}

struct FreeCompressor {
  void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};

}  // namespace

ZipWriter::Prepared ZipWriter::prepare(std::string_view bytes, bool compress, std::optional<uint32_t> crc) {
  Prepared p;
  p.crc = crc ? *crc : libdeflate_crc32(0, bytes.data(), bytes.size());
  if (!compress || bytes.size() < 64) return p;
  thread_local std::unique_ptr<libdeflate_compressor, FreeCompressor> compressor(libdeflate_alloc_compressor(6));
  if (!compressor) return p;
  // Only worth it when it saves something: a buffer one byte short of the input refuses the rest.
  // Not zero-filled: only the pages the compressor writes become resident (a 40 MB posts file
  // deflates to a few MB; a zero-filled buffer would hold it twice while it is compressed).
  const std::unique_ptr<char[]> out(new char[bytes.size() - 1]);
  const size_t n = libdeflate_deflate_compress(compressor.get(), bytes.data(), bytes.size(), out.get(), bytes.size() - 1);
  p.deflated.assign(out.get(), n);
  return p;
}

bool ZipWriter::too_dense(uint64_t in, uint64_t out, double max_ratio) {
  return in > Limits().ratio_floor_bytes && double(in) > max_ratio / 2 * double(std::max<uint64_t>(out, 1));
}

// How far apart the prefixes of a deflate stream are judged by too_dense.
constexpr size_t kJudgedEvery = 256 * 1024;

// A raw deflate stream made with zlib a piece at a time, each piece flushed (Z_SYNC_FLUSH, a few
// bytes each) so that what came out so far is the deflated size of what went in so far.
class ZipWriter::Deflater {
 public:
  explicit Deflater(int level) {
    if (deflateInit2(&z_, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
      throw std::runtime_error("cannot start deflate");
  }
  ~Deflater() { deflateEnd(&z_); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  // Deflates `in` (ending the stream when `last`), handing on what comes out.
  void put(std::string_view in, bool last, const util::Chunks& out) {
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z_.avail_in = uInt(in.size());
    const int flush = last ? Z_FINISH : Z_SYNC_FLUSH;
    int status = Z_OK;
    do {
      z_.next_out = reinterpret_cast<Bytef*>(buffer_.data());
      z_.avail_out = uInt(buffer_.size());
      status = deflate(&z_, flush);
      if (status == Z_STREAM_ERROR) throw std::runtime_error("deflate failed");
      out(std::string_view(buffer_.data(), buffer_.size() - z_.avail_out));
    } while (z_.avail_out == 0 || z_.avail_in > 0 || (last && status != Z_STREAM_END));
  }
  uint64_t in() const { return z_.total_in; }
  uint64_t out() const { return z_.total_out; }

 private:
  z_stream z_{};
  std::string buffer_ = std::string(256 * 1024, '\0');
};

namespace {

// Whether no longer prefix of `size` bytes can be too_dense once `out` bytes came out of a
// shorter one (out only grows, and no prefix is longer than `size`).
bool never_too_dense(uint64_t size, uint64_t out, double max_ratio) { return double(out) * max_ratio / 2 >= double(size); }

}  // namespace

ZipWriter::DensityProbe::DensityProbe(double max_ratio, uint64_t size)
    : deflater_(std::make_unique<Deflater>(Z_DEFAULT_COMPRESSION)), max_ratio_(max_ratio), size_(size) {}

ZipWriter::DensityProbe::~DensityProbe() = default;

void ZipWriter::DensityProbe::add(std::string_view bytes) {
  for (size_t at = 0; at < bytes.size() && !settled(); at += kJudgedEvery) {
    deflater_->put(bytes.substr(at, kJudgedEvery), false, [](std::string_view) {});
    dense_ = too_dense(deflater_->in(), deflater_->out(), max_ratio_);
    light_ = never_too_dense(size_, deflater_->out(), max_ratio_);
  }
}

bool ZipWriter::deflates_too_densely(std::string_view bytes, double max_ratio) {
  if (bytes.size() <= Limits().ratio_floor_bytes) return false;
  DensityProbe probe(max_ratio, bytes.size());
  probe.add(bytes);
  return probe.dense();
}

bool ZipWriter::stream_too_dense(std::string_view deflated, uint64_t size, double max_ratio) {
  z_stream z{};
  if (inflateInit2(&z, -15) != Z_OK) throw std::runtime_error("cannot start inflate");
  std::string out(kJudgedEvery, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(deflated.data()));
  z.avail_in = uInt(deflated.size());
  int status = Z_OK;
  bool dense = false;
  while (status == Z_OK && !dense && !never_too_dense(size, z.total_in, max_ratio)) {
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    status = inflate(&z, Z_NO_FLUSH);
    dense = too_dense(z.total_out, z.total_in, max_ratio);
    if (status == Z_BUF_ERROR && z.avail_in == 0) break;  // a stream cut short: judged as far as it goes
  }
  inflateEnd(&z);
  return dense;
}

ZipWriter::~ZipWriter() = default;

ZipWriter::ZipWriter(int fd, std::string name, bool force_zip64)
    : fd_(fd), name_(std::move(name)), force_zip64_(force_zip64) {}

void ZipWriter::write_all(std::string_view a, std::string_view b, std::string_view c) {
  constexpr int kPieces = 3;
  iovec v[kPieces] = {{const_cast<char*>(a.data()), a.size()}, {const_cast<char*>(b.data()), b.size()},
                      {const_cast<char*>(c.data()), c.size()}};
  int first = 0;
  while (first < kPieces) {
    if (v[first].iov_len == 0) {
      ++first;
      continue;
    }
    const ssize_t n = ::writev(fd_, v + first, kPieces - first);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("cannot write " + name_ + ": " + std::strerror(n < 0 ? errno : EIO));
    offset_ += uint64_t(n);
    for (size_t left = size_t(n); left > 0 && first < kPieces; ) {
      const size_t take = std::min(left, v[first].iov_len);
      v[first].iov_base = static_cast<char*>(v[first].iov_base) + take;
      v[first].iov_len -= take;
      left -= take;
      if (v[first].iov_len == 0) ++first;
    }
  }
  if (offset_ - synced_ >= kWritebackStep) {
    // A hint only: where the file system cannot, fsync does it all at the end.
    ::sync_file_range(fd_, off64_t(synced_), off64_t(offset_ - synced_), SYNC_FILE_RANGE_WRITE);
    synced_ = offset_;
  }
}

// The fields the local and the central header share, from "version needed" to the extra
// field's length; a size too big for its field says so with 0xFFFFFFFF (the ZIP64 field has it).
void ZipWriter::put_fields(std::string& out, const Record& r, uint16_t version, bool big_compressed, bool big_size,
                           uint16_t extra_len) {
  put16(out, version);
  put16(out, name_flags(r.name));
  put16(out, r.method);
  put16(out, r.dos_time);
  put16(out, r.dos_date);
  put32(out, r.crc);
  put32(out, big_compressed ? kMax32 : uint32_t(r.compressed));
  put32(out, big_size ? kMax32 : uint32_t(r.size));
  put16(out, uint16_t(r.name.size()));
  put16(out, extra_len);
}

std::string ZipWriter::local_header(Record& r) const {
  if (finished_) throw std::logic_error("ZipWriter: entry after finish()");
  if (r.name.size() > kMax16) throw std::runtime_error("a name longer than a zip can hold: " + r.name.substr(0, 80) + "…");
  r.offset = offset_;
  const bool zip64 = force_zip64_ || r.size >= kMax32 || r.compressed >= kMax32;
  std::string h;
  h.reserve(30 + r.name.size() + 29);
  put32(h, 0x04034b50);
  put_fields(h, r, zip64 ? kVersionZip64 : kVersion, zip64, zip64, uint16_t(9 + (zip64 ? 20 : 0)));
  h += r.name;
  put_mtime(h, r.mtime);
  if (zip64) {
    put16(h, 0x0001);
    put16(h, 16);
    put64(h, r.size);
    put64(h, r.compressed);
  }
  return h;
}

void ZipWriter::add(Record r, std::string_view data, std::string_view tail) {
  write_all(local_header(r), data, tail);
  add_to_directory(r);
}

void ZipWriter::add_to_directory(const Record& r) {
  const bool big_size = force_zip64_ || r.size >= kMax32, big_compressed = force_zip64_ || r.compressed >= kMax32;
  const bool big_offset = force_zip64_ || r.offset >= kMax32;
  const bool zip64 = big_size || big_compressed || big_offset;
  const uint16_t zip64_len = uint16_t(8 * (int(big_size) + int(big_compressed) + int(big_offset)));
  std::string& cd = directory_;
  put32(cd, 0x02014b50);
  put16(cd, kMadeByUnix | kVersionZip64);
  put_fields(cd, r, zip64 ? kVersionZip64 : kVersion, big_compressed, big_size,
             uint16_t(9 + (zip64 ? 4 + zip64_len : 0)));
  put16(cd, 0);  // comment
  put16(cd, 0);  // disk
  put16(cd, 0);  // internal attributes
  put32(cd, r.directory ? (uint32_t(040755) << 16) | 0x10 : uint32_t(0100644) << 16);
  put32(cd, big_offset ? kMax32 : uint32_t(r.offset));
  cd += r.name;
  put_mtime(cd, r.mtime);
  if (zip64) {
    put16(cd, 0x0001);
    put16(cd, zip64_len);
    if (big_size) put64(cd, r.size);
    if (big_compressed) put64(cd, r.compressed);
    if (big_offset) put64(cd, r.offset);
  }
  ++entries_;
  if (cd.size() >= (1 << 20)) {
    if (!directory_file_) directory_file_ = std::make_unique<util::SpillFile>();
    directory_runs_.push_back(directory_file_->put(cd));
    cd.clear();
  }
}

void ZipWriter::file(const std::string& name, std::string_view bytes, const Prepared& prepared, int64_t mtime,
                     std::string_view tail) {
  Record r;
  r.name = name;
  r.crc = prepared.crc;
  r.size = bytes.size() + tail.size();
  const bool deflated = !prepared.deflated.empty();
  r.method = deflated ? 8 : 0;
  r.compressed = deflated ? prepared.deflated.size() : r.size;
  std::tie(r.dos_time, r.dos_date) = dos_time_date(mtime);
  r.mtime = uint32_t(std::clamp<int64_t>(mtime, 0, kMax32));
  if (deflated) add(std::move(r), prepared.deflated);
  else add(std::move(r), bytes, tail);
}

std::optional<util::FileBytes> ZipWriter::deflate_to_file(const util::ByteSource& bytes, uint32_t& crc, double max_ratio) {
  crc = 0;
  Deflater deflater(6);
  auto spill = std::make_shared<util::SpillFile>();
  const util::Chunks to_spill = [&](std::string_view piece) { spill->put(piece); };
  bool dense = false;  // then only the CRC goes on
  bytes.for_each_chunk([&](std::string_view chunk) {
    crc = libdeflate_crc32(crc, chunk.data(), chunk.size());
    // Flushed every 256 KiB, and the stream so far judged each time.
    for (size_t at = 0; at < chunk.size() && !dense; at += kJudgedEvery) {
      deflater.put(chunk.substr(at, kJudgedEvery), false, to_spill);
      dense = too_dense(deflater.in(), deflater.out(), max_ratio);
    }
  });
  if (dense) return std::nullopt;
  deflater.put({}, true, to_spill);
  if (deflater.out() >= bytes.size()) return std::nullopt;
  return util::FileBytes(spill, spill->fd(), 0, deflater.out(), "a temporary file");
}

void ZipWriter::file(const std::string& name, const util::ByteSource& bytes, uint32_t crc, int64_t mtime,
                     const util::ByteSource* deflated) {
  Record r;
  r.name = name;
  r.crc = crc;
  r.size = bytes.size();
  r.method = deflated ? 8 : 0;
  r.compressed = deflated ? deflated->size() : bytes.size();
  std::tie(r.dos_time, r.dos_date) = dos_time_date(mtime);
  r.mtime = uint32_t(std::clamp<int64_t>(mtime, 0, kMax32));
  write_all(local_header(r));
  const uint64_t start = offset_;
  try {
    (deflated ? *deflated : bytes).for_each_chunk([&](std::string_view piece) { write_all(piece); });
  } catch (const util::ReadError&) {
    if (::ftruncate(fd_, off_t(r.offset)) != 0 || ::lseek(fd_, off_t(r.offset), SEEK_SET) < 0)
      throw std::runtime_error("cannot write " + name_ + ": " + std::strerror(errno));
    offset_ = r.offset;
    synced_ = std::min(synced_, offset_);
    throw;
  }
  // A source that changed under us would leave headers that lie: the zip is not finished.
  if (offset_ - start != r.compressed)
    throw std::runtime_error("cannot write " + name_ + ": " + name + " changed size while it was copied");
  add_to_directory(r);
}

void ZipWriter::directory(const std::string& name, int64_t mtime) {
  Record r;
  r.name = name + "/";
  r.directory = true;
  std::tie(r.dos_time, r.dos_date) = dos_time_date(mtime);
  r.mtime = uint32_t(std::clamp<int64_t>(mtime, 0, kMax32));
  add(std::move(r), {});
}

void ZipWriter::finish() {
  if (finished_) return;
  finished_ = true;
  const uint64_t cd_offset = offset_;
  // The headers set aside, in order, then the rest.
  for (const util::SpillFile::Ref& run : directory_runs_) write_all(directory_file_->get(run));
  write_all(directory_);
  directory_file_.reset();
  directory_ = {};
  const uint64_t cd_size = offset_ - cd_offset;
  const uint64_t count = entries_;
  std::string end;
  const bool zip64 = force_zip64_ || count >= kMax16 || cd_size >= kMax32 || cd_offset >= kMax32;
  if (zip64) {
    const uint64_t record = offset_;
    put32(end, 0x06064b50);
    put64(end, 44);
    put16(end, kMadeByUnix | kVersionZip64);
    put16(end, kVersionZip64);
    put32(end, 0);
    put32(end, 0);
    put64(end, count);
    put64(end, count);
    put64(end, cd_size);
    put64(end, cd_offset);
    put32(end, 0x07064b50);
    put32(end, 0);
    put64(end, record);
    put32(end, 1);
  }
  put32(end, 0x06054b50);
  put16(end, 0);
  put16(end, 0);
  put16(end, zip64 ? kMax16 : uint16_t(count));
  put16(end, zip64 ? kMax16 : uint16_t(count));
  put32(end, zip64 ? kMax32 : uint32_t(cd_size));
  put32(end, zip64 ? kMax32 : uint32_t(cd_offset));
  put16(end, 0);
  write_all(end);
}

}  // namespace mediascan
