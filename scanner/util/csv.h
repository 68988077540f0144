// RFC 4180 CSV: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF.
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mediascan::util {
using CsvRow = std::vector<std::string>;
// Parses the whole text; a trailing newline does not add an empty row.
std::vector<CsvRow> parse_csv(std::string_view text);
}  // namespace mediascan::util
