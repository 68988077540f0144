#include "scanner/batch/journal.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <stdexcept>
#include <vector>

namespace mediascan::batch {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS exports(
  name TEXT PRIMARY KEY,
  stat TEXT NOT NULL,
  content TEXT NOT NULL,
  config TEXT NOT NULL,
  state TEXT NOT NULL,
  message TEXT NOT NULL DEFAULT '',
  crashes INTEGER NOT NULL DEFAULT 0,
  started TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  finished TEXT);
CREATE TABLE IF NOT EXISTS items(
  export TEXT NOT NULL,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0,
  message TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(export, path));
)sql";

// One prepared statement, its parameters bound in order, finalised on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("journal: ") + sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  template <typename... Args>
  Statement& bind(const Args&... args) {
    int i = 0;
    (bind_one(++i, args), ...);
    return *this;
  }
  bool step() {  // true while a row is there
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) throw std::runtime_error(std::string("journal: ") + sqlite3_errmsg(db_));
    return false;
  }
  // Steps to the end; the first row's first column (RETURNING), or `otherwise` when none.
  int returned_int(int otherwise) {
    const int n = step() ? integer(0) : otherwise;
    while (step()) {
    }
    return n;
  }
  std::string text(int column) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return p ? std::string(p, size_t(sqlite3_column_bytes(stmt_, column))) : std::string();
  }
  int integer(int column) { return sqlite3_column_int(stmt_, column); }

 private:
  void bind_one(int i, const std::string& s) { sqlite3_bind_text(stmt_, i, s.data(), int(s.size()), SQLITE_TRANSIENT); }
  void bind_one(int i, int v) { sqlite3_bind_int(stmt_, i, v); }

  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

Journal::Journal(const std::filesystem::path& file) {
  if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error("cannot open the journal " + file.string() + ": " + why);
  }
  sqlite3_busy_timeout(db_, 10000);
  ::chmod(file.c_str(), 0600);  // it names the files of private exports
  try {
    // WAL: a kill at any point leaves the last committed state; NORMAL: no fsync per item.
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    exec(kSchema);
  } catch (const std::exception& e) {
    sqlite3_close(db_);
    throw std::runtime_error("journal " + file.string() + ": " + e.what());
  }
}

Journal::~Journal() {
  try {
    flush();
  } catch (...) {
  }
  sqlite3_close(db_);
}

void Journal::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string why = error ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error("journal: " + why);
  }
}

void Journal::begin_batch() {
  if (in_batch_) return;
  exec("BEGIN");
  in_batch_ = true;
  batch_started_ = std::chrono::steady_clock::now();
}

void Journal::flush() {
  if (!in_batch_) return;
  in_batch_ = false;
  exec("COMMIT");
}

std::optional<Journal::ExportRecord> Journal::find_export(const std::string& name) {
  Statement s(db_, "SELECT stat, content, config, state, message, crashes FROM exports WHERE name = ?");
  s.bind(name);
  if (!s.step()) return std::nullopt;
  return ExportRecord{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.integer(5)};
}

void Journal::begin_export(const std::string& name, const std::string& stat, const std::string& content,
                           const std::string& config) {
  flush();
  exec("BEGIN");
  try {
    // Crashes and poison were learnt from these bytes under this configuration (another entry
    // timeout or memory limit may well let the entry through).
    Statement forget(db_, "DELETE FROM items WHERE export = ?1 AND NOT EXISTS "
                          "(SELECT 1 FROM exports WHERE name = ?1 AND content = ?2 AND config = ?3)");
    forget.bind(name, content, config).step();
    Statement crashes(db_, "UPDATE exports SET crashes = 0 WHERE name = ?1 AND (content != ?2 OR config != ?3)");
    crashes.bind(name, content, config).step();
    Statement s(db_, "INSERT INTO exports(name, stat, content, config, state) VALUES(?1, ?2, ?3, ?4, 'running') "
                     "ON CONFLICT(name) DO UPDATE SET stat = ?2, content = ?3, config = ?4, state = 'running', "
                     "message = '', started = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), finished = NULL");
    s.bind(name, stat, content, config).step();
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void Journal::end_export(const std::string& name, const std::string& state, const std::string& message) {
  flush();
  Statement s(db_, "UPDATE exports SET state = ?2, message = ?3, finished = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
                   "crashes = CASE WHEN ?2 = 'done' THEN 0 ELSE crashes END WHERE name = ?1");
  s.bind(name, state, message).step();
}

void Journal::update_stat(const std::string& name, const std::string& stat) {
  flush();
  Statement s(db_, "UPDATE exports SET stat = ?2 WHERE name = ?1");
  s.bind(name, stat).step();
}

int Journal::add_export_crash(const std::string& name) {
  flush();
  Statement s(db_, "UPDATE exports SET crashes = crashes + 1 WHERE name = ?1 RETURNING crashes");
  return s.bind(name).returned_int(1);
}

void Journal::item_done(const std::string& export_name, const std::string& path, const std::string& sha256) {
  begin_batch();
  Statement s(db_, "INSERT INTO items(export, path, sha256, state) VALUES(?1, ?2, ?3, 'done') "
                   "ON CONFLICT(export, path) DO UPDATE SET sha256 = CASE WHEN ?3 = '' THEN sha256 ELSE ?3 END, "
                   "state = 'done', failures = 0");
  s.bind(export_name, path, sha256).step();
  if (std::chrono::steady_clock::now() - batch_started_ > std::chrono::seconds(1)) flush();
}

int Journal::item_failed(const std::string& export_name, const std::string& path, const std::string& message) {
  flush();
  Statement s(db_, "INSERT INTO items(export, path, state, failures, message) VALUES(?1, ?2, 'suspect', 1, ?3) "
                   "ON CONFLICT(export, path) DO UPDATE SET state = 'suspect', failures = failures + 1, message = ?3 "
                   "RETURNING failures");
  return s.bind(export_name, path, message).returned_int(1);
}

void Journal::mark_poison(const std::string& export_name, const std::string& path, const std::string& message) {
  flush();
  Statement s(db_, "INSERT INTO items(export, path, state, message) VALUES(?1, ?2, 'poison', ?3) "
                   "ON CONFLICT(export, path) DO UPDATE SET state = 'poison', message = ?3");
  s.bind(export_name, path, message).step();
}

bool Journal::suspected(const std::string& export_name) {
  flush();
  Statement items(db_, "SELECT 1 FROM items WHERE export = ? AND state = 'suspect' LIMIT 1");
  if (items.bind(export_name).step()) return true;
  Statement crashes(db_, "SELECT crashes FROM exports WHERE name = ?");
  return crashes.bind(export_name).step() && crashes.integer(0) > 0;
}

std::map<std::string, std::string> Journal::poison(const std::string& export_name) {
  flush();
  Statement s(db_, "SELECT path, message FROM items WHERE export = ? AND state = 'poison'");
  s.bind(export_name);
  std::map<std::string, std::string> out;
  while (s.step()) out.emplace(s.text(0), s.text(1));
  return out;
}

}  // namespace mediascan::batch
