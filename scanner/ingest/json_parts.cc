#include "scanner/ingest/json_parts.h"

#include "scanner/util/json_split.h"

namespace mediascan {

using nlohmann::json;

ShallowObject shallow_object(std::string_view object, size_t whole_bytes,
                             const std::function<bool(const std::string& key)>& keep_whole,
                             const std::function<bool(const std::string& key)>& wanted) {
  ShallowObject out;
  util::json_object_each(object, [&](std::string_view key, std::string_view value) {
    std::string name = json::parse(key.begin(), key.end()).get<std::string>();
    if (!wanted || wanted(name)) out.members[std::move(name)] = value;  // the last wins, as parse() has it
    return true;
  });
  for (const auto& [key, value] : out.members) {
    const bool array = util::json_is_array(value), container = array || util::json_is_object(value);
    if (!container || value.size() <= whole_bytes || (keep_whole && keep_whole(key))) {
      out.doc[key] = json::parse(value.begin(), value.end());
    } else {
      out.doc[key] = array ? json::array() : json::object();
      out.split.insert(key);
    }
  }
  return out;
}

}  // namespace mediascan
