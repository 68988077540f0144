#include "scanner/metadata/sidecar_clean.h"

#include <cctype>
#include <cstring>
#include <vector>

#include "scanner/util/text.h"

namespace mediascan {
namespace {

struct Span {
  size_t begin, end;
  bool string;
};

// A key whose whole value is where someone is, was or lives: a place, coordinates, a location
// (history), a city, a hometown, a postal code, a street address. Judged by the words of the
// key ("location_history_v2", "City Name", "Home & Work"), never by a word inside another
// ("allocation", "marketplace", "email_address").
bool location_subtree(const std::string& k) {
  const std::string l = util::to_lower_ascii(k);
  static const std::string_view kWholeKeys[] = {"home & work", "businesses and public places you may have visited",
                                                "areas you may have visited in the last two years"};
  for (std::string_view whole : kWholeKeys)
    if (l == whole) return true;
  std::vector<std::string> words(1);
  for (char c : l) {
    if (std::isalnum(static_cast<unsigned char>(c))) words.back() += c;
    else if (!words.back().empty()) words.emplace_back();
  }
  bool address = false, not_a_place = false;
  for (const std::string& w : words) {
    if (w == "place" || w == "places" || w == "coordinate" || w == "coordinates" || w == "city" || w == "hometown" ||
        w == "zipcode" || w == "zip" || w == "postcode" || w == "postal" || w == "geo" || w == "gps" ||
        w.starts_with("location"))
      return true;
    address |= w == "address" || w == "addresses";
    not_a_place |= w == "email" || w == "mail" || w == "ip" || w == "web" || w == "url" || w == "wallet";
  }
  return address && !not_a_place;
}

// A JSON scanner that records the spans of the scalar values to empty. It validates as it goes
// and gives up (ok = false) on malformed input.
class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  bool run(size_t at, std::vector<Span>& out) {
    pos_ = at;
    out_ = &out;
    skip_ws();
    if (!value(false, 0)) return false;
    skip_ws();
    while (pos_ < s_.size() && s_[pos_] == ';') ++pos_, skip_ws();  // "...];" in .js files
    return pos_ == s_.size();
  }

 private:
  static bool location_key(const std::string& k) {
    const std::string l = util::to_lower_ascii(k);
    return l == "latitude" || l == "longitude" || l == "altitude" || l == "latitudespan" ||
           l == "longitudespan" || l == "upload_ip" || l.find("latitude") != std::string::npos ||
           l.find("longitude") != std::string::npos;
  }



  void skip_ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }

  bool string(std::string* decoded) {
    if (pos_ >= s_.size() || s_[pos_] != '"') return false;
    ++pos_;
    while (pos_ < s_.size() && s_[pos_] != '"') {
      if (s_[pos_] == '\\') {
        if (++pos_ >= s_.size()) return false;
        if (decoded && s_[pos_] != 'u') *decoded += s_[pos_];
      } else if (static_cast<unsigned char>(s_[pos_]) < 0x20) {
        return false;
      } else if (decoded) {
        *decoded += s_[pos_];
      }
      ++pos_;
    }
    if (pos_ >= s_.size()) return false;
    ++pos_;
    return true;
  }

  // `wipe`: every scalar inside this value is location (inside "place", "coordinates", ...).
  bool value(bool wipe, int depth) {
    if (depth > 512 || pos_ >= s_.size()) return false;
    const char c = s_[pos_];
    if (c == '{') return object(wipe, depth);
    if (c == '[') return array(wipe, depth);
    const size_t begin = pos_;
    if (c == '"') {
      if (!string(nullptr)) return false;
      if (wipe && pos_ - begin > 2) out_->push_back({begin, pos_, true});
      return true;
    }
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '-' ||
                                s_[pos_] == '+' || s_[pos_] == '.'))
      ++pos_;
    if (pos_ == begin) return false;
    const std::string_view literal = s_.substr(begin, pos_ - begin);
    const bool number = literal != "true" && literal != "false" && literal != "null";
    if (wipe && number) {
      bool zero = true;
      for (char ch : literal) zero &= ch == '0' || ch == '.' || ch == '-' || ch == '+';
      if (!zero) out_->push_back({begin, pos_, false});
    }
    return true;
  }

  bool object(bool wipe, int depth) {
    ++pos_;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == '}') return ++pos_, true;
    for (;;) {
      skip_ws();
      std::string key;
      if (!string(&key)) return false;
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != ':') return false;
      ++pos_;
      skip_ws();
      const bool inner = wipe || location_key(key) || location_subtree(key);
      if (!value(inner, depth + 1)) return false;
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == ',') { ++pos_; continue; }
      if (pos_ < s_.size() && s_[pos_] == '}') return ++pos_, true;
      return false;
    }
  }

  bool array(bool wipe, int depth) {
    ++pos_;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == ']') return ++pos_, true;
    for (;;) {
      skip_ws();
      if (!value(wipe, depth + 1)) return false;
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == ',') { ++pos_; continue; }
      if (pos_ < s_.size() && s_[pos_] == ']') return ++pos_, true;
      return false;
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  std::vector<Span>* out_ = nullptr;
};

}  // namespace

namespace {

// The values clean_sidecar empties, in order; r.error set when there is nothing to clean.
std::vector<Span> location_spans(std::string_view text, SidecarClean& r) {
  size_t start = 0;
  if (text.starts_with("\xEF\xBB\xBF")) start = 3;
  if (text.substr(start).starts_with("window.")) {  // X/Twitter: window.YTD.tweets.part0 = [...]
    const size_t eq = text.find('=', start);
    if (eq == std::string_view::npos) {
      r.error = ItemError{"not_cleaned", "not a JSON or YTD file"};
      return {};
    }
    start = eq + 1;
  }
  std::vector<Span> spans;
  if (!Scanner(text).run(start, spans)) {
    r.error = ItemError{"not_cleaned", "not valid JSON, so its location fields could not be removed"};
    return {};
  }
  r.fields = int(spans.size());
  return spans;
}

std::string_view blank(const Span& s) { return s.string ? "\"\"" : "0"; }

}  // namespace

SidecarClean clean_sidecar(std::string_view text) {
  SidecarClean r;
  const std::vector<Span> spans = location_spans(text, r);
  if (spans.empty()) return r;
  r.text.reserve(text.size());
  size_t at = 0;
  for (const Span& s : spans) {
    r.text.append(text.substr(at, s.begin - at));
    r.text.append(blank(s));
    at = s.end;
  }
  r.text.append(text.substr(at));
  return r;
}

int sidecar_location_values(std::string_view path, std::string_view text) {
  std::string lower(path.substr(path.size() > 4 ? path.size() - 4 : 0));
  for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (lower == ".csv") return clean_csv_location(text).fields;
  SidecarClean r;
  location_spans(text, r);
  return r.fields;
}

SidecarClean clean_sidecar_in_place(std::string& text) {
  SidecarClean r;
  const std::vector<Span> spans = location_spans(text, r);
  // A blank ("0", "\"\"") is never longer than the value it replaces, so writing moves left.
  size_t to = spans.empty() ? text.size() : spans.front().begin, at = to;
  for (size_t k = 0; k < spans.size(); ++k) {
    text.replace(to, blank(spans[k]).size(), blank(spans[k]));
    to += blank(spans[k]).size();
    at = spans[k].end;
    const size_t next = k + 1 < spans.size() ? spans[k + 1].begin : text.size();
    std::memmove(text.data() + to, text.data() + at, next - at);
    to += next - at;
  }
  text.resize(to);
  return r;
}

SidecarClean clean_csv_location(std::string_view text) {
  // Every cell as a span of `text`, row by row (RFC 4180: quotes, doubled quotes, line breaks
  // inside quotes, CRLF or LF).
  struct Cell {
    size_t begin, end;
    bool quoted;
  };
  std::vector<std::vector<Cell>> rows(1);
  size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  size_t begin = i;
  bool quoted = false, in_quotes = false;
  for (; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : '\n';
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') ++i;
      else if (c == '"') in_quotes = false;
      continue;
    }
    if (c == '"' && i == begin) {
      quoted = in_quotes = true;
    } else if (c == ',' || c == '\n' || c == '\r') {
      rows.back().push_back({begin, i, quoted});
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (c != ',') rows.emplace_back();
      begin = i + 1;
      quoted = false;
    }
  }
  SidecarClean r;
  if (in_quotes) {
    r.error = ItemError{"not_cleaned", "not valid CSV (a quote is never closed), so its location fields could not be removed"};
    return r;
  }
  // The header: the first row of several cells (LinkedIn puts a "Notes:" preamble of one-cell
  // lines before some). Its location columns: "Address", "Zip Code", "Geo Location", "Location".
  size_t header = 0;
  while (header < rows.size() && rows[header].size() < 2) ++header;
  if (header == rows.size()) return r;
  std::vector<bool> location;
  for (const Cell& c : rows[header]) {
    std::string name(text.substr(c.begin, c.end - c.begin));
    if (c.quoted && name.size() >= 2) name = name.substr(1, name.size() - 2);
    location.push_back(location_subtree(name));
  }
  std::vector<Cell> spans;
  for (size_t row = header + 1; row < rows.size(); ++row)
    for (size_t col = 0; col < rows[row].size() && col < location.size(); ++col) {
      const Cell& c = rows[row][col];
      if (location[col] && c.end - c.begin > (c.quoted ? 2 : 0)) spans.push_back(c);
    }
  r.fields = int(spans.size());
  if (spans.empty()) return r;
  size_t at = 0;
  for (const Cell& c : spans) {
    r.text.append(text.substr(at, c.begin - at));
    r.text.append(c.quoted ? "\"\"" : "");
    at = c.end;
  }
  r.text.append(text.substr(at));
  return r;
}

}  // namespace mediascan
