// The sidecar names fuzz_sidecar's first input byte picks from (byte % count), one or more per
// parser: Takeout, Facebook, Instagram, Snapchat, X/Twitter, LinkedIn. Shared with the
// regression test and read by make_seeds.py, which writes each seed's selector byte.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mediascan::fuzz {

inline constexpr const char* kSidecarNames[] = {
    "Takeout/Google Photos/Trip 2019/IMG_0001.jpg.json",
    "Takeout/Google Photos/Trip 2019/IMG_0001.jpg.supplemental-metadata.json",
    "Takeout/Google Photos/Trip 2019/metadata.json",
    "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
    "your_facebook_activity/posts/album/0.json",
    "your_facebook_activity/groups/group_posts_and_comments.json",
    "your_instagram_activity/content/posts_1.json",
    "json/memories_history.json",
    "data/tweets.js",
    "Shares.csv",
    "Comments.csv",
    "Connections.csv",
};
inline constexpr size_t kSidecarNameCount = sizeof kSidecarNames / sizeof kSidecarNames[0];

inline const char* sidecar_name(uint8_t selector) { return kSidecarNames[selector % kSidecarNameCount]; }

}  // namespace mediascan::fuzz
