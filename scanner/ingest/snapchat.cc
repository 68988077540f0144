// Snapchat "My Data": json/memories_history.json lists saved memories with their date, type,
// location ("Latitude, Longitude: 52.37, 4.89") and a download link carrying the media id.
#include <cstdio>
#include <optional>

#include <nlohmann/json.hpp>

#include "scanner/ingest/sidecars.h"
#include "scanner/util/json_split.h"
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

void read_memory(const json& m, const std::string& path, SidecarIndex& out) {
  if (!m.is_object()) return;
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

}  // namespace

bool parse_snapchat_json(const std::string& path, const json& doc, SidecarIndex& out) {
  if (!doc.is_object()) return false;
  const auto saved = doc.find("Saved Media");
  if (saved == doc.end() || !saved->is_array()) return false;
  for (const json& m : *saved) read_memory(m, path, out);
  out.evidence["snapchat"] += 1 + int(saved->size());
  return true;
}

bool parse_snapchat_json_text(const std::string& path, std::string_view text, SidecarIndex& out) {
  std::optional<std::string_view> saved;  // a key given twice: the last, as parse() keeps
  util::json_object_each(text, [&](std::string_view key, std::string_view value) {
    if (json::parse(key.begin(), key.end()) == "Saved Media") saved = value;
    return true;
  });
  if (!saved || !util::json_is_array(*saved)) return false;
  int count = 0;
  util::json_array_each(*saved, [&](std::string_view m) {
    read_memory(json::parse(m.begin(), m.end()), path, out);
    ++count;
    return true;
  });
  out.evidence["snapchat"] += 1 + count;
  return true;
}

}  // namespace mediascan
