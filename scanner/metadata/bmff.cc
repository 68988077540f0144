#include "scanner/metadata/bmff.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "scanner/metadata/gps_text.h"
#include "scanner/util/text.h"

namespace mediascan::bmff {
namespace {

uint64_t be(std::string_view d, size_t at, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8) | uint8_t(d[at + size_t(i)]);
  return v;
}

void put_be(std::string& d, size_t at, int n, uint64_t v) {
  for (int i = n - 1; i >= 0; --i) {
    d[at + size_t(i)] = char(v & 0xFF);
    v >>= 8;
  }
}

std::string type_name(uint32_t t) {
  std::string s;
  for (int shift = 24; shift >= 0; shift -= 8) {
    const auto c = uint8_t(t >> shift);
    if (c == 0xA9) s += "\xC2\xA9";  // ©
    else s += (c >= 0x20 && c < 0x7F) ? char(c) : '?';
  }
  return s;
}

constexpr uint32_t kXyz = 0xA978797A;  // ©xyz
constexpr unsigned char kXmpUuid[16] = {0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8,
                                        0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC};

void make_free(std::string& d, const Box& b) {
  put_be(d, b.start + 4, 4, fourcc("free"));
  // Wipe the payload too: a `free` box is skipped by readers, but its bytes stay in the file.
  std::memset(d.data() + b.payload(), 0, b.size - b.header);
}

// A meta/keys name for a location: Apple's com.apple.quicktime.location.* (ISO 6709, name,
// accuracy, …), and what other writers use, such as FFmpeg's `location` (-movflags
// use_metadata_tags), matched whatever the case.
bool is_location_key(std::string_view key) {
  const std::string lower = util::to_lower_ascii(key);
  return lower.find("location") != std::string::npos || lower.find("gps") != std::string::npos ||
         lower.find("coordinates") != std::string::npos;
}

// A QuickTime `meta` has no version/flags; an ISO one does. Returns the offset of the children.
size_t meta_children(std::string_view d, const Box& b) {
  const size_t p = b.payload();
  if (p + 4 <= b.end() && be(d, p, 4) == 0) return p + 4;
  return p;
}

struct Walker {
  std::string& d;
  bool strip;
  bool empty_xmp;
  VideoScan& out;
  const ReadAt* media;

  void location(std::optional<GeoPoint> point, const std::string& where, std::string text) {
    out.locations.push_back({point, where, std::move(text)});
  }

  void xyz(const Box& b, const std::string& where) {
    const size_t p = b.payload();
    if (p + 4 > b.end()) return;
    const size_t len = std::min<size_t>(be(d, p, 2), b.end() - p - 4);
    const std::string text = d.substr(p + 4, len);
    location(parse_iso6709(text), where, text);
    if (strip) make_free(d, b);
  }

  void loci(const Box& b, const std::string& where) {
    size_t p = b.payload() + 4 + 2;  // version/flags, language
    const size_t end = b.end();
    const size_t name_end = d.find('\0', p);
    if (p > end || name_end == std::string::npos || name_end + 1 + 12 > end) {
      location(std::nullopt, where, "");
      if (strip) make_free(d, b);
      return;
    }
    const std::string name = d.substr(p, name_end - p);
    p = name_end + 2;  // NUL, role
    const double lon = double(int32_t(uint32_t(be(d, p, 4)))) / 65536.0;
    const double lat = double(int32_t(uint32_t(be(d, p + 4, 4)))) / 65536.0;
    location(GeoPoint{lat, lon}, where, name);
    if (strip) make_free(d, b);
  }

  // meta/keys names the items of meta/ilst by 1-based index.
  void meta(const Box& m, const std::string& where) {
    bool ok = true;
    const auto kids = children(d, meta_children(d, m), m.end(), ok);
    out.complete &= ok;
    std::vector<std::string> keys;
    for (const Box& k : kids) {
      if (k.type != fourcc("keys")) continue;
      size_t p = k.payload() + 8;  // version/flags, entry count
      while (p + 8 <= k.end()) {
        const size_t size = be(d, p, 4);
        if (size < 8 || p + size > k.end()) break;
        keys.push_back(d.substr(p + 8, size - 8));
        p += size;
      }
    }
    for (const Box& k : kids) {
      if (k.type == fourcc("ilst")) {
        bool ok2 = true;
        for (const Box& item : children(d, k.payload(), k.end(), ok2)) {
          // An item is named by its type (iTunes-style `©xyz`, which Google Photos writes) or,
          // with meta/keys, by a 1-based index into the keys.
          std::string name;
          bool says_where = true;  // a position or a place's name, not its accuracy or a flag
          if (item.type == kXyz) {
            name = "ilst/" + type_name(kXyz);
          } else {
            const size_t index = item.type;
            if (index == 0 || index > keys.size() || !is_location_key(keys[index - 1])) continue;
            name = "keys:" + keys[index - 1];
            const std::string lower = util::to_lower_ascii(keys[index - 1]);
            says_where = lower.find("name") != std::string::npos || lower == "location" || lower.starts_with("location-");
          }
          std::string text;
          bool ok3 = true;
          for (const Box& data : children(d, item.payload(), item.end(), ok3))
            if (data.type == fourcc("data") && data.payload() + 8 <= data.end())
              text = d.substr(data.payload() + 8, data.end() - data.payload() - 8);
          const auto point = parse_iso6709(text);
          // Every location key goes; its accuracy, role or date is no place of its own to report.
          if (point || says_where) location(point, where + "/" + name, text);
          if (strip) make_free(d, item);
        }
        out.complete &= ok2;
      } else if (k.type == fourcc("XMP_")) {
        xmp(k, where + "/XMP_", k.payload());
      }
    }
  }

  // A track's sample table: a GoPro telemetry track or a subtitle track may hold a GPS track.
  void sample_table(const Box& stbl, const std::string& where) {
    bool ok = true;
    const std::vector<Box> kids = children(d, stbl.payload(), stbl.end(), ok);
    out.complete &= ok;
    const auto stsd = std::find_if(kids.begin(), kids.end(), [](const Box& b) { return b.type == fourcc("stsd"); });
    if (stsd == kids.end()) return;
    bool ok2 = true;
    for (const Box& entry : children(d, stsd->payload() + 8, stsd->end(), ok2)) {  // version/flags, count
      if (entry.type == fourcc("gpmd")) return telemetry(kids, where);
      if (entry.type == fourcc("tx3g") || entry.type == fourcc("text"))
        return subtitles(kids, where + "/stsd/" + type_name(entry.type));
    }
  }

  // Reads `n` bytes at `at` of the file: through `media`, or from `d`, the whole file.
  size_t read(uint64_t at, char* buf, size_t n) const {
    if (media) return (*media)(at, buf, n);
    if (at >= d.size()) return 0;
    n = size_t(std::min<uint64_t>(n, d.size() - at));
    std::memcpy(buf, d.data() + at, n);
    return n;
  }

  // The chunks' offsets in the file (stco or co64), at most `limit` of them.
  std::vector<uint64_t> chunk_offsets(const std::vector<Box>& kids, uint64_t limit) const {
    std::vector<uint64_t> chunks;
    for (const Box& b : kids) {
      const int width = b.type == fourcc("stco") ? 4 : b.type == fourcc("co64") ? 8 : 0;
      if (width == 0 || b.payload() + 8 > b.end()) continue;
      const uint64_t count = be(d, b.payload() + 4, 4);
      for (uint64_t i = 0; i < count && i < limit && b.payload() + 8 + (i + 1) * size_t(width) <= b.end(); ++i)
        chunks.push_back(be(d, b.payload() + 8 + i * size_t(width), width));
    }
    return chunks;
  }

  // A track whose samples are GoPro's GPMF telemetry (`gpmd`) holds the GPS track of the whole
  // recording in the media data, when the camera has GPS and it is on: its samples then carry
  // GPS5 (HERO5-10) or GPS9 (HERO11 on) records, found in the first chunks.
  void telemetry(const std::vector<Box>& kids, const std::string& where) {
    const std::vector<uint64_t> chunks = chunk_offsets(kids, kChunksLooked);
    std::string sample(kSampleBytes, '\0');
    bool read_any = false, gps = false;
    for (const uint64_t at : chunks) {
      const size_t n = read(at, sample.data(), kSampleBytes);
      read_any |= n > 0;
      const std::string_view seen(sample.data(), n);
      if (seen.find("GPS5") != std::string_view::npos || seen.find("GPS9") != std::string_view::npos) gps = true;
    }
    if (gps)
      out.locations.push_back({std::nullopt, where + "/stsd/gpmd",
                               "a GPS track (GoPro GPMF telemetry) in the video's media data, which cleaning does "
                               "not remove",
                               true});
    else if (!read_any && !chunks.empty())
      out.telemetry_unread = true;
  }
  static constexpr uint64_t kChunksLooked = 8;
  static constexpr size_t kSampleBytes = 64 * 1024;

  // Where a track's samples are, chunk by chunk: its offset, and the sizes of its samples.
  struct Chunk {
    uint64_t offset = 0;
    std::vector<uint32_t> sizes;
  };

  // The chunks of a track from its sample table (stsz, stsc, stco/co64); nullopt when the tables
  // cannot be read or do not agree.
  std::optional<std::vector<Chunk>> chunks_of(const std::vector<Box>& kids) const {
    const auto find = [&](uint32_t type) -> const Box* {
      const auto b = std::find_if(kids.begin(), kids.end(), [&](const Box& k) { return k.type == type; });
      return b == kids.end() || b->payload() + 12 > b->end() ? nullptr : &*b;
    };
    const Box* stsz = find(fourcc("stsz"));
    const Box* stsc = find(fourcc("stsc"));
    if (!stsz || !stsc) return std::nullopt;
    const uint64_t fixed = be(d, stsz->payload() + 4, 4), samples = be(d, stsz->payload() + 8, 4);
    if (fixed == 0 && stsz->payload() + 12 + samples * 4 > stsz->end()) return std::nullopt;
    if (fixed * samples > kMaxSubtitleBytes) return std::nullopt;  // more than `subtitles` reads
    const uint64_t runs = be(d, stsc->payload() + 4, 4);
    if (stsc->payload() + 8 + runs * 12 > stsc->end()) return std::nullopt;
    const std::vector<uint64_t> offsets = chunk_offsets(kids, samples);
    std::vector<Chunk> chunks;
    uint64_t sample = 0;
    for (uint64_t run = 0; run < runs && sample < samples; ++run) {
      const size_t at = stsc->payload() + 8 + run * 12;
      const uint64_t first = be(d, at, 4), per_chunk = be(d, at + 4, 4);
      const uint64_t next = run + 1 < runs ? be(d, at + 12, 4) : offsets.size() + 1;  // chunks are counted from 1
      if (first == 0 || next < first || next - 1 > offsets.size()) return std::nullopt;
      for (uint64_t c = first; c < next && sample < samples; ++c) {
        Chunk chunk{offsets[c - 1], {}};
        for (uint64_t k = 0; k < per_chunk && sample < samples; ++k, ++sample)
          chunk.sizes.push_back(uint32_t(fixed ? fixed : be(d, stsz->payload() + 12 + sample * 4, 4)));
        chunks.push_back(std::move(chunk));
      }
    }
    if (sample != samples) return std::nullopt;
    return chunks;
  }

  // A subtitle track (3GPP timed text `tx3g`, QuickTime `text`): DJI drones write their flight data in one, a line a frame, with the
  // position (gps_text.h). Every sample is read; with `strip`, the digits of each position
  // become zeros where they stand, so no sample's size and no offset changes.
  void subtitles(const std::vector<Box>& kids, const std::string& where) {
    const auto chunks = chunks_of(kids);
    uint64_t total = 0;
    if (chunks)
      for (const Chunk& c : *chunks)
        for (const uint32_t size : c.sizes) total += size;
    if (!chunks || total > kMaxSubtitleBytes) {
      out.subtitles_unread = true;
      return;
    }
    TextPositions found;
    std::string bytes;
    for (const Chunk& c : *chunks) {
      uint64_t size = 0;
      for (const uint32_t s : c.sizes) size += s;
      bytes.resize(size_t(size));
      if (read(c.offset, bytes.data(), bytes.size()) != bytes.size()) {
        out.subtitles_unread = true;
        continue;
      }
      bool zeroed = false;
      size_t at = 0;
      for (const uint32_t s : c.sizes) {
        // A sample is the text's length (16 bits) and the text, then style boxes.
        if (s < 2) {
          at += s;
          continue;
        }
        const size_t length = std::min<size_t>(be(bytes, at, 2), s - 2);
        const TextPositions in = find_positions(std::string_view(bytes).substr(at + 2, length), TrackText::subtitles);
        found.positions += in.positions;
        if (!found.first) found.first = in.first;
        if (strip && in.positions > 0) zeroed |= zero_positions(bytes.data() + at + 2, length, TrackText::subtitles) > 0;
        at += s;
      }
      if (!zeroed) continue;
      if (media) out.media_patches.push_back({c.offset, bytes});
      else std::memcpy(d.data() + c.offset, bytes.data(), bytes.size());  // read from `d`: it fits
    }
    if (found.positions > 0) {
      VideoLocation loc{found.first, where, "", false, found.positions};
      out.locations.push_back(std::move(loc));
    }
  }
  static constexpr uint64_t kMaxSubtitleBytes = uint64_t{256} << 20;  // hours of a line a frame

  void xmp(const Box& b, const std::string& where, size_t packet_start) {
    (void)where;
    if (packet_start > b.end()) return;
    out.xmp_packets.push_back(d.substr(packet_start, b.end() - packet_start));
    if (!strip) return;
    if (empty_xmp) empty_xmp_packet(d.data() + packet_start, b.end() - packet_start);
    else blank_xmp_location(d.data() + packet_start, b.end() - packet_start);
  }

  void walk(size_t begin, size_t end, const std::string& where, int depth) {
    if (depth > 16) return;
    bool ok = true;
    for (const Box& b : children(d, begin, end, ok)) {
      const std::string here = where.empty() ? type_name(b.type) : where + "/" + type_name(b.type);
      switch (b.type) {
        case fourcc("moov"): case fourcc("trak"): case fourcc("mdia"):
        case fourcc("minf"): case fourcc("moof"): case fourcc("traf"):
          walk(b.payload(), b.end(), here, depth + 1);
          break;
        case fourcc("udta"):
          walk(b.payload(), b.end(), here, depth + 1);
          if (strip && empty_xmp) make_free(d, b);  // all: titles, artists, comments, make, model
          break;
        case fourcc("stbl"):
          sample_table(b, here);
          break;
        case fourcc("meta"):
          meta(b, here);
          walk(meta_children(d, b), b.end(), here, depth + 1);
          if (strip && empty_xmp) make_free(d, b);
          break;
        case kXyz:
          xyz(b, here);
          break;
        case fourcc("loci"):
          loci(b, here);
          break;
        case fourcc("XMP_"):
          if (where.ends_with("udta")) xmp(b, here, b.payload());
          break;
        case fourcc("uuid"):
          if (std::memcmp(d.data() + b.start + 8, kXmpUuid, 16) == 0) xmp(b, here, b.payload());
          break;
        default:
          break;
      }
    }
    out.complete &= ok;
  }
};

}  // namespace

uint32_t read_be32(std::string_view d, size_t at) { return uint32_t(be(d, at, 4)); }

std::vector<Box> children(std::string_view d, size_t begin, size_t end, bool& ok) {
  std::vector<Box> out;
  end = std::min(end, d.size());
  size_t p = begin;
  while (p + 8 <= end) {
    Box b;
    b.start = p;
    b.type = uint32_t(be(d, p + 4, 4));
    uint64_t size = be(d, p, 4);
    b.header = 8;
    if (size == 1) {
      if (p + 16 > end) { ok = false; break; }
      size = be(d, p + 8, 8);
      b.header = 16;
    } else if (size == 0) {
      size = end - p;  // to the end of the enclosing box
    }
    if (b.type == fourcc("uuid")) b.header += 16;
    if (size < b.header || size > end - p) {
      ok = false;
      break;
    }
    b.size = size_t(size);
    out.push_back(b);
    p += b.size;
  }
  return out;
}

std::optional<GeoPoint> parse_iso6709(std::string_view s) {
  // Two signed numbers; the digits before the point tell the unit: DD / DDMM / DDMMSS for the
  // latitude, DDD / DDDMM / DDDMMSS for the longitude.
  auto number = [&](size_t& at, int degree_digits) -> std::optional<double> {
    if (at >= s.size() || (s[at] != '+' && s[at] != '-')) return std::nullopt;
    const bool negative = s[at] == '-';
    size_t i = at + 1, int_digits = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++int_digits;
    size_t frac_end = i;
    if (frac_end < s.size() && s[frac_end] == '.')
      for (++frac_end; frac_end < s.size() && std::isdigit(static_cast<unsigned char>(s[frac_end]));) ++frac_end;
    if (int_digits == 0) return std::nullopt;
    const double v = std::strtod(std::string(s.substr(at + 1, frac_end - at - 1)).c_str(), nullptr);
    at = frac_end;
    double deg;
    if (int_digits == size_t(degree_digits)) deg = v;
    else if (int_digits == size_t(degree_digits + 2)) deg = std::floor(v / 100) + std::fmod(v, 100) / 60;
    else if (int_digits == size_t(degree_digits + 4))
      deg = std::floor(v / 10000) + std::floor(std::fmod(v, 10000) / 100) / 60 + std::fmod(v, 100) / 3600;
    else return std::nullopt;
    return negative ? -deg : deg;
  };
  size_t at = 0;
  const auto lat = number(at, 2);
  const auto lon = lat ? number(at, 3) : std::nullopt;
  if (!lat || !lon || std::abs(*lat) > 90 || std::abs(*lon) > 180) return std::nullopt;
  return GeoPoint{*lat, *lon};
}

void empty_xmp_packet(char* packet, size_t size) {
  static constexpr std::string_view kEmpty = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>";
  const size_t n = size >= kEmpty.size() ? kEmpty.size() : 0;
  std::memcpy(packet, kEmpty.data(), n);
  std::memset(packet + n, ' ', size - n);
}

VideoScan scan_video(std::string& data, bool strip, bool empty_xmp, const ReadAt* media) {
  VideoScan out;
  Walker w{data, strip, empty_xmp, out, media};
  w.walk(0, data.size(), "", 0);
  return out;
}

std::vector<HeifItem> heif_metadata_items(std::string_view d, bool& ok) {
  ok = true;
  std::vector<HeifItem> out;
  const Box* meta = nullptr;
  const auto top = children(d, 0, d.size(), ok);
  for (const Box& b : top)
    if (b.type == fourcc("meta")) meta = &b;
  if (!meta) return out;
  const auto kids = children(d, meta->payload() + 4, meta->end(), ok);
  // iinf: which item ids are Exif or XMP.
  std::vector<std::pair<uint32_t, HeifItem::Kind>> wanted;
  for (const Box& k : kids) {
    if (k.type != fourcc("iinf")) continue;
    const int version = uint8_t(d[k.payload()]);
    const size_t first = k.payload() + 4 + (version == 0 ? 2 : 4);
    for (const Box& infe : children(d, first, k.end(), ok)) {
      if (infe.type != fourcc("infe")) continue;
      const size_t p = infe.payload();
      const int v = uint8_t(d[p]);
      const size_t id_size = v == 2 ? 2 : 4;
      if (v < 2 || p + 4 + id_size + 2 + 4 > infe.end()) continue;
      const auto id = uint32_t(be(d, p + 4, int(id_size)));
      const size_t type_at = p + 4 + id_size + 2;
      const auto type = uint32_t(be(d, type_at, 4));
      if (type == fourcc("Exif")) wanted.push_back({id, HeifItem::Kind::exif});
      if (type == fourcc("mime")) {
        const size_t name_end = d.find('\0', type_at + 4);
        if (name_end == std::string_view::npos || name_end >= infe.end()) continue;
        const std::string_view content_type = d.substr(name_end + 1, infe.end() - name_end - 1);
        if (content_type.starts_with("application/rdf+xml")) wanted.push_back({id, HeifItem::Kind::xmp});
      }
    }
  }
  // iloc: where those items are.
  for (const Box& k : kids) {
    if (k.type != fourcc("iloc") || wanted.empty()) continue;
    size_t p = k.payload();
    if (p + 8 > k.end()) { ok = false; break; }
    const int version = uint8_t(d[p]);
    const int offset_size = uint8_t(d[p + 4]) >> 4, length_size = uint8_t(d[p + 4]) & 15;
    const int base_size = uint8_t(d[p + 5]) >> 4;
    const int index_size = version >= 1 ? uint8_t(d[p + 5]) & 15 : 0;
    p += 6;
    const int count_size = version < 2 ? 2 : 4;
    const uint64_t count = be(d, p, count_size);
    p += size_t(count_size);
    for (uint64_t i = 0; i < count; ++i) {
      const int id_size = version < 2 ? 2 : 4;
      const size_t need = size_t(id_size) + (version >= 1 ? 2 : 0) + 2 + size_t(base_size) + 2;
      if (p + need > k.end()) { ok = false; break; }
      const auto id = uint32_t(be(d, p, id_size));
      p += size_t(id_size);
      int method = 0;
      if (version >= 1) { method = int(be(d, p, 2) & 15); p += 2; }
      p += 2;  // data reference index
      const uint64_t base = base_size ? be(d, p, base_size) : 0;
      p += size_t(base_size);
      const uint64_t extents = be(d, p, 2);
      p += 2;
      const size_t extent_size = size_t(index_size + offset_size + length_size);
      if (p + extents * extent_size > k.end()) { ok = false; break; }
      for (const auto& [wid, kind] : wanted) {
        if (wid != id) continue;
        if (extents != 1 || method != 0) { ok = false; continue; }  // idat or split: not patched
        const size_t e = p + size_t(index_size);
        const uint64_t offset = base + (offset_size ? be(d, e, offset_size) : 0);
        const uint64_t length = length_size ? be(d, e + size_t(offset_size), length_size) : d.size() - offset;
        if (offset > d.size() || length > d.size() - offset) { ok = false; continue; }
        out.push_back({kind, size_t(offset), size_t(length),
                       length_size ? e + size_t(offset_size) : 0, length_size});
      }
      p += extents * extent_size;
    }
  }
  return out;
}

void set_heif_length(std::string& d, const HeifItem& item, size_t length) {
  if (item.length_field) put_be(d, item.length_field, item.length_size, length);
}

namespace {

bool xml_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'; }

// The qualified names (prefix:local) of the attributes and elements of `xml` whose local name
// gives a position, each once; RDF's and XML's own names never.
std::vector<std::string> location_names_in(std::string_view xml) {
  std::vector<std::string> out;
  for (size_t colon = xml.find(':'); colon != std::string_view::npos; colon = xml.find(':', colon + 1)) {
    size_t start = colon;
    while (start > 0 && xml_name_char(xml[start - 1])) --start;
    size_t end = colon + 1;
    while (end < xml.size() && xml_name_char(xml[end])) ++end;
    if (start == colon || end == colon + 1 || end == xml.size() || start == 0) continue;
    const char before = xml[start - 1], after = xml[end];
    const bool element = before == '<' && (after == '>' || after == ' ' || after == '/' || after == '\t' ||
                                           after == '\r' || after == '\n');
    const bool attribute = std::isspace(static_cast<unsigned char>(before)) && after == '=';
    const std::string_view prefix = xml.substr(start, colon - start);
    if (!(element || attribute) || prefix == "rdf" || prefix == "xmlns" || prefix == "xml" || prefix == "x") continue;
    if (!is_location_xmp_name(xml.substr(colon + 1, end - colon - 1))) continue;
    std::string name(xml.substr(start, end - start));
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
  return out;
}

}  // namespace

bool is_latitude_xmp_name(std::string_view local) { return util::to_lower_ascii(local).find("latitude") != std::string::npos; }

bool is_longitude_xmp_name(std::string_view local) {
  const std::string l = util::to_lower_ascii(local);
  return l.find("longitude") != std::string::npos || l.find("longtitude") != std::string::npos;
}

bool is_location_xmp_name(std::string_view local) {
  const std::string l = util::to_lower_ascii(local);
  return is_latitude_xmp_name(local) || is_longitude_xmp_name(local) || l.find("altitude") != std::string::npos ||
         l.starts_with("gps");
}

namespace {

// The properties whose values give a place, by namespace and local name (a prefix of it: exif's
// GPS* are all location).
struct LocationProperty {
  std::string_view prefix;  // the one its namespace usually has
  std::string_view uri, local;
};
constexpr LocationProperty kLocationProperties[] = {
    {"exif", "http://ns.adobe.com/exif/1.0/", "GPS"},
    {"photoshop", "http://ns.adobe.com/photoshop/1.0/", "City"},
    {"photoshop", "http://ns.adobe.com/photoshop/1.0/", "State"},
    {"photoshop", "http://ns.adobe.com/photoshop/1.0/", "Country"},
    {"Iptc4xmpCore", "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/", "Location"},
    {"Iptc4xmpCore", "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/", "CountryCode"},
    {"Iptc4xmpExt", "http://iptc.org/std/Iptc4xmpExt/2008-02-29/", "LocationShown"},
    {"Iptc4xmpExt", "http://iptc.org/std/Iptc4xmpExt/2008-02-29/", "LocationCreated"},
    {"xmpDM", "http://ns.adobe.com/xmp/1.0/DynamicMedia/", "shotLocation"},
};

// The prefixes `xml` binds to `uri` (xmlns:ps="http://ns.adobe.com/photoshop/1.0/"): a property
// is known by its namespace, and a writer may give it any prefix.
std::vector<std::string> prefixes_of(std::string_view xml, std::string_view uri) {
  std::vector<std::string> out;
  for (size_t at = xml.find("xmlns:"); at != std::string_view::npos; at = xml.find("xmlns:", at + 1)) {
    const size_t eq = xml.find('=', at);
    if (eq == std::string_view::npos || eq + 1 >= xml.size()) break;
    const char quote = xml[eq + 1];
    if (quote != '"' && quote != '\'') continue;
    const size_t close = xml.find(quote, eq + 2);
    if (close == std::string_view::npos) break;
    const std::string_view prefix = util::trim(xml.substr(at + 6, eq - at - 6));
    if (xml.substr(eq + 2, close - eq - 2) == uri && !prefix.empty()) out.emplace_back(prefix);
  }
  return out;
}

// The qualified names to blank in `xml`: the location properties under their usual prefix and
// under every prefix the packet binds their namespace to, and every name that gives a position.
std::vector<std::string> location_props_in(std::string_view xml) {
  std::vector<std::string> props;
  const auto add = [&](std::string name) {
    if (std::none_of(props.begin(), props.end(), [&](const std::string& p) { return name.starts_with(p); }))
      props.push_back(std::move(name));
  };
  for (const LocationProperty& p : kLocationProperties) {
    add(std::string(p.prefix) + ":" + std::string(p.local));
    for (const std::string& prefix : prefixes_of(xml, p.uri)) add(prefix + ":" + std::string(p.local));
  }
  for (std::string& name : location_names_in(xml)) add(std::move(name));
  return props;
}

}  // namespace

int blank_xmp_location(char* packet, size_t size) {
  const std::string_view xml(packet, size);
  int blanked = 0;
  for (const std::string& prop : location_props_in(xml)) {
    for (size_t at = xml.find(prop); at != std::string_view::npos; at = xml.find(prop, at + 1)) {
      if (at > 0 && xml_name_char(xml[at - 1])) continue;  // "p:City" inside "ps:City": another prefix
      const size_t name_end = xml.find_first_of("=> \t\r\n/", at + prop.size());
      if (name_end == std::string_view::npos) break;
      const bool opening = at > 0 && xml[at - 1] == '<';
      if (xml[name_end] == '=' && !opening) {
        // Attribute form: prop="value".
        const size_t q = name_end + 1;
        if (q >= size || (xml[q] != '"' && xml[q] != '\'')) continue;
        const size_t close = xml.find(xml[q], q + 1);
        if (close == std::string_view::npos) continue;
        std::memset(packet + q + 1, ' ', close - q - 1);
        ++blanked;
      } else if (opening) {
        // Element form: <prop ...>text or nested structure</prop>; blank every text node inside.
        const std::string close_tag = "</" + std::string(xml.substr(at, name_end - at)) + ">";
        const size_t start = xml.find('>', name_end);
        const size_t end = xml.find(close_tag, name_end);
        if (start == std::string_view::npos || end == std::string_view::npos || start > end) continue;
        bool in_tag = false;
        for (size_t i = start + 1; i < end; ++i) {
          if (packet[i] == '<') in_tag = true;
          else if (packet[i] == '>') in_tag = false;
          else if (!in_tag && packet[i] != '\n' && packet[i] != '\r') packet[i] = ' ';
          else if (in_tag && packet[i] == '"') {
            // Attribute values inside nested elements (rdf:Description Iptc4xmpExt:City="..."),
            // but not the RDF syntax itself (rdf:parseType="Resource").
            const size_t close = xml.find('"', i + 1);
            if (close == std::string_view::npos || close > end) break;
            const size_t name_start = xml.find_last_of(" \t\r\n", i) + 1;
            const std::string_view attr = xml.substr(name_start, i - name_start);
            if (!attr.starts_with("rdf:") && !attr.starts_with("xml") && !attr.starts_with("xmlns"))
              std::memset(packet + i + 1, ' ', close - i - 1);
            i = close;
          }
        }
        ++blanked;
      }
    }
  }
  return blanked;
}

ReadAt read_bytes(std::string_view bytes) {
  return [bytes](uint64_t at, char* buf, size_t n) -> size_t {
    if (at >= bytes.size()) return 0;
    n = size_t(std::min<uint64_t>(n, bytes.size() - at));
    std::copy_n(bytes.data() + at, n, buf);
    return n;
  };
}

ReadAt read_file(const util::FileBytes& file, bool lenient) {
  return [&file, lenient](uint64_t at, char* buf, size_t n) -> size_t {
    if (at >= file.size()) return 0;
    n = size_t(std::min<uint64_t>(n, file.size() - at));
    try {
      file.read_into(at, buf, n);
    } catch (const std::exception&) {
      if (!lenient) throw;
      return 0;
    }
    return n;
  };
}

}  // namespace mediascan::bmff
