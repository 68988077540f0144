// The compact records the on-disk stores write (ItemStore, ContextStore, ContextLog, the
// first pass's posts): unsigned numbers as LEB128 varints, signed ones zigzagged first, doubles
// as their 8 bytes, strings and lists as a count and then their contents. Records live only as
// long as a run, so the format has no version.
//
// Thread-safety: a writer or a reader is used by one thread.
#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/core/item.h"

namespace mediascan {

class RecordWriter {
 public:
  explicit RecordWriter(std::string& out) : out_(out) {}
  void num(uint64_t v) {
    while (v >= 0x80) {
      out_ += char(v | 0x80);
      v >>= 7;
    }
    out_ += char(v);
  }
  void sint(int64_t v) { num((uint64_t(v) << 1) ^ uint64_t(v >> 63)); }
  void real(double v) {
    char b[sizeof v];
    std::memcpy(b, &v, sizeof v);
    out_.append(b, sizeof b);
  }
  void str(std::string_view s) {
    num(s.size());
    out_ += s;
  }
  void strs(const std::vector<std::string>& v) {
    num(v.size());
    for (const std::string& s : v) str(s);
  }
  void point(const GeoPoint& p) {
    real(p.lat);
    real(p.lon);
  }

 private:
  std::string& out_;
};

class RecordReader {
 public:
  explicit RecordReader(std::string_view in) : in_(in) {}
  uint64_t num() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const uint8_t b = uint8_t(take(1)[0]);
      v |= uint64_t(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    throw bad();
  }
  int64_t sint() {
    const uint64_t u = num();
    return int64_t(u >> 1) ^ -int64_t(u & 1);
  }
  double real() {
    double v;
    std::memcpy(&v, take(sizeof v).data(), sizeof v);
    return v;
  }
  std::string str() { return std::string(take(count())); }
  std::vector<std::string> strs() {
    std::vector<std::string> v(count());
    for (std::string& s : v) s = str();
    return v;
  }
  GeoPoint point() {
    GeoPoint p;
    p.lat = real();
    p.lon = real();
    return p;
  }
  // A length or a list's size: never more than the bytes left, so a damaged record cannot ask
  // for gigabytes.
  size_t count() {
    const uint64_t n = num();
    if (n > in_.size()) throw bad();
    return size_t(n);
  }
  bool done() const { return in_.empty(); }

 private:
  std::string_view take(size_t n) {
    if (n > in_.size()) throw bad();
    const std::string_view v = in_.substr(0, n);
    in_.remove_prefix(n);
    return v;
  }
  static std::runtime_error bad() { return std::runtime_error("a stored record is damaged (temporary file)"); }
  std::string_view in_;
};

// A context, field by field (every field: the round-trip tests hold it to that).
void encode_context(RecordWriter& w, const Context& c);
// Throws std::runtime_error when the record is damaged.
void decode_context(RecordReader& r, Context& c);

}  // namespace mediascan
