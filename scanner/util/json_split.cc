#include "scanner/util/json_split.h"

namespace mediascan::util {
namespace {

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Where the top-level array's content starts (past its '['), or npos when it is no array.
size_t array_start(std::string_view json) {
  size_t i = 0;
  // A UTF-8 byte order mark is not JSON, but nlohmann accepts one and so do we.
  if (json.starts_with("\xEF\xBB\xBF")) i = 3;
  while (i < json.size() && space(json[i])) ++i;
  return i < json.size() && json[i] == '[' ? i + 1 : std::string_view::npos;
}

}  // namespace

bool json_is_array(std::string_view json) { return array_start(json) != std::string_view::npos; }

ArraySplit json_array_each(std::string_view json, const std::function<bool(std::string_view)>& fn) {
  size_t i = array_start(json);
  if (i == std::string_view::npos) return ArraySplit::not_array;
  auto skip_spaces = [&] {
    while (i < json.size() && space(json[i])) ++i;
  };
  skip_spaces();
  if (i < json.size() && json[i] == ']') {
    ++i;
  } else {
    while (true) {
      // An element: up to the ',' or ']' outside its strings and brackets.
      skip_spaces();
      if (i == json.size() || json[i] == ',' || json[i] == ']') return ArraySplit::malformed;
      const size_t start = i;
      int depth = 0;
      for (; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '"') {
          for (++i; i < json.size() && json[i] != '"'; ++i)
            if (json[i] == '\\') ++i;
          if (i >= json.size()) return ArraySplit::malformed;
        } else if (depth == 0 && (c == ',' || c == ']')) {
          break;
        } else if (c == '[' || c == '{') {
          ++depth;
        } else if (c == ']' || c == '}') {
          --depth;
        }
      }
      if (i == json.size()) return ArraySplit::malformed;
      size_t end = i;
      while (end > start && space(json[end - 1])) --end;
      if (!fn(json.substr(start, end - start))) return ArraySplit::malformed;
      if (json[i++] == ']') break;
    }
  }
  skip_spaces();
  return i == json.size() ? ArraySplit::done : ArraySplit::malformed;
}

}  // namespace mediascan::util
