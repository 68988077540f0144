// The elements of a JSON array, found without building its document: a 100 MB posts file
// parsed whole becomes a document of about a gigabyte; parsed one element at a time it takes
// the size of its largest element.
//
// Thread-safety: a pure function.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace mediascan::util {

// Views into `json` of each element of its top-level array, in order; nullopt when its top
// level is not an array. REQUIRES: `json` is valid JSON (e.g. nlohmann::json::accept): the
// split follows strings and nesting only and does not check anything else.
std::optional<std::vector<std::string_view>> json_array_elements(std::string_view json);

}  // namespace mediascan::util
