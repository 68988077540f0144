// A big JSON object read member by member: the small members parsed into a document, the big
// arrays and objects left as text for the caller to read part by part (util::json_array_each),
// so that no document of the whole is built (it takes five to ten times the text).
//
// Thread-safety: a pure function.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace mediascan {

struct ShallowObject {
  // Every member, parsed, except the arrays and objects of more than `whole_bytes`, which
  // stand as an empty array or object (so that asking whether the member is there still works).
  nlohmann::json doc = nlohmann::json::object();
  std::map<std::string, std::string_view> members;  // each member's text by key; a key given twice: the last
  std::set<std::string> split;                      // the members standing empty in `doc`
};

// REQUIRES: `object` is a valid JSON object. Members for which `keep_whole` says yes are parsed
// whatever their size; with `wanted`, the members it says no to are left out altogether.
ShallowObject shallow_object(std::string_view object, size_t whole_bytes,
                             const std::function<bool(const std::string& key)>& keep_whole = {},
                             const std::function<bool(const std::string& key)>& wanted = {});

}  // namespace mediascan
