// A run's finished items, in the order they were added, set aside on disk (util::SpillFile) as
// they come, so that a scan's memory does not grow with the number of items: 100,000 photos,
// each with its context and a dozen findings, would hold about a gigabyte. What stays in memory
// is 16 bytes an item. The bytes and the in-memory preview (Item::bytes, thumbnail_jpeg) are
// not kept; everything else is, exactly.
//
// Thread-safety: push_back() and update_each() by one thread, with no reader running; at() and
// for_each() from any number of threads once the writes are done.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/core/item.h"
#include "scanner/util/spill_file.h"

namespace mediascan {

class ItemStore {
 public:
  // The spill file goes in `dir` (default: the system's temporary folder, $TMPDIR), made on
  // the first push_back.
  explicit ItemStore(std::filesystem::path dir = {});
  ItemStore(ItemStore&&) noexcept;
  ItemStore& operator=(ItemStore&&) noexcept;
  ~ItemStore();

  size_t size() const { return refs_.size(); }
  bool empty() const { return refs_.empty(); }

  // Throws std::runtime_error when the temporary file cannot be written.
  void push_back(const Item& item);
  // Item `i` as it was added (REQUIRES: i < size()). Throws std::runtime_error.
  Item at(size_t i) const;
  // Calls fn(index, item) on every item in order, reading the file a few megabytes at a time.
  void for_each(const std::function<void(size_t, const Item&)>& fn) const;
  // Calls fn(index, item) on every item in order and keeps what it changed. The items are
  // written anew, and the space of the old records given back as it goes (where the file
  // system can punch holes): the store needs its own size on disk plus 4 MiB, not twice its
  // size. When it throws (a full disk), the store is left unusable.
  void update_each(const std::function<void(size_t, Item&)>& fn);

 private:
  // Decodes the items a run of records at a time, calling fn on each and after_run (when set)
  // with each run once its items are done.
  void read_each(const std::function<void(size_t, Item&)>& fn,
                 const std::function<void(util::SpillFile::Ref)>& after_run = {}) const;
  // The run of records that starts at item i: where it ends (an index) and its bytes.
  std::pair<size_t, util::SpillFile::Ref> run_from(size_t i) const;

  std::filesystem::path dir_;
  std::unique_ptr<util::SpillFile> file_;
  std::vector<util::SpillFile::Ref> refs_;  // item i's record
};

// The joined sidecar context of each media path (ExportIndex::contexts), on disk like the items:
// held whole, the contexts of 50,000 photos take about 65 MB through the whole scan. What stays
// in memory is 24 bytes a path (a hash of it and where its record is).
//
// Thread-safety: add() and finish() by one thread; find() from any number of threads once
// finish() has been called.
class ContextStore {
 public:
  // An empty store, finished. The temporary file (in `dir`, default $TMPDIR) is made on the
  // first add().
  explicit ContextStore(std::filesystem::path dir = {});
  ContextStore(ContextStore&&) noexcept;
  ContextStore& operator=(ContextStore&&) noexcept;
  ~ContextStore();

  // Adds a context of `path`; until finish() find() cannot be called. A path added more than
  // once (two parts of a split export may hold the same file) is found with its contexts merged
  // in the order they were added. Throws std::runtime_error when the file cannot be written.
  void add(std::string_view path, const Context& context);
  void finish();

  size_t size() const { return by_hash_.size(); }  // contexts added
  bool empty() const { return by_hash_.empty(); }
  // The context joined to `path`, if any. Throws std::runtime_error when the file cannot be
  // read, std::logic_error before finish().
  std::optional<Context> find(std::string_view path) const;

 private:
  std::filesystem::path dir_;
  std::unique_ptr<util::SpillFile> file_;
  std::vector<std::pair<uint64_t, util::SpillFile::Ref>> by_hash_;  // sorted by hash once finished
  bool finished_ = true;
};

// Contexts under a key, set aside on disk in the order they come and read back by number: the
// first pass's Facebook and Instagram media records (SidecarIndex::meta), one for every photo in
// an album file and another for every photo in a posts file, which would otherwise be held
// until the join. What stays in memory is 16 bytes a record.
//
// Thread-safety: push_back() by one thread; at() from any number of threads once the writes are
// done.
class ContextLog {
 public:
  // The temporary file goes in `dir` (default $TMPDIR), made on the first push_back().
  explicit ContextLog(std::filesystem::path dir = {}) : log_(std::move(dir)) {}

  size_t size() const { return log_.size(); }
  bool empty() const { return log_.empty(); }
  // Throws std::runtime_error when the file cannot be written.
  void push_back(std::string_view key, const Context& context);
  // Record `i`, its key and its context. Throws std::out_of_range past the end,
  // std::runtime_error when it cannot be read.
  std::pair<std::string, Context> at(size_t i) const;

 private:
  util::SpillLog log_;
};

// The record an item is stored as, and back (exposed for the round-trip test).
std::string encode_item(const Item& item);
// Throws std::runtime_error when `record` is not one encode_item wrote.
Item decode_item(std::string_view record);

}  // namespace mediascan
