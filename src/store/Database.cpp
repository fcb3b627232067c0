#include "store/Database.hpp"

#include "store/Migrations.hpp"

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

} // namespace

Database::Database(std::unique_ptr<SQLite::Database> db) : db_(std::move(db)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

Database Database::open(const std::filesystem::path& path) {
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
    if (version > latest_schema_version()) {
      throw StoreError(describe(path) + " was written by a newer peercert (schema " +
                       std::to_string(version) + "; this one knows up to " +
                       std::to_string(latest_schema_version()) + "). Use a newer peercert.");
    }
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() == SQLITE_NOTADB) {
      throw StoreError(describe(path) + " is not a peercert database (not an SQLite file).");
    }
    throw StoreError(describe(path) + " cannot be opened: " + e.what() + ".");
  }
  Database out(std::move(db));
  out.db_->exec("PRAGMA foreign_keys = ON");
  out.db_->exec("PRAGMA synchronous = NORMAL");
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
      out.migrate();
      break;
    } catch (const SQLite::Exception& e) {
      const int code = e.getErrorCode() & 0xff;
      if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) ||
          std::chrono::steady_clock::now() >= deadline) {
        throw StoreError(describe(path) + " cannot be prepared: " + e.what() + ".");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(5 * attempt, 100)));
    }
  }
  return out;
}

Database Database::open_in_memory() {
  auto db = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE);
  Database out(std::move(db));
  out.db_->exec("PRAGMA foreign_keys = ON");
  out.migrate();
  return out;
}

int Database::schema_version() const { return db_->execAndGet("PRAGMA user_version").getInt(); }

int Database::latest_schema_version() {
  const auto all = migrations();
  return all.empty() ? 0 : all.back().version;
}

void Database::migrate() {
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
  }
}

void Database::backup_to(const std::filesystem::path& target) const {
  if (!create_private_file(target)) {
    throw StoreError("The backup file " + target.string() +
                     " already exists; peercert does not overwrite it.");
  }
  try {
    SQLite::Database copy(target.string(), SQLite::OPEN_READWRITE);
    SQLite::Backup backup(copy, *db_);
    backup.executeStep();
  } catch (const SQLite::Exception& e) {
    std::error_code ec;
    std::filesystem::remove(target, ec);
    throw StoreError("The backup to " + target.string() + " failed: " + e.what() + ".");
  }
}

Transaction::Transaction(const Database& db)
    : tx_(std::make_unique<SQLite::Transaction>(db.sqlite(),
                                                SQLite::TransactionBehavior::IMMEDIATE)) {}
Transaction::~Transaction() = default;
void Transaction::commit() { tx_->commit(); }

} // namespace peercert::store
