#include "scanner/util/json_split.h"

namespace mediascan::util {
namespace {

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Where the top-level value's content starts (past its `open`), or npos when it is something else.
size_t content_start(std::string_view json, char open) {
  size_t i = 0;
  // A UTF-8 byte order mark is not JSON, but nlohmann accepts one and so do we.
  if (json.starts_with("\xEF\xBB\xBF")) i = 3;
  while (i < json.size() && space(json[i])) ++i;
  return i < json.size() && json[i] == open ? i + 1 : std::string_view::npos;
}

// The end of the value starting at `i`: the ',' or `close` outside its strings and brackets, or
// npos when the text ends first.
size_t value_end(std::string_view json, size_t i, char close) {
  int depth = 0;
  for (; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '"') {
      for (++i; i < json.size() && json[i] != '"'; ++i)
        if (json[i] == '\\') ++i;
      if (i >= json.size()) return std::string_view::npos;
    } else if (depth == 0 && (c == ',' || c == close)) {
      return i;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string_view::npos;
}

// Splits the array or object whose content starts at `i` into its parts, each up to a ',' or
// `close`, handing each (spaces around it trimmed) to `part`.
JsonSplit split(std::string_view json, size_t i, char close, const std::function<bool(std::string_view)>& part) {
  if (i == std::string_view::npos) return JsonSplit::wrong_kind;
  auto skip_spaces = [&] {
    while (i < json.size() && space(json[i])) ++i;
  };
  skip_spaces();
  if (i < json.size() && json[i] == close) {
    ++i;
  } else {
    while (true) {
      skip_spaces();
      if (i == json.size() || json[i] == ',' || json[i] == close) return JsonSplit::malformed;
      const size_t start = i;
      i = value_end(json, i, close);
      if (i == std::string_view::npos) return JsonSplit::malformed;
      size_t end = i;
      while (end > start && space(json[end - 1])) --end;
      if (!part(json.substr(start, end - start))) return JsonSplit::malformed;
      if (json[i++] == close) break;
    }
  }
  skip_spaces();
  return i == json.size() ? JsonSplit::done : JsonSplit::malformed;
}

}  // namespace

bool json_is_array(std::string_view json) { return content_start(json, '[') != std::string_view::npos; }
bool json_is_object(std::string_view json) { return content_start(json, '{') != std::string_view::npos; }

JsonSplit json_array_each(std::string_view json, const std::function<bool(std::string_view)>& fn) {
  return split(json, content_start(json, '['), ']', fn);
}

JsonSplit json_array_each(const FileBytes& file, uint64_t at, size_t max_element,
                          const std::function<bool(std::string_view)>& fn) {
  FileWindow w(file);
  uint64_t i = at;
  // The text ends at the end of the file or at its first NUL byte, where the JSON parser stops
  // reading a text (json_syntax_error).
  const auto ended = [&] { return !w.have(i) || w.at(i) == '\0'; };
  const auto skip_spaces = [&] {
    for (; !ended() && space(w.at(i)); ++i) w.mark(i);
  };
  if (w.have(i + 2) && w.view(i, i + 3) == "\xEF\xBB\xBF") i += 3;
  skip_spaces();
  if (ended() || w.at(i) != '[') return JsonSplit::wrong_kind;
  ++i;
  skip_spaces();
  if (!ended() && w.at(i) == ']') {
    ++i;
  } else {
    while (true) {
      skip_spaces();
      w.mark(i);
      if (ended() || w.at(i) == ',' || w.at(i) == ']') return JsonSplit::malformed;
      // The element's end: the ',' or ']' outside its strings and brackets (value_end above).
      const uint64_t start = i;
      int depth = 0;
      bool in_string = false;
      for (;; ++i) {
        if (i - start > max_element || ended()) return JsonSplit::malformed;
        const char c = w.at(i);
        if (in_string) {
          if (c == '\\') ++i;
          else if (c == '"') in_string = false;
        } else if (c == '"') {
          in_string = true;
        } else if (depth == 0 && (c == ',' || c == ']')) {
          break;
        } else if (c == '[' || c == '{') {
          ++depth;
        } else if (c == ']' || c == '}') {
          --depth;
        }
      }
      uint64_t end = i;
      while (end > start && space(w.at(end - 1))) --end;
      if (!fn(w.view(start, end))) return JsonSplit::malformed;
      if (w.at(i++) == ']') break;
    }
  }
  skip_spaces();
  return ended() ? JsonSplit::done : JsonSplit::malformed;
}

JsonSplit json_object_each(std::string_view json,
                            const std::function<bool(std::string_view key, std::string_view value)>& fn) {
  return split(json, content_start(json, '{'), '}', [&](std::string_view member) {
    // "key" : value, the key a string (its end found as value_end finds strings).
    if (member.empty() || member[0] != '"') return false;
    size_t i = 1;
    for (; i < member.size() && member[i] != '"'; ++i)
      if (member[i] == '\\') ++i;
    if (i >= member.size()) return false;
    const std::string_view key = member.substr(0, i + 1);
    for (++i; i < member.size() && space(member[i]); ++i) {
    }
    if (i == member.size() || member[i] != ':') return false;
    for (++i; i < member.size() && space(member[i]); ++i) {
    }
    return i < member.size() && fn(key, member.substr(i));
  });
}

}  // namespace mediascan::util
