#include "scanner/core/large_entry.h"

#include <algorithm>

namespace mediascan {
namespace {

bool is_bmff_video(MediaType t) {
  return t == MediaType::mp4 || t == MediaType::mov || t == MediaType::m4v || t == MediaType::threegp;
}

uint64_t be(std::string_view b, size_t at, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | uint8_t(b[at + size_t(i)]);
  return v;
}

// Boxes that hold media data, not metadata: left in the file when they are big.
bool is_bulk(std::string_view type) { return type == "mdat" || type == "free" || type == "skip" || type == "wide"; }

constexpr uint64_t kBulkFrom = 64 * 1024;

}  // namespace

LargeEntry::LargeEntry(util::FileBytes file, MediaType type) : file_(std::move(file)) {
  const uint64_t end = file_.size();
  if (!is_bmff_video(type)) {
    cuts_.push_back({0, 0, 0, end});
    return;
  }
  // Box headers are read through a window of a MiB: a file of millions of tiny boxes must not
  // cost a read each.
  std::string window;
  uint64_t window_at = 0;
  auto bytes_at = [&](uint64_t at, size_t n) {
    if (at < window_at || at + n > window_at + window.size()) {
      window = file_.read(at, std::max<size_t>(n, kChunk));
      window_at = at;
    }
    return std::string_view(window).substr(size_t(at - window_at), n);
  };
  uint64_t pos = 0;
  // Fewer than 8 bytes after the last box are no box: the parser passes over them, and so do we.
  while (end - pos >= 8 && !problem) {
    const std::string_view head = bytes_at(pos, size_t(std::min<uint64_t>(16, end - pos)));
    uint64_t length = be(head, 0, 4);
    size_t header = 8;
    if (length == 1 && head.size() == 16) {
      length = be(head, 8, 8);
      header = 16;
    } else if (length == 0) {
      length = end - pos;  // to the end of the file
    }
    const std::string box_type(head.substr(4, 4));
    if (length < header || length > end - pos) {
      problem = "a box runs past the end of the file or is too short";
    } else if (is_bulk(box_type) && length >= kBulkFrom) {
      cuts_.push_back({skeleton.size(), 8, pos, length});
      skeleton += std::string_view("\0\0\0\x08", 4);
      skeleton += box_type;
      pos += length;
    } else if (skeleton.size() + length > kMaxSkeleton) {
      problem = "its metadata boxes are bigger than " + std::to_string(kMaxSkeleton >> 20) + " MiB";
      unread = true;
    } else {
      skeleton += length <= kChunk ? bytes_at(pos, size_t(length)) : std::string_view(file_.read(pos, size_t(length)));
      pos += length;
    }
  }
  // What the skeleton cannot hold as boxes goes on from the file as it is.
  if (pos < end) cuts_.push_back({skeleton.size(), 0, pos, end - pos});
}

uint64_t LargeEntry::size() const {
  uint64_t n = skeleton.size();
  for (const Cut& c : cuts_) n += c.length - c.header;
  return n;
}

void LargeEntry::overwrite(uint64_t at, std::string bytes) {
  if (!bytes.empty()) overwrites_.push_back({at, std::move(bytes)});
}

void LargeEntry::for_each_chunk(const util::Chunks& out) const {
  if (overwrites_.empty()) return each_piece(out);
  // A piece an overwrite touches is copied and patched; there are few overwrites (a file's
  // metadata values), so each piece looks at all of them.
  uint64_t pos = 0;
  std::string patched;
  each_piece([&](std::string_view piece) {
    const uint64_t from = pos;
    pos += piece.size();
    bool touched = false;
    for (const Overwrite& o : overwrites_) {
      if (o.at >= pos || o.at + o.bytes.size() <= from) continue;
      if (!touched) patched.assign(piece);
      touched = true;
      const uint64_t lo = std::max(o.at, from), hi = std::min(o.at + o.bytes.size(), pos);
      std::copy_n(o.bytes.data() + (lo - o.at), hi - lo, patched.data() + (lo - from));
    }
    out(touched ? std::string_view(patched) : piece);
  });
}

void LargeEntry::each_piece(const util::Chunks& out) const {
  const std::string_view s = skeleton;
  size_t at = 0;
  auto skeleton_to = [&](size_t to) {
    for (; at < to; at = std::min(to, at + kChunk)) out(s.substr(at, std::min(to, at + kChunk) - at));
  };
  for (const Cut& c : cuts_) {
    skeleton_to(c.at);
    file_.for_each_chunk(c.offset, c.length, out);
    at += c.header;
  }
  skeleton_to(s.size());
}

}  // namespace mediascan
