// The report a person acts on: one self-contained HTML file (inline CSS and JS, previews as
// data: URIs, a Content-Security-Policy that forbids every request), readable with JavaScript
// off; filters and search are a progressive extra. Everything from the export is escaped for
// the exact context it lands in. Written with mode 0600: it shows private photos.
//
// Thread-safety: called once by the writer at the end of the run.
#pragma once

#include <filesystem>

#include "scanner/report/json_report.h"

namespace mediascan {

// Writes the report atomically. Throws std::runtime_error when it cannot be written.
void write_html_report(const RunResult& result, const std::filesystem::path& path);

// The start of a self-contained page, up to and including <body>: a Content-Security-Policy that
// forbids every request but inline style and script carrying `nonce`, and the report's style
// (plus `extra_style`).
struct HtmlHead {
  std::string nonce;  // fresh for each page
  std::string html;
};
HtmlHead html_head(std::string_view title, std::string_view extra_style = {});

// Escapes text for HTML element content and quoted attribute values (also makes it valid
// UTF-8 and drops control characters other than newline and tab).
std::string html_escape(std::string_view text);

// JSON text made safe inside <script type="application/json">: <, >, & and U+2028/U+2029
// become \\u escapes, so no "</script>" or "<!--" can appear.
std::string script_safe_json(std::string_view json);

}  // namespace mediascan
