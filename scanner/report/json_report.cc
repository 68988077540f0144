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
  doc["duplicates"] = ojson::array();  // written group by group below, as the items
  doc["places"] = ojson::array();
  if (r.clean) {
    ojson not_copied = ojson::array();
    for (const ReportError& e : r.clean->not_copied)
      not_copied.push_back({{"path", e.path}, {"source", e.source}, {"message", e.error.message}});
    doc["summary"]["not_cleaned"] = sum.not_cleaned;
    doc["clean"] = {{"output", r.clean->output}, {"changed", r.clean->modified},
                    {"not_cleaned", sum.not_cleaned}, {"not_copied", std::move(not_copied)}};
  }
  // The items, the groups of duplicates and the places' paths are written one at a time, never
  // held as one document: for an export of 100,000 photos the DOM would take gigabytes, and a
  // place or a group of copies can hold most of its paths. The output is byte for byte what
  // doc.dump(2) would be. Replacement of invalid UTF-8 keeps one bad name from losing the report.
  const std::string text = doc.dump(2, ' ', false, ojson::error_handler_t::replace);
  util::OutputFile out(path, 0600);
  std::string chunk;
  const auto flush_big = [&] {
    if (chunk.size() > (1 << 20)) {
      out.write(chunk);
      chunk.clear();
    }
  };
  // A JSON value's own dump, nested `depth` levels deep: every line of it moves right by two
  // spaces a level (no JSON string holds a raw newline, so every newline is the dump's own).
  const auto nested = [&](const ojson& value, int depth) {
    for (char c : value.dump(2, ' ', false, ojson::error_handler_t::replace)) {
      chunk += c;
      if (c == '\n') chunk.append(size_t(2 * depth), ' ');
    }
  };
  // An array of `n` elements at `depth`, in dump(2)'s layout, each appended by `element(k)`.
  const auto array = [&](size_t n, int depth, const auto& element) {
    if (n == 0) {
      chunk += "[]";
      return;
    }
    const std::string indent(size_t(2 * depth), ' ');
    chunk += "[";
    for (size_t k = 0; k < n; ++k) {
      chunk += (k ? ",\n  " : "\n  ") + indent;
      element(k);
      flush_big();
    }
    chunk += "\n" + indent + "]";
  };
  const auto paths = [&](const std::vector<size_t>& items, int depth) {
    array(items.size(), depth, [&](size_t k) { nested(ojson(r.items.at(items[k]).path), depth + 1); });
  };
  size_t written = 0;  // of `text`
  // Writes `text` up to the "[]" of its top-level array `key`, then `fill` in its place.
  const auto fill_in = [&](std::string_view key, const auto& fill) {
    const std::string placeholder = "\n  \"" + std::string(key) + "\": []";
    const size_t at = text.find(placeholder, written) + placeholder.size() - 2;  // at the "[]"
    chunk += std::string_view(text).substr(written, at - written);
    written = at + 2;
    fill();
  };
  fill_in("items", [&] {  // read in their order, not one by one
    if (r.items.empty()) return void(chunk += "[]");
    chunk += "[";
    r.items.for_each([&](size_t i, const Item& item) {
      chunk += i ? ",\n    " : "\n    ";
      nested(item_json(item), 2);
      flush_big();
    });
    chunk += "\n  ]";
  });
  fill_in("duplicates", [&] {
    array(r.analysis.duplicates.size(), 1, [&](size_t g) { paths(r.analysis.duplicates[g], 2); });
  });
  fill_in("places", [&] {
    array(r.analysis.places.size(), 1, [&](size_t k) {
      const Place& p = r.analysis.places[k];
      nested({{"lat", p.center.lat}, {"lon", p.center.lon}, {"label", p.label}, {"night", p.night},
              {"paths", ojson::array()}},
             2);
      chunk.resize(chunk.size() - std::string_view("[]\n    }").size());  // its paths, in their place
      paths(p.items, 3);
      chunk += "\n    }";
    });
  });
  chunk += std::string_view(text).substr(written);
  chunk += "\n";
  out.write(chunk);
  out.commit();
}


}  // namespace mediascan
