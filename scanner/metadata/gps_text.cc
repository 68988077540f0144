#include "scanner/metadata/gps_text.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "scanner/metadata/sidecar_clean.h"
#include "scanner/util/text.h"

namespace mediascan {
namespace {

enum class Role { none, lat, lon, other };  // none: a name that gives no position

struct Number {
  size_t begin, end;
};

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The end of the number ([+-]digits[.digits]) at `at`; `at` when none starts there.
size_t number_end(std::string_view t, size_t at) {
  size_t i = at, digits = 0;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
  for (; i < t.size() && is_digit(t[i]); ++i) ++digits;
  if (i < t.size() && t[i] == '.')
    for (++i; i < t.size() && is_digit(t[i]); ++i) ++digits;
  return digits ? i : at;
}

size_t skip_spaces(std::string_view t, size_t at) {
  while (at < t.size() && (t[at] == ' ' || t[at] == '\t')) ++at;
  return at;
}

// The '>' that ends the tag whose attributes start at `at`, quotes skipped; npos when none does.
size_t tag_end(std::string_view t, size_t at) {
  for (char quote = 0; at < t.size(); ++at) {
    if (quote) {
      if (t[at] == quote) quote = 0;
    } else if (t[at] == '"' || t[at] == '\'') {
      quote = t[at];
    } else if (t[at] == '>') {
      return at;
    }
  }
  return std::string_view::npos;
}

// Just past the comment, processing instruction or CDATA section that starts at `at` (the end
// of a text cut off inside it); npos when none starts there. Their quotes and '>' are no markup.
size_t special_end(std::string_view t, size_t at) {
  const std::string_view rest = t.substr(at);
  const std::string_view end = rest.starts_with("<!--")        ? "-->"
                               : rest.starts_with("<?")        ? "?>"
                               : rest.starts_with("<![CDATA[") ? "]]>"
                                                               : "";
  if (end.empty()) return std::string_view::npos;
  const size_t stop = t.find(end, at + 2);
  return stop == std::string_view::npos ? t.size() : stop + end.size();
}

// Counts the positions of a text as its numbers are met, holding none of them (a GPX track or
// a long flight's subtitles has millions): a latitude (longitude) joins the position being
// built unless it has one already, an altitude joins it whatever it holds. With `zero`, each
// number's digits are zeroed there as it is met (the scan goes on: a zero is a digit still).
class Positions {
 public:
  Positions(std::string_view t, char* zero) : t_(t), zero_(zero) {}

  // `fresh`: the number starts a position of its own (a GPX point's first attribute, a KML tuple).
  void add(Role role, Number n, bool fresh = false) {
    if (fresh || !open_ || (role == Role::lat && has_lat_) || (role == Role::lon && has_lon_)) close();
    open_ = true;
    const double v = std::strtod(std::string(t_.substr(n.begin, n.end - n.begin)).c_str(), nullptr);
    if (role == Role::lat) has_lat_ = true, lat_ = v;
    if (role == Role::lon) has_lon_ = true, lon_ = v;
    if (zero_)
      for (size_t i = n.begin; i < n.end; ++i)
        if (is_digit(zero_[i])) zero_[i] = '0';
  }
  // A number of `role` at `at`, if one starts there; where it ends.
  size_t add_at(Role role, size_t at, bool fresh = false) {
    const size_t end = number_end(t_, at);
    if (end != at) add(role, {at, end}, fresh);
    return end;
  }

  // The text of the address element `name` (KML's <address> and xAL <AddressDetails>, a Garmin
  // GPX waypoint's <gpxx:Address>) whose content starts at `begin`, to its own end tag: nested
  // elements' text and CDATA too, blanked with `zero` (markup, comments and processing
  // instructions stay); counted when it holds any. Returns where its end tag starts, or the end
  // of a file cut off before it.
  size_t address(size_t begin, std::string_view name) {
    constexpr size_t npos = std::string_view::npos;
    const auto named = [&](size_t at) {  // `name` at `at`, whole
      const size_t after = at + name.size();
      return t_.compare(at, name.size(), name) == 0 &&
             (after >= t_.size() || is_space(t_[after]) || t_[after] == '>' || t_[after] == '/');
    };
    bool any = false;
    int depth = 0;  // elements of the same name inside it
    for (size_t i = begin; i < t_.size(); ++i) {
      if (t_[i] != '<') {
        blank(i, i + 1, any);
        continue;
      }
      const std::string_view rest = t_.substr(i);
      if (rest.starts_with("<![CDATA[")) {
        const size_t stop = std::min(t_.find("]]>", i + 9), t_.size());
        blank(i + 9, stop, any);
        i = stop + 2;
        continue;
      }
      size_t end = special_end(t_, i);  // just past a comment or a processing instruction
      if (end == npos) {                  // or a tag
        const bool closing = rest.starts_with("</");
        if (closing && named(i + 2) && depth-- == 0) {
          count(any);
          return i;
        }
        const size_t close = closing ? t_.find('>', i) : tag_end(t_, i + 1);
        if (close == npos) break;  // cut off inside a tag
        if (!closing && t_[close - 1] != '/' && named(i + 1)) ++depth;
        end = close + 1;
      }
      i = end - 1;
    }
    count(any);
    return t_.size();
  }

  TextPositions done() {
    close();
    return found_;
  }

 private:
  // A position counts when it has both a latitude and a longitude, not both zero (a drone without
  // a fix writes zeros, and so does the cleaner); a latitude alone is no place ("[latitude: 12]" in
  // a film's dialogue).
  void close() {
    if (open_ && has_lat_ && has_lon_ && (lat_ != 0 || lon_ != 0)) {
      ++found_.positions;
      if (!found_.first && std::abs(lat_) <= 90 && std::abs(lon_) <= 180)
        found_.first = GeoPoint{lat_, lon_};
    }
    open_ = has_lat_ = has_lon_ = false;
    lat_ = lon_ = 0;
  }

  void blank(size_t begin, size_t end, bool& any) {
    for (size_t i = begin; i < end && i < t_.size(); ++i) {
      if (is_space(t_[i])) continue;
      any = true;
      if (zero_) zero_[i] = ' ';
    }
  }
  void count(bool any) { found_.addresses += any; }

  std::string_view t_;
  char* zero_;
  bool open_ = false, has_lat_ = false, has_lon_ = false;
  double lat_ = 0, lon_ = 0;  // 0 until the position has one
  TextPositions found_;
};

// DJI's subtitles: "[latitude: 48.858400] [longitude: 2.294500] [rel_alt: 1.2 abs_alt: 80.5]"
// (some models write "longtitude"), "GPS(2.2945,48.8584,80)" or "GPS (2.2945, 48.8584, 19)"
// (longitude first), and "HOME(2.2945,48.8584)", where the drone took off. The height above the
// take-off point (rel_alt, "H 5.2m") is no position and stays.
void subtitle_positions(std::string_view t, Positions& out) {
  for (size_t i = 0; i < t.size(); ++i) {
    if (!std::isalpha(static_cast<unsigned char>(t[i])) || (i > 0 && is_word(t[i - 1]))) continue;
    size_t e = i;
    while (e < t.size() && is_word(t[e])) ++e;
    const std::string word = util::to_lower_ascii(t.substr(i, e - i));
    i = e - 1;
    if (word == "gps" || word == "home") {
      size_t at = skip_spaces(t, e);
      if (at >= t.size() || t[at] != '(') continue;
      static constexpr Role kOrder[] = {Role::lon, Role::lat, Role::other, Role::other};
      for (size_t k = 0; k < 4 && at < t.size() && (t[at] == '(' || t[at] == ','); ++k) {
        const size_t from = skip_spaces(t, at + 1), end = out.add_at(kOrder[k], from, k == 0);
        if (end == from) break;
        at = skip_spaces(t, end);
      }
      continue;
    }
    const Role role = word == "latitude" || word == "lat"                                                  ? Role::lat
                      : word == "longitude" || word == "longtitude" || word == "lon" || word == "lng" ? Role::lon
                      : word == "abs_alt" || word == "altitude"                                      ? Role::other
                                                                                                     : Role::none;
    const size_t colon = skip_spaces(t, e);
    if (role != Role::none && colon < t.size() && (t[colon] == ':' || t[colon] == '='))
      i = out.add_at(role, skip_spaces(t, colon + 1)) - 1;
  }
}

std::string local_name(std::string_view qualified) {
  return util::to_lower_ascii(qualified.substr(qualified.find(':') + 1));
}

// A GPX point's lat and lon attributes (any element's: trkpt, wpt, rtept) and a GPX bounds'.
void attribute_positions(std::string_view t, size_t at, size_t end, Positions& out) {
  bool first = true;
  while (at < end) {
    while (at < end && is_space(t[at])) ++at;
    const size_t name = at;
    while (at < end && !is_space(t[at]) && t[at] != '=' && t[at] != '>' && t[at] != '/') ++at;
    const std::string local = local_name(t.substr(name, at - name));
    while (at < end && is_space(t[at])) ++at;
    if (at >= end || t[at] != '=') {
      at += at == name;  // a '/' or a stray character: go on
      continue;
    }
    ++at;
    while (at < end && is_space(t[at])) ++at;
    if (at >= end || (t[at] != '"' && t[at] != '\'')) continue;
    const size_t close = t.find(t[at], at + 1);
    if (close == std::string_view::npos || close > end) return;
    const Role role = local == "lat"                                                                  ? Role::lat
                      : local == "lon"                                                                ? Role::lon
                      : local == "minlat" || local == "maxlat" || local == "minlon" || local == "maxlon" ? Role::other
                                                                                                        : Role::none;
    if (role != Role::none) {
      size_t v = at + 1;
      while (v < close && is_space(t[v])) ++v;
      if (out.add_at(role, v, first) != v) first = false;
    }
    at = close + 1;
  }
}

// The numbers of an element's text: KML's <coordinates> holds tuples "lon,lat[,alt]" apart by
// spaces (some writers put spaces after the commas too), gx:coord one "lon lat alt", LookAt and
// Camera a <longitude> and a <latitude>; GPX's <ele> and KML's <altitude> and LatLonBox sides go
// with them.
void element_positions(std::string_view local, std::string_view t, size_t at, size_t end, Positions& out) {
  const bool tuples = local == "coordinates", coord = local == "coord";
  const bool side = local == "north" || local == "south" || local == "east" || local == "west";
  const Role role = local == "latitude"                          ? Role::lat
                    : local == "longitude"                       ? Role::lon
                    : local == "ele" || local == "altitude" || side ? Role::other
                                                                    : Role::none;
  if (!tuples && !coord && role == Role::none) return;
  size_t index = 0;                  // of the number in its tuple
  bool comma = false, any = false;  // a comma between it and the number before; a number before
  for (size_t i = at; i < end; ++i) {
    if (t[i] == ',') comma = true;
    if (is_word(t[i]) && !is_digit(t[i])) return;  // text, not coordinates
    if (i > at && (is_digit(t[i - 1]) || t[i - 1] == '.')) continue;
    const size_t stop = number_end(t, i);
    if (stop == i || stop > end) continue;
    index = any && (coord || comma) ? index + 1 : 0;
    any = true;
    comma = false;
    if (tuples || coord) out.add(index == 0 ? Role::lon : index == 1 ? Role::lat : Role::other, {i, stop}, index == 0);
    else out.add(role, {i, stop});
    i = stop - 1;
  }
}

void xml_positions(std::string_view t, Positions& out) {
  size_t i = 0, address_end = 0;  // the end of the address being walked through
  while ((i = t.find('<', i)) != std::string_view::npos) {
    if (const size_t stop = special_end(t, i); stop != std::string_view::npos) {
      i = stop;
      continue;
    }
    size_t e = i + 1;
    while (e < t.size() && !is_space(t[e]) && t[e] != '>' && t[e] != '/' && t[e] != '<') ++e;
    const size_t close = tag_end(t, e);
    if (close == std::string_view::npos) return;
    if (i + 1 < t.size() && std::isalpha(static_cast<unsigned char>(t[i + 1]))) {
      attribute_positions(t, e, close, out);
      if (t[close - 1] != '/') {
        const std::string_view name = t.substr(i + 1, e - i - 1);
        const std::string local = local_name(name);
        // The walk goes on inside an address for the positions its tags may hold.
        if ((local == "address" || local == "addressdetails") && i >= address_end)
          address_end = out.address(close + 1, name);
        const size_t text_end = std::min(t.find('<', close + 1), t.size());
        element_positions(local, t, close + 1, text_end, out);
      }
    }
    i = close + 1;
  }
}

// GeoJSON's "coordinates": a position is an innermost array of numbers, [lon, lat(, alt)].
void geojson_positions(std::string_view t, Positions& out) {
  static constexpr std::string_view kKey = "\"coordinates\"";
  for (size_t at = t.find(kKey); at != std::string_view::npos; at = t.find(kKey, at + 1)) {
    size_t i = at + kKey.size();
    while (i < t.size() && is_space(t[i])) ++i;
    if (i >= t.size() || t[i] != ':') continue;
    int depth = 0;
    size_t index = 0;  // of the number in its array
    for (++i; i < t.size(); ++i) {
      const char c = t[i];
      if (c == '[') ++depth, index = 0;
      else if (c == ']' && --depth <= 0) break;
      else if (depth == 0 && !is_space(c)) break;  // not an array
      else if (c == '-' || is_digit(c)) {
        static constexpr Role kOrder[] = {Role::lon, Role::lat};
        const size_t stop = number_end(t, i);
        if (stop == i) continue;
        out.add(index < 2 ? kOrder[index] : Role::other, {i, stop}, index == 0);
        ++index;
        i = stop - 1;
      }
    }
  }
}

TextPositions positions_of(std::string_view text, TrackText kind, char* zero) {
  Positions out(text, zero);
  switch (kind) {
    case TrackText::subtitles: subtitle_positions(text, out); break;
    case TrackText::xml: xml_positions(text, out); break;
    case TrackText::geojson: geojson_positions(text, out); break;
  }
  return out.done();
}

}  // namespace

std::optional<TrackText> track_text_of(std::string_view path) {
  const std::string name = util::to_lower_ascii(path.substr(path.find_last_of('/') + 1));
  const auto ends = [&](std::string_view ext) { return name.size() > ext.size() && name.ends_with(ext); };
  if (ends(".srt")) return TrackText::subtitles;
  if (ends(".gpx") || ends(".kml")) return TrackText::xml;
  if (ends(".geojson")) return TrackText::geojson;
  return std::nullopt;
}

TextPositions find_positions(std::string_view text, TrackText kind) { return positions_of(text, kind, nullptr); }

int zero_positions(char* text, size_t size, TrackText kind) {
  return positions_of(std::string_view(text, size), kind, text).positions;
}

int clean_track_in_place(std::string& text, TrackText kind) {
  if (kind == TrackText::geojson) {
    // The JSON cleaner: its numbers become 0 (still valid JSON), and a place or an address in
    // the properties goes too. A file that is no valid JSON, which it refuses, has the digits
    // of its coordinates zeroed where they stand; what else it holds cannot be told, so it is
    // never verified clean (track_positions_left).
    const SidecarClean cleaned = clean_sidecar_in_place(text);
    if (!cleaned.error) return cleaned.fields;
    // Left byte for byte without a whole position: the caller takes 0 for "unchanged".
    const int positions = find_positions(text, kind).positions;
    if (positions) positions_of(text, kind, text.data());  // its numbers no longer JSON's: it is none
    return positions;
  }
  // A file without a position or an address (a film's subtitles) is left as it is, byte for byte.
  const TextPositions found = find_positions(text, kind);
  if (found.positions + found.addresses == 0) return 0;
  zero_positions(text.data(), text.size(), kind);
  return found.positions + found.addresses;
}

bool track_positions_left(std::string_view text, TrackText kind) {
  const TextPositions left = find_positions(text, kind);
  if (left.positions + left.addresses > 0) return true;
  if (kind != TrackText::geojson) return false;
  const SidecarClean json = clean_sidecar(text);
  return json.fields > 0 || json.error.has_value();
}

}  // namespace mediascan
