// One CSV row per finding, with its item's path, level and action, for spreadsheets and scripts. Cells a spreadsheet would run as a formula are prefixed with '.
#pragma once

#include <filesystem>

#include "scanner/report/json_report.h"

namespace mediascan {
// Writes atomically with mode 0600. Throws std::runtime_error when it cannot be written.
void write_csv_report(const RunResult& result, const std::filesystem::path& path);
}  // namespace mediascan
