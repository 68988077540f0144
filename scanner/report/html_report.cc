#include "scanner/report/html_report.h"

#include <openssl/rand.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "scanner/util/output_file.h"
#include "scanner/util/text.h"

namespace mediascan {
namespace {

constexpr size_t kMaxText = 2000;  // characters of a caption shown; the JSON keeps it whole

std::string esc(std::string_view s) { return html_escape(s); }

// User text, escaped, cut to a readable length, isolated so bidi controls cannot reorder
// anything around it.
std::string user_text(std::string_view s) {
  std::string v = util::to_valid_utf8(s);
  bool cut = false;
  if (v.size() > kMaxText) {
    size_t end = kMaxText;
    while (end > 0 && (uint8_t(v[end]) & 0xC0) == 0x80) --end;
    v.resize(end);
    cut = true;
  }
  return "<bdi>" + esc(v) + "</bdi>" + (cut ? " <i>(shortened)</i>" : "");
}

std::string nonce() {
  unsigned char raw[16];
  if (RAND_bytes(raw, sizeof raw) != 1) throw std::runtime_error("no random bytes for the report's nonce");
  std::string b = util::base64(std::string_view(reinterpret_cast<const char*>(raw), sizeof raw));
  std::replace(b.begin(), b.end(), '+', '-');
  std::replace(b.begin(), b.end(), '/', '_');
  return b;
}

// The page as it is written: appended to in pieces and flushed to the file a megabyte at a time,
// so that the report of an export of 100,000 photos never sits whole in memory.
class Page {
 public:
  explicit Page(const std::filesystem::path& path) : file_(path, 0600) {}
  Page& operator+=(std::string_view s) {
    buf_ += s;
    if (buf_.size() > (1 << 20)) flush();
    return *this;
  }
  void commit() {
    flush();
    file_.commit();
  }

 private:
  void flush() {
    file_.write(buf_);
    buf_.clear();
  }
  util::OutputFile file_;
  std::string buf_;
};

std::string coords(const GeoPoint& p) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.5f, %.5f", p.lat, p.lon);
  return buf;
}

// A map link built from numbers only; the user chooses to open it.
std::string map_link(const GeoPoint& p) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "https://www.openstreetmap.org/?mlat=%.5f&amp;mlon=%.5f#map=16/%.5f/%.5f",
                p.lat, p.lon, p.lat, p.lon);
  return std::string("<a href=\"") + buf + "\" rel=\"noreferrer noopener\" target=\"_blank\">" + coords(p) + " (map)</a>";
}

const char* kStyle = R"(
:root{--high:#b3261e;--medium:#c26a00;--low:#6b6b00;--ok:#2e7d32;--fixed:#1565c0;--fg:#1b1b1b;--muted:#5f6368;--line:#ddd}
*{box-sizing:border-box}body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);margin:0 auto;max-width:1100px;padding:0 16px 48px}
h1{font-size:26px;margin:24px 0 4px}h2{font-size:20px;margin:32px 0 8px;border-bottom:2px solid var(--line);padding-bottom:4px}
.muted{color:var(--muted)}.counts{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.count{border-radius:8px;padding:10px 16px;color:#fff;min-width:110px}.count b{display:block;font-size:24px}
.count.high{background:var(--high)}.count.medium{background:var(--medium)}.count.low{background:var(--low)}.count.ok{background:var(--ok)}
.notice{border-left:4px solid var(--medium);background:#fff6e5;padding:8px 12px;margin:8px 0}.notice.good{border-color:var(--ok);background:#eef7ee}
.item{display:flex;gap:16px;border:1px solid var(--line);border-radius:8px;padding:12px;margin:10px 0;overflow-wrap:anywhere}
.thumb{flex:0 0 160px}.thumb svg{width:160px;height:auto;display:block;border-radius:4px;background:#eee}
.thumb rect{fill:none;stroke:#ffeb3b;stroke-width:3;vector-effect:non-scaling-stroke}
.body{flex:1;min-width:0}.body h3{font-size:15px;margin:0 0 4px;font-weight:600}
.badge{display:inline-block;border-radius:4px;color:#fff;padding:0 6px;font-size:12px;margin-right:6px;text-transform:uppercase}
.badge.high{background:var(--high)}.badge.medium{background:var(--medium)}.badge.low{background:var(--low)}.badge.ok{background:var(--ok)}.badge.fixed{background:var(--fixed)}
.reason{margin:2px 0 6px}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}dt{color:var(--muted)}dd{margin:0}
ul.findings{margin:6px 0;padding-left:18px}ul.findings li.fixed{color:var(--muted);text-decoration:line-through}
ul.errors{color:var(--high);margin:6px 0;padding-left:18px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid var(--line);text-align:left;padding:4px 6px;vertical-align:top;overflow-wrap:anywhere}
#filters{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding:8px 0;display:flex;flex-wrap:wrap;gap:10px 16px;align-items:center;z-index:1}
#filters input[type=search]{flex:1;min-width:200px;padding:4px 8px}.hidden{display:none}
)";

// Filters and search. Without JavaScript the report shows everything.
const char* kScript = R"(
(function(){
  var nav=document.getElementById('filters'); nav.hidden=false;
  var items=[].slice.call(document.querySelectorAll('article.item'));
  var boxes=[].slice.call(nav.querySelectorAll('input[type=checkbox]'));
  var search=document.getElementById('search');
  function apply(){
    var levels={}, cats={}, q=search.value.toLowerCase();
    boxes.forEach(function(b){ if(b.checked){ (b.name==='level'?levels:cats)[b.value]=true; } });
    items.forEach(function(a){
      var c=(a.getAttribute('data-categories')||'').split(' ').filter(Boolean);
      var okCat=c.length===0||c.some(function(x){return cats[x];});
      var found=q&&a.textContent.toLowerCase().indexOf(q)>=0;
      var show=levels[a.getAttribute('data-level')]&&okCat&&(!q||found);
      a.classList.toggle('hidden',!show);
      // A match inside a folded section ("Nothing found") is opened, or it could not be seen.
      if(show&&found){ for(var p=a.parentElement;p;p=p.parentElement){ if(p.tagName==='DETAILS'){p.open=true;} } }
    });
  }
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  search.addEventListener('input',apply);
})();
)";

std::string thumbnail(const Item& item, const util::SpillFile* previews) {
  const std::string jpeg = !item.thumbnail_jpeg.empty() ? item.thumbnail_jpeg
                           : item.thumbnail_spilled && previews ? previews->get(*item.thumbnail_spilled)
                                                                : std::string();
  if (jpeg.empty()) return "<div class=\"thumb\"></div>";
  const int w = item.width > 0 ? item.width : 160, h = item.height > 0 ? item.height : 120;
  std::string svg = "<div class=\"thumb\"><svg viewBox=\"0 0 " + std::to_string(w) + " " + std::to_string(h) +
                    "\" role=\"img\" aria-label=\"preview\"><image width=\"" + std::to_string(w) + "\" height=\"" +
                    std::to_string(h) + "\" href=\"data:image/jpeg;base64," + util::base64(jpeg) + "\"/>";
  for (const Finding& f : item.findings)
    if (f.box)
      svg += "<rect x=\"" + std::to_string((*f.box)[0]) + "\" y=\"" + std::to_string((*f.box)[1]) + "\" width=\"" +
             std::to_string((*f.box)[2]) + "\" height=\"" + std::to_string((*f.box)[3]) + "\"/>";
  return svg + "</svg></div>";
}

// What a text item is, in words ("a post", "a check-in"); the kind itself when it has none.
std::string text_kind_words(const std::string& kind) {
  static const std::map<std::string, std::string> kWords = {
      {"post", "a post"},
      {"comment", "a comment"},
      {"group_post", "a post in a group"},
      {"group_comment", "a comment in a group"},
      {"tweet", "a tweet"},
      {"retweet", "a retweet"},
      {"share", "a post (LinkedIn share)"},
      {"album", "an album's description"},
      {"check_in", "a check-in"},
      {"location_record", "a file of location values that belong to no photo or post"},
      {"posted_locations", "the location of photos and videos the platform keeps that are not in this export"}};
  const auto it = kWords.find(kind);
  return it == kWords.end() ? kind : it->second;
}

// Where a post or comment lives on the platform, for the person to go and delete it.
std::string text_hint(const Item& item, const std::string& layout) {
  const Context& c = item.context;
  const std::string day = esc(c.taken.substr(0, 10));
  // Memories never saved, posts downloaded without their photos: on the platform, not in the export.
  if (c.text_kind == "posted_locations")
    return layout == "snapchat"    ? "Snapchat: Memories (those not in this export)"
           : layout == "facebook"  ? "Facebook: your profile → Photos, and the posts they belong to"
           : layout == "instagram" ? "Instagram: Your activity → Posts"
                                   : "";
  const bool comment = c.text_kind.ends_with("comment");
  if (layout == "facebook")
    return c.text_kind.starts_with("group")
               ? "Facebook: Activity log → Groups → your " + std::string(comment ? "comments" : "posts") + " of " + day
               : "Facebook: Activity log → Your " + std::string(comment ? "comments" : "posts") + " of " + day;
  if (layout == "instagram") return "Instagram: Your activity → " + std::string(comment ? "Comments" : "Posts") + ", " + day;
  if (layout == "linkedin") return "LinkedIn: Me → Posts &amp; Activity, " + day;
  return "";
}

std::string platform_hint(const Item& item, const std::string& layout) {
  const Context& c = item.context;
  if (!c.platform_url.empty() && (c.platform_url.starts_with("https://photos.google.com/") ||
                                  c.platform_url.starts_with("https://x.com/") ||
                                  c.platform_url.starts_with("https://www.linkedin.com/")))
    return "<a href=\"" + esc(c.platform_url) + "\" rel=\"noreferrer noopener\" target=\"_blank\">open it on the platform</a>";
  if (item.kind == Kind::text) return text_hint(item, layout);
  if (layout == "facebook" && !c.album.empty())
    return "Facebook: your profile → Photos → Albums → " + user_text(c.album);
  if (layout == "facebook") return "Facebook: your profile → Photos (uploaded " + esc(c.uploaded) + ")";
  if (layout == "instagram") return "Instagram: your profile, the post of " + esc(c.uploaded.substr(0, 10));
  if (layout == "snapchat") return "Snapchat: Memories, " + esc(c.taken.substr(0, 10));
  if (layout == "google_takeout" && !c.album.empty()) return "Google Photos: album " + user_text(c.album);
  return "";
}

void item_card(std::string& h, const Item& item, size_t index, const std::string& layout,
               const util::SpillFile* previews) {
  std::set<std::string> cats;
  for (const Finding& f : item.findings) cats.insert(std::string(to_string(f.category)));
  std::string cat_list;
  for (const std::string& c : cats) cat_list += (cat_list.empty() ? "" : " ") + c;
  const std::string level(to_string(item.level));
  h += "<article class=\"item\" id=\"item-" + std::to_string(index) + "\" data-level=\"" + level +
       "\" data-categories=\"" + cat_list + "\">" + (item.kind == Kind::text ? "" : thumbnail(item, previews)) +
       "<div class=\"body\"><h3><span class=\"badge " +
       level + "\">" + level + "</span>";
  if (item.action == Action::fixed) h += "<span class=\"badge fixed\">fixed</span>";
  h += user_text(item.path) + "</h3>";
  if (!item.reason.empty()) h += "<p class=\"reason\">" + user_text(item.reason) + "</p>";
  const Context& c = item.context;
  h += "<dl>";
  auto row = [&](const char* name, const std::string& html) {
    if (!html.empty()) h += std::string("<dt>") + name + "</dt><dd>" + html + "</dd>";
  };
  if (item.kind == Kind::text) row("What it is", esc(text_kind_words(c.text_kind)));
  row(item.kind == Kind::text ? "Text" : "Caption", c.caption.empty() ? "" : user_text(c.caption));
  row("Album", c.album.empty() ? "" : user_text(c.album));
  row(item.kind == Kind::text ? "Date" : "Taken", esc(!item.capture.local_time.empty() ? item.capture.local_time + " (camera clock)" : c.taken));
  std::string people;
  for (const std::string& p : c.people) people += (people.empty() ? "" : ", ") + user_text(p);
  row("People", people);
  row("Place", c.place.empty() ? "" : user_text(c.place));
  for (const Finding& f : item.findings)
    if (f.point && f.signal != "recurring_place") {
      row("Location", map_link(*f.point));
      break;
    }
  row("Where to act", platform_hint(item, layout));
  row("Source", user_text(item.source));
  h += "</dl>";
  if (!item.findings.empty()) {
    h += "<ul class=\"findings\">";
    for (const Finding& f : item.findings)
      h += std::string("<li") + (f.fixed ? " class=\"fixed\"" : "") + "><b>" + std::string(to_string(f.category)) +
           "</b> " + esc(f.signal) + ": " + user_text(f.evidence) + (f.fixed ? " <i>(removed in the cleaned export)</i>" : "") +
           "</li>";
    h += "</ul>";
  }
  if (!item.errors.empty()) {
    h += "<ul class=\"errors\">";
    for (const ItemError& e : item.errors) h += "<li>" + esc(e.code) + ": " + user_text(e.message) + "</li>";
    h += "</ul>";
  }
  h += "</div></article>\n";
}

// An error of this installation (the vision module), not of an entry of the export: said at the
// top of the report, and left out of its list of entries.
bool about_the_program(const ReportError& e) { return e.error.code == "vision_unavailable"; }

void summary(Page& h, const RunResult& r) {
  std::map<Level, int> levels;
  int located = 0, fixed = 0, not_cleaned = 0, texts = 0, unchecked = 0, on_platform = 0, located_texts = 0;
  r.items.for_each([&](size_t, const Item& item) {
    ++levels[item.level];
    unchecked += unchecked_part(item) != nullptr;
    on_platform += std::any_of(item.findings.begin(), item.findings.end(), [](const Finding& f) {
      return f.signal == "sidecar_geo" || f.signal == "sidecar_place";
    });
    texts += item.kind == Kind::text;
    bool has = false, all_fixed = true;
    for (const Finding& f : item.findings)
      if (f.category == Category::location && f.signal != "recurring_place") {
        has = true;
        all_fixed &= f.fixed;
      }
    // The sentence counts photos and videos; posts, check-ins and location records apart.
    const bool media = item.kind != Kind::text;
    located += has && media;
    located_texts += has && !media;
    fixed += has && all_fixed && media;
    for (const ItemError& e : item.errors) not_cleaned += e.code == "not_cleaned";
  });
  std::string sources;
  for (const std::string& s : r.info.sources) sources += (sources.empty() ? "" : ", ") + user_text(s);
  h += "<p class=\"muted\">" + sources + " · layout " + esc(r.info.layout) + " · " + std::to_string(r.info.entries) +
       " entries, " + std::to_string(r.items.size() - size_t(texts)) +
       (r.items.size() - size_t(texts) == 1 ? " photo or video, " : " photos and videos, ") + std::to_string(texts) +
       (texts == 1 ? " post or comment" : " posts and comments") + " · mediascan " + esc(r.info.version) + "</p>";
  h += "<div class=\"counts\">";
  for (Level l : {Level::high, Level::medium, Level::low, Level::ok})
    h += "<div class=\"count " + std::string(to_string(l)) + "\"><b>" + std::to_string(levels[l]) + "</b>" +
         std::string(to_string(l)) + " risk</div>";
  h += "</div>";
  // Without the location check nothing was looked for: the "Not checked" notice below says so.
  const auto location_check = r.info.checks.find("location");
  const bool location_checked = location_check == r.info.checks.end() || location_check->second != "off";
  // "3 photos and videos (and 2 posts, check-ins or location records)"
  const std::string carried =
      std::to_string(located) + (located == 1 ? " photo or video" : " photos and videos") +
      (located_texts == 1 ? " (and 1 post, check-in or location record)"
       : located_texts    ? " (and " + std::to_string(located_texts) + " posts, check-ins or location records)"
                          : std::string());
  const bool none = located == 0 && located_texts == 0;
  const std::string unchecked_note =
      unchecked ? " <b>" + std::to_string(unchecked) + " could not be checked completely</b>: see their errors below." : "";
  if (location_checked && none && unchecked == 0) {
    h += "<p class=\"notice good\">No photo, video or post in this export carries a location.</p>";
  } else if (location_checked && none) {
    h += "<p class=\"notice\">No location found in what was checked, but" + unchecked_note + "</p>";
  } else if (location_checked && r.clean) {
    const bool all = fixed == located;
    h += std::string("<p class=\"notice") + (all && unchecked == 0 && on_platform == 0 ? " good" : "") + "\">" + carried +
         " carried a location; " + (all ? "all removed" : std::to_string(fixed) + " removed") + " in " +
         user_text(r.clean->output) + ".";
    if (not_cleaned) h += " <b>" + std::to_string(not_cleaned) + " could not be cleaned</b>: see their errors below.";
    h += unchecked_note;
    if (on_platform)
      h += " <b>" + std::to_string(on_platform) + (on_platform == 1 ? " also shows its" : " also show their") +
           " place on the platform</b> (a check-in, a tweet's "
           "point, a photo's location there): the cleaned copy does not change what is on the platform, so remove "
           "it there.";
    if (!r.clean->not_copied.empty())
      h += " " + std::to_string(r.clean->not_copied.size()) + " unsafe or unreadable entries were left out of it.";
    h += "</p>";
  } else if (location_checked) {
    h += "<p class=\"notice\">" + carried +
         " carry a location. Run again with <code>--clean cleaned.zip</code> to get a copy of the export without it." +
         unchecked_note + "</p>";
  }
  std::string missing;
  for (const auto& [check, how] : r.info.checks)
    if (how == "off" || how == "unavailable") missing += (missing.empty() ? "" : ", ") + esc(check) + " (" + esc(how) + ")";
  // The vision module missing is why faces and scenes were not checked, not the models.
  const auto vision = std::find_if(r.errors.begin(), r.errors.end(), about_the_program);
  if (!missing.empty())
    h += "<p class=\"notice\">Not checked: " + missing + ". These findings may be missing from this report. " +
         (vision != r.errors.end()
              ? "<b>This installation of mediascan is broken:</b> " + user_text(vision->error.message) + "."
              : std::string("Scene and object checks need their model files: run <code>scripts/fetch-models.sh</code> "
                            "(see <code>mediascan models</code>).")) +
         "</p>";
  // An export downloaded in HTML format: what the report leaves out, and what to do, said here
  // rather than only in the list at the end. Neither is an entry of the export's.
  size_t errors = r.errors.size();
  for (const ReportError& e : r.errors)
    if (e.error.code == "html_export") {
      h += "<p class=\"notice\"><b>Not the whole export:</b> " + user_text(e.error.message) + "</p>";
      --errors;
    } else if (about_the_program(e)) {
      --errors;
    }
  if (errors) h += "<p class=\"notice\">" + std::to_string(errors) + " entries could not be read or were refused: <a href=\"#errors\">see the list</a>.</p>";
}

// What the page's order and grouping need of each item; the cards read the rest from the store.
struct Sorting {
  double score = 0;
  Action action = Action::ok;
  Kind kind = Kind::other;
};

// Each card goes to the page as it is made (see Page).
void card(Page& h, const RunResult& r, size_t i) {
  std::string html;
  item_card(html, r.items.at(i), i, r.info.layout, r.previews.get());
  h += html;
}

// Posts and comments with no photo: the risky ones first, the rest folded away.
void posts_section(Page& h, const RunResult& r, const std::vector<Sorting>& sorting, const std::vector<size_t>& order) {
  const auto risky = [&](size_t i) { return sorting[i].action == Action::remove || sorting[i].action == Action::restrict; };
  size_t risky_count = 0, fine_count = 0;
  for (size_t i : order)
    if (sorting[i].kind == Kind::text) ++(risky(i) ? risky_count : fine_count);
  if (risky_count + fine_count == 0) return;
  // One pass for the risky, one for the rest.
  const auto cards = [&](bool want_risky) {
    for (size_t i : order)
      if (sorting[i].kind == Kind::text && risky(i) == want_risky) card(h, r, i);
  };
  h += "<section><h2 id=\"posts\">Posts and comments (" + std::to_string(risky_count) + " to review)</h2>";
  if (risky_count) {
    h += "<p>What you wrote can hurt as much as a photo. Delete these or limit who can see them.</p>";
    cards(true);
  } else {
    h += "<p class=\"notice good\">Nothing risky found in your posts and comments.</p>";
  }
  if (fine_count) {
    h += "<details><summary>" + std::to_string(fine_count) + " more with nothing found</summary>";
    cards(false);
    h += "</details>";
  }
  h += "</section>\n";
}

void places(Page& h, const RunResult& r) {
  if (r.analysis.places.empty()) return;
  h += "<h2 id=\"places\">Places that recur</h2><p>These places show up in several photos. Anyone who sees them can tell where you live, work or go out.</p><table><tr><th>Place</th><th>Photos</th><th>At night</th><th>Likely</th></tr>";
  for (const Place& p : r.analysis.places) {
    h += "<tr><td>" + map_link(p.center) + "</td><td>";
    for (size_t i = 0; i < p.items.size() && i < 12; ++i) {
      const std::string path = r.items.at(p.items[i]).path;
      h += (i ? ", " : "") + std::string("<a href=\"#item-") + std::to_string(p.items[i]) + "\">" +
           user_text(path.substr(path.rfind('/') + 1)) + "</a>";
    }
    if (p.items.size() > 12) h += " and " + std::to_string(p.items.size() - 12) + " more";
    h += "</td><td>" + std::to_string(p.night) + " of " + std::to_string(p.items.size()) + "</td><td>" + esc(p.label) + "</td></tr>";
  }
  h += "</table>";
}

void duplicates(Page& h, const RunResult& r) {
  if (r.analysis.duplicates.empty()) return;
  h += "<h2 id=\"duplicates\">The same picture more than once</h2><p>Remove every copy: deleting one leaves the others online.</p><ul>";
  for (const auto& group : r.analysis.duplicates) {
    h += "<li>";
    for (size_t k = 0; k < group.size(); ++k)
      h += (k ? " · " : "") + std::string("<a href=\"#item-") + std::to_string(group[k]) + "\">" + user_text(r.items.at(group[k]).path) + "</a>";
    h += "</li>";
  }
  h += "</ul>";
}

void errors(Page& h, const RunResult& r) {
  if (std::all_of(r.errors.begin(), r.errors.end(), about_the_program)) return;
  h += "<h2 id=\"errors\">Entries that could not be checked</h2><table><tr><th>Entry</th><th>Problem</th></tr>";
  for (const ReportError& e : r.errors)
    if (!about_the_program(e))  // said at the top (summary)
      h += "<tr><td>" + user_text(e.path) + "</td><td>" + esc(e.error.code) + ": " + user_text(e.error.message) + "</td></tr>";
  h += "</table>";
}

// The items' path, level and action for the page's script, written item by item.
void data_json(Page& h, const RunResult& r) {
  h += script_safe_json(R"({"schema":"mediascan.report/1","items":[)");
  r.items.for_each([&](size_t i, const Item& item) {
    const nlohmann::json j = {{"path", item.path}, {"level", to_string(item.level)}, {"action", to_string(item.action)}};
    h += (i ? "," : "") + script_safe_json(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  });
  h += "]}";
}

}  // namespace

std::string html_escape(std::string_view text) {
  const std::string valid = util::to_valid_utf8(text);
  std::string out;
  out.reserve(valid.size() + 16);
  for (char c : valid) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') out += "\xEF\xBF\xBD";
        else out += c;
    }
  }
  return out;
}

std::string script_safe_json(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else if (c == '\xE2' && i + 2 < json.size() && json[i + 1] == '\x80' && (json[i + 2] == '\xA8' || json[i + 2] == '\xA9')) {
      out += json[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

HtmlHead html_head(std::string_view title, std::string_view extra_style) {
  HtmlHead head{nonce(), {}};
  const std::string& n = head.nonce;
  head.html = "<!DOCTYPE html>\n<html lang=\"en\"><head>"
              "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'nonce-" +
              n + "'; script-src 'nonce-" + n + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'\">"
              "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
              "<meta name=\"referrer\" content=\"no-referrer\"><title>" + html_escape(title) + "</title>"
              "<style nonce=\"" + n + "\">" + kStyle + std::string(extra_style) + "</style></head><body>\n";
  return head;
}

void write_html_report(const RunResult& r, const std::filesystem::path& path) {
  const HtmlHead head = html_head("mediascan report");
  const std::string& n = head.nonce;
  Page h(path);
  h += head.html;
  h += "<header><h1>What your export shows about you</h1></header>\n";
  summary(h, r);
  places(h, r);
  h += "<nav id=\"filters\" hidden><span>Show:</span>";
  for (Level l : {Level::high, Level::medium, Level::low, Level::ok})
    h += "<label><input type=\"checkbox\" name=\"level\" value=\"" + std::string(to_string(l)) + "\" checked> " +
         std::string(to_string(l)) + "</label>";
  h += "<span>·</span>";
  for (Category c : {Category::location, Category::identity, Category::people, Category::nightlife, Category::alcohol,
                     Category::explicit_content, Category::document, Category::text})
    h += "<label><input type=\"checkbox\" name=\"category\" value=\"" + std::string(to_string(c)) + "\" checked> " +
         std::string(to_string(c)) + "</label>";
  h += "<input type=\"search\" id=\"search\" placeholder=\"Search captions, albums, names\" aria-label=\"Search\"></nav>\n<main>";
  // Items grouped by what to do, highest risk first.
  std::vector<Sorting> sorting(r.items.size());
  r.items.for_each([&](size_t i, const Item& item) { sorting[i] = {item.score, item.action, item.kind}; });
  std::vector<size_t> order(r.items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return sorting[a].score > sorting[b].score; });
  const std::pair<Action, const char*> groups[] = {
      {Action::remove, "Remove"}, {Action::restrict, "Restrict who can see"}, {Action::fixed, "Fixed in the cleaned export"}};
  // Each group is counted first, then its cards go to the page one at a time.
  const auto media_cards = [&](Action action) {
    for (size_t i : order)
      if (sorting[i].action == action && sorting[i].kind != Kind::text) card(h, r, i);
  };
  const auto media_count = [&](Action action) {
    return std::count_if(sorting.begin(), sorting.end(),
                         [&](const Sorting& s) { return s.action == action && s.kind != Kind::text; });
  };
  for (const auto& [action, title] : groups) {
    const auto count = media_count(action);
    if (count == 0) continue;
    h += "<section><h2>" + std::string(title) + " (" + std::to_string(count) + ")</h2>";
    media_cards(action);
    h += "</section>\n";
  }
  if (const auto ok_count = media_count(Action::ok)) {
    h += "<section><h2>Nothing found (" + std::to_string(ok_count) + ")</h2><details><summary>Show them</summary>";
    media_cards(Action::ok);
    h += "</details></section>\n";
  }
  posts_section(h, r, sorting, order);
  h += "</main>";
  duplicates(h, r);
  errors(h, r);
  h += "<script type=\"application/json\" id=\"mediascan-data\">";
  data_json(h, r);
  h += "</script>\n";
  h += "<script nonce=\"" + n + "\">" + kScript + "</script>\n</body></html>\n";
  h.commit();
}

}  // namespace mediascan
