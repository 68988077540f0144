#include <array>

#include "scanner/ingest/ingest.h"
#include "scanner/util/text.h"

namespace mediascan {
namespace {

// Path fragments each platform's export is known by, matched at the start of a path component
// (null: no more). The HTML pages are those of an export downloaded in HTML format.
struct Signature {
  const char* layout;
  std::array<const char*, 7> fragments;
};
constexpr Signature kSignatures[] = {
    {"facebook", {"your_facebook_activity/", "photos_and_videos/", "posts/your_posts",
                  "profile_information/profile_information.json", "your_activity_across_facebook/",
                  "html/timeline.htm"}},
    {"instagram", {"your_instagram_activity/", "content/posts_1.json", "media/posts/",
                   "personal_information/personal_information.json", "content/stories.json",
                   "content/posts_1.html", "content/stories.html"}},
    {"google_takeout", {"takeout/google photos/", "takeout/google fotos/", "takeout/google foto/",
                        "takeout/archive_browser.html", "google photos/"}},
    {"twitter", {"data/tweets.js", "data/tweet.js", "data/manifest.js", "data/tweets_media/",
                 "data/account.js"}},
    {"snapchat", {"memories_history.json", "json/account.json", "json/snap_history.json",
                  "memories/", "json/user_profile.json", "html/memories_history.html"}},
    {"linkedin", {"connections.csv", "profile.csv", "shares.csv", "rich_media.csv",
                  "positions.csv"}},
};

}  // namespace

bool has_component_prefix(std::string_view path, std::string_view fragment) {
  for (size_t at = path.find(fragment); at != std::string_view::npos; at = path.find(fragment, at + 1))
    if (at == 0 || path[at - 1] == '/') return true;
  return false;
}

std::string detect_layout(const std::vector<IndexedEntry>& entries, const SidecarIndex& sidecars) {
  std::map<std::string, int> score;
  for (const auto& [layout, n] : sidecars.evidence) score[layout] += 2 * n;
  for (const IndexedEntry& e : entries) {
    const std::string path = util::to_lower_ascii(e.path);
    for (const Signature& s : kSignatures)
      for (const char* f : s.fragments)
        if (f && has_component_prefix(path, f)) {
          ++score[s.layout];
          break;
        }
  }
  std::string best = "generic";
  int best_score = 0;
  for (const Signature& s : kSignatures)  // fixed order breaks ties deterministically
    if (score[s.layout] > best_score) {
      best = s.layout;
      best_score = score[s.layout];
    }
  return best;
}

}  // namespace mediascan
