#include "scanner/util/json_split.h"

namespace mediascan::util {
namespace {

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::optional<std::vector<std::string_view>> json_array_elements(std::string_view json) {
  size_t i = 0;
  // A UTF-8 byte order mark is not JSON, but nlohmann accepts one and so do we.
  if (json.starts_with("\xEF\xBB\xBF")) i = 3;
  while (i < json.size() && space(json[i])) ++i;
  if (i == json.size() || json[i] != '[') return std::nullopt;
  ++i;
  std::vector<std::string_view> elements;
  size_t start = std::string_view::npos;  // of the element being read
  int depth = 0;                          // inside the element
  for (; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '"') {
      if (start == std::string_view::npos) start = i;
      for (++i; i < json.size() && json[i] != '"'; ++i)
        if (json[i] == '\\') ++i;
      continue;
    }
    if (space(c)) continue;
    if (depth == 0 && (c == ',' || c == ']')) {
      if (start != std::string_view::npos) {
        size_t end = i;
        while (end > start && space(json[end - 1])) --end;
        elements.push_back(json.substr(start, end - start));
        start = std::string_view::npos;
      }
      if (c == ']') break;
      continue;
    }
    if (start == std::string_view::npos) start = i;
    if (c == '[' || c == '{') ++depth;
    else if (c == ']' || c == '}') --depth;
  }
  return elements;
}

}  // namespace mediascan::util
