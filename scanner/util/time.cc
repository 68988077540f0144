#include "scanner/util/time.h"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace mediascan::util {
namespace {

std::optional<int64_t> from_civil(int y, unsigned mo, unsigned d, int h, int mi, int s) {
  using namespace std::chrono;
  const year_month_day ymd{year{y}, month{mo}, day{d}};
  if (!ymd.ok() || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return std::nullopt;
  return int64_t(sys_days(ymd).time_since_epoch().count()) * 86400 + h * 3600 + mi * 60 + s;
}

}  // namespace

std::string now_iso8601_utc() {
  using namespace std::chrono;
  return iso8601_utc(duration_cast<seconds>(system_clock::now().time_since_epoch()).count());
}

std::string iso8601_utc(int64_t t) {
  using namespace std::chrono;
  if (t <= 0 || t > 253402300799) return {};
  const sys_days day{days{t / 86400}};
  const year_month_day ymd{day};
  const int64_t rem = t % 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(rem / 3600),
                int(rem / 60 % 60), int(rem % 60));
  return buf;
}

std::optional<int64_t> parse_unix_seconds(std::string_view s) {
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<int64_t> parse_twitter_time(std::string_view s) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char wd[4] = {}, mon[4] = {}, sign = '+';
  int d = 0, h = 0, mi = 0, sec = 0, off = 0, y = 0;
  const std::string str(s);
  if (std::sscanf(str.c_str(), "%3s %3s %d %d:%d:%d %c%4d %d", wd, mon, &d, &h, &mi, &sec, &sign,
                  &off, &y) != 9)
    return std::nullopt;
  for (unsigned m = 0; m < 12; ++m) {
    if (std::string_view(mon) != kMonths[m]) continue;
    auto t = from_civil(y, m + 1, unsigned(d), h, mi, sec);
    if (!t) return std::nullopt;
    const int offset = (off / 100) * 3600 + (off % 100) * 60;
    return *t - (sign == '-' ? -offset : offset);
  }
  return std::nullopt;
}

std::optional<int64_t> parse_date_time_utc(std::string_view s) {
  int y = 0, h = 0, mi = 0, sec = 0;
  unsigned mo = 0, d = 0;
  char sep = 0;
  const std::string str(s);
  if (std::sscanf(str.c_str(), "%4d-%2u-%2u%c%2d:%2d:%2d", &y, &mo, &d, &sep, &h, &mi, &sec) != 7 ||
      (sep != ' ' && sep != 'T'))
    return std::nullopt;
  const auto utc = from_civil(y, mo, d, h, mi, sec);
  // An offset after the time ("+02:00", "-0500", after any fraction of a second): the time is
  // local to it. "Z", " UTC" and nothing are UTC.
  size_t at = 19;
  if (at < s.size() && s[at] == '.')
    for (++at; at < s.size() && s[at] >= '0' && s[at] <= '9';) ++at;
  if (!utc || at >= s.size() || (s[at] != '+' && s[at] != '-')) return utc;
  int oh = 0, om = 0;
  const std::string offset(s.substr(at + 1));
  if (std::sscanf(offset.c_str(), "%2d:%2d", &oh, &om) != 2 && std::sscanf(offset.c_str(), "%2d%2d", &oh, &om) != 2)
    return utc;
  const int64_t shift = (int64_t(oh) * 60 + om) * 60;
  return s[at] == '+' ? *utc - shift : *utc + shift;
}

}  // namespace mediascan::util
