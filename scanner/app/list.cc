#include "scanner/app/list.h"

#include <fmt/format.h>

#include "scanner/core/media_type.h"
#include "scanner/util/text.h"

namespace mediascan {
namespace {

void field(std::ostream& out, const char* name, const std::string& value) {
  if (!value.empty()) out << fmt::format("    {:<10} {}\n", name, util::printable(value));
}

}  // namespace

void print_listing(const std::vector<std::string>& sources, const ExportIndex& index,
                   std::ostream& out) {
  size_t media = 0, joined = 0;
  for (const IndexedEntry& e : index.entries)
    if (kind_of(e.type) != Kind::other) {
      ++media;
      joined += index.contexts.find(e.path).has_value();
    }
  out << "layout:  " << index.layout << "\n";
  out << "sources: ";
  for (size_t i = 0; i < sources.size(); ++i) out << (i ? ", " : "") << util::printable(sources[i]);
  out << fmt::format("\nentries: {}  media: {}  with sidecar context: {}  posts and comments: {}  errors: {}\n\n",
                     index.entries.size(), media, joined, index.posts.size(),
                     index.entry_errors.size() + index.sidecar_errors.size() + index.export_errors.size());
  for (const IndexedEntry& e : index.entries) {
    if (kind_of(e.type) == Kind::other) continue;
    out << fmt::format("{:<5} {:<4} {}  [{}]\n", to_string(kind_of(e.type)), to_string(e.type),
                       util::printable(e.path), util::printable(e.source));
    const std::optional<Context> joined_context = index.contexts.find(e.path);
    if (!joined_context) continue;
    const Context& c = *joined_context;
    field(out, "caption:", c.caption);
    field(out, "title:", c.title);
    field(out, "album:", c.album);
    field(out, "taken:", c.taken);
    field(out, "uploaded:", c.uploaded);
    field(out, "place:", c.place);
    std::string people;
    for (const std::string& p : c.people) people += (people.empty() ? "" : ", ") + p;
    field(out, "people:", people);
    for (const SidecarGeo& g : c.geo)
      field(out, "location:", fmt::format("{:.6f}, {:.6f} ({} in {})", g.point.lat, g.point.lon,
                                          g.field, g.sidecar));
    field(out, "upload ip:", c.upload_ip);
    for (const std::string& s : c.sidecars) field(out, "sidecar:", s);
  }
  // Posts and comments that are no photo's caption (those are listed with their photo above).
  for (size_t i = 0; i < index.posts.size(); ++i) {
    const TextPost p = index.posts.at(i);
    out << fmt::format("text  {:<4} {}  [{}]\n", p.context.text_kind, util::printable(text_item_path(p)),
                       util::printable(p.source));
    field(out, "text:", p.context.caption.size() > 200 ? p.context.caption.substr(0, 200) + "…" : p.context.caption);
    field(out, "date:", p.context.taken);
    field(out, "url:", p.context.platform_url);
  }
  const auto print_errors = [&](const std::vector<PathError>& errors) {
    for (const PathError& e : errors)
      out << fmt::format("error {:<16} {}: {}\n", e.error.code, util::printable(e.path),
                         util::printable(e.error.message));
  };
  if (!index.entry_errors.empty() || !index.sidecar_errors.empty() || !index.export_errors.empty()) out << "\n";
  print_errors(index.entry_errors);
  print_errors(index.sidecar_errors);
  print_errors(index.export_errors);
}

}  // namespace mediascan
