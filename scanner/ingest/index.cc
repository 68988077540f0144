#include <cstdio>

#include "scanner/ingest/export_reader.h"
#include "scanner/ingest/ingest.h"

namespace mediascan {

ExportIndex index_export(const std::vector<std::string>& sources, const Limits& limits) {
  ExportIndex index;
  SidecarIndex sidecars;
  PostStore posts;  // of every sidecar, moved to disk as they are read, or after each file
  std::string source;  // of the sidecar being read
  sidecars.post_sink = [&](TextPost&& post) {
    post.source = source;
    posts.push_back(post);
  };
  ExportReader reader(sources, limits);
  const WantFn want = [&](const std::string& path, MediaType type) {
    return type == MediaType::unknown && SidecarIndex::is_candidate(path) ? Want::all : Want::head;
  };
  while (auto e = reader.next(want)) {
    if (e->error) {
      index.entry_errors.push_back({e->source, e->path, *e->error});
      continue;
    }
    if (e->complete && e->type == MediaType::unknown && SidecarIndex::is_candidate(e->path)) {
      if (e->size <= limits.max_sidecar_bytes) {
        source = e->source;
        sidecars.add(e->path, e->data);
        for (TextPost& post : sidecars.posts) {
          post.source = e->source;
          posts.push_back(post);
        }
        sidecars.posts.clear();
      } else
        sidecars.errors.push_back({e->path, "sidecar larger than " +
                                                std::to_string(limits.max_sidecar_bytes) +
                                                " bytes; not read"});
    }
    index.entries.push_back({e->source, e->path, e->type, e->size});
  }
  index.readable_sources = reader.readable_sources();
  for (const SidecarError& s : sidecars.errors)
    index.sidecar_errors.push_back({"", s.path, ItemError{"invalid_sidecar", s.message}});
  index.contexts = join_sidecars(index.entries, sidecars, &index.sidecar_errors);
  const CaptionFinder captions(index.entries);
  for (size_t i = 0; i < posts.size(); ++i)
    if (TextPost post = posts.at(i); !captions.is_caption(post)) index.posts.push_back(post);
  index.layout = detect_layout(index.entries, sidecars);
  return index;
}

std::vector<Finding> sidecar_findings(const Context& context) {
  std::vector<Finding> out;
  for (const SidecarGeo& g : context.geo) {
    char coords[64];
    std::snprintf(coords, sizeof coords, "%.6f, %.6f", g.point.lat, g.point.lon);
    Finding f;
    f.category = Category::location;
    f.signal = "sidecar_geo";
    f.confidence = 1.0;
    f.evidence = std::string(coords) + " in " + g.field + " of " + g.sidecar;
    f.where = "sidecar:" + g.sidecar;
    f.point = g.point;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace mediascan
