// Snapchat "My Data": json/memories_history.json lists saved memories with their date, type,
// location ("Latitude, Longitude: 52.37, 4.89") and a download link carrying the media id.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "scanner/ingest/sidecars.h"
#include "scanner/util/text.h"
#include "scanner/util/time.h"

namespace mediascan {
namespace {

using nlohmann::json;

std::string string_at(const json& obj, const char* key) {
  const auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string query_param(const std::string& url, const std::string& name) {
  for (const char sep : {'?', '&'}) {
    const auto at = url.find(sep + name + "=");
    if (at == std::string::npos) continue;
    const auto start = at + name.size() + 2;
    return url.substr(start, url.find('&', start) - start);
  }
  return {};
}

}  // namespace

bool parse_snapchat_json(const std::string& path, const json& doc, SidecarIndex& out) {
  if (!doc.is_object()) return false;
  const auto saved = doc.find("Saved Media");
  if (saved == doc.end() || !saved->is_array()) return false;
  for (const json& m : *saved) {
    if (!m.is_object()) continue;
    SnapMemory s;
    s.context.sidecars.push_back(path);
    const std::string date = string_at(m, "Date");
    if (auto t = util::parse_date_time_utc(date)) s.context.taken = util::iso8601_utc(*t);
    s.date = date.substr(0, 10);
    s.video = util::to_lower_ascii(string_at(m, "Media Type")) == "video";
    std::string link = string_at(m, "Download Link");
    if (link.empty()) link = string_at(m, "Media Download Url");
    s.mid = util::to_lower_ascii(query_param(link, "mid"));
    const std::string loc = string_at(m, "Location");
    if (const auto colon = loc.find(':'); colon != std::string::npos) {
      double lat = 0, lon = 0;
      if (std::sscanf(loc.c_str() + colon + 1, " %lf , %lf", &lat, &lon) == 2)
        add_geo(s.context, lat, lon, path, "Location");
    }
    out.snaps.push_back(std::move(s));
  }
  out.evidence["snapchat"] += 1 + int(saved->size());
  return true;
}

}  // namespace mediascan
