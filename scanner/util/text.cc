#include "scanner/util/text.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>

namespace mediascan::util {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is invalid.
size_t utf8_sequence(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  const uint8_t c = b(i);
  if (c < 0x80) return 1;
  size_t n;
  uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1Fu; }
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0Fu; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07u; }
  else return 0;
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3Fu);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return n;
}

// U+200E/F (marks), U+202A..E (embeddings, overrides), U+2066..9 (isolates): they reorder what a
// terminal shows, so a file name could pose as another.
bool is_bidi_control(std::string_view s) {
  const auto b1 = static_cast<uint8_t>(s[1]), b2 = static_cast<uint8_t>(s[2]);
  if (static_cast<uint8_t>(s[0]) != 0xE2) return false;
  return (b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE))) ||
         (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9);
}

std::string bidi_hex(std::string_view s) {
  const unsigned cp = ((static_cast<uint8_t>(s[0]) & 0x0Fu) << 12) |
                      ((static_cast<uint8_t>(s[1]) & 0x3Fu) << 6) | (static_cast<uint8_t>(s[2]) & 0x3Fu);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04x", cp);
  return buf;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = utf8_sequence(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string to_valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t n = utf8_sequence(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string repair_mojibake(std::string_view s) {
  std::string bytes;
  bytes.reserve(s.size());
  bool multibyte = false;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<uint8_t>(s[i]);
    if (c < 0x80) {
      bytes += char(c);
      ++i;
    } else if ((c == 0xC2 || c == 0xC3) && i + 1 < s.size()) {
      // U+0080..U+00FF encoded in UTF-8: the original byte is the code point.
      const auto c2 = static_cast<uint8_t>(s[i + 1]);
      if ((c2 & 0xC0) != 0x80) return std::string(s);
      bytes += char(((c & 0x03) << 6) | (c2 & 0x3F));
      multibyte = true;
      i += 2;
    } else {
      return std::string(s);  // a code point above U+00FF: the text was never mangled
    }
  }
  if (!multibyte || !is_valid_utf8(bytes)) return std::string(s);
  return bytes;
}

std::optional<std::pair<std::string, unsigned>> takeout_part(std::string_view name) {
  const std::string lower = to_lower_ascii(name);
  if (!lower.starts_with("takeout")) return std::nullopt;
  size_t end = name.size();
  for (std::string_view ext : {".zip", ".tgz", ".tar.gz", ".tar"})
    if (lower.ends_with(ext)) {
      end -= ext.size();
      break;
    }
  if (end < 5 || name[end - 4] != '-') return std::nullopt;
  const std::string_view digits = name.substr(end - 3, 3);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  return std::pair{std::string(name.substr(0, end - 4)), unsigned(std::stoul(std::string(digits)))};
}

std::optional<std::pair<std::string, unsigned>> meta_part(std::string_view name) {
  const std::string lower = to_lower_ascii(name);
  if (!lower.starts_with("facebook-") && !lower.starts_with("instagram-")) return std::nullopt;
  for (std::string_view ext : {".zip", ".tgz", ".tar.gz", ".tar"})
    if (lower.ends_with(ext)) {
      name.remove_suffix(ext.size());
      break;
    }
  const std::vector<std::string> words = split(name, '-');
  if (words.size() < 5) return std::nullopt;  // platform, user, date, id, number
  const auto digits = [](const std::string& w) {
    return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  const std::string& number = words.back();
  const std::string& id = words[words.size() - 2];
  const bool id_has_letter = std::any_of(id.begin(), id.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
  const bool id_alnum = std::all_of(id.begin(), id.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
  if (!digits(number) || number.size() > 2 || !id_has_letter || !id_alnum || !digits(words[words.size() - 3]))
    return std::nullopt;
  const unsigned n = unsigned(std::stoul(number));
  if (n == 0) return std::nullopt;
  return std::pair{std::string(name.substr(0, name.size() - number.size() - 1)), n};
}

std::optional<std::pair<std::string, unsigned>> export_part(std::string_view name) {
  if (auto part = takeout_part(name)) return part;
  return meta_part(name);
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  return a.size() == b.size() && to_lower_ascii(a) == to_lower_ascii(b);
}

std::string in_words(const std::vector<std::string>& parts) {
  std::string list;
  for (size_t k = 0; k < parts.size(); ++k) list += (k == 0 ? "" : k + 1 == parts.size() ? " and " : ", ") + parts[k];
  return list;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    const size_t at = s.find(sep, start);
    out.emplace_back(s.substr(start, at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::string shortened(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "\u2026";
}

std::string printable(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<uint8_t>(s[i]);
    const size_t n = utf8_sequence(s, i);
    const bool c1_control = n == 2 && c == 0xC2 && static_cast<uint8_t>(s[i + 1]) < 0xA0;
    if (n == 3 && is_bidi_control(s.substr(i, 3))) {
      out += "\\u{" + bidi_hex(s.substr(i, 3)) + "}";
      i += 3;
      continue;
    }
    if (n == 0 || c < 0x20 || c == 0x7F || c == '\\' || c1_control) {
      const size_t len = n == 0 ? 1 : n;
      for (size_t k = 0; k < len; ++k) {
        const auto b = static_cast<uint8_t>(s[i + k]);
        if (b == '\\') { out += "\\\\"; continue; }
        if (b == '\n') { out += "\\n"; continue; }
        if (b == '\t') { out += "\\t"; continue; }
        out += "\\x";
        out += kHex[b >> 4];
        out += kHex[b & 15];
      }
      i += len;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string unescape_basic_html(std::string_view s) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    bool matched = false;
    if (s[i] == '&') {
      for (const auto& [name, ch] : kEntities) {
        if (s.substr(i, name.size()) == name) {
          out += ch;
          i += name.size();
          matched = true;
          break;
        }
      }
    }
    if (!matched) out += s[i++];
  }
  return out;
}

std::string base64(std::string_view in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  for (size_t i = 0; i < in.size(); i += 3) {
    const uint32_t b = uint32_t(uint8_t(in[i])) << 16 | (i + 1 < in.size() ? uint32_t(uint8_t(in[i + 1])) << 8 : 0) |
                       (i + 2 < in.size() ? uint32_t(uint8_t(in[i + 2])) : 0);
    out += kAlphabet[(b >> 18) & 63];
    out += kAlphabet[(b >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(b >> 6) & 63] : '=';
    out += i + 2 < in.size() ? kAlphabet[b & 63] : '=';
  }
  return out;
}

}  // namespace mediascan::util
