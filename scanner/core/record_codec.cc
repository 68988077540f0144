#include "scanner/core/record_codec.h"

namespace mediascan {

void encode_context(RecordWriter& e, const Context& c) {
  for (const std::string* s : {&c.caption, &c.title, &c.album, &c.taken, &c.uploaded, &c.place, &c.upload_ip,
                               &c.platform_url, &c.text_kind})
    e.str(*s);
  e.strs(c.people);
  e.num(c.geo.size());
  for (const SidecarGeo& g : c.geo) {
    e.point(g.point);
    e.str(g.sidecar);
    e.str(g.field);
  }
  e.strs(c.sidecars);
}

void decode_context(RecordReader& d, Context& c) {
  for (std::string* s : {&c.caption, &c.title, &c.album, &c.taken, &c.uploaded, &c.place, &c.upload_ip,
                         &c.platform_url, &c.text_kind})
    *s = d.str();
  c.people = d.strs();
  c.geo.resize(d.count());
  for (SidecarGeo& g : c.geo) {
    g.point = d.point();
    g.sidecar = d.str();
    g.field = d.str();
  }
  c.sidecars = d.strs();
}

}  // namespace mediascan
