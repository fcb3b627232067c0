#pragma once

#include "core/Error.hpp"
#include "store/Location.hpp"
#include "store/Migrations.hpp"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

namespace SQLite {
class Database;
} // namespace SQLite

namespace peercert::store {

namespace detail {
class Connection;
}

/// The database is missing, foreign, newer than this peercert, or failed.
class StoreError : public core::Error {
public:
  using core::Error::Error;
};

/// What SQLite reported as a failure of the environment, in plain words, with the database's
/// path: a full disk, a read-only or damaged file, an input/output error. Nothing for other
/// exceptions (PostgreSQL's are thrown as core::EnvironmentError already).
std::optional<core::EnvironmentError> environment_error(const std::exception& e,
                                                        const Location& database);

/// `PRAGMA application_id` of every peercert database: "PCRT".
inline constexpr std::int32_t application_id = 0x50435254;

/// One connection to a peercert database: an SQLite file or a PostgreSQL server. Opening
/// checks that it is a peercert database no newer than this program before changing
/// anything, then applies the embedded migrations, each in its own transaction. On SQLite,
/// foreign keys are on, the journal is WAL and a writer waits up to 30 s for another to
/// finish, so staff writing at once all succeed; on PostgreSQL writers take turns through an
/// advisory lock, to the same effect.
class Database {
public:
  /// Whether opening brings the schema forward (always, but for `db migrate --dry-run`).
  enum class Schema : std::uint8_t { migrate, as_it_is };
  /// Opens the database at `where`: a file is created (readable by its owner only) with its
  /// folder if need be; a server's database must exist (an empty one is made a peercert
  /// database).
  static Database open(const Location& where, Schema schema = Schema::migrate);
  /// A fresh database in memory, for tests.
  static Database open_in_memory();

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  /// Where the database is.
  const Location& location() const { return location_; }
  /// Whether it is a PostgreSQL server's rather than an SQLite file.
  bool is_server() const { return location_.is_server(); }

  /// The schema version of the database (PRAGMA user_version; peercert_schema on a server).
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
  /// checked: a backup cut short leaves no file that looks like one. A server's database is
  /// refused (bad input): `db copy` and the server's own tools back it up.
  void backup_to(const std::filesystem::path& target) const;

  /// PRAGMA quick_check: whether the file's pages and indexes hold together. About 0.6 s at
  /// 100,000 credentials, so it runs where damage must not spread (serving, backing up).
  /// A server's database is the server's to check: true.
  bool intact() const;
  /// Throws core::EnvironmentError, naming the file, unless intact().
  void require_intact() const;
  /// PRAGMA integrity_check: quick_check's checks and every index's rows against its table.
  /// Slower, so `serve` runs it in the background. Once `stop` (when given) is set, the check
  /// ends early and returns nothing; a corrupt file is false; other failures are thrown.
  std::optional<bool> fully_intact(const std::atomic<bool>* stop = nullptr) const;
  /// The size of the file in bytes, without its write-ahead log (0 on a server).
  std::uintmax_t file_size() const;

  /// From now on, what this connection deletes or overwrites is overwritten in the file too,
  /// not only unlinked from it (personal data being erased).
  void overwrite_deleted() const;
  /// Moves what was erased out of the write-ahead log into the file, where overwrite_deleted
  /// zeroed it; a reader still open may delay this, never undo it.
  void flush_erased() const;

  /// For the store's repositories only: where their statements run.
  const detail::Connection& connection() const { return *connection_; }
  /// For the store's SQLite-only work (checks, backups) and SQLite's own tests only.
  SQLite::Database& sqlite() const;

private:
  Database(std::unique_ptr<SQLite::Database> db, std::filesystem::path path);
  Database(std::unique_ptr<detail::Connection> server, Location where);
  static Database open_server(const Location& where, Schema schema);
  std::vector<Migration> migrate_server();
  std::unique_ptr<detail::Connection> connection_;
  SQLite::Database* db_ = nullptr; ///< owned by connection_; null on a server
  Location location_;
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
  const detail::Connection* connection_;
  bool open_ = true;
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
