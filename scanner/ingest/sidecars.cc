#include "scanner/ingest/sidecars.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "scanner/ingest/entry_path.h"
#include "scanner/util/text.h"

namespace mediascan {

bool SidecarIndex::is_candidate(std::string_view path) {
  const std::string name = util::to_lower_ascii(base_name(path));
  auto ends = [&](std::string_view ext) {
    return name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
  };
  return ends(".json") || ends(".js") || ends(".csv");
}

void SidecarIndex::add(const std::string& path, std::string_view content) {
  const std::string lower = util::to_lower_ascii(base_name(path));
  if (lower.size() > 4 && lower.ends_with(".csv")) {
    parse_linkedin_csv(path, content, *this);
    return;
  }
  if (lower.ends_with(".js")) {
    parse_twitter_js(path, content, *this);
    return;
  }
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(content);
  } catch (const nlohmann::json::exception& ex) {
    errors.push_back({path, std::string("not valid JSON: ") + ex.what()});
    return;
  }
  if (parse_takeout_json(path, doc, *this)) return;
  if (parse_snapchat_json(path, doc, *this)) return;
  parse_meta_json(path, doc, *this);
}

bool add_geo(Context& ctx, double lat, double lon, const std::string& sidecar, std::string field) {
  if (!std::isfinite(lat) || !std::isfinite(lon) || std::abs(lat) > 90 || std::abs(lon) > 180)
    return false;
  if (lat == 0 && lon == 0) return false;
  ctx.geo.push_back({GeoPoint{lat, lon}, sidecar, std::move(field)});
  return true;
}

}  // namespace mediascan
