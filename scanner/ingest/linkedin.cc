// LinkedIn "Get a copy of your data": CSV files (Profile.csv, Connections.csv, Shares.csv, ...).
// They carry no media to join; recognising them names the layout. Posts are read as text by the
// text stage.
#include "scanner/ingest/entry_path.h"
#include "scanner/ingest/sidecars.h"
#include "scanner/util/csv.h"
#include "scanner/util/text.h"

namespace mediascan {

bool parse_linkedin_csv(const std::string& path, std::string_view text, SidecarIndex& out) {
  static constexpr std::string_view kFiles[] = {
      "profile.csv", "connections.csv", "shares.csv", "rich_media.csv", "positions.csv",
      "education.csv", "skills.csv", "comments.csv", "reactions.csv", "invitations.csv"};
  const std::string name = util::to_lower_ascii(base_name(path));
  bool known = false;
  for (std::string_view f : kFiles) known = known || name == f;
  if (!known) return false;
  // A file LinkedIn wrote has a header row (Connections.csv starts with a "Notes:" preamble).
  const auto rows = util::parse_csv(text.substr(0, 64 * 1024));
  if (rows.empty()) return false;
  out.evidence["linkedin"] += 1;
  return true;
}

}  // namespace mediascan
