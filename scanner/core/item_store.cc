#include "scanner/core/item_store.h"

#include <algorithm>
#include <stdexcept>

#include "scanner/core/record_codec.h"

namespace mediascan {
namespace {

// A field added to one of these must be added to the record below too (and to the round-trip
// test); these sizes are the reminder. They hold on the 64-bit Linux the program is built for.
static_assert(sizeof(void*) != 8 || sizeof(Item) == 912, "Item changed: update encode_item and decode_item");
static_assert(sizeof(void*) != 8 || sizeof(Context) == 360, "Context changed: update encode_item and decode_item");
static_assert(sizeof(void*) != 8 || sizeof(Capture) == 224, "Capture changed: update encode_item and decode_item");
static_assert(sizeof(void*) != 8 || sizeof(Finding) == 160, "Finding changed: update encode_item and decode_item");
static_assert(sizeof(void*) != 8 || sizeof(SidecarGeo) == 80, "SidecarGeo changed: update encode_item and decode_item");
static_assert(sizeof(void*) != 8 || sizeof(ItemError) == 64, "ItemError changed: update encode_item and decode_item");

void encode_capture(RecordWriter& e, const Capture& c) {
  e.str(c.local_time);
  e.str(c.utc_offset);
  e.num(c.flash_fired ? 1 + *c.flash_fired : 0);
  e.num(c.iso.has_value());
  if (c.iso) e.sint(*c.iso);
  e.sint(c.orientation);
  e.str(c.make);
  e.str(c.model);
  e.str(c.text);
  e.str(c.text_where);
}

void decode_capture(RecordReader& d, Capture& c) {
  c.local_time = d.str();
  c.utc_offset = d.str();
  if (const uint64_t flash = d.num()) c.flash_fired = flash == 2;
  if (d.num()) c.iso = long(d.sint());
  c.orientation = int(d.sint());
  c.make = d.str();
  c.model = d.str();
  c.text = d.str();
  c.text_where = d.str();
}

void encode_finding(RecordWriter& e, const Finding& f) {
  e.num(uint64_t(f.category));
  e.str(f.signal);
  e.real(f.confidence);
  e.str(f.evidence);
  // Which of the optional parts follow, and whether it is fixed, in one number.
  e.num(uint64_t(f.fixed) | uint64_t(f.box.has_value()) << 1 | uint64_t(f.point.has_value()) << 2);
  if (f.box)
    for (int v : *f.box) e.sint(v);
  if (f.point) e.point(*f.point);
  e.str(f.where);
}

void decode_finding(RecordReader& d, Finding& f) {
  f.category = Category(d.num());
  f.signal = d.str();
  f.confidence = d.real();
  f.evidence = d.str();
  const uint64_t parts = d.num();
  f.fixed = parts & 1;
  if (parts & 2) {
    f.box.emplace();
    for (int& v : *f.box) v = int(d.sint());
  }
  if (parts & 4) f.point = d.point();
  f.where = d.str();
}

}  // namespace

std::string encode_item(const Item& item) {
  std::string out;
  out.reserve(512);
  RecordWriter e(out);
  e.str(item.path);
  e.str(item.source);
  e.num(uint64_t(item.kind));
  e.num(uint64_t(item.type));
  e.num(item.size);
  encode_context(e, item.context);
  encode_capture(e, item.capture);
  e.num(item.metadata_complete);
  e.sint(item.width);
  e.sint(item.height);
  e.num(item.thumbnail_spilled.has_value());
  if (item.thumbnail_spilled) {
    e.num(item.thumbnail_spilled->offset);
    e.num(item.thumbnail_spilled->size);
  }
  e.num(item.phash.has_value());
  if (item.phash) e.num(*item.phash);
  e.str(item.sha256);
  e.num(item.findings.size());
  for (const Finding& f : item.findings) encode_finding(e, f);
  e.num(item.errors.size());
  for (const ItemError& err : item.errors) {
    e.str(err.code);
    e.str(err.message);
  }
  e.real(item.score);
  e.num(uint64_t(item.level));
  e.num(uint64_t(item.action));
  e.str(item.reason);
  return out;
}

Item decode_item(std::string_view record) {
  RecordReader d(record);
  Item item;
  item.path = d.str();
  item.source = d.str();
  item.kind = Kind(d.num());
  item.type = MediaType(d.num());
  item.size = d.num();
  decode_context(d, item.context);
  decode_capture(d, item.capture);
  item.metadata_complete = d.num() != 0;
  item.width = int(d.sint());
  item.height = int(d.sint());
  if (d.num()) {
    util::SpillFile::Ref ref;
    ref.offset = d.num();
    ref.size = d.num();
    item.thumbnail_spilled = ref;
  }
  if (d.num()) item.phash = d.num();
  item.sha256 = d.str();
  item.findings.resize(d.count());
  for (Finding& f : item.findings) decode_finding(d, f);
  item.errors.resize(d.count());
  for (ItemError& err : item.errors) {
    err.code = d.str();
    err.message = d.str();
  }
  item.score = d.real();
  item.level = Level(d.num());
  item.action = Action(d.num());
  item.reason = d.str();
  if (!d.done()) throw std::runtime_error("a stored item is damaged (temporary file)");
  return item;
}

namespace {

// A key and its context, as ContextStore and ContextLog write them.
std::string encode_keyed_context(std::string_view key, const Context& context) {
  std::string record;
  RecordWriter e(record);
  e.str(key);
  encode_context(e, context);
  return record;
}

}  // namespace

ContextStore::ContextStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

ContextStore::ContextStore(ContextStore&&) noexcept = default;
ContextStore& ContextStore::operator=(ContextStore&&) noexcept = default;
ContextStore::~ContextStore() = default;

void ContextStore::add(std::string_view path, const Context& context) {
  if (!file_) file_ = std::make_unique<util::SpillFile>(dir_);
  by_hash_.emplace_back(std::hash<std::string_view>()(path), file_->put(encode_keyed_context(path, context)));
  finished_ = false;
}

void ContextStore::finish() {
  // Stable: the records of a path added more than once stay in the order they were added.
  std::stable_sort(by_hash_.begin(), by_hash_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  finished_ = true;
}

std::optional<Context> ContextStore::find(std::string_view path) const {
  if (!finished_) throw std::logic_error("ContextStore::find before finish");
  const uint64_t hash = std::hash<std::string_view>()(path);
  auto it = std::lower_bound(by_hash_.begin(), by_hash_.end(), hash,
                             [](const auto& entry, uint64_t h) { return entry.first < h; });
  std::optional<Context> found;
  for (; it != by_hash_.end() && it->first == hash; ++it) {
    const std::string record = file_->get(it->second);
    RecordReader d(record);
    if (d.str() != path) continue;  // another path with the same hash
    Context c;
    decode_context(d, c);
    if (!d.done()) throw std::runtime_error("a stored context is damaged (temporary file)");
    if (found) found->merge(c);
    else found = std::move(c);
  }
  return found;
}

void ContextLog::push_back(std::string_view key, const Context& context) {
  log_.push_back(encode_keyed_context(key, context));
}

std::pair<std::string, Context> ContextLog::at(size_t i) const {
  const std::string record = log_.at(i);
  RecordReader d(record);
  std::pair<std::string, Context> out;
  out.first = d.str();
  decode_context(d, out.second);
  if (!d.done()) throw std::runtime_error("a stored context is damaged (temporary file)");
  return out;
}

ItemStore::ItemStore(std::filesystem::path dir) : dir_(std::move(dir)) {}
ItemStore::ItemStore(ItemStore&&) noexcept = default;
ItemStore& ItemStore::operator=(ItemStore&&) noexcept = default;
ItemStore::~ItemStore() = default;

void ItemStore::push_back(const Item& item) {
  if (!file_)
    file_ = std::make_unique<util::SpillFile>(dir_);
  refs_.push_back(file_->put(encode_item(item)));
}

Item ItemStore::at(size_t i) const {
  const util::SpillFile::Ref ref = refs_.at(i);  // before file_, which a store never written lacks
  return decode_item(file_->get(ref));
}

void ItemStore::for_each(const std::function<void(size_t, const Item&)>& fn) const {
  read_each([&](size_t i, Item& item) { fn(i, item); });
}

std::pair<size_t, util::SpillFile::Ref> ItemStore::run_from(size_t i) const {
  // Records of consecutive items lie one after the other (push_back and update_each append in
  // order): they are read in runs of about 4 MiB.
  constexpr uint64_t kRun = 4 << 20;
  size_t end = i + 1;
  while (end < refs_.size() && refs_[end].offset == refs_[end - 1].offset + refs_[end - 1].size &&
         refs_[end].offset + refs_[end].size - refs_[i].offset <= kRun)
    ++end;
  const uint64_t base = refs_[i].offset;
  return {end, {base, refs_[end - 1].offset + refs_[end - 1].size - base}};
}

void ItemStore::read_each(const std::function<void(size_t, Item&)>& fn,
                          const std::function<void(util::SpillFile::Ref)>& after_run) const {
  for (size_t i = 0; i < refs_.size();) {
    const auto [end, run_ref] = run_from(i);
    const std::string run = file_->get(run_ref);
    for (; i < end; ++i) {
      Item item = decode_item(std::string_view(run).substr(refs_[i].offset - run_ref.offset, refs_[i].size));
      fn(i, item);
    }
    if (after_run) after_run(run_ref);
  }
}

void ItemStore::update_each(const std::function<void(size_t, Item&)>& fn) {
  // Written anew at the end of the same file, each run of old records given back once it is
  // rewritten: the disk holds the store once plus a run, not twice.
  std::vector<util::SpillFile::Ref> refs(refs_.size());
  read_each(
      [&](size_t i, Item& item) {
        fn(i, item);
        refs[i] = file_->put(encode_item(item));
      },
      [&](util::SpillFile::Ref run) { file_->release(run); });
  refs_ = std::move(refs);
}

}  // namespace mediascan
