#include "scanner/ingest/entry_path.h"

#include "scanner/util/text.h"

namespace mediascan {

std::optional<std::string> unsafe_entry_name(std::string_view name) {
  if (name.empty()) return "empty entry name";
  if (name.front() == '/' || name.front() == '\\') return "absolute path";
  if (name.size() >= 2 && name[1] == ':' &&
      ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z')))
    return "drive-qualified path";
  std::string unified(name);
  for (char& c : unified)
    if (c == '\\') c = '/';
  for (const std::string& part : util::split(unified, '/'))
    if (part == "..") return "path traversal (\"..\")";
  return std::nullopt;
}

std::string_view base_name(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view dir_name(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

}  // namespace mediascan
