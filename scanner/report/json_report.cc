#include "scanner/report/json_report.h"

#include <set>

#include <nlohmann/json.hpp>

#include "scanner/util/output_file.h"

namespace mediascan {
namespace {

using ojson = nlohmann::ordered_json;

ojson context_json(const Context& c) {
  ojson j = ojson::object();
  auto put = [&](const char* key, const std::string& v) {
    if (!v.empty()) j[key] = v;
  };
  put("caption", c.caption);
  put("album", c.album);
  put("taken", c.taken);
  j["people"] = c.people;
  put("title", c.title);
  put("uploaded", c.uploaded);
  put("place", c.place);
  if (!c.geo.empty()) j["location"] = {{"lat", c.geo.front().point.lat}, {"lon", c.geo.front().point.lon}};
  put("upload_ip", c.upload_ip);
  put("platform_url", c.platform_url);
  put("text_kind", c.text_kind);
  if (!c.sidecars.empty()) j["sidecars"] = c.sidecars;
  return j;
}

ojson finding_json(const Finding& f) {
  ojson j = {{"category", to_string(f.category)},
             {"signal", f.signal},
             {"confidence", f.confidence},
             {"evidence", f.evidence}};
  if (f.box) j["box"] = *f.box;
  if (f.point) j["point"] = {{"lat", f.point->lat}, {"lon", f.point->lon}};
  j["fixed"] = f.fixed;
  j["where"] = f.where;
  return j;
}

ojson item_json(const Item& item) {
  ojson findings = ojson::array();
  for (const Finding& f : item.findings) findings.push_back(finding_json(f));
  ojson errors = ojson::array();
  for (const ItemError& e : item.errors) errors.push_back({{"code", e.code}, {"message", e.message}});
  ojson j = {{"path", item.path},
             {"source", item.source},
             {"kind", to_string(item.kind)},
             {"type", item.kind == Kind::text ? std::string_view("text") : to_string(item.type)},
             {"size", item.size},
             {"width", item.width},
             {"height", item.height},
             {"sha256", item.sha256},
             {"context", context_json(item.context)},
             {"risk", {{"score", item.score}, {"level", to_string(item.level)}}},
             {"action", to_string(item.action)},
             {"reason", item.reason},
             {"findings", std::move(findings)},
             {"errors", std::move(errors)}};
  return j;
}

}  // namespace

ReportSummary summarize(const ItemStore& items, const std::vector<ReportError>& errors) {
  ReportSummary s;
  std::set<std::string> error_paths;
  items.for_each([&](size_t, const Item& item) {
    switch (item.level) {
      case Level::high: ++s.high; break;
      case Level::medium: ++s.medium; break;
      case Level::low: ++s.low; break;
      case Level::ok: ++s.ok; break;
    }
    s.max_level = std::max(s.max_level, item.level);
    if (item.kind == Kind::image || item.kind == Kind::video) ++s.media;
    if (item.kind == Kind::text) ++s.texts;
    for (const ItemError& e : item.errors) s.not_cleaned += e.code == "not_cleaned";
    // Location information the clean removed; a recurring place is drawn from the photos' own
    // points, removed with them, and is not counted again.
    for (const Finding& f : item.findings)
      if (f.category == Category::location && f.fixed && f.signal != "recurring_place") ++s.location_fixed;
    if (!item.errors.empty()) error_paths.insert(item.source + "\n" + item.path);
  });
  for (const ReportError& e : errors) error_paths.insert(e.source + "\n" + e.path);
  s.errors = error_paths.size();
  return s;
}

void write_json_report(const RunResult& r, const std::filesystem::path& path) {
  const ReportSummary& sum = r.summary;
  ojson errors = ojson::array();
  for (const ReportError& e : r.errors) {
    errors.push_back({{"path", e.path}, {"source", e.source}, {"code", e.error.code},
                      {"message", e.error.message}});
  }
  ojson doc = {
      {"schema", "mediascan.report/1"},
      {"tool", {{"name", "mediascan"}, {"version", r.info.version}}},
      {"export", {{"sources", r.info.sources}, {"layout", r.info.layout},
                  {"items", r.items.size()}, {"media", sum.media}, {"texts", sum.texts},
                  {"entries", r.info.entries}}},
      {"checks", r.info.checks},
      {"summary", {{"high", sum.high}, {"medium", sum.medium}, {"low", sum.low},
                   {"ok", sum.ok}, {"errors", sum.errors},
                   {"location_fixed", sum.location_fixed}}},
      {"items", ojson::array()},  // written item by item below
      {"errors", std::move(errors)}};
  ojson duplicates = ojson::array();
  for (const auto& group : r.analysis.duplicates) {
    ojson paths = ojson::array();
    for (size_t i : group) paths.push_back(r.items.at(i).path);
    duplicates.push_back(std::move(paths));
  }
  ojson places = ojson::array();
  for (const Place& p : r.analysis.places) {
    ojson paths = ojson::array();
    for (size_t i : p.items) paths.push_back(r.items.at(i).path);
    places.push_back({{"lat", p.center.lat}, {"lon", p.center.lon}, {"label", p.label},
                      {"night", p.night}, {"paths", std::move(paths)}});
  }
  doc["duplicates"] = std::move(duplicates);
  doc["places"] = std::move(places);
  if (r.clean) {
    ojson not_copied = ojson::array();
    for (const ReportError& e : r.clean->not_copied)
      not_copied.push_back({{"path", e.path}, {"source", e.source}, {"message", e.error.message}});
    doc["summary"]["not_cleaned"] = sum.not_cleaned;
    doc["clean"] = {{"output", r.clean->output}, {"changed", r.clean->modified},
                    {"not_cleaned", sum.not_cleaned}, {"not_copied", std::move(not_copied)}};
  }
  // The items are written one at a time, never held as one document: for an export of 100,000
  // photos the DOM would take gigabytes. The output is byte for byte what doc.dump(2) would be.
  // Replacement of invalid UTF-8 keeps one bad name from losing the whole report.
  const std::string text = doc.dump(2, ' ', false, ojson::error_handler_t::replace);
  const std::string_view placeholder = "\n  \"items\": []";
  const size_t at = text.find(placeholder) + placeholder.size() - 1;  // at the "]"
  util::OutputFile out(path, 0600);
  out.write(std::string_view(text).substr(0, at));
  std::string chunk;
  r.items.for_each([&](size_t i, const Item& item) {
    chunk += i ? ",\n    " : "\n    ";
    // Nested two levels deep: every line of the item's own dump moves right by four spaces
    // (no JSON string holds a raw newline, so every newline is the dump's own).
    for (char c : item_json(item).dump(2, ' ', false, ojson::error_handler_t::replace)) {
      chunk += c;
      if (c == '\n') chunk += "    ";
    }
    if (chunk.size() > (1 << 20)) {
      out.write(chunk);
      chunk.clear();
    }
  });
  if (!r.items.empty()) chunk += "\n  ";
  out.write(chunk);
  out.write(std::string_view(text).substr(at));
  out.write("\n");
  out.commit();
}


}  // namespace mediascan
