// LinkedIn "Get a copy of your data": CSV files (Profile.csv, Connections.csv, Shares.csv, ...).
// They carry no media to join; recognising them names the layout. Shares.csv (posts),
// Comments.csv and Rich_Media.csv (what was said of each photo or video uploaded) become text
// posts: LinkedIn's media are links, not files in the export.
#include <cstdio>

#include "scanner/ingest/entry_path.h"
#include "scanner/ingest/sidecars.h"
#include "scanner/util/csv.h"
#include "scanner/util/text.h"
#include "scanner/util/time.h"

namespace mediascan {
namespace {

// "You uploaded a feed photo on June 1, 2024 at 8:00 PM (GMT)", Rich_Media.csv's "Date/Time".
std::optional<int64_t> rich_media_time(std::string_view s) {
  static constexpr std::string_view kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                                 "July",    "August",   "September", "October", "November", "December"};
  const size_t on = s.find(" on ");
  if (on == std::string_view::npos) return std::nullopt;
  char month[16] = {}, half[3] = {};
  int d = 0, y = 0, h = 0, mi = 0;
  if (std::sscanf(std::string(s.substr(on + 4)).c_str(), "%15s %d, %d at %d:%d %2s", month, &d, &y, &h, &mi, half) != 6)
    return std::nullopt;
  for (size_t m = 0; m < 12; ++m)
    if (kMonths[m] == month && h >= 1 && h <= 12) {
      const int h24 = h % 12 + (half == std::string_view("PM") ? 12 : 0);
      char iso[40];
      std::snprintf(iso, sizeof iso, "%04d-%02zu-%02d %02d:%02d:00", y, m + 1, d, h24, mi);
      return util::parse_date_time_utc(iso);
    }
  return std::nullopt;
}

// Posts ("ShareCommentary"), comments ("Message") and the descriptions of uploaded photos and
// videos (Rich_Media.csv's "Media Description") with their date and link, by header name.
void read_texts(const std::string& path, const std::vector<util::CsvRow>& rows, SidecarIndex& out) {
  // The header is the first row of several cells: LinkedIn puts a "Notes:" preamble of one-cell
  // lines before it in some files.
  size_t first = 0;
  while (first < rows.size() && rows[first].size() < 2) ++first;
  if (first == rows.size()) return;
  const util::CsvRow& header = rows[first];
  auto column = [&](std::string_view name) -> std::optional<size_t> {
    for (size_t i = 0; i < header.size(); ++i)
      if (util::iequals_ascii(util::trim(header[i]), name)) return i;
    return std::nullopt;
  };
  const auto text = column("ShareCommentary") ? column("ShareCommentary")
                    : column("Message")       ? column("Message")
                                              : column("Media Description");
  if (!text) return;
  const std::string kind = column("ShareCommentary") ? "share" : column("Message") ? "comment" : "media";
  const auto date = column("Date") ? column("Date") : column("Date/Time");
  const auto link = column("ShareLink") ? column("ShareLink") : column("Link") ? column("Link") : column("Media Link");
  for (size_t r = first + 1; r < rows.size(); ++r) {
    const util::CsvRow& row = rows[r];
    auto cell = [&](std::optional<size_t> c) { return c && *c < row.size() ? row[*c] : std::string(); };
    const std::string body(util::trim(cell(text)));
    if (body.empty()) continue;
    TextPost post;
    post.sidecar = path;
    post.pointer = "/" + std::to_string(r - first - 1);
    post.context.caption = body;
    post.context.text_kind = kind;
    auto when = util::parse_date_time_utc(cell(date));
    if (!when) when = rich_media_time(cell(date));
    if (when) post.context.taken = post.context.uploaded = util::iso8601_utc(*when);
    if (const std::string url = cell(link); url.starts_with("https://")) post.context.platform_url = url;
    post.context.sidecars.push_back(path);
    out.posts.push_back(std::move(post));
  }
}

}  // namespace

bool parse_linkedin_csv(const std::string& path, std::string_view text, SidecarIndex& out) {
  static constexpr std::string_view kFiles[] = {
      "profile.csv", "connections.csv", "shares.csv", "rich_media.csv", "positions.csv",
      "education.csv", "skills.csv", "comments.csv", "reactions.csv", "invitations.csv"};
  const std::string name = util::to_lower_ascii(base_name(path));
  bool known = false;
  for (std::string_view f : kFiles) known = known || name == f;
  if (!known) return false;
  // A file LinkedIn wrote has a header row (Connections.csv starts with a "Notes:" preamble).
  if (util::parse_csv(text.substr(0, 64 * 1024)).empty()) return false;
  out.evidence["linkedin"] += 1;
  if (name == "shares.csv" || name == "comments.csv" || name == "rich_media.csv")
    if (const auto rows = util::parse_csv(text); !rows.empty()) read_texts(path, rows, out);
  return true;
}

}  // namespace mediascan
