// Timestamps as ISO-8601 UTC strings. Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mediascan::util {

// "2019-05-12T14:03:22Z"; empty for values outside 1970..9999 (a zero or garbage timestamp).
std::string iso8601_utc(int64_t unix_seconds);
// The current time, so.
std::string now_iso8601_utc();
// Parses an integer number of seconds from a JSON-ish string ("1557669802").
std::optional<int64_t> parse_unix_seconds(std::string_view s);
// X/Twitter: "Wed Oct 10 20:19:24 +0000 2018".
std::optional<int64_t> parse_twitter_time(std::string_view s);
// "2022-06-30 20:11:12 UTC" and "2022-06-30T20:11:12Z" (Snapchat, LinkedIn), and with an offset,
// "2019-01-05T20:11:12+01:00" (Instagram before 2020).
std::optional<int64_t> parse_date_time_utc(std::string_view s);

}  // namespace mediascan::util
