// The elements of a JSON array, found without building its document: a 100 MB posts file
// parsed whole becomes a document of about a gigabyte; parsed one element at a time it takes
// the size of its largest element. The elements are handed over one by one, not listed: a
// posts file of millions of tiny elements ("{}," is three bytes) would make a list of views
// five times the file's size.
//
// Thread-safety: pure functions.
#pragma once

#include <functional>
#include <string_view>

#include "scanner/util/file_bytes.h"

namespace mediascan::util {

// Whether the top level of `json` is an array (an object): its first character past a UTF-8
// byte order mark and spaces is '[' ('{').
bool json_is_array(std::string_view json);
bool json_is_object(std::string_view json);

enum class JsonSplit {
  wrong_kind,  // the top level is no array (no object)
  malformed,   // an array (an object), but its separators or brackets are wrong, or `fn` refused
               // a part of it
  done,        // every element (member) went to `fn`
};

// Calls `fn` with a view into `json` of each element of its top-level array, in order, until
// `fn` returns false. The split follows strings and nesting and checks what lies between the
// elements (one comma, spaces, the closing bracket, nothing after it); what lies inside an
// element is for `fn` to check.
JsonSplit json_array_each(std::string_view json, const std::function<bool(std::string_view)>& fn);

// The same for an array in a file, from byte `at` (X's tweets.js past its `window.YTD.… =`), read
// a piece at a time: only the element at hand is held. The text ends at the file's first NUL
// byte, as it does for the JSON parser (so a file padded with NULs reads as its text does). An
// element of more than `max_element` bytes is `malformed`. Throws ReadError when the file cannot
// be read.
JsonSplit json_array_each(const FileBytes& file, uint64_t at, size_t max_element,
                          const std::function<bool(std::string_view)>& fn);

// The same for the members of a top-level object: `fn` gets each member's key as it is written
// (a JSON string, quotes and escapes included) and a view of its value. `wrong_kind` when the top
// level is no object.
JsonSplit json_object_each(std::string_view json,
                            const std::function<bool(std::string_view key, std::string_view value)>& fn);

}  // namespace mediascan::util
