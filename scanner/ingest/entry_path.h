// Names of archive entries are attacker-controlled. They are never used as file-system paths;
// this decides which ones are refused and how the rest are written in the report.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mediascan {

// Why `name` is unsafe (absolute, drive-qualified, UNC, `..` component, empty), or nullopt.
// Backslashes count as separators: Windows tools would treat them so.
std::optional<std::string> unsafe_entry_name(std::string_view name);

// A zip entry's name from its bytes: as they are when they are valid UTF-8, else decoded as
// CP437, the code page of zips written without the UTF-8 flag (Windows' "Compressed folder"), as
// Windows Explorer and Python's zipfile read them. Replacing the invalid bytes instead made
// "Jörg.jpg" and "Jürg.jpg" one name.
std::string zip_name_to_utf8(std::string_view raw);

// Last component of a "/"-separated path.
std::string_view base_name(std::string_view path);
// Everything before the last "/", or "" at the top.
std::string_view dir_name(std::string_view path);

}  // namespace mediascan
