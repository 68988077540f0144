#include "scanner/report/batch_index.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "scanner/report/html_report.h"
#include "scanner/util/output_file.h"
#include "scanner/util/time.h"

namespace mediascan {
namespace {

using json = nlohmann::json;

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

uint64_t count(const json& j, const char* key) {
  auto s = j.find("summary");
  if (s == j.end() || !s->is_object()) return 0;
  auto it = s->find(key);
  return it != s->end() && it->is_number_unsigned() ? it->get<uint64_t>() : 0;
}

int rank(const json& record) {
  if (str(record, "status") != "done") return 5;
  const std::string level = str(record, "max_level");
  return level == "high" ? 4 : level == "medium" ? 3 : level == "low" ? 2 : 1;
}

// Riskiest first: failed exports (nobody knows what they hold), then by highest level and count.
std::vector<const json*> by_risk(const std::vector<json>& exports) {
  std::vector<const json*> order;
  for (const json& e : exports) order.push_back(&e);
  std::stable_sort(order.begin(), order.end(), [](const json* a, const json* b) {
    if (rank(*a) != rank(*b)) return rank(*a) > rank(*b);
    if (count(*a, "high") != count(*b, "high")) return count(*a, "high") > count(*b, "high");
    return str(*a, "name") < str(*b, "name");
  });
  return order;
}

// A link to a file of the export's folder; the slug and file names are ours, but escaped anyway.
std::string link(const json& record, const char* file, const char* text) {
  auto files = record.find("files");
  if (files == record.end() || !files->is_object() || !files->contains(file)) return {};
  const std::string target = "exports/" + str(record, "slug") + "/" + str(*files, file);
  return "<a href=\"" + html_escape(target) + "\">" + text + "</a> ";
}

constexpr const char* kIndexStyle =
    "table.index th{overflow-wrap:normal;white-space:nowrap}table.index td.n{text-align:right;white-space:nowrap}"
    "table.index tr.notes td{border-top:0;padding-top:0}table.index tr.has-notes td{border-bottom:0}";

void export_row(std::string& h, const json& e) {
  const bool done = str(e, "status") == "done";
  const std::string level = done ? str(e, "max_level") : "failed";
  std::string notes;
  if (auto poison = e.find("poison"); poison != e.end() && poison->is_array())
    for (const json& p : *poison)
      notes += "<li>" + html_escape(str(p, "path")) + ": " + html_escape(str(p, "message")) + "</li>";
  if (auto warnings = e.find("warnings"); warnings != e.end() && warnings->is_array())
    for (const json& w : *warnings)
      if (w.is_string()) notes += "<li>" + html_escape(w.get<std::string>()) + "</li>";
  h += notes.empty() ? "<tr><td>" : "<tr class=\"has-notes\"><td>";
  h += html_escape(str(e, "name"));
  if (auto sources = e.find("sources"); sources != e.end() && sources->is_array() && sources->size() > 1)
    h += "<br><span class=\"muted\">" + std::to_string(sources->size()) + " parts</span>";
  h += "</td><td><span class=\"badge " + std::string(done ? html_escape(level) : "high") + "\">" + html_escape(level) +
       "</span></td>";
  if (done) {
    h += fmt::format("<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                     "<td class=\"n\">{}</td>",
                     count(e, "high"), count(e, "medium"), count(e, "low"), count(e, "ok"), count(e, "errors"));
  } else {
    h += "<td colspan=\"5\">" + html_escape(str(e, "message")) + "</td>";
  }
  h += "<td>" + link(e, "html", "report") + link(e, "json", "JSON") + link(e, "clean", "cleaned export") +
       link(e, "log", "worker log") + "</td><td>" +
       html_escape(str(e, "finished")) + "</td></tr>\n";
  if (!notes.empty()) h += "<tr class=\"notes\"><td colspan=\"9\"><ul class=\"errors\">" + notes + "</ul></td></tr>\n";
}

json totals(const BatchIndex& index) {
  json t = {{"exports", index.exports.size()}, {"done", 0}, {"failed", 0}, {"missing", index.missing.size()},
            {"stale", index.stale.size()},
            {"high", 0}, {"medium", 0}, {"low", 0}, {"ok", 0}, {"errors", 0}, {"poison", 0}};
  for (const json& e : index.exports) {
    const bool done = str(e, "status") == "done";
    t[done ? "done" : "failed"] = t[done ? "done" : "failed"].get<uint64_t>() + 1;
    for (const char* k : {"high", "medium", "low", "ok", "errors"}) t[k] = t[k].get<uint64_t>() + count(e, k);
    if (auto poison = e.find("poison"); poison != e.end() && poison->is_array())
      t["poison"] = t["poison"].get<uint64_t>() + poison->size();
  }
  return t;
}

}  // namespace

void write_batch_index(const BatchIndex& index, const std::filesystem::path& out_dir) {
  const json t = totals(index);
  const std::string generated = util::now_iso8601_utc();
  json summary = {{"schema", "mediascan.batch/1"},
                  {"tool", {{"name", "mediascan"}, {"version", index.version}}},
                  {"generated", generated},
                  {"totals", t},
                  {"exports", index.exports},
                  {"missing", index.missing},
                  {"stale", index.stale},
                  {"skipped", json::array()}};
  for (const auto& [name, why] : index.skipped) summary["skipped"].push_back({{"name", name}, {"reason", why}});
  util::write_file_atomically(out_dir / "summary.json",
                              summary.dump(2, ' ', false, json::error_handler_t::replace) + "\n", 0600);

  std::string h = html_head("mediascan batch", kIndexStyle).html;
  h += "<header><h1>What the exports show</h1><p class=\"muted\">" + std::to_string(index.exports.size()) +
       " exports, index made " + html_escape(generated) + " by mediascan " + html_escape(index.version) +
       "</p></header>\n<div class=\"counts\">";
  for (const char* level : {"high", "medium", "low", "ok"})
    h += fmt::format("<div class=\"count {0}\"><b>{1}</b>items {0}</div>", level, t[level].get<uint64_t>());
  h += "</div>\n";
  if (t["failed"].get<uint64_t>() > 0)
    h += fmt::format("<p class=\"notice\">{} exports could not be scanned: their rows say why.</p>\n",
                     t["failed"].get<uint64_t>());
  if (!index.missing.empty()) {
    h += "<p class=\"notice\">Not scanned yet (a shard that has not run, or a run that stopped): ";
    for (size_t i = 0; i < index.missing.size(); ++i) h += (i ? ", " : "") + html_escape(index.missing[i]);
    h += "</p>\n";
  }
  if (!index.stale.empty()) {
    h += "<p class=\"notice\">Changed since their report was made (scan them again): ";
    for (size_t i = 0; i < index.stale.size(); ++i) h += (i ? ", " : "") + html_escape(index.stale[i]);
    h += "</p>\n";
  }
  h += "<main><table class=\"index\"><thead><tr><th>Export</th><th>Highest</th><th>High</th><th>Medium</th><th>Low</th><th>OK</th>"
       "<th>Errors</th><th>Reports</th><th>Scanned</th></tr></thead><tbody>\n";
  for (const json* e : by_risk(index.exports)) export_row(h, *e);
  h += "</tbody></table></main>\n";
  if (!index.skipped.empty()) {
    h += "<h2>Not exports</h2><ul>";
    for (const auto& [name, why] : index.skipped) h += "<li>" + html_escape(name) + ": " + html_escape(why) + "</li>";
    h += "</ul>\n";
  }
  h += "</body></html>\n";
  util::write_file_atomically(out_dir / "index.html", h, 0600);
}

}  // namespace mediascan
