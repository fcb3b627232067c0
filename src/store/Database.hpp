#pragma once

#include "core/Error.hpp"
#include "store/Migrations.hpp"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

namespace SQLite {
class Database;
class Transaction;
} // namespace SQLite

namespace peercert::store {

/// The database is missing, foreign, newer than this peercert, or failed.
class StoreError : public core::Error {
public:
  using core::Error::Error;
};

/// What SQLite reported as a failure of the environment, in plain words, with the database's
/// path: a full disk, a read-only or damaged file, an input/output error. Nothing for other
/// exceptions.
std::optional<core::EnvironmentError> environment_error(const std::exception& e,
                                                        const std::filesystem::path& database);

/// `PRAGMA application_id` of every peercert database: "PCRT".
inline constexpr std::int32_t application_id = 0x50435254;

/// One connection to a peercert SQLite database. Opening checks that the file is a peercert
/// database no newer than this program before changing anything, then applies the embedded
/// migrations, each in its own transaction. Foreign keys are on, the journal is WAL and a
/// writer waits up to 30 s for another to finish, so staff writing at once all succeed.
class Database {
public:
  /// Whether opening brings the schema forward (always, but for `db migrate --dry-run`).
  enum class Schema : std::uint8_t { migrate, as_it_is };
  /// Opens `path`, creating it (readable by its owner only) and its folder if need be.
  static Database open(const std::filesystem::path& path, Schema schema = Schema::migrate);
  /// A fresh database in memory, for tests.
  static Database open_in_memory();

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  /// The schema version of the database (PRAGMA user_version).
  int schema_version() const;
  /// The newest schema this program knows.
  static int latest_schema_version();
  /// The migrations this database has not had yet, oldest first.
  std::vector<Migration> pending_migrations() const;
  /// Applies every pending migration, each in its own transaction, and returns them; another
  /// process bringing the file forward at the same time is waited for, never repeated.
  std::vector<Migration> migrate();

  /// Copies the database, consistently even while others write, to a new file `target`
  /// readable by its owner only. Refuses to overwrite a file, and to copy a damaged database.
  /// The copy is made under a temporary name and takes `target` only once it is whole and
  /// checked: a backup cut short leaves no file that looks like one.
  void backup_to(const std::filesystem::path& target) const;

  /// PRAGMA quick_check: whether the file's pages and indexes hold together. About 0.6 s at
  /// 100,000 credentials, so it runs where damage must not spread (serving, backing up).
  bool intact() const;
  /// Throws core::EnvironmentError, naming the file, unless intact().
  void require_intact() const;
  /// PRAGMA integrity_check: quick_check's checks and every index's rows against its table.
  /// Slower, so `serve` runs it in the background. Once `stop` (when given) is set, the check
  /// ends early and returns nothing; a corrupt file is false; other failures are thrown.
  std::optional<bool> fully_intact(const std::atomic<bool>* stop = nullptr) const;
  /// The size of the file in bytes, without its write-ahead log.
  std::uintmax_t file_size() const;

  /// For the store's repositories only.
  SQLite::Database& sqlite() const { return *db_; }

private:
  Database(std::unique_ptr<SQLite::Database> db, std::filesystem::path path);
  std::unique_ptr<SQLite::Database> db_;
  std::filesystem::path path_;
};

/// A write transaction (BEGIN IMMEDIATE): nothing is kept unless commit() is called; the
/// destructor rolls back.
class Transaction {
public:
  explicit Transaction(const Database& db);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

private:
  std::unique_ptr<SQLite::Transaction> tx_;
};

/// A read transaction for a report: every query inside it reads the same snapshot, and the
/// file's read lock is taken once rather than once a statement. Inside a write transaction it
/// does nothing.
class ReadTransaction {
public:
  explicit ReadTransaction(const Database& db);
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;
  ~ReadTransaction();

private:
  const Database* db_ = nullptr; ///< set when this began the transaction
};

/// Runs `work` in one write transaction and commits it; an exception rolls everything back.
template <class Work> auto in_transaction(const Database& db, Work&& work) {
  Transaction tx(db);
  if constexpr (std::is_void_v<decltype(work())>) {
    work();
    tx.commit();
  } else {
    auto result = work();
    tx.commit();
    return result;
  }
}

} // namespace peercert::store
