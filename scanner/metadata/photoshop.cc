#include "scanner/metadata/photoshop.h"

#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "scanner/core/media_type.h"
#include "scanner/util/crc32.h"

namespace mediascan {
namespace {

constexpr std::string_view kPhotoshop("Photoshop 3.0\0", 14);
// A PNG text chunk is metadata, never this big: more is refused rather than inflated.
constexpr size_t kMaxInflated = 16 << 20;

uint32_t be32(std::string_view b, size_t at) {
  return uint32_t(uint8_t(b[at])) << 24 | uint32_t(uint8_t(b[at + 1])) << 16 | uint32_t(uint8_t(b[at + 2])) << 8 |
         uint8_t(b[at + 3]);
}

void put_be32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += char((v >> shift) & 0xFF);
}

std::optional<std::string> inflate_text(std::string_view in) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return std::nullopt;
  std::string out;
  char buf[16384];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = uInt(in.size());
  int rc = Z_OK;
  while (rc == Z_OK && out.size() <= kMaxInflated) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
    if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // the stream ends early
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END || out.size() > kMaxInflated) return std::nullopt;
  return out;
}

std::string deflate_text(std::string_view in) {
  uLongf size = compressBound(uLong(in.size()));
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(in.data()), uLong(in.size()),
                Z_BEST_COMPRESSION) != Z_OK)
    throw std::runtime_error("zlib cannot compress a PNG text chunk");
  out.resize(size);
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Splits a text chunk's data into what precedes its text (`head`) and the text, as stored.
// iTXt: keyword\0, compression flag, method, language\0, translated keyword\0, text.
bool split_text_chunk(std::string_view type, std::string_view data, PngText& t, std::string_view& stored) {
  const size_t keyword_end = data.find('\0');
  if (keyword_end == std::string_view::npos) return false;
  size_t text_at = keyword_end + 1;
  if (type == "zTXt") {
    t.compressed = true;
    ++text_at;  // compression method
  } else if (type == "iTXt") {
    if (text_at + 2 > data.size()) return false;
    t.compressed = data[text_at] != 0;
    const size_t language_end = data.find('\0', text_at + 2);
    const size_t translated_end = language_end == std::string_view::npos ? language_end : data.find('\0', language_end + 1);
    if (translated_end == std::string_view::npos) return false;
    text_at = translated_end + 1;
  }
  if (text_at > data.size()) return false;
  t.head = std::string(data.substr(0, text_at));
  stored = data.substr(text_at);
  return true;
}

}  // namespace

std::vector<IrbResource> irb_resources(std::string_view irb, bool& ok) {
  ok = true;
  std::vector<IrbResource> out;
  size_t p = 0;
  while (p < irb.size()) {
    // Photoshop's own signature and the few other programs' that exiv2 knows.
    const std::string_view sig = irb.substr(p, 4);
    if (p + 8 > irb.size() || (sig != "8BIM" && sig != "PHUT" && sig != "DCSR" && sig != "AgHg" && sig != "MeSa")) {
      // Padding after the last resource (zeros) is common; anything else is damage.
      ok = irb.find_first_not_of('\0', p) == std::string_view::npos;
      break;
    }
    const uint16_t id = uint16_t(uint8_t(irb[p + 4]) << 8 | uint8_t(irb[p + 5]));
    const size_t name = 1 + uint8_t(irb[p + 6]);
    const size_t length_at = p + 6 + name + (name & 1);
    if (length_at + 4 > irb.size()) {
      ok = false;
      break;
    }
    const size_t length = be32(irb, length_at);
    if (length > irb.size() - length_at - 4) {
      ok = false;
      break;
    }
    out.push_back({id, length_at + 4, length});
    p = length_at + 4 + length + (length & 1);
  }
  return out;
}

JpegIrb jpeg_irb(std::string_view jpeg) {
  JpegIrb irb;
  for (const JpegSegment& s : jpeg_header_segments(jpeg)) {
    if (s.marker != 0xED || s.length < 4 + kPhotoshop.size()) continue;
    if (jpeg.substr(s.offset + 4, kPhotoshop.size()) != kPhotoshop) continue;
    const Span piece{s.offset + 4 + kPhotoshop.size(), s.length - 4 - kPhotoshop.size()};
    irb.bytes.append(jpeg.substr(piece.offset, piece.length));
    irb.pieces.push_back(piece);
  }
  return irb;
}

void put_jpeg_irb(std::string& jpeg, const JpegIrb& irb) {
  size_t from = 0;
  for (const Span& piece : irb.pieces) {
    jpeg.replace(piece.offset, piece.length, irb.bytes, from, piece.length);
    from += piece.length;
  }
}

std::vector<PngText> png_text_chunks(std::string_view png, std::string_view keyword) {
  std::vector<PngText> out;
  for (size_t p = 8; p + 12 <= png.size();) {
    const size_t length = be32(png, p);
    if (length > png.size() - p - 12) break;
    const std::string_view type = png.substr(p + 4, 4);
    const std::string_view data = png.substr(p + 8, length);
    const bool text = type == "tEXt" || type == "zTXt" || type == "iTXt";
    if (text && data.size() > keyword.size() && data.starts_with(keyword) && data[keyword.size()] == '\0') {
      PngText t;
      t.offset = p;
      t.size = length + 12;
      t.type = std::string(type);
      std::string_view stored;
      std::optional<std::string> inflated;
      if (!split_text_chunk(type, data, t, stored) || !(inflated = t.compressed ? inflate_text(stored) : std::string(stored)))
        t.readable = false;
      else
        t.text = std::move(*inflated);
      out.push_back(std::move(t));
    }
    p += length + 12;
  }
  return out;
}

std::string png_text_chunk(const PngText& like, std::string_view text) {
  const std::string data = like.head + (like.compressed ? deflate_text(text) : std::string(text));
  std::string chunk;
  put_be32(chunk, uint32_t(data.size()));
  chunk += like.type;
  chunk += data;
  put_be32(chunk, util::crc32(std::string_view(chunk).substr(4)));
  return chunk;
}

std::optional<std::string> raw_profile_decode(std::string_view text) {
  // "\n", the type, "\n", the length right-aligned in 8, "\n", the hex digits in lines.
  size_t p = text.find_first_not_of('\n');
  p = p == std::string_view::npos ? p : text.find('\n', p);
  if (p == std::string_view::npos) return std::nullopt;
  p = text.find_first_not_of(" \n", p);
  size_t length = 0;
  bool digits = false;
  for (; p < text.size() && text[p] >= '0' && text[p] <= '9'; ++p, digits = true) {
    length = length * 10 + size_t(text[p] - '0');
    if (length > text.size()) return std::nullopt;  // two hex digits a byte: it cannot hold that many
  }
  if (!digits) return std::nullopt;
  std::string out;
  out.reserve(length);
  int high = -1;
  for (; p < text.size() && out.size() < length; ++p) {
    const int v = hex_value(text[p]);
    if (v < 0) continue;  // line breaks
    if (high < 0) {
      high = v;
    } else {
      out += char(high << 4 | v);
      high = -1;
    }
  }
  if (out.size() != length) return std::nullopt;
  return out;
}

std::string raw_profile_encode(std::string_view type, std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  char length[32];
  std::snprintf(length, sizeof length, "%8zu", bytes.size());
  std::string out;
  out.reserve(bytes.size() * 2 + bytes.size() / 36 + 32);
  out.append("\n").append(type).append("\n").append(length).append("\n");
  for (size_t i = 0; i < bytes.size(); ++i) {
    out += kHex[uint8_t(bytes[i]) >> 4];
    out += kHex[uint8_t(bytes[i]) & 15];
    if (i % 36 == 35 || i + 1 == bytes.size()) out += '\n';
  }
  return out;
}

}  // namespace mediascan
