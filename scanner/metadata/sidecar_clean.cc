#include "scanner/metadata/sidecar_clean.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <optional>
#include <cstdlib>
#include <cmath>
#include <cstring>
#include <vector>

#include "scanner/util/text.h"

namespace mediascan {
namespace {

// What replaces a span: a string value by "", a number by 0, a place's name inside a title by
// nothing.
enum class Blank { string, number, cut };

struct Span {
  size_t begin, end;
  Blank blank;
};

// The words of a key, lower case: split at anything not a letter or digit and where a capital
// follows a small letter ("centerLatE7" -> center, lat, e7; "City Name" -> city, name).
std::vector<std::string> key_words(std::string_view k) {
  std::vector<std::string> words(1);
  for (size_t i = 0; i < k.size(); ++i) {
    const auto c = static_cast<unsigned char>(k[i]);
    const bool camel = i > 0 && std::isupper(c) && std::islower(static_cast<unsigned char>(k[i - 1]));
    if (!std::isalnum(c) || camel) {
      if (!words.back().empty()) words.emplace_back();
      if (!std::isalnum(c)) continue;
    }
    words.back() += char(std::tolower(c));
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

// What a key's value is: where someone is, was or lives (all of it goes), an address (it goes
// but for a web or mail address in it), or nothing of the kind. Judged by the words of the key
// ("location_history_v2", "City Name", "centerLatE7", "Home & Work"), never by a word inside
// another ("allocation", "marketplace") nor an address that is no place ("email_address",
// "address_book", a website's "address").
enum class Wipe { none, all, places };

Wipe location_kind(std::string_view k) {
  const std::string l = util::to_lower_ascii(k);
  static const std::string_view kWholeKeys[] = {"home & work", "businesses and public places you may have visited",
                                                "areas you may have visited in the last two years", "upload_ip",
                                                "latitudespan", "longitudespan", "point"};
  for (std::string_view whole : kWholeKeys)
    if (l == whole) return Wipe::all;
  if (l.find("latitude") != std::string::npos || l.find("longitude") != std::string::npos) return Wipe::all;
  bool address = false, not_a_place = false;
  for (const std::string& w : key_words(k)) {
    if (w == "place" || w == "places" || w == "coordinate" || w == "coordinates" || w == "city" || w == "hometown" ||
        w == "zipcode" || w == "zip" || w == "postcode" || w == "postal" || w == "geo" || w == "gps" || w == "lat" ||
        w == "lng" || w == "lon" || w == "latlng" || w == "altitude" || w.starts_with("location"))
      return Wipe::all;
    address |= w == "address" || w == "addresses";
    not_a_place |= w == "email" || w == "mail" || w == "ip" || w == "web" || w == "website" || w == "websites" ||
                   w == "url" || w == "wallet" || w == "book" || w == "books";
  }
  return address && !not_a_place ? Wipe::places : Wipe::none;
}

// A web or mail address, which an "address" key may hold instead of a place.
bool link_or_mail(std::string_view v) {
  const std::string l = util::to_lower_ascii(v);
  return l.starts_with("http://") || l.starts_with("https://") || l.starts_with("www.") ||
         l.find('@') != std::string::npos;
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
    if (!value(Wipe::none, 0)) return false;
    skip_ws();
    while (pos_ < s_.size() && s_[pos_] == ';') ++pos_, skip_ws();  // "...];" in .js files
    return pos_ == s_.size();
  }

  // The text is one value met at `depth` under `wipe`, nothing around it (StreamScanner's pieces).
  // `names`: the places' names it leaves for a title around it.
  bool whole(Wipe wipe, int depth, std::vector<Span>& out, size_t& names) {
    out_ = &out;
    const bool ok = value(wipe, depth) && pos_ == s_.size();
    names = names_.size();
    return ok;
  }

  // The text is one string: its decoded characters, as a key is read.
  bool whole_string(std::string& decoded) { return string(&decoded) && pos_ == s_.size(); }

 private:

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

  // `wipe`: which scalars inside this value are location (inside "place", "coordinates", ...;
  // inside an "address", all but a web or mail address).
  bool value(Wipe wipe, int depth) {
    if (depth > 512 || pos_ >= s_.size()) return false;
    const char c = s_[pos_];
    if (c == '{') return object(wipe, depth);
    if (c == '[') return array(wipe, depth);
    const size_t begin = pos_;
    if (c == '"') {
      std::string text;
      if (!string(wipe == Wipe::places ? &text : nullptr)) return false;
      if (wipe != Wipe::none && pos_ - begin > 2 && !(wipe == Wipe::places && link_or_mail(text)))
        out_->push_back({begin, pos_, Blank::string});
      return true;
    }
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '-' ||
                                s_[pos_] == '+' || s_[pos_] == '.'))
      ++pos_;
    if (pos_ == begin) return false;
    const std::string_view literal = s_.substr(begin, pos_ - begin);
    const bool number = literal != "true" && literal != "false" && literal != "null";
    if (wipe != Wipe::none && number) {
      bool zero = true;
      for (char ch : literal) zero &= ch == '0' || ch == '.' || ch == '-' || ch == '+';
      if (!zero) out_->push_back({begin, pos_, Blank::number});
    }
    return true;
  }

  // A place's name (the "name" of an object under a location key) is also cut out of the "title"
  // of the object that holds the place: Facebook titles a check-in "Jan checked in to Bar Sud."
  // An object labelled as a place (Instagram's {"label": "Locations of interest", "vec":
  // [{"value": "Gent"}]}) holds location in all its other members; when the label comes after
  // them, the object is read again knowing it.
  bool object(Wipe wipe, int depth, bool place_label = false) {
    const size_t start = pos_, spans_before = out_->size();
    ++pos_;
    const size_t names_before = names_.size();
    std::vector<std::pair<size_t, size_t>> titles;  // the text of this object's "title"s
    bool members_before_label = false;
    const auto done = [&] {
      cut_names(titles, names_before);
      if (!titles.empty()) names_.resize(names_before);
      return true;
    };
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
      const Wipe kind = location_kind(key);
      Wipe inner = wipe == Wipe::all || kind == Wipe::all ? Wipe::all : kind == Wipe::places ? Wipe::places : wipe;
      if (place_label && key != "label") inner = Wipe::all;
      const size_t begin = pos_;
      if (!value(inner, depth + 1)) return false;
      if (key == "label" && !place_label && wipe != Wipe::all && s_[begin] == '"' && labels_place(begin)) {
        if (members_before_label) {
          out_->resize(spans_before);
          names_.resize(names_before);
          pos_ = start;
          return object(wipe, depth, true);
        }
        place_label = true;
      }
      members_before_label |= key != "label";
      if (s_[begin] == '"' && pos_ - begin > 2) {
        if (key == "title" && inner == Wipe::none) titles.emplace_back(begin + 1, pos_ - 1);
        if (key == "name" && wipe == Wipe::all && pos_ - begin >= 5) names_.push_back(s_.substr(begin + 1, pos_ - begin - 2));
      }
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == ',') { ++pos_; continue; }
      if (pos_ < s_.size() && s_[pos_] == '}') return ++pos_, done();
      return false;
    }
  }

  // Whether the string at `begin` (a label's value, read already) names a place, as a key would.
  bool labels_place(size_t begin) {
    const size_t end = pos_;
    pos_ = begin;
    std::string label;
    string(&label);
    pos_ = end;
    return location_kind(label) == Wipe::all;
  }

  // Every occurrence of the names found since `from` in the titles, as spans to cut. A post holds
  // a place or two; an object holding more than 64 is no post, and its titles are left.
  void cut_names(const std::vector<std::pair<size_t, size_t>>& titles, size_t from) {
    if (names_.size() - from > 64) return;
    for (const auto& [begin, end] : titles) {
      const std::string_view title = s_.substr(begin, end - begin);
      std::vector<std::pair<size_t, size_t>> cuts;
      // Whole words only ("Bar" is not cut out of "Barbara"), and never from inside an escape
      // ("tavern" is not the "\tavern" of "Night out\tavern").
      const auto word_char = [&](size_t i) { return std::isalnum(static_cast<unsigned char>(title[i])) != 0; };
      const auto escaped = [&](size_t i) {
        size_t backslashes = 0;
        while (i > backslashes && title[i - backslashes - 1] == '\\') ++backslashes;
        return backslashes % 2 == 1;
      };
      for (size_t n = from; n < names_.size(); ++n)
        for (size_t at = title.find(names_[n]); at != std::string_view::npos; at = title.find(names_[n], at + 1)) {
          const size_t stop = at + names_[n].size();
          if ((at > 0 && word_char(at - 1) && word_char(at)) || escaped(at) ||
              (stop < title.size() && word_char(stop) && word_char(stop - 1)))
            continue;
          cuts.emplace_back(at, stop);
        }
      std::sort(cuts.begin(), cuts.end());
      size_t reached = 0;
      for (const auto& [b, e] : cuts) {
        if (b < reached) continue;  // within a longer name cut already
        out_->push_back({begin + b, begin + e, Blank::cut});
        reached = e;
      }
    }
  }

  bool array(Wipe wipe, int depth) {
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
  std::vector<std::string_view> names_;  // places' names not yet matched with a title
};

}  // namespace

namespace {

// The values clean_sidecar empties, in order; r.error set when there is nothing to clean.
std::vector<Span> location_spans(std::string_view text, SidecarClean& r) {
  size_t start = 0;
  if (text.starts_with("\xEF\xBB\xBF")) start = 3;
  if (text.substr(start).starts_with("window.")) {  // X/Twitter: window.YTD.tweets.part0 = [...]
    const size_t eq = text.substr(0, kYtdPrefixBytes).find('=', start);
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
  // The cuts inside titles count as nothing of their own: they repeat a name that is a field.
  r.fields = int(std::count_if(spans.begin(), spans.end(), [](const Span& s) { return s.blank != Blank::cut; }));
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  return spans;
}

std::string_view blank(const Span& s) {
  switch (s.blank) {
    case Blank::string: return "\"\"";
    case Blank::number: return "0";
    case Blank::cut: return "";
  }
  return "";
}

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

namespace {

// A decimal of four places or more at `at` ("-51.0543"): its value and where it ends.
std::optional<std::pair<double, size_t>> fine_decimal(std::string_view t, size_t at) {
  size_t i = at;
  if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
  const size_t int_start = i;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
  if (i == int_start || i - int_start > 3 || i >= t.size() || t[i] != '.') return std::nullopt;
  const size_t frac_start = ++i;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
  if (i - frac_start < 4) return std::nullopt;
  return std::pair{std::strtod(std::string(t.substr(at, i - at)).c_str(), nullptr), i};
}

// Whether a pair of coordinates starts at a position in [from, to) of `t` (coordinates_left).
bool coordinates_in(std::string_view t, size_t from, size_t to) {
  for (size_t at = from; at < to; ++at) {
    const char c = t[at];
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+')) continue;
    if (at > 0 && (std::isalnum(static_cast<unsigned char>(t[at - 1])) || t[at - 1] == '.')) continue;
    const auto lat = fine_decimal(t, at);
    if (!lat) continue;
    // Between the two: only a degree sign, quotes, a comma and spaces.
    size_t i = lat->second;
    bool comma = false;
    while (i < t.size() && i - lat->second < 12) {
      if (t[i] == ',') comma = true;
      else if (t.substr(i).starts_with("\xC2\xB0")) ++i;  // °
      else if (t[i] != ' ' && t[i] != '"') break;
      ++i;
    }
    const auto lon = comma ? fine_decimal(t, i) : std::nullopt;
    if (lat && lon && std::abs(lat->first) <= 90 && std::abs(lon->first) <= 180 &&
        !(lat->first == 0 && lon->first == 0))
      return true;
    at = lat->second;
  }
  return false;
}

}  // namespace

bool coordinates_left(std::string_view t) { return coordinates_in(t, 0, t.size()); }

int sidecar_location_values(std::string_view path, std::string_view text) {
  if (util::to_lower_ascii(path).ends_with(".csv")) return clean_csv_location(text).fields;
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
  std::vector<Wipe> location;
  for (const Cell& c : rows[header]) {
    std::string name(text.substr(c.begin, c.end - c.begin));
    if (c.quoted && name.size() >= 2) name = name.substr(1, name.size() - 2);
    location.push_back(location_kind(name));
  }
  std::vector<Cell> spans;
  for (size_t row = header + 1; row < rows.size(); ++row)
    for (size_t col = 0; col < rows[row].size() && col < location.size(); ++col) {
      const Cell& c = rows[row][col];
      if (location[col] == Wipe::none || c.end - c.begin <= (c.quoted ? 2 : 0)) continue;
      if (location[col] == Wipe::places && link_or_mail(text.substr(c.begin + (c.quoted ? 1 : 0), c.end - c.begin)))
        continue;
      spans.push_back(c);
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


namespace {

// clean_sidecar for a file read a piece at a time. Every value of up to `whole_limit` bytes is
// handed whole to the Scanner, with the wipe and depth it has where it stands, so the cleaned
// bytes are clean_sidecar's; an object or array bigger than that is walked into, its brackets,
// keys and separators checked here and copied as they are. What needs the whole of such a big
// object (a title to cut its places' names from, a label that comes after the members it
// names) makes it an error instead of a cleaning that falls short.
class StreamScanner {
 public:
  StreamScanner(const util::FileBytes& in, const util::Chunks* out, size_t whole_limit)
      : in_(in), out_(out), whole_limit_(whole_limit) {}

  SidecarClean run() {
    SidecarClean r;
    if (have(2) && at(0) == '\xEF' && at(1) == '\xBB' && at(2) == '\xBF') pos_ = 3;
    if (starts_with(pos_, "window.")) {  // X/Twitter: window.YTD.tweets.part0 = [...]
      uint64_t eq = pos_;
      while (eq < kYtdPrefixBytes && have(eq) && at(eq) != '=') ++eq;
      if (eq >= kYtdPrefixBytes || !have(eq)) {
        r.error = ItemError{"not_cleaned", "not a JSON or YTD file"};
        return r;
      }
      pos_ = eq + 1;
    }
    skip_ws();
    size_t names = 0;
    bool ok = value(Wipe::none, 0, names);
    if (ok) {
      skip_ws();
      while (have(pos_) && at(pos_) == ';') ++pos_, skip_ws();
      ok = !have(pos_);
    }
    if (!ok) {
      r.error = problem_ ? ItemError{"not_cleaned", *problem_}
                         : ItemError{"not_cleaned", "not valid JSON, so its location fields could not be removed"};
      r.unwalkable = problem_.has_value();
      return r;
    }
    release(pos_);
    if (out_ && !pending_.empty()) (*out_)(pending_);
    r.fields = fields_;
    return r;
  }

 private:
  static std::string mib(size_t n) {
    return n % (size_t{1} << 20) == 0 ? std::to_string(n >> 20) + " MiB" : std::to_string(n) + (n == 1 ? " byte" : " bytes");
  }

  bool have(uint64_t p) { return in_.have(p); }
  char at(uint64_t p) const { return in_.at(p); }
  std::string_view view(uint64_t begin, uint64_t end) const { return in_.view(begin, end); }
  bool starts_with(uint64_t p, std::string_view s) {
    for (size_t i = 0; i < s.size(); ++i)
      if (!have(p + i) || at(p + i) != s[i]) return false;
    return true;
  }

  void emit(std::string_view piece) {
    if (!out_) return;
    pending_.append(piece);
    if (pending_.size() >= util::ByteSource::kChunk) {
      (*out_)(pending_);
      pending_.clear();
    }
  }
  // Everything before `p` goes out as it is.
  void release(uint64_t p) {
    if (p <= emitted_) return;
    emit(view(emitted_, p));
    emitted_ = p;
    in_.mark(emitted_);
  }

  void skip_ws() {
    while (have(pos_) && (at(pos_) == ' ' || at(pos_) == '\t' || at(pos_) == '\n' || at(pos_) == '\r')) {
      ++pos_;
      if (pos_ - emitted_ >= util::ByteSource::kChunk) release(pos_);
    }
  }

  // Where the value at `begin` ends, found without parsing it (the Scanner checks it): its
  // closing quote or bracket, the end of a number or literal, or the end of the file when it is
  // cut short. Nothing when it is longer than whole_limit_.
  std::optional<uint64_t> value_end(uint64_t begin) {
    const char c = at(begin);
    uint64_t p = begin;
    const auto room = [&] { return p - begin < whole_limit_; };
    if (c == '"' || c == '{' || c == '[') {
      int depth = 0;
      bool in_string = false;
      for (; room(); ++p) {
        if (!have(p)) return p;
        const char ch = at(p);
        if (in_string) {
          if (ch == '\\') ++p;
          else if (ch == '"') {
            in_string = false;
            if (depth == 0) return p + 1;
          }
        } else if (ch == '"') {
          in_string = true;
        } else if (ch == '{' || ch == '[') {
          ++depth;
        } else if (ch == '}' || ch == ']') {
          if (--depth <= 0) return p + 1;
        }
      }
      return std::nullopt;
    }
    for (;; ++p) {
      if (!have(p) || !(std::isalnum(static_cast<unsigned char>(at(p))) || at(p) == '-' || at(p) == '+' || at(p) == '.'))
        return p;
      if (!room()) return std::nullopt;
    }
  }

  bool fail(std::string why) {
    problem_ = std::move(why);
    return false;
  }

  // The value at pos_; `names` gets the places' names it leaves for a title around it.
  bool value(Wipe wipe, int depth, size_t& names) {
    names = 0;
    if (depth > 512 || !have(pos_)) return false;
    release(pos_);
    const uint64_t begin = pos_;
    if (const auto end = value_end(begin)) {
      std::vector<Span> spans;
      Scanner scanner(view(begin, *end));
      if (!scanner.whole(wipe, depth, spans, names)) return false;
      std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
      size_t done = 0;
      const std::string_view text = view(begin, *end);
      for (const Span& s : spans) {
        emit(text.substr(done, s.begin - done));
        emit(blank(s));
        done = s.end;
        fields_ += s.blank != Blank::cut;
      }
      emit(text.substr(done));
      emitted_ = pos_ = *end;
      in_.mark(emitted_);
      return true;
    }
    if (at(begin) == '{') return object(wipe, depth, names);
    if (at(begin) == '[') return array(wipe, depth, names);
    return fail("a value of more than " + mib(whole_limit_) + " in it could not be read, so its location fields could not be removed");
  }

  // Scanner::object for an object too big to hold, a member at a time.
  bool object(Wipe wipe, int depth, size_t& names) {
    ++pos_;
    bool place_label = false, members_before_label = false, titles = false;
    skip_ws();
    if (have(pos_) && at(pos_) == '}') return ++pos_, true;
    for (;;) {
      skip_ws();
      release(pos_);
      if (!have(pos_) || at(pos_) != '"') return false;
      const auto key_end = value_end(pos_);
      if (!key_end) return fail("a key of more than " + mib(whole_limit_) + " in it could not be read");
      std::string key;
      if (!Scanner(view(pos_, *key_end)).whole_string(key)) return false;
      pos_ = *key_end;
      skip_ws();
      if (!have(pos_) || at(pos_) != ':') return false;
      ++pos_;
      skip_ws();
      const Wipe kind = location_kind(key);
      Wipe inner = wipe == Wipe::all || kind == Wipe::all ? Wipe::all : kind == Wipe::places ? Wipe::places : wipe;
      if (place_label && key != "label") inner = Wipe::all;
      if (!have(pos_)) return false;
      // A string member is read whole (it is no bigger than whole_limit_, or value() fails).
      std::string text;
      if (at(pos_) == '"')
        if (const auto end = value_end(pos_)) text = std::string(view(pos_, *end));
      size_t member_names = 0;
      if (!value(inner, depth + 1, member_names)) return false;
      names += member_names;
      if (key == "label" && !place_label && wipe != Wipe::all && !text.empty()) {
        std::string label;
        Scanner(text).whole_string(label);
        if (location_kind(label) == Wipe::all) {
          if (members_before_label)
            return fail("an object of more than " + mib(whole_limit_) +
                        " is labelled a place after its members, so its location fields could not be removed");
          place_label = true;
        }
      }
      members_before_label |= key != "label";
      if (text.size() > 2) {
        if (key == "title" && inner == Wipe::none) titles = true;
        if (key == "name" && wipe == Wipe::all && text.size() >= 5) ++names;
      }
      skip_ws();
      if (have(pos_) && at(pos_) == ',') { ++pos_; continue; }
      if (have(pos_) && at(pos_) == '}') break;
      return false;
    }
    ++pos_;
    if (titles) {
      // Scanner::cut_names: the places' names are cut out of the titles, unless there are more
      // than 64. The titles went out already.
      if (names > 0 && names <= 64)
        return fail("an object of more than " + mib(whole_limit_) +
                    " names places in its title, so its location could not be removed");
      names = 0;
    }
    return true;
  }

  bool array(Wipe wipe, int depth, size_t& names) {
    ++pos_;
    skip_ws();
    if (have(pos_) && at(pos_) == ']') return ++pos_, true;
    for (;;) {
      skip_ws();
      size_t element_names = 0;
      if (!value(wipe, depth + 1, element_names)) return false;
      names += element_names;
      skip_ws();
      if (have(pos_) && at(pos_) == ',') { ++pos_; continue; }
      if (have(pos_) && at(pos_) == ']') return ++pos_, true;
      return false;
    }
  }

  util::FileWindow in_;  // marked at emitted_
  const util::Chunks* out_;
  const size_t whole_limit_;
  uint64_t pos_ = 0;      // where the walk is
  uint64_t emitted_ = 0;  // what went out (cleaned or as it is)
  std::string pending_;   // out, not yet handed over
  int fields_ = 0;
  std::optional<std::string> problem_;  // why a valid file could not be walked
};

}  // namespace

SidecarClean clean_sidecar_stream(const util::FileBytes& in, const util::Chunks* out, size_t whole_limit) {
  return StreamScanner(in, out, whole_limit).run();
}

SidecarClean clean_big_sidecar(const util::FileBytes& in, const std::function<const util::Chunks*()>& out,
                               uint64_t hold_at_most) {
  SidecarClean r = clean_sidecar_stream(in, out ? out() : nullptr);
  if (r.unwalkable && in.size() <= hold_at_most) {
    std::string text = in.read(0, size_t(in.size()));
    r = clean_sidecar_in_place(text);
    if (const util::Chunks* whole = out && r.fields > 0 ? out() : nullptr) (*whole)(text);
  }
  return r;
}

bool coordinates_left(const util::FileBytes& in) {
  // In windows that overlap by more than any pair of coordinates is long, each with the byte
  // before it.
  constexpr uint64_t kWindow = util::ByteSource::kChunk, kOverlap = 64 << 10;
  for (uint64_t from = 0; from < in.size(); from += kWindow) {
    const uint64_t before = from > 0;
    const std::string t = in.read(from - before, size_t(before + kWindow + kOverlap));
    if (coordinates_in(t, size_t(before), std::min(t.size(), size_t(before + kWindow)))) return true;
  }
  return false;
}

}  // namespace mediascan
