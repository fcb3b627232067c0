#include "store/Database.hpp"

#include "store/Migrations.hpp"
#include "store/detail/PostgresConnection.hpp"
#include "store/detail/Sql.hpp"
#include "store/detail/SqliteConnection.hpp"
#include "store/detail/Statement.hpp"

#include "core/Text.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

namespace peercert::store {

namespace {

constexpr int busy_timeout_ms = 30'000;

/// peercert_fold(text): core::search_fold in SQL, for the migration that fills search keys.
void fold_function(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  const auto folded =
      core::search_fold({text, static_cast<std::size_t>(sqlite3_value_bytes(argv[0]))});
  sqlite3_result_text(context, folded.data(), static_cast<int>(folded.size()), SQLITE_TRANSIENT);
}

/// peercert_ce_key(completed_on, provider, title, hours): detail::ce_same_key in SQL, for the
/// migration that fills ce_entries.same_key.
void ce_key_function(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  const auto text = [&](int i) {
    const auto* t = reinterpret_cast<const char*>(sqlite3_value_text(argv[i]));
    return t == nullptr
               ? std::string_view{}
               : std::string_view(t, static_cast<std::size_t>(sqlite3_value_bytes(argv[i])));
  };
  sqlite3_result_int64(
      context, detail::ce_same_key(text(0), text(1), text(2), sqlite3_value_int64(argv[3])));
}

void register_functions(SQLite::Database& db) {
  sqlite3_create_function_v2(db.getHandle(), "peercert_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                             nullptr, fold_function, nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db.getHandle(), "peercert_ce_key", 4,
                             SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, ce_key_function, nullptr,
                             nullptr, nullptr);
}

/// Creates `path` empty and readable by its owner only, unless it exists. Returns whether it
/// was created here.
bool create_private_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    return true;
  }
  if (errno == EEXIST) {
    return false;
  }
  throw StoreError("The database " + path.string() + " cannot be created: " + std::strerror(errno) +
                   ".");
}

std::string describe(const std::filesystem::path& path) { return "The database " + path.string(); }

/// The words for an SQLite result code that means the environment failed, or nothing.
std::optional<std::string> environment_words(int code, const std::filesystem::path& path) {
  switch (code & 0xff) {
  case SQLITE_FULL:
    return "The disk that holds the database " + path.string() +
           " is full: nothing was changed. Free some space and try again.";
  case SQLITE_READONLY:
    return describe(path) +
           " is read-only (the file, its folder or its disk): nothing was changed. Make it "
           "writable for this user and try again.";
  case SQLITE_CORRUPT:
  case SQLITE_NOTADB:
    return describe(path) +
           " is damaged: nothing was changed. Restore it from a backup (peercert backup makes "
           "one of a sound database).";
  case SQLITE_IOERR:
    return describe(path) +
           " could not be read or written (an input/output error of the disk): nothing was "
           "changed.";
  case SQLITE_CANTOPEN:
  case SQLITE_PERM: {
    // A file that exists but cannot be written (a read-only disk, say): WAL's shared-memory
    // file cannot be made beside it.
    const auto folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    if (::access(path.c_str(), F_OK) == 0 &&
        (::access(path.c_str(), W_OK) != 0 || ::access(folder.c_str(), W_OK) != 0)) {
      return environment_words(SQLITE_READONLY, path);
    }
    return describe(path) + " cannot be opened: check that it and its folder can be read and "
                            "written by this user.";
  }
  default:
    return std::nullopt;
  }
}

/// The user_version of a file written by a newer peercert is a little above this one's; far
/// above (or below zero), it is a damaged header.
constexpr int newest_plausible_gap = 50;

} // namespace

std::optional<core::EnvironmentError> environment_error(const std::exception& e,
                                                        const Location& database) {
  if (const auto* sqlite = dynamic_cast<const SQLite::Exception*>(&e)) {
    if (auto words = environment_words(sqlite->getErrorCode(), database.file())) {
      return core::EnvironmentError(*words);
    }
  }
  return std::nullopt;
}

Database::Database(std::unique_ptr<SQLite::Database> db, std::filesystem::path path)
    : db_(db.get()), location_(std::move(path)) {
  connection_ = std::make_unique<detail::SqliteConnection>(std::move(db));
}
Database::Database(std::unique_ptr<detail::Connection> server, Location where)
    : connection_(std::move(server)), location_(std::move(where)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

SQLite::Database& Database::sqlite() const {
  if (db_ == nullptr) {
    throw StoreError(describe(location_.shown()) +
                     " is a PostgreSQL server's, not an SQLite file.");
  }
  return *db_;
}

Database Database::open(const Location& where, Schema schema) {
  if (where.is_server()) {
    return open_server(where, schema);
  }
  const std::filesystem::path& path = where.file();
  std::error_code ec;
  if (path.has_parent_path() && !std::filesystem::exists(path.parent_path(), ec)) {
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
      throw StoreError("The folder of the database " + path.string() +
                       " cannot be created: " + ec.message() + ".");
    }
    std::filesystem::permissions(path.parent_path(), std::filesystem::perms::owner_all, ec);
  }
  create_private_file(path);

  std::unique_ptr<SQLite::Database> db;
  try {
    db = std::make_unique<SQLite::Database>(path.string(), SQLite::OPEN_READWRITE, busy_timeout_ms);
    // Read the header before changing anything: a foreign or newer file stays as it was.
    // One statement, so one consistent view even while another peercert migrates the file.
    SQLite::Statement header(*db, "SELECT (SELECT application_id FROM pragma_application_id), "
                                  "(SELECT user_version FROM pragma_user_version), "
                                  "(SELECT count(*) FROM sqlite_master)");
    header.executeStep();
    const auto id = header.getColumn(0).getInt();
    const auto version = header.getColumn(1).getInt();
    const auto objects = header.getColumn(2).getInt();
    header.reset();
    if (id != application_id && !(id == 0 && version == 0 && objects == 0)) {
      throw StoreError(describe(path) + " is not a peercert database.");
    }
    if (version < 0 || version > latest_schema_version() + newest_plausible_gap) {
      throw core::EnvironmentError(*environment_words(SQLITE_CORRUPT, path));
    }
    if (version > latest_schema_version()) {
      throw StoreError(describe(path) + " was written by a newer peercert (schema " +
                       std::to_string(version) + "; this one knows up to " +
                       std::to_string(latest_schema_version()) + "). Use a newer peercert.");
    }
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() == SQLITE_NOTADB) {
      throw StoreError(describe(path) + " is not a peercert database (not an SQLite file).");
    }
    if (auto words = environment_words(e.getErrorCode(), path)) {
      throw core::EnvironmentError(*words);
    }
    throw StoreError(describe(path) + " cannot be opened: " + e.what() + ".");
  }
  Database out(std::move(db), path);
  register_functions(*out.db_);
  out.db_->exec("PRAGMA foreign_keys = ON");
  out.db_->exec("PRAGMA synchronous = NORMAL");
  // Reports over a national registry read the same index and table pages again and again:
  // 64 MiB of page cache (SQLite's default is 2 MiB) keeps each read once.
  out.db_->exec("PRAGMA cache_size = -65536");
  // Switching to WAL and migrating need the whole file to themselves. When another peercert
  // is doing the same to a new file, SQLite may answer "busy" at once rather than wait, so
  // try again until the busy timeout has passed.
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
  for (int attempt = 1;; ++attempt) {
    try {
      if (out.db_->execAndGet("PRAGMA journal_mode").getString() != "wal") {
        out.db_->exec("PRAGMA journal_mode = WAL");
      }
      if (schema == Schema::migrate) {
        out.migrate();
      }
      break;
    } catch (const SQLite::Exception& e) {
      const int code = e.getErrorCode() & 0xff;
      if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) ||
          std::chrono::steady_clock::now() >= deadline) {
        if (auto words = environment_words(code, path)) {
          throw core::EnvironmentError(*words);
        }
        throw StoreError(describe(path) + " cannot be prepared: " + e.what() + ".");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(5 * attempt, 100)));
    }
  }
  return out;
}

Database Database::open_in_memory() {
  auto db = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE);
  Database out(std::move(db), ":memory:");
  register_functions(*out.db_);
  out.db_->exec("PRAGMA foreign_keys = ON");
  out.migrate();
  return out;
}

namespace {

/// The version a server's database is at: 0 before its baseline.
int server_version(const Database& db) {
  if (detail::scalar_int(db, "SELECT to_regclass('peercert_schema') IS NOT NULL") == 0) {
    return 0;
  }
  return static_cast<int>(detail::scalar_int(db, "SELECT max(version) FROM peercert_schema"));
}

/// The advisory lock a server's migration holds, so that two peercerts bringing one database
/// forward at once take turns ("PCRM").
constexpr long long migration_lock_key = 0x5043524d;

} // namespace

Database Database::open_server(const Location& where, Schema schema) {
  Database out(std::make_unique<detail::PostgresConnection>(where), where);
  // Read what the database is before changing anything: a foreign or newer one stays as it was.
  detail::Statement header(out, "SELECT (SELECT count(*) FROM pg_catalog.pg_class c JOIN "
                                "pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE "
                                "n.nspname = current_schema() AND c.relkind IN ('r', 'v')), "
                                "to_regclass('peercert_schema') IS NOT NULL");
  header.step();
  const auto objects = header.column(0).as_int64();
  const bool ours = header.column(1).as_int64() != 0;
  header.reset();
  if (!ours && objects > 0) {
    throw StoreError(describe(where.shown()) + " is not a peercert database (it holds other "
                                               "tables).");
  }
  if (ours) {
    detail::Statement mark(out, "SELECT min(application) FROM peercert_schema");
    if (!mark.step() || mark.column(0).as_string() != "PCRT") {
      throw StoreError(describe(where.shown()) + " is not a peercert database.");
    }
  }
  if (const int version = out.schema_version(); version > latest_schema_version()) {
    throw core::EnvironmentError(
        describe(where.shown()) + " was written by a newer peercert (schema " +
        std::to_string(version) + "; this one knows up to " +
        std::to_string(latest_schema_version()) + "). Use a newer peercert.");
  }
  if (schema == Schema::migrate) {
    out.migrate();
  }
  return out;
}

std::vector<Migration> Database::migrate_server() {
  std::vector<Migration> applied;
  for (const auto& m : postgresql_migrations()) {
    if (schema_version() >= m.version) {
      continue;
    }
    Transaction tx(*this);
    detail::exec(*this, "SELECT pg_advisory_xact_lock(" + std::to_string(migration_lock_key) + ")");
    // Another process may have migrated while this one waited for the lock.
    if (schema_version() >= m.version) {
      continue;
    }
    connection_->run_script(std::string(m.sql));
    detail::exec(*this, "UPDATE peercert_schema SET version = " + std::to_string(m.version));
    tx.commit();
    applied.push_back(m);
  }
  return applied;
}

int Database::schema_version() const {
  if (is_server()) {
    return server_version(*this);
  }
  return db_->execAndGet("PRAGMA user_version").getInt();
}

int Database::latest_schema_version() {
  const auto all = migrations();
  return all.empty() ? 0 : all.back().version;
}

std::vector<Migration> Database::pending_migrations() const {
  const int version = schema_version();
  std::vector<Migration> out;
  for (const auto& m : is_server() ? postgresql_migrations() : migrations()) {
    if (m.version > version) {
      out.push_back(m);
    }
  }
  return out;
}

std::vector<Migration> Database::migrate() {
  if (is_server()) {
    return migrate_server();
  }
  std::vector<Migration> applied;
  for (const auto& m : migrations()) {
    if (schema_version() >= m.version) {
      continue;
    }
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    // Another process may have migrated while this one waited for the lock.
    if (schema_version() >= m.version) {
      continue;
    }
    db_->exec(std::string(m.sql));
    db_->exec("PRAGMA application_id = " + std::to_string(application_id));
    db_->exec("PRAGMA user_version = " + std::to_string(m.version));
    tx.commit();
    applied.push_back(m);
  }
  return applied;
}

bool Database::intact() const {
  if (is_server()) {
    return true;
  }
  SQLite::Statement check(*db_, "PRAGMA quick_check");
  return check.executeStep() && check.getColumn(0).getString() == "ok";
}

std::optional<bool> Database::fully_intact(const std::atomic<bool>* stop) const {
  if (is_server()) {
    return true;
  }
  if (stop != nullptr && stop->load()) {
    return std::nullopt;
  }
  // SQLite asks every 10,000 steps whether to go on: a stop set meanwhile ends the check.
  const auto go_on = [](void* flag) {
    return static_cast<const std::atomic<bool>*>(flag)->load() ? 1 : 0;
  };
  if (stop != nullptr) {
    sqlite3_progress_handler(db_->getHandle(), 10'000, go_on, const_cast<std::atomic<bool>*>(stop));
  }
  struct Unset {
    SQLite::Database& db;
    bool set;
    ~Unset() {
      if (set) {
        sqlite3_progress_handler(db.getHandle(), 0, nullptr, nullptr);
      }
    }
  } unset{*db_, stop != nullptr};
  try {
    SQLite::Statement check(*db_, "PRAGMA integrity_check");
    return check.executeStep() && check.getColumn(0).getString() == "ok";
  } catch (const SQLite::Exception& e) {
    const int code = e.getErrorCode() & 0xff;
    if (code == SQLITE_INTERRUPT && stop != nullptr && stop->load()) {
      return std::nullopt;
    }
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
      return false;
    }
    throw;
  }
}

std::uintmax_t Database::file_size() const {
  std::error_code ec;
  if (is_server()) {
    return 0;
  }
  const auto size = std::filesystem::file_size(location_.file(), ec);
  return ec ? 0 : size;
}

void Database::require_intact() const {
  bool ok = false;
  try {
    ok = intact();
  } catch (const SQLite::Exception&) {
    ok = false;
  }
  if (!ok) {
    throw core::EnvironmentError(*environment_words(SQLITE_CORRUPT, location_.file()));
  }
}

void Database::backup_to(const std::filesystem::path& target) const {
  if (is_server()) {
    throw StoreError("peercert backup copies an SQLite file; " + location_.shown() +
                     " is a PostgreSQL server's database: copy it with peercert db copy --to "
                     "FILE, or back it up with the server's own tools (pg_dump, or its "
                     "write-ahead log for point-in-time recovery).");
  }
  std::error_code ec;
  if (std::filesystem::exists(target, ec) || std::filesystem::is_symlink(target, ec)) {
    throw StoreError("The backup file " + target.string() +
                     " already exists; peercert does not overwrite it.");
  }
  require_intact();
  // Made under a name of its own beside the target, checked, then given the target's name:
  // a backup killed halfway leaves only this hidden file, never one named as asked.
  const auto folder = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  const auto partial =
      folder / ("." + target.filename().string() + ".partial-" + std::to_string(::getpid()));
  std::filesystem::remove(partial, ec);
  create_private_file(partial);
  const auto give_up = [&](const std::string& why) {
    std::filesystem::remove(partial, ec);
    throw StoreError("The backup to " + target.string() + " failed: " + why);
  };
  try {
    SQLite::Database copy(partial.string(), SQLite::OPEN_READWRITE);
    SQLite::Backup backup(copy, *db_);
    backup.executeStep();
    copy.exec("PRAGMA journal_mode = DELETE");
    SQLite::Statement check(copy, "PRAGMA quick_check");
    if (!check.executeStep() || check.getColumn(0).getString() != "ok") {
      give_up("the copy does not check out.");
    }
  } catch (const SQLite::Exception& e) {
    if (auto words = environment_words(e.getErrorCode(), target)) {
      std::filesystem::remove(partial, ec);
      throw core::EnvironmentError(*words);
    }
    give_up(std::string(e.what()) + ".");
  }
  const int fd = ::open(partial.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) {
      ::close(fd);
    }
    give_up(std::string(std::strerror(errno)) + ".");
  }
  ::close(fd);
  // link() gives the copy its name only if no file has it: it never replaces one.
  if (::link(partial.c_str(), target.c_str()) != 0) {
    const int error = errno;
    std::filesystem::remove(partial, ec);
    if (error == EEXIST) {
      throw StoreError("The backup file " + target.string() +
                       " already exists; peercert does not overwrite it.");
    }
    throw StoreError("The backup to " + target.string() + " failed: " + std::strerror(error) + ".");
  }
  std::filesystem::remove(partial, ec);
  const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

void Database::overwrite_deleted() const {
  if (!is_server()) {
    db_->exec("PRAGMA secure_delete = ON");
  }
}

void Database::flush_erased() const {
  if (is_server()) {
    // The rows' old versions stay in the table's pages until vacuumed.
    connection_->run_script("VACUUM applicants, cohort_members, audit_values");
    return;
  }
  db_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

Transaction::Transaction(const Database& db) : connection_(&db.connection()) {
  connection_->begin_write();
}

Transaction::~Transaction() {
  if (open_) {
    connection_->rollback();
  }
}

void Transaction::commit() {
  connection_->commit();
  open_ = false;
}

ReadTransaction::ReadTransaction(const Database& db) {
  if (!db.connection().in_transaction()) {
    db.connection().begin_read();
    db_ = &db;
  }
}

ReadTransaction::~ReadTransaction() {
  if (db_ != nullptr && db_->connection().in_transaction()) {
    // Only reads happened: ending it cannot lose anything.
    try {
      db_->connection().commit();
    } catch (const std::exception&) {
      db_->connection().rollback();
    }
  }
}

} // namespace peercert::store
