#include "scanner/report/csv_report.h"

#include <cstdio>

#include "scanner/util/output_file.h"
#include "scanner/util/text.h"

namespace mediascan {
namespace {

std::string cell(std::string_view raw) {
  std::string v = util::to_valid_utf8(raw);
  // A leading = + - @ (or tab/CR) makes spreadsheets evaluate the cell: defuse it.
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v.insert(0, "'");
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

}  // namespace

void write_csv_report(const RunResult& r, const std::filesystem::path& path) {
  // Written a megabyte at a time, never whole: 100,000 photos make a CSV of hundreds of MB.
  util::OutputFile file(path, 0600);
  std::string out = "path,source,kind,level,score,action,category,signal,confidence,evidence,where,fixed,box,lat,lon\r\n";
  r.items.for_each([&](size_t, const Item& item) {
    const std::string head = cell(item.path) + "," + cell(item.source) + "," + std::string(to_string(item.kind)) + "," +
                             std::string(to_string(item.level)) + "," + number(item.score) + "," +
                             std::string(to_string(item.action)) + ",";
    for (const Finding& f : item.findings) {
      std::string box, lat, lon;
      if (f.box) box = std::to_string((*f.box)[0]) + " " + std::to_string((*f.box)[1]) + " " +
                       std::to_string((*f.box)[2]) + " " + std::to_string((*f.box)[3]);
      if (f.point) {
        char b[32];
        std::snprintf(b, sizeof b, "%.6f", f.point->lat);
        lat = b;
        std::snprintf(b, sizeof b, "%.6f", f.point->lon);
        lon = b;
      }
      out += head + std::string(to_string(f.category)) + "," + cell(f.signal) + "," + number(f.confidence) + "," +
             cell(f.evidence) + "," + cell(f.where) + "," + (f.fixed ? "true" : "false") + "," + box + "," + lat + "," +
             lon + "\r\n";
    }
    if (out.size() > (1 << 20)) {
      file.write(out);
      out.clear();
    }
  });
  file.write(out);
  file.commit();
}

}  // namespace mediascan
